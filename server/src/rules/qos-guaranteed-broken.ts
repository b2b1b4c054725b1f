// App containers that are all set up for the Guaranteed QoS class (CPU and memory limits equal to requests), and an
// init container or native sidecar that is not: the QoS class covers every container, so the pod is only Burstable.
import type { Fix, Rule, RuleContext } from '../engine/rule';
import { containerAnchor, containerLabel } from '../k8s/model';
import { ContainerQos, podLevelResources, podQos, QosGap, resourcesAnchor } from '../k8s/qos';
import { editableMap } from '../k8s/rollout';
import type { ResourceName } from '../k8s/resources';
import { insertBlock, ownField } from '../yaml/edits';
import { setField } from '../k8s/rollout';

/** How each gap reads, per resource (Chinese puts spaces around Latin words, not around 内存). */
const GAP_WORDS: Record<ResourceName, Record<QosGap['kind'], { readonly en: string; readonly 'zh-cn': string }>> = {
  cpu: {
    noLimit: { en: 'sets no CPU limit', 'zh-cn': '没有设置 CPU 限制' },
    differs: { en: 'has a CPU limit that differs from its request', 'zh-cn': '的 CPU 限制与请求不相等' },
  },
  memory: {
    noLimit: { en: 'sets no memory limit', 'zh-cn': '没有设置内存限制' },
    differs: { en: 'has a memory limit that differs from its request', 'zh-cn': '的内存限制与请求不相等' },
  },
};

