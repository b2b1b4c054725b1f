// A Service whose named targetPort is declared by no container of the pods it selects: that port gets no endpoints.
import type { Rule } from '../engine/rule';
import { objectLabel } from '../k8s/facts';
import { isBuiltin } from '../k8s/model';
import { didYouMean } from '../k8s/schema';
import { replaceScalar } from '../yaml/edits';

export const rule: Rule = {
  meta: {
    id: 'service-port-mismatch',
    severity: 'warning',
    fixable: true,
    scope: 'workspace',
    reads: ['workloads'],
    docs: {
      summary: "A Service's named `targetPort` is declared by no container of the workloads its selector matches in the workspace.",
      why:
        "A named targetPort is looked up in each selected pod's container ports when the endpoints are built. A pod that declares no " +
        'port of that name is left out of the endpoints for that Service port, so when no pod declares it the port has no endpoints at ' +
        'all: connections to it are refused or time out, while `kubectl get pods` shows everything running and ready. It happens after ' +
        'a port is renamed in the Deployment but not in the Service, or the other way round. Numeric targetPorts are not checked: they ' +
        'need no declaration.',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
          ports:
            - {name: http, containerPort: 8080}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: web-http
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
          ports:
            - {name: http, containerPort: 8080}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: http
`,
      appliesTo: 'Services; the workloads they select may be any kind with a pod template, CRD workloads included.',
      level:
        'A warning, not an error: the API accepts the Service and connections to that port fail, but the pods may come from a workload outside the workspace.',
      url: 'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports',
      sources: [
        'kubernetes.io concepts/services-networking/service: "Port definitions in Pods have names, and you can reference these names in the targetPort attribute of a Service."',
        'kubernetes/kubernetes pkg/api/v1/pod/util.go FindPort: a named port is resolved against the pod\'s containers\' ports by name and protocol; pkg/controller/endpointslice (and endpoint) skip a pod whose port cannot be found for that Service port ("Failed to find port for service").',
        'The OpenAPI ServicePort.targetPort description: "If this is a string, it will be looked up as a named port in the target Pod\'s container ports." See docs/research/k8s-facts.md section 22.',
      ],
      fixSafety:
        'Offered only when a declared port name is a close spelling of the one written; never applied by fix-all, because which side is wrong is a choice.',
    },
    messages: {
      unknown:
        'target port "{port}" ({protocol}) is not declared by any selected container. No container of {targets} declares it: this Service port gets no endpoints, so connections to it fail. Declared: {declared}.',
    },
  },
  check(obj, ctx) {
    if (!isBuiltin(obj, 'Service')) return;
    const related = ctx.workspace.selectedBy(obj);
    if (related === 'unknown' || related.length === 0) return;
    // Only when every matching workload is known to match: a templated one may declare anything.
    if (related.some((r) => r.selects !== true)) return;
    const { view } = obj;
    const ports = view.seq(view.at(obj.root, 'spec', 'ports'));
    for (const item of ports?.items ?? []) {
      const target = view.field(item, 'targetPort');
      if (!target || view.isEmpty(target.value)) continue;
      const name = view.str(target.value);
      // Numbers (and numeric strings, which the API rejects elsewhere) need no declaration.
      if (name === undefined || /^[0-9]+$/.test(name) || view.isTemplated(view.resolve(target.value))) continue;
      const protocol = view.str(view.field(item, 'protocol')?.value) ?? 'TCP';
      const declared = related.flatMap((r) => r.other.facts.ports).filter((p) => p.name !== undefined && p.protocol === protocol);
      if (declared.some((p) => p.name === name)) continue;
      const names = [...new Set(declared.map((p) => p.name as string))];
      const suggestion = didYouMean(name, names);
      const node = target.rawValue ?? target.key;
      const fixes =
        suggestion && !target.mergedVia && target.rawValue === target.value
          ? [
              {
                title: ctx.say({ en: `Change targetPort to "${suggestion}"`, 'zh-cn': `将 targetPort 改为 "${suggestion}"` }),
                changes: replaceScalar(view, node, suggestion),
              },
            ]
          : [];
      ctx.report({
        at: node,
        messageId: 'unknown',
        data: {
          targets: related.map((r) => objectLabel(r.other.facts)).join(', '),
          port: name,
          protocol,
          declared: names.length > 0 ? names.join(', ') : ctx.say({ en: 'no named ports', 'zh-cn': '没有具名端口' }),
        },
        fixes,
        related: related.map((r) => ({
          at: r.other,
          message: ctx.say({
            en: `${r.other.facts.kind} ${r.other.facts.name ?? ''}: pods this Service selects`,
            'zh-cn': `${r.other.facts.kind} ${r.other.facts.name ?? ''}：这个 Service 选中的 Pod`,
          }),
        })),
      });
    }
  },
};
