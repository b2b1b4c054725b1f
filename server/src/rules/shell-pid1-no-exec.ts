// A container whose command is `sh -c` with a compound script that does not `exec` its last command: the shell stays PID 1.
import type { Node, Scalar } from 'yaml';
import { Container, containerLabel } from '../k8s/model';
import type { Fix, Rule, RuleContext } from '../engine/rule';
import { argvOf, shellScript, shortFlagsHave } from '../k8s/shell';
import { gracePeriod } from '../k8s/termination';

export const rule: Rule = {
  meta: {
    id: 'shell-pid1-no-exec',
    severity: 'warning',
    fixable: true,
    docs: {
      summary:
        'An app container or native sidecar runs `sh -c` / `bash -c` with a script of several commands (`;`, `&&`, `||`, `|`, newlines) whose last command is not started with `exec`.',
      why:
        "When a pod stops, the container runtime sends SIGTERM to the container's PID 1 only. If that is a shell running the app as a child, the signal never " +
        'reaches the app: a non-interactive shell installs no SIGTERM handler, and the kernel drops signals without a handler for a PID-namespace init. ' +
        'The app keeps running until the grace period (30 s by default) ends and is then killed with SIGKILL: rollouts and drains take 30 s per pod, ' +
        'in-flight requests are cut off and nothing is flushed. Whether a shell replaces itself with the last command of a `-c` script depends on the shell ' +
        'and its version (dash and busybox ash do for the last simple command, bash does since 5.1 for `a && b` and `a; b`, older bash only for a last line ' +
        'without redirections, and some distribution builds never do); a pipeline, a loop, `wait` or a builtin at the end always keeps the shell as PID 1. ' +
        '`exec app` makes the app PID 1 everywhere. A single simple command (`sh -c "app --flag"`) is left alone, as are scripts that trap TERM and ' +
        'forward it, and plain init containers, which run to completion. Jobs and CronJobs are only checked for native sidecars, which the kubelet stops with SIGTERM when the job finishes.',
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
          image: example/app:1.0
          command: ["sh", "-c", "./migrate && ./server --port 8080"]
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
          image: example/app:1.0
          command: ["sh", "-c", "./migrate && exec ./server --port 8080"]
`,
      level:
        'A warning when the shell surely stays PID 1 (every shutdown then waits out the grace period and kills the app); an info when it depends on the shell whether it execs the last command.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination',
      sources: [
        'kubernetes.io pod-lifecycle #pod-termination: the container runtime sends a TERM signal "to the main process in each container"; after the grace period, KILL.',
        'Linux pid_namespaces(7): the init process of a PID namespace only receives signals from an ancestor namespace for which it has installed a handler (SIGKILL and SIGSTOP excepted).',
        'bash builtins/evalstring.c: parse_and_execute marks only the last command of a -c string CMD_NO_FORK (ONESHOT, a simple command without redirections); bash 5.1+ also can_optimize_connection for the last command of `&&`, `||`, `;` lists; any trap disables it.',
        'dash src/main.c and src/eval.c: evalstring(minusc, EV_EXIT) execs the last simple command unless traps are set; pipelines (evalpipe) and loops (evalloop) always fork. Debian has shipped dash with this optimisation disabled ("Disable sh -c optimisation", pkgsrc/Debian patch).',
      ],
      fixSafety:
        'Not applied blind: with `exec` the app becomes PID 1 and receives SIGTERM itself (the point of the fix), so its shutdown path starts running where it never did; and the shell no longer runs anything after the command. Offered only for a single-line script, or the last line of a block scalar, whose last command has no leading variable assignments and does not follow `||`.',
    },
    messages: {
      notExec:
        'the shell stays PID 1 and may not pass SIGTERM on. The script runs several commands and does not `exec` the last one (`{last}`): unless the shell replaces itself with it (which depends on the shell, its version and the script), the shell ignores SIGTERM and does not pass it on, so the app is killed after the grace period ({grace}) without shutting down cleanly.',
      stays:
        'the app never gets SIGTERM. The script {reason}: SIGTERM goes only to PID 1, which ignores it without a handler and does not pass it on, so the app is killed after the grace period ({grace}) without shutting down cleanly.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const grace = gracePeriod(spec);
    // With a grace period of 0 nothing gets time to shut down anyway (termination-grace-zero reports that).
    if (grace.explicit && grace.seconds <= 0) return;
    const graceText = grace.explicit
      ? ctx.say({ en: `${grace.seconds} s`, 'zh-cn': `${grace.seconds} 秒` })
      : grace.field
        ? ctx.say({ en: 'set by the manifest', 'zh-cn': '由清单设置' })
        : ctx.say({ en: `${grace.seconds} s, the default`, 'zh-cn': `默认 ${grace.seconds} 秒` });
    const runToCompletion = spec.workloadKind === 'Job' || spec.workloadKind === 'CronJob';
    for (const c of spec.containers) {
      // App containers of Jobs finish on their own; native sidecars are stopped with SIGTERM in every kind of pod.
      if (!(c.isSidecar || (c.role === 'app' && !runToCompletion))) continue;
      checkContainer(c, graceText, ctx);
    }
  },
};

function checkContainer(c: Container, grace: string, ctx: RuleContext): void {
  const argv = argvOf(c);
  const script = argv ? shellScript(argv) : undefined;
  if (!script) return;
  const verdict = analyseScript(script.value, ctx.say);
  if (!verdict || verdict.kind === 'fine') return;
  const at = writtenNode(c, script.node);
  const container = containerLabel(c);
  if (verdict.kind === 'stays') {
    ctx.report({ at, messageId: 'stays', data: { container, reason: verdict.reason, grace } });
    return;
  }
  const fixes: Fix[] = [];
  if (verdict.insertAt !== undefined && at === script.node) {
    const offset = sourceOffset(c, script.node, verdict.insertAt);
    if (offset !== undefined) {
      const title = ctx.say({ en: `Start the last command of "${container}" with exec`, 'zh-cn': `用 \`exec\` 启动 "${container}" 的最后一条命令` });
      fixes.push({ title, changes: [{ start: offset, end: offset, newText: 'exec ' }], isPreferred: true });
    }
  }
  // dash, busybox ash and bash 5.1+ often exec the last simple command of `-c` themselves, so this case is
  // advice (info), not a certain fault; the `stays` cases (loops, pipelines, wait, ...) always keep the shell as PID 1.
  ctx.report({ at, messageId: 'notExec', data: { container, last: verdict.last, grace }, fixes, severity: 'info' });
}

