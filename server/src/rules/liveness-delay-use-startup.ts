// A livenessProbe that waits a long initialDelaySeconds for start-up, where a startupProbe would adapt to the real start time.
import { isMap, Node, visit } from 'yaml';
import { Container, containerLabel } from '../k8s/model';
import { definesAnchor, insertField, isBlockMap, removeField } from '../yaml/edits';
import { Probe, probeOf, probesAllowed, timingKnown, valueNode } from '../k8s/probes';
import type { Fix, Rule, RuleContext, TextChange } from '../engine/rule';
import type { DocView } from '../yaml/view';

const DEFAULT_MIN_DELAY = 30;

export const rule: Rule = {
  meta: {
    id: 'liveness-delay-use-startup',
    severity: 'info',
    fixable: true,
    docs: {
      summary: 'A livenessProbe has an initialDelaySeconds of 30 s or more (option `minDelaySeconds`) and the container has no startupProbe.',
      why:
        'A fixed delay is a guess at the start-up time. When a start takes longer (a cold cache, a slow node, a migration), the liveness probe kills the container ' +
        'before it is up, and it ends in CrashLoopBackOff; when it is faster, a hang in the first seconds goes unnoticed for the whole delay. ' +
        'A startupProbe checks from the first second, hands over to the liveness probe as soon as it succeeds, and can allow the slowest start with its failureThreshold.',
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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            initialDelaySeconds: 60
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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
          startupProbe:
            httpGet: {path: /healthz, port: 8080}
            failureThreshold: 9
`,
      level: 'An info: a fixed delay works as long as start-up times stay below it; a startupProbe is the better tool, not a fix for a bug.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes',
      sources: [
        'kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes: "set up a startup probe with the same command, HTTP or TCP check, with a failureThreshold * periodSeconds long enough to cover the worst case startup time"; liveness and readiness checks are disabled until it succeeds.',
        'Startup probes are GA since Kubernetes 1.20 (the oldest version this tool targets).',
      ],
      fixSafety:
        'The fix copies the liveness handler into a new startupProbe with the liveness periodSeconds (and timeoutSeconds) and failureThreshold = ceil(delay / periodSeconds) + the liveness failureThreshold, ' +
        'so the container gets at least as long to start as before (delay + failureThreshold × periodSeconds), then removes the delay from the liveness probe. ' +
        'Readiness checks also wait for the startupProbe to succeed, at most one period after the app is up. Review it before applying.',
    },
    messages: {
      delay:
        'liveness probe waits a fixed {delay} s; use a startupProbe. A start that takes longer ends in restarts, and a hang in the first {delay} s goes unnoticed. A startupProbe adapts to the real start time.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    const option = ctx.options['minDelaySeconds'];
    const minDelay = typeof option === 'number' && Number.isFinite(option) && option >= 0 ? option : DEFAULT_MIN_DELAY;
    for (const c of spec.containers) {
      if (!probesAllowed(c)) continue;
      const liveness = probeOf(c, 'livenessProbe');
      if (!liveness?.map) continue;
      const startup = view.field(c.map, 'startupProbe');
      // `startupProbe:` with no value is null: no probe.
      if (startup && !view.isEmpty(startup.value)) continue;
      const delay = liveness.timings.initialDelaySeconds;
      if (!delay.field || !timingKnown(view, delay) || delay.value < minDelay) continue;
      ctx.report({
        at: valueNode(delay.field),
        messageId: 'delay',
        data: { container: containerLabel(c), delay: delay.value },
        fixes: startup ? [] : fixFor(view, c, liveness, ctx.eol, ctx.say),
      });
    }
  },
};

function fixFor(view: DocView, c: Container, liveness: Probe, eol: string, say: RuleContext['say']): Fix[] {
  const text = view.chunk.text;
  const map = liveness.map;
  const handler = liveness.handlers[0];
  const delayField = liveness.timings.initialDelaySeconds.field;
  const { periodSeconds: period, timeoutSeconds: timeout, failureThreshold: failures } = liveness.timings;
  // The liveness probe is edited and its handler copied as text: both must be written here, with no anchors or aliases
  // that other places share or that would not resolve in the copy.
  if (!map || !isMap(liveness.field.rawValue) || definesAnchor(map) || liveness.handlers.length !== 1 || !handler || !delayField) return [];
  if (handler.mergedVia || !map.items.includes(handler.pair) || hasAlias(handler.pair.value) || delayField.mergedVia || !map.items.includes(delayField.pair))
    return [];
  if (![period, timeout, failures].every((t) => timingKnown(view, t))) return [];
  const keyStart = handler.key.range?.[0];
  const valueEnd = (handler.pair.value as Node | null)?.range?.[1];
  if (keyStart === undefined || valueEnd === undefined) return [];

  const handlerLines = rebase(text, keyStart, text.slice(keyStart, valueEnd).trimEnd());
  const threshold = Math.ceil(liveness.timings.initialDelaySeconds.value / period.value) + failures.value;
  const extra = [
    ...(period.explicit ? [`periodSeconds: ${period.value}`] : []),
    // A timeout longer than the period would carry probe-timeout-exceeds-period into the new probe.
    ...(timeout.explicit && timeout.value <= period.value ? [`timeoutSeconds: ${timeout.value}`] : []),
    `failureThreshold: ${threshold}`,
  ];
  let insert: TextChange[];
  if (isBlockMap(c.map)) {
    insert = insertField(view, c.map, 'startupProbe', [...handlerLines, ...extra], eol, liveness.field, true);
  } else {
    if (handlerLines.length !== 1) return [];
    insert = insertField(view, c.map, 'startupProbe', [`{${[...handlerLines, ...extra].join(', ')}}`], eol, liveness.field);
  }
  const remove = removeField(view, map, delayField);
  const [ins] = insert;
  const [rem] = remove;
  if (!ins || !rem || insert.length !== 1 || remove.length !== 1) return [];
  // When the delay is the last line of the liveness probe, the new probe goes where that line was.
  const changes: TextChange[] =
    ins.start >= rem.start && ins.start <= rem.end && rem.start < rem.end
      ? [{ start: rem.start, end: rem.end, newText: ins.newText.slice(eol.length) + text.slice(ins.start, rem.end) }]
      : [ins, rem];
  const delay = liveness.timings.initialDelaySeconds.value;
  const title = say({
    en: `Move the ${delay} s delay into a startupProbe (failureThreshold ${threshold})`,
    'zh-cn': `把 ${delay} 秒的延迟改由启动探针承担（\`failureThreshold\` ${threshold}）`,
  });
  return [{ title, changes, isPreferred: true }];
}

/** The handler's text as lines, indented relative to its key so that they can be written at another depth. */
function rebase(text: string, keyStart: number, handlerText: string): string[] {
  const column = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
  return handlerText.split(/\r?\n/).map((line, i) => {
    if (i === 0) return line;
    const indent = line.length - line.trimStart().length;
    return line.slice(Math.min(indent, column));
  });
}

/** True when the node or anything inside it is an alias (`*name`), which a copy placed elsewhere might not resolve the same way. */
function hasAlias(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  let found = false;
  visit(node as Node, {
    Alias: () => {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}
