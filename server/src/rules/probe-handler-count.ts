// A probe or lifecycle hook with no handler, or with more than one (exec, httpGet, tcpSocket, grpc / sleep).
import type { Node, Pair, YAMLMap } from 'yaml';
import { containerLabel } from '../k8s/model';
import { definesAnchor, pairEnd } from '../yaml/edits';
import { HOOK_KINDS, keyNode, LIFECYCLE_HANDLERS, PROBE_HANDLERS, PROBE_KINDS, probesAllowed } from '../k8s/probes';
import type { Fix, Rule, RuleContext, TextChange } from '../engine/rule';
import type { DocView, Field } from '../yaml/view';

export const rule: Rule = {
  meta: {
    id: 'probe-handler-count',
    severity: 'error',
    fixable: true,
    docs: {
      summary:
        'A probe or lifecycle hook names no handler, or more than one of exec, httpGet, tcpSocket, grpc (probes) or exec, httpGet, tcpSocket, sleep (hooks).',
      why:
        'Each probe and each postStart/preStop hook runs exactly one action. The API server rejects the pod (and the Deployment, DaemonSet, … that templates it; a StatefulSet only from 1.34, before which it is accepted and its pods fail to be created) ' +
        'with "must specify a handler type" or "may not specify more than 1 handler type". Two handlers often appear after `kubectl apply` merged a new probe ' +
        'type into an old one, or when a chart sets one handler in its defaults and another in the values.',
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
            - containerPort: 8080
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
            tcpSocket: {port: 8080}
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
            - containerPort: 8080
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
`,
      level: 'An error: the API server rejects the object, so the apply fails.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#probe-check-methods',
      sources: [
        "kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidatePodTemplateSpecForStatefulSet: the template's pod spec is validated only from 1.34 (kubernetes#131790); before, the controller reports FailedCreate (kubernetes#81147).",
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go validateHandler (used by validateProbe and validateLifecycle): "may not specify more than 1 handler type" on the second handler in the order exec, httpGet, tcpSocket, grpc, sleep; "must specify a handler type" when there is none.',
        'handlerFromProbe takes exec, httpGet, tcpSocket, grpc; handlerFromLifecycle takes exec, httpGet, tcpSocket, sleep (same file).',
        'Probes and hooks of plain init containers and ephemeral containers are rejected outright (other rules), so this rule reads app containers and native sidecars.',
      ],
      fixSafety: 'Keeping the first handler written and removing the others is a guess at which check was meant: review it.',
    },
    messages: {
      none: '{what} has no handler. It needs exactly one of {allowed}, and the API server rejects the pod ("must specify a handler type").',
      many: '{what} has {count} handlers ({handlers}). It may have only one, and the API server rejects the pod ("may not specify more than 1 handler type").',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    // In a Helm template, `{{ if }} exec … {{ else }} httpGet … {{ end }}` leaves both handlers in the masked text, and a
    // handler may come from an include: the count is not known.
    if (!spec || obj.incomplete) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!probesAllowed(c)) continue;
      const owners: { what: string; field: Field; allowed: readonly string[] }[] = [];
      for (const kind of PROBE_KINDS) {
        const f = view.field(c.map, kind);
        if (f) owners.push({ what: kind, field: f, allowed: PROBE_HANDLERS });
      }
      const lifecycle = view.field(c.map, 'lifecycle')?.value;
      for (const hook of HOOK_KINDS) {
        const f = view.field(lifecycle, hook);
        if (f) owners.push({ what: `lifecycle.${hook}`, field: f, allowed: LIFECYCLE_HANDLERS });
      }
      for (const { what, field, allowed } of owners) {
        // A key with no value is null, which the API reads as "not set"; anything else that is not a mapping is not ours to judge.
        if (view.isEmpty(field.value)) continue;
        const map = view.map(field.value);
        if (!map) continue;
        // A handler written with no value (`exec:`) is null too, so it is not set either.
        const handlers = allowed
          .map((h) => view.field(map, h))
          .filter((f): f is Field => f !== undefined && !view.isEmpty(f.value))
          .sort((a, b) => (a.key.range?.[0] ?? 0) - (b.key.range?.[0] ?? 0));
        const list = ctx.say({ en: ', ', 'zh-cn': '、' });
        const data = {
          what,
          container: containerLabel(c),
          allowed: allowed.join(list),
          count: handlers.length,
          handlers: handlers.map((h) => String(h.key.value)).join(list),
        };
        if (handlers.length === 0) {
          ctx.report({ at: keyNode(field), messageId: 'none', data });
        } else if (handlers.length > 1) {
          ctx.report({ at: keyNode(field), messageId: 'many', data, fixes: keepFirst(view, map, handlers, ctx.say) });
        }
      }
    }
  },
};

function keepFirst(view: DocView, map: YAMLMap, handlers: readonly Field[], say: RuleContext['say']): Fix[] {
  const [first, ...rest] = handlers;
  if (!first) return [];
  // A handler merged in from an anchor (`<<: *base`) lives in another mapping, which other places may share; one that
  // defines an anchor may be referred to elsewhere.
  if (rest.some((h) => h.mergedVia || !map.items.includes(h.pair) || definesAnchor(h.pair.value))) return [];
  const changes = removePairs(
    view.chunk.text,
    map,
    rest.map((h) => h.pair),
  );
  if (changes.length === 0) return [];
  const kept = String(first.key.value);
  const removed = rest.map((h) => String(h.key.value));
  const title = say({
    en: `Keep only ${kept} (remove ${removed.join(', ')})`,
    'zh-cn': `只保留 \`${kept}\`（删除 ${removed.map((r) => `\`${r}\``).join('、')}）`,
  });
  return [{ title, changes }];
}

/**
 * Removes several pairs of one mapping. Block mappings lose whole lines; in flow mappings each pair goes with the comma
 * after it, and a run of pairs at the end goes with the comma before it, so `{a: 1, b: 2, c: 3}` minus b and c is `{a: 1}`.
 */
function removePairs(text: string, map: YAMLMap, remove: readonly Pair[]): TextChange[] {
  const ranges: [number, number][] = [];
  const items = map.items;
  for (const pair of remove) {
    const i = items.indexOf(pair);
    const keyStart = (pair.key as Node).range?.[0];
    if (i < 0 || keyStart === undefined) return [];
    if (map.flow) {
      const next = items[i + 1];
      if (next) {
        ranges.push([keyStart, (next.key as Node).range?.[0] ?? pairEnd(pair)]);
      } else {
        const kept = items
          .slice(0, i)
          .filter((p) => !remove.includes(p))
          .pop();
        ranges.push([kept ? pairEnd(kept) : keyStart, pairEnd(pair)]);
      }
    } else {
      const start = text.lastIndexOf('\n', keyStart - 1) + 1;
      // Only a key alone on its line can lose the line; `- key:` shares it with a sequence dash.
      if (text.slice(start, keyStart).trim() !== '') return [];
      const end = pairEnd(pair);
      const nl = text.indexOf('\n', Math.max(end - 1, keyStart));
      ranges.push([start, nl < 0 ? text.length : nl + 1]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged.map(([start, end]) => ({ start, end, newText: '' }));
}