/** The argv item as written in the container (an alias stays an alias), so the diagnostic lands in this container. */
function writtenNode(c: Container, resolved: Scalar): Node {
  const { view } = c.spec.owner;
  for (const key of ['command', 'args']) {
    const seq = view.seq(view.field(c.map, key)?.value);
    for (const item of seq?.items ?? []) {
      if (view.resolve(item) === resolved) return item as Node;
    }
  }
  return resolved;
}

/**
 * Where offset `k` of the scalar's value is in the document, for the last line of the value only, and only when the
 * text from there to the end is written literally (no escapes, no folding). Undefined otherwise.
 */
function sourceOffset(c: Container, node: Scalar, k: number): number | undefined {
  const text = c.spec.owner.view.chunk.text;
  const range = node.range;
  const value = node.value;
  if (!range || typeof value !== 'string') return undefined;
  const source = text.slice(range[0], range[1]);
  // trimEnd, not .replace(/\s+$/): the pattern rescans every blank run of a long value (quadratic).
  const tail = value.slice(k).trimEnd();
  if (tail.includes('\n') || tail === '') return undefined;
  if (node.type === 'PLAIN' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    if (source.includes('\n')) return undefined;
    const quoted = node.type !== 'PLAIN';
    const inner = quoted ? source.slice(1, -1) : source;
    const innerEnd = inner.trimEnd();
    if (!innerEnd.endsWith(tail)) return undefined;
    return range[0] + (quoted ? 1 : 0) + innerEnd.length - tail.length;
  }
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const lines = source.split('\n');
    const starts: number[] = [];
    let offset = range[0];
    for (const line of lines) {
      starts.push(offset);
      offset += line.length + 1;
    }
    // Line 0 holds the block header (`|`, `>-`, ...); the script's lines follow.
    for (let i = lines.length - 1; i >= 1; i--) {
      const line = lines[i].trimEnd();
      if (line.trim() === '') continue;
      if (!line.endsWith(tail)) return undefined;
      return starts[i] + line.length - tail.length;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// A small reader for `sh -c` scripts: enough to split the top level into commands and look at the last one. It
// gives up (undefined) on here-documents and on anything it cannot place, so unknown scripts produce no report.

type Verdict =
  | { readonly kind: 'fine' }
  | { readonly kind: 'stays'; readonly reason: string }
  | { readonly kind: 'notExec'; readonly last: string; readonly insertAt: number | undefined };

interface Segment {
  /** Offsets of the command's text in the script, trimmed. */
  readonly start: number;
  readonly end: number;
  /** The operator before it: '' for the first, '\n', ';', '&', '&&', '||', '|', '|&'. */
  readonly sep: string;
}

interface Word {
  readonly text: string;
  readonly start: number;
}

/** Words of the shell that end a script's own run or that run no program; the shell stays PID 1 while it runs them. */
const BUILTINS = new Set([
  ':',
  'true',
  'false',
  'echo',
  'printf',
  'exit',
  'return',
  'cd',
  'export',
  'set',
  'unset',
  'shift',
  'read',
  'test',
  '[',
  'local',
  'readonly',
  'umask',
  'ulimit',
  'alias',
  'unalias',
  'break',
  'continue',
  'type',
  'hash',
  'times',
  'getopts',
  'let',
  'declare',
  'typeset',
  'pwd',
  'kill',
  'jobs',
  'fg',
  'bg',
  'disown',
  'shopt',
  'trap',
]);
/** Words after which this reader cannot tell what runs last. */
const OPAQUE = new Set(['.', 'source', 'eval', 'command', 'builtin', 'exec']);
const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  'for',
  'case',
  'esac',
  'in',
  'select',
  'function',
  '!',
  '{',
  '}',
  '[[',
  ']]',
  '(',
  ')',
]);

