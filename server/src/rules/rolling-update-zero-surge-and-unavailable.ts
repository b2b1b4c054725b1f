// A rolling update whose maxSurge and maxUnavailable the API server rejects together: both 0, or (DaemonSet) both non-zero.
import type { Fix, Rule, RuleContext, TextChange } from '../engine/rule';
import {
  cloneSetCounts,
  customRollingUpdateOf,
  DAEMONSET_SURGE_SINCE,
  editableMap,
  formatRaw,
  hostPortUse,
  IntOrPercentField,
  kruisePercent,
  parseIntOrPercent,
  readIntOrPercent,
  replicasOf,
  setField,
  strategyOf,
  validationNumber,
} from '../k8s/rollout';
import { isBuiltin, K8sObject } from '../k8s/model';

/** The number validation compares with 0 for a field, its default when not written; undefined when not known. */
function numberOf(f: IntOrPercentField | undefined, fallback: number): number | undefined {
  return f ? validationNumber(f.raw) : fallback;
}

function shown(f: IntOrPercentField | undefined, fallback: string, say: RuleContext['say']): string {
  return f && f.raw !== undefined ? formatRaw(f.raw) : say({ en: `${fallback} (the default)`, 'zh-cn': `${fallback}（默认值）` });
}

export const rule: Rule = {
  meta: {
    id: 'rolling-update-zero-surge-and-unavailable',
    severity: 'error',
    fixable: true,
    docs: {
      summary: 'A Deployment rolling update with maxSurge and maxUnavailable both 0, or a DaemonSet rolling update with both 0 or both non-zero.',
      why:
        'With maxSurge 0 and maxUnavailable 0 a rolling update could neither add a new pod nor remove an old one, so the API server ' +
        'rejects the Deployment ("may not be 0 when `maxSurge` is 0") or the DaemonSet ("cannot be 0 when maxSurge is 0"). ' +
        'Validation compares the written values: `0` and `"0%"` are both 0, while a percentage that only rounds to 0 (10% of 3 replicas) ' +
        'is accepted and the Deployment controller then allows 1 unavailable pod. A DaemonSet must set exactly one of the two: its ' +
        'maxUnavailable defaults to 1, so writing only `maxSurge: 1` is rejected ("may not be set when maxUnavailable is non-zero").',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate:
      maxSurge: 0
      maxUnavailable: 0
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`,
      appliesTo:
        'apps/v1 Deployments and DaemonSets; Argo Rollouts `Rollout` with a canary strategy (same written-zero check, "MaxSurge and MaxUnavailable both can not be zero"); OpenKruise `CloneSet` (both values rounded up to fewer than 1 pod, defaults maxUnavailable 20% and maxSurge 0).',
      level: 'An error: the API server (or the Argo Rollouts controller, or the OpenKruise webhook) rejects the object.',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment',
      sources: [
        'kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidateRollingUpdateDeployment: "may not be 0 when `maxSurge` is 0" when getIntOrPercentValue of both is 0 (int 0, "0%", or a numeric string "0").',
        'kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidateRollingUpdateDaemonSet: "may not be set when maxUnavailable is non-zero" (on maxSurge) and "cannot be 0 when maxSurge is 0" (Required, on maxUnavailable); before DaemonSet surge (1.22) "cannot be 0" on maxUnavailable.',
        'kubernetes/kubernetes pkg/apis/apps/v1/defaults.go: Deployment maxSurge and maxUnavailable default to 25%; DaemonSet maxUnavailable to 1 and maxSurge to 0.',
        'kubernetes/kubernetes pkg/controller/deployment/util/deployment_util.go ResolveFenceposts: values that only round to 0 make the controller allow 1 unavailable pod. See docs/research/k8s-facts.md sections 9 and 10.',
        'DaemonSetUpdateSurge feature gate: alpha 1.21, beta (on) 1.22, GA 1.25 (kubernetes/website feature-gates/DaemonSetUpdateSurge.md).',
      ],
      fixSafety:
        'Setting maxSurge to 1 makes each step start a new pod before an old one stops: the cluster needs room for one more pod. ' +
        'For a DaemonSet whose pods hold a host port that surge pod cannot start, so there the fix sets maxUnavailable instead.',
    },
    messages: {
      deploymentZero:
        'maxUnavailable {unavailable} and maxSurge {surge} are both 0. A rolling update could neither add nor remove a pod: the API server rejects the Deployment ("may not be 0 when `maxSurge` is 0").',
      daemonSetZero: 'maxUnavailable {unavailable} and maxSurge {surge} are both 0. The API server rejects the DaemonSet ("cannot be 0 when maxSurge is 0").',
      daemonSetZeroNoSurge:
        'maxUnavailable {unavailable} is 0 and Kubernetes {version} has no DaemonSet maxSurge. maxSurge needs 1.22: the API server rejects the DaemonSet ("cannot be 0").',
      daemonSetBoth:
        'maxSurge {surge} and maxUnavailable {unavailable} are both non-zero. A DaemonSet may set only one of them, and the API server rejects it ("may not be set when maxUnavailable is non-zero").',
      canaryZero:
        'canary maxUnavailable {unavailable} and maxSurge {surge} are both 0. An update could neither add nor remove a pod: Argo Rollouts marks the Rollout InvalidSpec and does not roll it out ("MaxSurge and MaxUnavailable both can not be zero").',
      cloneSetBelowOne:
        'maxUnavailable {unavailable} and maxSurge {surge} both come to less than 1 pod. Of {replicas} pods (rounded up): the OpenKruise webhook rejects the CloneSet ("maxUnavailable and maxSurge should not both be less than 1").',
    },
  },
  check(obj, ctx) {
    if (obj.workload?.rollingUpdate) {
      checkCustom(obj, ctx);
      return;
    }
    const deployment = isBuiltin(obj, 'Deployment') && obj.apiVersion === 'apps/v1';
    const daemonSet = isBuiltin(obj, 'DaemonSet') && obj.apiVersion === 'apps/v1';
    if (!deployment && !daemonSet) return;
    const { view } = obj;
    const strategy = strategyOf(obj, deployment ? 'strategy' : 'updateStrategy');
    if (!strategy || strategy.type !== 'RollingUpdate') return;
    const ru = strategy.rollingUpdate;
    const surgeF = readIntOrPercent(view, ru, 'maxSurge');
    const unavailableF = readIntOrPercent(view, ru, 'maxUnavailable');
    // A default is only trusted where no template expression could have written the value.
    if (obj.incomplete && (!surgeF || !unavailableF)) return;
    const ruMap = editableMap(view, strategy.rollingUpdateField);

    if (deployment) {
      const surge = numberOf(surgeF, 25);
      const unavailable = numberOf(unavailableF, 25);
      if (surge !== 0 || unavailable !== 0 || !unavailableF || !surgeF) return;
      const fixes: Fix[] = [];
      const changes = ruMap && setField(view, ruMap, 'maxSurge', '1', ctx.eol);
      if (changes)
        fixes.push({
          title: ctx.say({ en: 'Set maxSurge: 1 (start a new pod before stopping an old one)', 'zh-cn': '将 `maxSurge` 设为 1（先启动新 Pod，再停止旧 Pod）' }),
          changes,
          isPreferred: true,
        });
      ctx.report({
        at: unavailableF.node,
        messageId: 'deploymentZero',
        data: { unavailable: shown(unavailableF, '25%', ctx.say), surge: shown(surgeF, '25%', ctx.say) },
        fixes,
      });
      return;
    }

    const surgeSupported = ctx.version.minor >= DAEMONSET_SURGE_SINCE;
    const surge = surgeSupported ? numberOf(surgeF, 0) : 0;
    const unavailable = numberOf(unavailableF, 1);
    if (surge === undefined || unavailable === undefined) return;
    const data = { unavailable: shown(unavailableF, '1', ctx.say), surge: shown(surgeF, '0', ctx.say), version: `1.${ctx.version.minor}` };
    const podSpec = obj.podSpec;
    const holdsHostPort = podSpec !== undefined && hostPortUse(podSpec) !== undefined;
    const set = (key: string, text: string, titles: { en: string; 'zh-cn': string }, preferred: boolean): Fix | undefined => {
      const title = ctx.say(titles);
      const changes: TextChange[] | undefined = ruMap && setField(view, ruMap, key, text, ctx.eol, key === 'maxSurge' ? unavailableF?.field : undefined);
      return changes ? { title, changes, isPreferred: preferred } : undefined;
    };
    if (surge === 0 && unavailable === 0 && unavailableF) {
      if (!surgeSupported) {
        const fixes = [set('maxUnavailable', '1', { en: 'Set maxUnavailable: 1', 'zh-cn': '将 `maxUnavailable` 设为 1' }, true)].filter(
          (f): f is Fix => f !== undefined,
        );
        ctx.report({ at: unavailableF.node, messageId: 'daemonSetZeroNoSurge', data, fixes });
        return;
      }
      const fixes = [
        set(
          'maxSurge',
          '1',
          {
            en: 'Set maxSurge: 1 (start the new pod on a node before stopping the old one)',
            'zh-cn': '将 `maxSurge` 设为 1（在节点上先启动新 Pod，再停止旧 Pod）',
          },
          !holdsHostPort,
        ),
        set(
          'maxUnavailable',
          '1',
          {
            en: 'Set maxUnavailable: 1 (stop the old pod on a node before starting the new one)',
            'zh-cn': '将 `maxUnavailable` 设为 1（在节点上先停止旧 Pod，再启动新 Pod）',
          },
          holdsHostPort,
        ),
      ].filter((f): f is Fix => f !== undefined);
      ctx.report({ at: unavailableF.node, messageId: 'daemonSetZero', data, fixes });
    } else if (surgeSupported && surge !== 0 && unavailable !== 0 && surgeF) {
      const fixes = [
        set(
          'maxUnavailable',
          '0',
          {
            en: 'Set maxUnavailable: 0 (surge: start the new pod before stopping the old one)',
            'zh-cn': '将 `maxUnavailable` 设为 0（超量更新：先启动新 Pod，再停止旧 Pod）',
          },
          !holdsHostPort,
        ),
        set(
          'maxSurge',
          '0',
          { en: 'Set maxSurge: 0 (stop the old pod before starting the new one)', 'zh-cn': '将 `maxSurge` 设为 0（先停止旧 Pod，再启动新 Pod）' },
          holdsHostPort,
        ),
      ].filter((f): f is Fix => f !== undefined);
      ctx.report({ at: surgeF.node, messageId: 'daemonSetBoth', data, fixes });
    }
  },
};

/**
 * An Argo Rollouts canary (validated like a Deployment: both written values 0) or an OpenKruise CloneSet (both
 * rounded up to fewer than 1 pod, defaults maxUnavailable 20% and maxSurge 0, with more than 0 replicas).
 */
function checkCustom(obj: K8sObject, ctx: RuleContext): void {
  const ru = customRollingUpdateOf(obj);
  if (!ru) return;
  const { view } = obj;
  const surgeF = ru.maxSurge;
  const unavailableF = ru.maxUnavailable;
  if (obj.incomplete && (!surgeF || !unavailableF)) return;
  const map = editableMap(view, ru.field);
  const set = (key: string, titles: { en: string; 'zh-cn': string }, preferred: boolean): Fix | undefined => {
    const changes: TextChange[] | undefined = map && setField(view, map, key, '1', ctx.eol, key === 'maxSurge' ? unavailableF?.field : undefined);
    return changes ? { title: ctx.say(titles), changes, isPreferred: preferred } : undefined;
  };
  const surgeTitle = { en: 'Set maxSurge: 1 (start a new pod before stopping an old one)', 'zh-cn': '将 `maxSurge` 设为 1（先启动新 Pod，再停止旧 Pod）' };
  const unavailableTitle = {
    en: 'Set maxUnavailable: 1 (stop an old pod before starting a new one)',
    'zh-cn': '将 `maxUnavailable` 设为 1（先停止旧 Pod，再启动新 Pod）',
  };
  if (ru.def.style === 'deployment') {
    // Argo's getIntOrPercentValue compares the written values with 0, like apps validation; the defaults are 25%.
    const surge = numberOf(surgeF, 25);
    const unavailable = numberOf(unavailableF, 25);
    if (surge !== 0 || unavailable !== 0 || !unavailableF || !surgeF) return;
    const fixes = [set('maxSurge', surgeTitle, true)].filter((f): f is Fix => f !== undefined);
    ctx.report({
      at: unavailableF.node,
      messageId: 'canaryZero',
      data: { unavailable: shown(unavailableF, '25%', ctx.say), surge: shown(surgeF, '25%', ctx.say) },
      fixes,
    });
    return;
  }
  const replicas = replicasOf(obj);
  if (!replicas || replicas.count === 0) return;
  const value = (f: IntOrPercentField | undefined, fallback: number | string) => {
    if (!f) return parseIntOrPercent(fallback);
    if (typeof f.raw === 'number') return parseIntOrPercent(f.raw);
    const p = typeof f.raw === 'string' ? kruisePercent(f.raw) : undefined;
    // Fractions of a percent round up like whole ones; only the count matters here.
    return p === undefined ? undefined : { kind: 'percent' as const, value: p };
  };
  const surgeV = value(surgeF, ru.def.defaults.maxSurge);
  const unavailableV = value(unavailableF, ru.def.defaults.maxUnavailable);
  if (!surgeV || !unavailableV) return;
  const counts = cloneSetCounts(surgeV, unavailableV, replicas.count);
  if (counts.surge >= 1 || counts.unavailable >= 1) return;
  // In-place-only updates cannot surge ("can not use maxSurge with strategy type InPlaceOnly").
  const inPlaceOnly = view.str(view.field(ru.map, 'type')?.value) === 'InPlaceOnly';
  const fixes = (
    inPlaceOnly ? [set('maxUnavailable', unavailableTitle, true)] : [set('maxSurge', surgeTitle, true), set('maxUnavailable', unavailableTitle, false)]
  ).filter((f): f is Fix => f !== undefined);
  const at = unavailableF?.node ?? surgeF?.node ?? ru.field?.key ?? obj.kindField.key;
  ctx.report({
    at,
    messageId: 'cloneSetBelowOne',
    data: {
      unavailable: shown(unavailableF, String(ru.def.defaults.maxUnavailable), ctx.say),
      surge: shown(surgeF, String(ru.def.defaults.maxSurge), ctx.say),
      replicas: replicas.count,
    },
    fixes,
  });
}
