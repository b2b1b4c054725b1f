// A livenessProbe that is the same check, with the same timings, as the container's readinessProbe.
import { isAlias, isMap } from 'yaml';
import { containerLabel } from '../k8s/model';
import { insertField, ownField, replaceScalar } from '../yaml/edits';
import { keyNode, Probe, probeOf, probesAllowed, TimingName, timingKnown } from '../k8s/probes';
import type { Fix, Rule, RuleContext } from '../engine/rule';
import type { DocView } from '../yaml/view';

/**
 * The timings that decide when a failing check is acted on. initialDelaySeconds only shifts the first check and
 * successThreshold only the recovery, so probes that differ in those still fail together.
 */
const TIMINGS: readonly TimingName[] = ['periodSeconds', 'timeoutSeconds', 'failureThreshold'];

export const rule: Rule = {
  meta: {
    id: 'liveness-equals-readiness',
    // Info, not warning: the Kubernetes docs allow identical probes ("the readiness probe might be the same as the liveness
    // probe"); the cascade below is a risk under overload, not a broken configuration.
    severity: 'info',
    fixable: true,
    docs: {
      summary:
        'A livenessProbe runs the same check as the readinessProbe of the same container and fails at the same moment: same handler, and the same periodSeconds, timeoutSeconds and failureThreshold after defaults.',
      why:
        'Readiness answers "should this pod get traffic now?", liveness "is this process beyond repair?". When both are the same check, they fail at the same moment: ' +
        'a pod that is merely overloaded (slow answers for 30 s with the defaults: 3 failures, 10 s apart) is restarted at the very moment it would have been taken ' +
        'out of rotation to recover. Its load moves to the other replicas, which then fail the same way, and the whole Deployment can restart in a cascade. ' +
        'The Kubernetes docs allow identical probes, and they are harmless while the check answers fast even under load, hence an information, not a warning.',
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
        - name: app
          image: example/web:1.0
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet: {path: /health, port: http}
          livenessProbe:
            httpGet: {path: /health, port: http}
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
        - name: app
          image: example/web:1.0
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet: {path: /health, port: http}
          livenessProbe:
            httpGet: {path: /health, port: http}
            failureThreshold: 6
`,
      level:
        'An info: the Kubernetes docs allow identical probes and recommend the same endpoint with a higher failureThreshold for liveness; the cascade only happens under overload.',
      url: 'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
      sources: [
        'kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes: readiness probes take a pod out of Service endpoints; liveness probes restart the container.',
        'kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle ("Types of probe"): "the readiness probe might be the same as the liveness probe, but the existence of the readiness probe in the spec means that the Pod will start without receiving any traffic".',
        'kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes: "A common pattern for liveness probes is to use the same low-cost HTTP endpoint as for readiness probes, but with a higher failureThreshold. This ensures that the pod is observed as not-ready for some period of time before it is hard killed."',
        'Probe defaults (SetDefaults_Probe: a missing or 0 value takes the default; periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3): docs/research/k8s-facts.md section 8.',
      ],
      fixSafety:
        'Raising the liveness failureThreshold (to twice the readiness one, at least 6) lets readiness act first and only restarts a pod that stays broken; ' +
        'a real hang is detected later by the same factor. Review it: the better repair is often a separate, cheaper liveness endpoint.',
    },
    messages: {
      same: 'liveness probe is the same check as readiness. Both are the same {handler} check and fail at the same moment (every {period} s, timeout {timeout} s, {failures} failures): an overloaded pod is restarted at the moment it would be taken out of rotation.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!probesAllowed(c)) continue;
      const liveness = probeOf(c, 'livenessProbe');
      const readiness = probeOf(c, 'readinessProbe');
      if (!liveness?.map || !readiness?.map) continue;
      if (!sameCheck(view, liveness, readiness)) continue;
      const handler = liveness.handlers[0]?.key.value;
      ctx.report({
        at: keyNode(liveness.field),
        messageId: 'same',
        data: {
          container: containerLabel(c),
          handler: String(handler),
          period: liveness.timings.periodSeconds.value,
          timeout: liveness.timings.timeoutSeconds.value,
          failures: liveness.timings.failureThreshold.value,
        },
        fixes: fixFor(view, liveness, readiness, ctx.eol, ctx.say),
        // The readiness probe is the other half of the finding: shown beside it, so the two can be compared.
        relatedAt: [{ at: keyNode(readiness.field), message: ctx.say({ en: 'the readinessProbe it repeats', 'zh-cn': '与之相同的就绪探针' }) }],
      });
    }
  },
};

/**
 * The same handler (compared by resolved value; defaults inside it, such as scheme HTTP, are not applied, so
 * `port: 8080` and `port: http` count as different) and the same failure timings after defaults. Timings that are
 * not known (templated) make the probes count as different.
 */
function sameCheck(view: DocView, a: Probe, b: Probe): boolean {
  if (a.handlers.length !== 1 || b.handlers.length !== 1) return false;
  const ha = a.handlers[0];
  const hb = b.handlers[0];
  if (!ha || !hb || ha.key.value !== hb.key.value) return false;
  if (view.isTemplated(ha.value) || view.isTemplated(hb.value) || !view.sameValue(ha.value, hb.value)) return false;
  return TIMINGS.every((t) => timingKnown(view, a.timings[t]) && timingKnown(view, b.timings[t]) && a.timings[t].value === b.timings[t].value);
}

function fixFor(view: DocView, liveness: Probe, readiness: Probe, eol: string, say: RuleContext['say']): Fix[] {
  const map = liveness.map;
  // Editing a probe written as an alias, or one other places refer to by anchor, would change those places too.
  if (!map || map === readiness.map || isAlias(liveness.field.rawValue) || !isMap(liveness.field.rawValue) || map.anchor) return [];
  const threshold = Math.max(readiness.timings.failureThreshold.value * 2, 6);
  const own = ownField(view, map, 'failureThreshold');
  if (own && (view.isEmpty(own.value) || own.rawValue?.anchor)) return [];
  const changes = own?.rawValue ? replaceScalar(view, own.rawValue, String(threshold)) : insertField(view, map, 'failureThreshold', [String(threshold)], eol);
  if (changes.length === 0) return [];
  const title = say({
    en: `Set the livenessProbe failureThreshold to ${threshold} so readiness fails first`,
    'zh-cn': `将存活探针的 \`failureThreshold\` 设为 ${threshold}，让就绪探针先失败`,
  });
  return [{ title, changes, isPreferred: true }];
}