export const rule: Rule = {
  meta: {
    id: 'qos-guaranteed-broken',
    severity: 'warning',
    fixable: true,
    docs: {
      summary:
        'Every app container sets CPU and memory limits equal to its requests (the Guaranteed QoS class), but an init container or native sidecar does not, so the pod is Burstable.',
      why:
        'Kubernetes gives a pod the Guaranteed QoS class only when every container, init containers and sidecars included, sets CPU and ' +
        'memory limits equal to its requests. One init container without resources (a migration job, an istio-init, a wait-for script) is ' +
        'enough to make the whole pod Burstable. The pod then loses what Guaranteed was chosen for: exclusive CPUs under the static CPU ' +
        'manager policy, and the lowest OOM score, so under memory pressure the kubelet evicts it before Guaranteed pods and the kernel ' +
        'kills it sooner. (A LimitRange with default limits in the namespace may fill the gap at admission; this rule cannot see one.)',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: trading
spec:
  selector:
    matchLabels: {app: trading}
  template:
    metadata:
      labels: {app: trading}
    spec:
      initContainers:
        - name: migrate
          image: example/migrate:1.0
          resources:
            requests: {cpu: 500m, memory: 256Mi}
      containers:
        - name: trading
          image: example/trading:1.0
          resources:
            requests: {cpu: "2", memory: 4Gi}
            limits: {cpu: "2", memory: 4Gi}
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: trading
spec:
  selector:
    matchLabels: {app: trading}
  template:
    metadata:
      labels: {app: trading}
    spec:
      initContainers:
        - name: migrate
          image: example/migrate:1.0
          resources:
            requests: {cpu: 500m, memory: 256Mi}
            limits: {cpu: 500m, memory: 256Mi}
      containers:
        - name: trading
          image: example/trading:1.0
          resources:
            requests: {cpu: "2", memory: 4Gi}
            limits: {cpu: "2", memory: 4Gi}
`,
      level:
        'A warning: every app container asks for Guaranteed, so losing it is almost surely unintended, and it changes CPU pinning and eviction order; the pod still runs.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#guaranteed',
      sources: [
        'kubernetes/kubernetes pkg/apis/core/helper/qos/qos.go ComputePodQOS: requests and limits are summed over `pod.Spec.Containers` and `pod.Spec.InitContainers` (ephemeral containers cannot set resources); a container without both a CPU and a memory limit makes the pod not Guaranteed; Guaranteed needs every summed request equal to its limit. When pod-level `spec.resources` sets CPU or memory (PodLevelResources, beta and on from 1.34), it alone decides.',
        'kubernetes.io tasks/configure-pod-container/quality-service-pod: "Every Container in the Pod must have a memory limit and a memory request … For every Container in the Pod, the CPU limit must equal the CPU request. These restrictions apply to init containers and app containers equally." concepts/workloads/pods/pod-qos: Guaranteed pods are the last to be evicted under node pressure.',
        'kubernetes.io tasks/administer-cluster/cpu-management-policies: the static policy gives exclusive CPUs only to containers of Guaranteed pods with integer CPU requests. A missing request defaults to the limit (pkg/apis/core/v1/defaults.go). See docs/research/k8s-facts.md section 16.',
      ],
      fixSafety:
        'Setting the limits to the requests caps the container where it was not capped before: it can be throttled or OOM-killed if it needs more. ' +
        'A plain init container without resources is given those of the first app container, which never raises what the pod reserves (init ' +
        'containers run before the app) but may be more or less than it needs. Review the numbers; the fixes are not applied by fix-all.',
    },
    messages: {
      burstable:
        'the pod is Burstable, not Guaranteed. Every app container sets CPU and memory limits equal to its requests, but {role} "{container}" {gaps}, so the pod loses exclusive CPUs and is evicted sooner under memory pressure.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec || podLevelResources(spec, ctx.version)) return;
    const qos = podQos(spec, ctx.version);
    if (!qos || qos.qos !== 'Burstable') return;
    const apps = qos.containers.filter((q) => q.container.role === 'app');
    if (apps.length === 0 || apps.some((q) => q.gaps.length > 0)) return;
    for (const q of qos.containers) {
      const c = q.container;
      if (c.role !== 'init' || q.gaps.length === 0) continue;
      // A patch or a template may well add the resources.
      if (q.empty && obj.incomplete) continue;
      // The Chinese template reads "但{role}": a Latin word after 但 needs its space.
      const role = ctx.say(c.isSidecar ? { en: 'sidecar', 'zh-cn': '边车容器' } : { en: 'init container', 'zh-cn': ' Init 容器' });
      ctx.report({
        at: resourcesAnchor(c) ?? containerAnchor(c),
        messageId: 'burstable',
        data: { role, container: containerLabel(c), gaps: describeGaps(q.gaps, q, ctx) },
        fixes: fixFor(q, apps, ctx),
      });
    }
  },
};

function describeGaps(gaps: readonly QosGap[], q: ContainerQos, ctx: RuleContext): string {
  if (q.empty) return ctx.say({ en: 'sets no CPU or memory resources', 'zh-cn': '没有设置任何 CPU 或内存资源' });
  const parts = gaps.map((g) => ctx.say(GAP_WORDS[g.resource][g.kind]));
  return parts.join(ctx.say({ en: ' and ', 'zh-cn': '，且' }));
}

/**
 * Sets the limits equal to the requests, where every missing or different limit has a request to copy. A plain init
 * container with no resources gets those of the first app container: it runs before the app containers, so that never
 * raises what the scheduler reserves for the pod.
 */
function fixFor(q: ContainerQos, apps: readonly ContainerQos[], ctx: RuleContext): Fix[] {
  if (q.empty) return addBoth(q, apps[0], ctx);
  const { view } = q.container.spec.owner;
  const resourcesField = ownField(view, q.container.map, 'resources');
  const resources = editableMap(view, resourcesField);
  if (!resources) return [];
  const wanted = q.gaps.map((g) => ({ resource: g.resource, text: q.requestText[g.resource] }));
  if (wanted.some((w) => w.text === undefined)) return [];
  const limitsField = view.field(resources, 'limits');
  let changes;
  if (!limitsField) {
    // Both limits are missing (a present one would equal its request, or be in `wanted`): add them as a block.
    const lines = (['cpu', 'memory'] as const).map((r) => `${r}: ${q.requestText[r]}`);
    if (lines.some((l) => l.endsWith('undefined'))) return [];
    changes = insertBlock(view, resources, 'limits', lines, ctx.eol, view.field(resources, 'requests'));
  } else {
    const limits = editableMap(view, limitsField);
    if (!limits) return [];
    changes = [];
    for (const w of wanted) {
      const c = setField(view, limits, w.resource, w.text as string, ctx.eol);
      if (!c) return [];
      changes.push(...c);
    }
  }
  if (changes.length === 0) return [];
  const title = ctx.say({
    en: `Set the limits of "${containerLabel(q.container)}" equal to its requests`,
    'zh-cn': `将 "${containerLabel(q.container)}" 的限制设为与请求相等`,
  });
  return [{ title, changes, isPreferred: true }];
}

/** Adds requests and limits equal to an app container's to a plain init container that sets none. */
function addBoth(q: ContainerQos, app: ContainerQos | undefined, ctx: RuleContext): Fix[] {
  const c = q.container;
  // A sidecar runs beside the app: its resources add to what the pod reserves, so they are the user's call.
  if (c.isSidecar || !app) return [];
  const { view } = c.spec.owner;
  // Only where no `resources` key is written (an empty one would need its own edit) and the container map is its own.
  if (view.field(c.map, 'resources') || (c.map as { anchor?: string }).anchor) return [];
  const cpu = app.requestText.cpu;
  const memory = app.requestText.memory;
  if (cpu === undefined || memory === undefined) return [];
  const values = `{cpu: ${cpu}, memory: ${memory}}`;
  const changes = insertBlock(view, c.map, 'resources', [`requests: ${values}`, `limits: ${values}`], ctx.eol);
  if (changes.length === 0) return [];
  const app1 = containerLabel(app.container);
  const title = ctx.say({
    en: `Give "${containerLabel(c)}" the requests and limits of "${app1}"`,
    'zh-cn': `为 "${containerLabel(c)}" 设置与 "${app1}" 相同的请求和限制`,
  });
  return [{ title, changes, isPreferred: true }];
}