/** What the script's last command means for PID 1; undefined when this reader cannot tell. */
function analyseScript(script: string, say: RuleContext['say']): Verdict | undefined {
  const split = splitTopLevel(script);
  if (!split) return undefined;
  const { segments, trailing } = split;
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  // A script ending in `&` (or a dangling operator) does not leave anything running in the foreground.
  if (trailing !== '' && trailing !== '\n' && trailing !== ';') return undefined;
  const all = segments.map((s) => ({ seg: s, words: wordsOf(script, s.start, s.end) }));
  // A script that traps TERM has taken care of the signal itself.
  const traps = all.filter((s) => s.words[0]?.text === 'trap');
  if (traps.some((t) => t.words.slice(1).some((w) => /^(SIG)?TERM$|^15$/i.test(unquote(w.text))))) return { kind: 'fine' };
  if (segments.length === 1) return { kind: 'fine' };
  const functions = new Set<string>();
  for (const { seg, words } of all) {
    const text = script.slice(seg.start, seg.end);
    const m = /^(?:function\s+([A-Za-z_][\w.-]*)|([A-Za-z_][\w.-]*)\s*\(\s*\))/.exec(text);
    if (m) functions.add(m[1] ?? m[2]);
    // An `exec` of a program before the end replaces the shell there; what follows is not this reader's business.
    if (seg !== last && words[0]?.text === 'exec' && runsProgram(words.slice(1))) return undefined;
  }
  const words = all[all.length - 1]?.words ?? [];
  const first = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text));
  const word = words[first];
  if (!word) return undefined;
  const name = unquote(word.text);
  const base = name.slice(name.lastIndexOf('/') + 1);
  const lastText = script.slice(last.start, last.end);
  if (last.sep === '|' || last.sep === '|&')
    return { kind: 'stays', reason: say({ en: 'ends in a pipeline, which the shell waits for as PID 1', 'zh-cn': '以管道结尾，shell 作为 PID 1 等待它结束' }) };
  if (name === 'exec') return runsProgram(words.slice(first + 1)) ? { kind: 'fine' } : undefined;
  // A loop or function body that `exec`s a program replaces the shell in there; leave such scripts alone.
  const execInside = /(^|[\s;&|({])exec\s+[^\s<>&]/.test(script);
  if (name === 'done')
    return execInside
      ? undefined
      : { kind: 'stays', reason: say({ en: 'ends in a loop, which the shell runs itself as PID 1', 'zh-cn': '以循环结尾，由作为 PID 1 的 shell 自己执行' }) };
  if (RESERVED.has(name) || /^[({]/.test(name) || /[)}]$/.test(lastText) || isRedirection(word.text)) return undefined;
  if (OPAQUE.has(name)) return undefined;
  if (name === 'wait')
    return {
      kind: 'stays',
      reason: say({
        en: 'ends in `wait` with no TERM trap, so the shell waits for its background jobs as PID 1',
        'zh-cn': '以 `wait` 结尾且没有捕获 TERM，shell 作为 PID 1 等待后台任务',
      }),
    };
  // `exec` would not help here: these programs have no SIGTERM handler either, so as PID 1 they ignore it too.
  if (base === 'sleep')
    return {
      kind: 'stays',
      reason: say({
        en: 'ends in `sleep`, which ignores SIGTERM as PID 1 just as the shell does',
        'zh-cn': '以 `sleep` 结尾，它作为 PID 1 时和 shell 一样会忽略 SIGTERM',
      }),
    };
  if (base === 'tail' && words.some((w) => w.text === '--follow' || w.text.startsWith('--follow=') || shortFlagsHave(w.text, 'fF', false))) {
    return {
      kind: 'stays',
      reason: say({
        en: 'ends in `tail -f`, which ignores SIGTERM as PID 1 just as the shell does',
        'zh-cn': '以 `tail -f` 结尾，它作为 PID 1 时和 shell 一样会忽略 SIGTERM',
      }),
    };
  }
  if (BUILTINS.has(name))
    return {
      kind: 'stays',
      reason: say({
        en: `ends in the shell builtin \`${name}\`, so the shell stays PID 1 while the commands before it run`,
        'zh-cn': `以 shell 内置命令 \`${name}\` 结尾，前面的命令运行期间 shell 一直是 PID 1`,
      }),
    };
  if (functions.has(name))
    return execInside
      ? undefined
      : {
          kind: 'stays',
          reason: say({
            en: `ends in a call of its own function \`${name}\`, which the shell runs itself as PID 1`,
            'zh-cn': `以调用脚本自身的函数 \`${name}\` 结尾，由作为 PID 1 的 shell 自己执行`,
          }),
        };
  // Inserting `exec` is only right for a plain program call: not after `||` (the app may be the left side), not
  // after assignments (`exec A=1 app` would try to run "A=1"), and not when a trap of any kind would then be lost.
  const insertAt = first === 0 && last.sep !== '||' && traps.length === 0 ? last.start + word.start : undefined;
  return { kind: 'notExec', last: shorten(lastText), insertAt };
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

function unquote(word: string): string {
  return word.replace(/^(['"])(.*)\1$/s, '$2');
}

function isRedirection(word: string): boolean {
  return /^\d*(>>?|<<?|&>>?|>&|<&|>\|)/.test(word);
}

/** True when the words after `exec` name a program, not only redirections (`exec >/log 2>&1` keeps the shell). */
function runsProgram(words: readonly Word[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const text = words[i].text;
    if (!isRedirection(text)) return true;
    // A bare operator (`>`, `2>`) takes the next word as its target.
    if (/^\d*(>>?|<|&>>?|>\|)$/.test(text)) i++;
  }
  return false;
}

/** Splits the script at its top-level operators; undefined for here-documents or unbalanced quoting. */
function splitTopLevel(script: string): { segments: Segment[]; trailing: string } | undefined {
  const segments: Segment[] = [];
  let depth = 0;
  let segStart = 0;
  // The operator that precedes the next command, and the last operator seen after the last command.
  let sep = '';
  let trailing = '';
  const close = (end: number, op: string): void => {
    const raw = script.slice(segStart, end);
    if (raw.trim() !== '') {
      const lead = raw.length - raw.trimStart().length;
      segments.push({ start: segStart + lead, end: segStart + raw.trimEnd().length, sep });
      sep = op;
      trailing = op;
    } else if (op !== '\n') {
      sep = op;
      trailing = op;
    }
    // A newline after an operator (or at the start) continues the list: the operator before the next command stays.
  };
  let i = 0;
  const n = script.length;
  while (i < n) {
    const ch = script[i];
    const next = script[i + 1];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === "'") {
      const endQuote = script.indexOf("'", i + 1);
      if (endQuote < 0) return undefined;
      i = endQuote + 1;
      continue;
    }
    if (ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < n && script[j] !== ch) j += script[j] === '\\' ? 2 : 1;
      if (j >= n) return undefined;
      i = j + 1;
      continue;
    }
    if (ch === '$' && next === '{') {
      const endBrace = script.indexOf('}', i + 2);
      if (endBrace < 0) return undefined;
      i = endBrace + 1;
      continue;
    }
    if (ch === '#' && (i === 0 || /[\s;&|()]/.test(script[i - 1]))) {
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    }
    if (ch === '<' && next === '<' && script[i + 2] !== '<') return undefined;
    if (ch === '<' && next === '<') {
      i += 3;
      continue;
    }
    if (ch === '(') {
      depth++;
      i++;
      continue;
    }
    if (ch === ')') {
      if (depth > 0) depth--;
      i++;
      continue;
    }
    if (depth === 0) {
      const prev = i > 0 ? script[i - 1] : '';
      let op: string | undefined;
      if (ch === '\n') op = '\n';
      else if (ch === ';') op = next === ';' ? ';;' : ';';
      else if (ch === '&' && prev !== '>' && prev !== '<' && next !== '>') op = next === '&' ? '&&' : '&';
      else if (ch === '|' && prev !== '>') op = next === '|' ? '||' : next === '&' ? '|&' : '|';
      if (op !== undefined) {
        close(i, op === ';;' ? ';' : op);
        i += op.length;
        segStart = i;
        continue;
      }
    }
    i++;
  }
  if (depth !== 0) return undefined;
  const rest = script.slice(segStart);
  if (rest.trim() === '') return { segments, trailing };
  close(n, '');
  return { segments, trailing: '' };
}

/** The words of one command, quote-aware, with offsets relative to the command's start. */
function wordsOf(script: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  let i = start;
  while (i < end) {
    while (i < end && /\s/.test(script[i])) i++;
    if (i >= end) break;
    const wordStart = i;
    while (i < end && !/\s/.test(script[i])) {
      const ch = script[i];
      if (ch === '\\') i += 2;
      else if (ch === "'" || ch === '"') {
        let j = i + 1;
        while (j < end && script[j] !== ch) j += ch === '"' && script[j] === '\\' ? 2 : 1;
        i = j + 1;
      } else i++;
    }
    words.push({ text: script.slice(wordStart, Math.min(i, end)), start: wordStart - start });
  }
  return words;
}
