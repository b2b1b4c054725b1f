// maxSurge / maxUnavailable values the API server rejects: negative, over 100%, or strings that are not percentages.
import type { Fix, Rule, RuleContext, Severity } from '../engine/rule';
import { definesAnchor } from '../yaml/edits';
import { isBuiltin } from '../k8s/model';
import { customRollingUpdateOf, DAEMONSET_SURGE_SINCE, formatRaw, IntOrPercentField, kruisePercent, readIntOrPercent, strategyOf } from '../k8s/rollout';

/** MaxUnavailableStatefulSet: alpha 1.24 (off); on by default in 1.35.0-1.35.3, off in 1.35.4+ and 1.36, on again in 1.37. */
const STATEFULSET_MAX_UNAVAILABLE_SINCE = 24;
const STATEFULSET_MAX_UNAVAILABLE_ON = 35;

/** The fields of each kind's rolling update that validation checks, and whether it caps each at 100%. */
interface Checked {
  readonly key: 'maxSurge' | 'maxUnavailable';
  readonly capped: boolean;
  readonly zeroForbidden: boolean;
}

export const rule: Rule = {
  meta: {
    id: 'rolling-update-invalid-value',
    severity: 'error',
    fixable: true,
    docs: {
      summary: 'A rolling update maxSurge or maxUnavailable that is negative, above 100%, or a string that is not a percentage ("5", "20Percent", "25 %").',
      why:
        'maxSurge and maxUnavailable take an integer or a string of digits followed by "%". Anything else is rejected by the API server: ' +
        '`"5"` (a quoted number is a string, and not a percentage), `"-10%"`, `"25 %"`, negative integers, and for maxUnavailable (and ' +
        "a DaemonSet's maxSurge) percentages over 100%. A StatefulSet's maxUnavailable also may not be 0; it is validated only where " +
        'the MaxUnavailableStatefulSet feature is on (by default in 1.35.0-1.35.3 and from 1.37) and silently dropped elsewhere.',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate:
      maxSurge: "1"
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
  replicas: 4
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
        'Deployments, DaemonSets and StatefulSets (apps/v1), and OpenKruise `CloneSet` (maxSurge, maxUnavailable and partition strings must end in %, as its webhook requires). Not Argo Rollouts: its controller reads a string without % as a percentage and does not reject it.',
      level: 'An error: the API server (or the OpenKruise webhook) rejects the object.',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-unavailable',
      sources: [
        'kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidatePositiveIntOrPercent ("must be greater than or equal to 0"; IsValidPercent), IsNotMoreThan100Percent ("must not be greater than 100%"), ValidateRollingUpdateDeployment (maxUnavailable capped), ValidateRollingUpdateDaemonSet (both capped), validateRollingUpdateStatefulSet ("cannot be 0").',
        "kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsValidPercent: \"a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')\".",
        'kubernetes/kubernetes pkg/registry/apps/statefulset/strategy.go dropStatefulSetDisabledFields: with MaxUnavailableStatefulSet off, rollingUpdate.maxUnavailable is dropped. Gate history in docs/research/k8s-facts.md sections 0 and 11.',
      ],
      fixSafety:
        'A quoted number or a percentage written with a space or a word is rewritten as the integer or the percentage it spells. Whether "5" meant 5 pods or 5% is a guess, so both are offered and neither is applied blind.',
    },
    messages: {
      negative: '{field} {value} must be greater than or equal to 0. The API server rejects the {kind}.',
      notPercent:
        '{field} {value} is neither an integer nor a percentage. "a valid percent string must be a numeric string followed by an ending \'%\'": the API server rejects the {kind}.',
      over100: '{field} {value} must not be greater than 100%. The API server rejects the {kind}.',
      kruiseNotPercent:
        '{field} {value} is a string but not a percentage. The OpenKruise webhook rejects the {kind} ("invalid type: string is not a percentage").',
      statefulSet:
        'maxUnavailable {value} {reason}. The API server rejects the StatefulSet where MaxUnavailableStatefulSet is on (by default in 1.35.0-1.35.3 and from 1.37); with the feature off the field is dropped.',
    },
  },
  check(obj, ctx) {
    if (obj.workload?.rollingUpdate?.style === 'cloneset') {
      checkCloneSet(obj, ctx);
      return;
    }
    if (obj.apiVersion !== 'apps/v1') return;
    const { view } = obj;
    let checked: readonly Checked[];
    let strategyKey: 'strategy' | 'updateStrategy';
    if (isBuiltin(obj, 'Deployment')) {
      strategyKey = 'strategy';
      checked = [
        { key: 'maxSurge', capped: false, zeroForbidden: false },
        { key: 'maxUnavailable', capped: true, zeroForbidden: false },
      ];
    } else if (isBuiltin(obj, 'DaemonSet')) {
      strategyKey = 'updateStrategy';
      // Before DaemonSet surge, a written maxSurge is dropped (1.21) or unknown (1.20), so only maxUnavailable is checked.
      checked = [
        ...(ctx.version.minor >= DAEMONSET_SURGE_SINCE ? [{ key: 'maxSurge', capped: true, zeroForbidden: false } as const] : []),
        { key: 'maxUnavailable', capped: true, zeroForbidden: false },
      ];
    } else if (isBuiltin(obj, 'StatefulSet')) {
      if (ctx.version.minor < STATEFULSET_MAX_UNAVAILABLE_SINCE) return;
      strategyKey = 'updateStrategy';
      checked = [{ key: 'maxUnavailable', capped: true, zeroForbidden: true }];
    } else {
      return;
    }
    const strategy = strategyOf(obj, strategyKey);
    // Validation reads rollingUpdate only for the RollingUpdate type (with Recreate/OnDelete it is refused as a whole).
    if (!strategy || strategy.type !== 'RollingUpdate' || !strategy.rollingUpdate) return;
    const statefulSet = obj.kind === 'StatefulSet';
    for (const c of checked) {
      const f = readIntOrPercent(view, strategy.rollingUpdate, c.key);
      if (!f || f.raw === undefined) continue;
      const problem = problemOf(f.raw, c);
      if (!problem) continue;
      const value = formatRaw(f.raw);
      const fixes = problem === 'notPercent' && typeof f.raw === 'string' ? fixesFor(f, f.raw, c, ctx) : [];
      if (statefulSet) {
        const reason = ctx.say(
          problem === 'negative'
            ? { en: 'must be greater than or equal to 0', 'zh-cn': '必须大于或等于 0' }
            : problem === 'over100'
              ? { en: 'must not be greater than 100%', 'zh-cn': '不能大于 100%' }
              : problem === 'zero'
                ? { en: 'cannot be 0', 'zh-cn': '不能为 0' }
                : { en: 'is not an integer or a percentage', 'zh-cn': '既不是整数也不是百分比' },
        );
        const severity: Severity = ctx.version.minor === STATEFULSET_MAX_UNAVAILABLE_ON ? 'error' : 'warning';
        ctx.report({ at: f.node, messageId: 'statefulSet', data: { value, reason }, severity, fixes });
      } else if (problem !== 'zero') {
        ctx.report({ at: f.node, messageId: problem, data: { field: c.key, value, kind: obj.kind }, fixes });
      }
    }
  },
};

/**
 * OpenKruise scales maxSurge, maxUnavailable and partition with its own GetScaledValueFromIntOrPercent: a string
 * must end in "%" with a number before it ("10.5%" is fine); integers of any sign pass this step. The Argo Rollouts
 * controller reads strings without "%" as percentages and does not reject them, so Rollouts are not checked here.
 */
function checkCloneSet(obj: Parameters<Rule['check']>[0], ctx: RuleContext): void {
  const ru = customRollingUpdateOf(obj);
  if (!ru?.map) return;
  for (const key of ['maxSurge', 'maxUnavailable', 'partition'] as const) {
    const f = readIntOrPercent(obj.view, ru.map, key);
    if (!f || typeof f.raw !== 'string' || kruisePercent(f.raw) !== undefined) continue;
    const c: Checked = { key: key === 'partition' ? 'maxUnavailable' : key, capped: false, zeroForbidden: false };
    ctx.report({ at: f.node, messageId: 'kruiseNotPercent', data: { field: key, value: formatRaw(f.raw), kind: obj.kind }, fixes: fixesFor(f, f.raw, c, ctx) });
  }
}

function problemOf(raw: number | string, c: Checked): 'negative' | 'notPercent' | 'over100' | 'zero' | undefined {
  if (typeof raw === 'number') {
    if (raw < 0) return 'negative';
    return c.zeroForbidden && raw === 0 ? 'zero' : undefined;
  }
  const m = /^([0-9]+)%$/.exec(raw);
  if (!m) return 'notPercent';
  const n = Number(m[1]);
  if (c.capped && n > 100) return 'over100';
  return c.zeroForbidden && n === 0 ? 'zero' : undefined;
}

/** Rewrites a string that spells a number or a percentage: "5" → 5 or 5%, "25 %" / "20Percent" → 25% / 20%. */
function fixesFor(f: IntOrPercentField, raw: string, c: Checked, ctx: RuleContext): Fix[] {
  if (f.field.mergedVia || !f.field.rawValue?.range || definesAnchor(f.field.rawValue)) return [];
  const [start, end] = f.field.rawValue.range;
  const replace = (text: string, title: string, isPreferred: boolean): Fix => ({ title, changes: [{ start, end, newText: text }], isPreferred });
  const digits = /^\s*\+?([0-9]+)\s*$/.exec(raw);
  if (digits) {
    const n = Number(digits[1]);
    const fixes: Fix[] = [];
    // A 0 would turn into the other zero-valued setting (both 0); that needs a human decision, not a rewrite.
    if (n > 0) fixes.push(replace(String(n), ctx.say({ en: `Use the integer ${n} (pods)`, 'zh-cn': `改用整数 ${n}（Pod 个数）` }), true));
    if (n > 0 && (!c.capped || n <= 100)) fixes.push(replace(`${n}%`, ctx.say({ en: `Use ${n}%`, 'zh-cn': `改用 ${n}%` }), false));
    return fixes;
  }
  const percent = /^\s*([0-9]+)\s*(?:%|percent|pct)\s*$/i.exec(raw);
  if (percent) {
    const n = Number(percent[1]);
    if (c.capped && n > 100) return [];
    if (c.zeroForbidden && n === 0) return [];
    return [replace(`${n}%`, ctx.say({ en: `Use ${n}%`, 'zh-cn': `改用 ${n}%` }), true)];
  }
  return [];
}
