// Shell syntax (pipes, &&, redirections, $VAR, globs, command substitution) in an argv that no shell will read.
import { isSeq, Node, YAMLMap, YAMLSeq } from 'yaml';
import { Container, containerLabel } from '../k8s/model';
import { definesAnchor, ownField, removeField } from '../yaml/edits';
import { HOOK_KINDS, PROBE_KINDS, probesAllowed } from '../k8s/probes';
import type { Fix, Rule, RuleContext, TextChange } from '../engine/rule';
import { Arg, argvOf } from '../k8s/shell';
import type { DocView, Field } from '../yaml/view';

/** Shells (and busybox, which is one); Windows containers use cmd and PowerShell. */
const SHELLS = new Set([
  'sh',
  'bash',
  'ash',
  'dash',
  'zsh',
  'ksh',
  'mksh',
  'busybox',
  'fish',
  'tcsh',
  'csh',
  'cmd',
  'cmd.exe',
  'powershell',
  'powershell.exe',
  'pwsh',
  'pwsh.exe',
]);

/**
 * Programs whose arguments are code in a language of their own, where `|`, `;`, `$x`, `<` and `*` have their own
 * meaning (awk, jq, sed, perl, python, expr, test, …). Nothing from such a program on is judged.
 */
const CODE =
  /^(awk|gawk|mawk|nawk|jq|yq|gojq|sed|gsed|perl|python[0-9.]*|pypy[0-9.]*|node|nodejs|deno|bun|ruby|php|lua|luajit|tclsh|rscript|bc|dc|expr|test|\[|\[\[|xargs|env|find)$/;

/** Clients that take queries (SQL, Redis, …) whose text may hold `;`, `|`, `<` and `>` with spaces around them. */
const QUERY = /^(psql|mysql|mariadb|sqlite3|cqlsh|mongo|mongosh|clickhouse-client|redis-cli|valkey-cli|etcdctl|nc|ncat|socat|grpcurl|curl|wget)$/;

const OPERATOR = /^(\|\||&&|\||;|&|>>?|<<?|[0-9]?>&[0-9]|&>>?|[0-9]>>?)$/;
const REDIRECT = /^([0-9]?>>?|&>>?|<)(\/\S*|&[0-9])$/;
const EMBEDDED = /(?:^|\s)(\|\||&&|\||;|>>?|<|[0-9]?>&[0-9]|[0-9]?>\/\S*)(?:\s|$)|\S(;)\s/;
const SUBSTITUTION = /`[^`]+`|\$\((?![A-Za-z_][\w.-]*\))/;
// `${name...}` with at most 200 characters inside: `\w*[^}]*` (two overlapping runs, unbounded) backtracked
// quadratically on every unclosed `${` of a long script.
const VARIABLE = /\$(\{[A-Za-z_][^}]{0,200}\}|[A-Za-z_]\w*)/;
/** A file-system path (no spaces, `=` or `:`, so no URL, option value or host:port) with `*` or `?` in it. */
const PATH = /^(\/|\.\.?\/)[^\s=:]*$/;
const GLOB = /[*?]/;
/** A Kubernetes `$(VAR)` reference; `$$(VAR)` is its escape and stays literal. */
const KUBE_VAR = /(?<!\$)\$\(([A-Za-z_][\w.-]*)\)/g;

/**
 * Which `$(VAR)` references the kubelet expands in an argv: all of the container's environment (command and args),
 * only variables with a static `value:` (exec probes: ExpandContainerCommandOnlyStatic), or none (exec hooks:
 * lifecycle/handlers.go runs the command as written). `unknown` when the env list is templated.
 */
type Expansion =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'static'; readonly names: ReadonlySet<string>; readonly fromValueFrom: ReadonlySet<string> }
  | { readonly kind: 'unknown' };

export const rule: Rule = {
  meta: {
    id: 'exec-shell-syntax',
    severity: 'warning',
    fixable: true,
    docs: {
      summary:
        "An exec probe, an exec lifecycle hook, or a container's command/args uses shell syntax (`|`, `&&`, `;`, `>`, `$VAR`, `$(…)`, backticks, `*` in a path) without running a shell, " +
        'or a `$(VAR)` reference where Kubernetes does not expand it (exec hooks; exec probes, for variables without a static `value:`).',
      why:
        'Kubernetes starts the first word of `command` directly, with every other item as one literal argument; no shell reads them. ' +
        '`["cat", "/tmp/ready", "&&", "curl", "localhost:8080"]` runs cat with four file names, `["pg_isready", "-U", "$POSTGRES_USER"]` passes the text "$POSTGRES_USER", ' +
        'and `/var/run/*.pid` is a file name with a star in it. A probe written like that fails (liveness: endless restarts) or succeeds for the wrong reason. ' +
        'Kubernetes itself expands `$(VAR)`, but not everywhere: in `command` and `args` from the whole environment (not reported); ' +
        'in exec probes only from env entries with a static `value:` (a `valueFrom` variable becomes an empty string, an undefined one stays literal); ' +
        'in exec lifecycle hooks never, so the program gets the literal text `$(VAR)`. Those two are reported.',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: postgres
          image: postgres:16
          readinessProbe:
            exec:
              command: ["pg_isready", "-U", "$POSTGRES_USER"]
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: postgres
          image: postgres:16
          readinessProbe:
            exec:
              command: ["sh", "-c", "pg_isready -U \\"$POSTGRES_USER\\""]
`,
      level:
        'A warning: the command surely does not do what it says (the text is passed literally), but whether that breaks the container depends on the program.',
      url: 'https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#run-a-command-in-a-shell',
      sources: [
        'kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container: "The environment variable appears in parentheses, "$(VAR)". This is required for the variable to be expanded in the command or args field." and "In some cases, you need your command to run in a shell. For example, your command might consist of several commands piped together … To run your command in a shell, wrap it like this: command: ["/bin/sh"] args: ["-c", …]".',
        'kubernetes/kubernetes pkg/kubelet/prober/prober.go: exec probes use ExpandContainerCommandOnlyStatic(command, container.Env), which maps each env entry to its `value` (empty for valueFrom) and leaves an undefined $(VAR) as written.',
        'kubernetes/kubernetes pkg/kubelet/lifecycle/handlers.go Run: an exec hook runs handler.Exec.Command as written (RunInContainer), with no $(VAR) expansion.',
        'Container.command API description: "Not executed within a shell. … Variable references $(VAR_NAME) are expanded using the container\'s environment."',
        "ExecAction.command API description: \"The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell.\"",
      ],
      fixSafety:
        'The fix joins the argv into one `sh -c` script: operators, globs and variable references stay unquoted so the shell acts on them, other arguments with spaces are double-quoted. ' +
        'It assumes the image has /bin/sh (distroless and scratch images do not): review it.',
    },
    messages: {
      shell: '{where} runs "{program}" without a shell. So {what} is passed to it as literal text instead of being interpreted. Run it with sh -c.',
      hookVar:
        '{where} passes {variable} to "{program}" as literal text. The kubelet never expands $(VAR) references in exec lifecycle hooks. Run it with sh -c and read the variable as ${name}.',
      probeVar:
        '{where} uses {variable}, which the kubelet does not expand here. In exec probes the kubelet expands $(VAR) only from env entries with a static `value:`; {reason}.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    for (const c of spec.containers) {
      const label = containerLabel(c);
      if (probesAllowed(c)) {
        const owners: { where: string; map: unknown }[] = [];
        // \`where\` is a field path: the same in every language (the Chinese template puts it in backticks itself).
        for (const kind of PROBE_KINDS) owners.push({ where: `${kind}.exec`, map: view.field(c.map, kind)?.value });
        const lifecycle = view.field(c.map, 'lifecycle')?.value;
        for (const hook of HOOK_KINDS) owners.push({ where: `lifecycle.${hook}.exec`, map: view.field(lifecycle, hook)?.value });
        const probeEnv = staticEnv(view, c);
        for (const { where, map } of owners) {
          const exec = view.map(view.field(map, 'exec')?.value);
          const command = exec ? view.field(exec, 'command') : undefined;
          const argv = command ? view.strings(command.value) : undefined;
          if (!exec || !command || !argv) continue;
          const expansion: Expansion = where.startsWith('lifecycle.') ? { kind: 'none' } : probeEnv;
          const found = shellSyntaxIn(argv, ctx.say, expansion);
          if (!found) continue;
          if (found.variable) {
            const data = {
              where: ctx.say({ en: where, 'zh-cn': `\`${where}\`` }),
              container: label,
              program: argv[0]?.value ?? '',
              variable: `$(${found.variable})`,
              name: found.variable,
            };
            if (expansion.kind === 'none') {
              ctx.report({ at: writtenAt([command], found.index), messageId: 'hookVar', data });
            } else {
              const fromValueFrom = expansion.kind === 'static' && expansion.fromValueFrom.has(found.variable);
              const reason = fromValueFrom
                ? ctx.say({
                    en: `${found.variable} comes from valueFrom, so the probe gets an empty string`,
                    'zh-cn': `${found.variable} 来自 valueFrom，探针得到的是空字符串`,
                  })
                : ctx.say({
                    en: `${found.variable} is not one, so the probe gets the literal text`,
                    'zh-cn': `${found.variable} 不在其中，探针得到的是原样的文本`,
                  });
              ctx.report({ at: writtenAt([command], found.index), messageId: 'probeVar', data: { ...data, reason } });
            }
            continue;
          }
          ctx.report({
            at: writtenAt([command], found.index),
            messageId: 'shell',
            data: { where: ctx.say({ en: where, 'zh-cn': `\`${where}\`` }), container: label, program: argv[0]?.value ?? '', what: found.what },
            fixes: wrapExec(view, exec, command, argv, ctx),
          });
        }
      }
      const argv = argvOf(c);
      const found = argv ? shellSyntaxIn(argv, ctx.say) : undefined;
      if (argv && found) {
        const command = view.field(c.map, 'command');
        const args = view.field(c.map, 'args');
        if (!command) continue;
        ctx.report({
          at: writtenAt(args ? [command, args] : [command], found.index),
          messageId: 'shell',
          data: {
            where: ctx.say({ en: 'the command', 'zh-cn': args ? '`command` 和 `args`' : '`command`' }),
            container: label,
            program: argv[0]?.value ?? '',
            what: found.what,
          },
          fixes: wrapContainer(view, c, argv, ctx),
        });
      }
    }
  },
};

interface Finding {
  readonly arg: Arg;
  /** Position of the argument in the argv. */
  readonly index: number;
  readonly what: string;
  /** For a `$(VAR)` the kubelet will not expand: the variable's name. */
  readonly variable?: string;
}

/** The container's env entries with a static `value:` (and those with `valueFrom`), as exec probes see them. */
function staticEnv(view: DocView, c: Container): Expansion {
  const env = view.field(c.map, 'env');
  if (!env) return { kind: 'static', names: new Set(), fromValueFrom: new Set() };
  const seq = view.seq(env.value);
  if (!seq) return { kind: 'unknown' };
  const names = new Set<string>();
  const fromValueFrom = new Set<string>();
  for (const item of seq.items) {
    const name = view.str(view.field(item, 'name')?.value);
    // A templated entry may define any name: nothing can be said about the references.
    if (name === undefined) return { kind: 'unknown' };
    if (view.field(item, 'valueFrom') && !view.field(item, 'value')) fromValueFrom.add(name);
    else names.add(name);
  }
  return { kind: 'static', names, fromValueFrom };
}

/**
 * The node to point at for argument `index` of the argv that the sequences of `fields` make up: the item as written
 * in this container, or the alias that stands for it (not the anchored text elsewhere that it resolves to).
 */
function writtenAt(fields: readonly [Field, ...Field[]], index: number): Node {
  let k = index;
  for (const f of fields) {
    const raw = f.mergedVia ?? f.rawValue;
    const seq = isSeq(f.value) ? f.value : null;
    const count = seq?.items.length ?? 0;
    if (k < count) {
      if (!isSeq(raw)) return raw ?? f.key;
      return (raw.items[k] as Node | undefined) ?? raw;
    }
    k -= count;
  }
  return fields[0].key;
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
}

/** The first argument that holds shell syntax, judged conservatively; nothing once a shell or a code interpreter appears. */
function shellSyntaxIn(argv: readonly Arg[], say: RuleContext['say'], expansion: Expansion = { kind: 'all' }): Finding | undefined {
  let queries = false;
  for (const [index, arg] of argv.entries()) {
    const v = arg.value;
    const program = basename(v);
    if (SHELLS.has(program) || CODE.test(program)) return undefined;
    if (expansion.kind === 'none' || expansion.kind === 'static') {
      for (const ref of v.matchAll(KUBE_VAR)) {
        const name = ref[1];
        if (expansion.kind === 'none' || !expansion.names.has(name)) return { arg, index, what: '', variable: name };
      }
    }
    if (QUERY.test(program)) queries = true;
    if (OPERATOR.test(v)) return { arg, index, what: say({ en: `the "${v}" operator`, 'zh-cn': `运算符 "${v}"` }) };
    if (REDIRECT.test(v)) return { arg, index, what: say({ en: `the redirection "${v}"`, 'zh-cn': `重定向 "${v}"` }) };
    if (SUBSTITUTION.test(v)) return { arg, index, what: say({ en: `the command substitution in "${v}"`, 'zh-cn': `"${v}" 中的命令替换` }) };
    const variable = VARIABLE.exec(v);
    if (variable) {
      const what = say({
        en: `the variable reference ${variable[0]}${variable[0] === v ? '' : ` in "${v}"`}`,
        'zh-cn': `${variable[0] === v ? '' : `"${v}" 中的`}变量引用 \`${variable[0]}\``,
      });
      return { arg, index, what };
    }
    if (PATH.test(v) && GLOB.test(v)) return { arg, index, what: say({ en: `the wildcard in "${v}"`, 'zh-cn': `"${v}" 中的通配符` }) };
    // Go templates (`{{ .Name | json }}`) use " | " too.
    const embedded = queries || v.includes('{{') ? null : EMBEDDED.exec(v);
    if (embedded) {
      const op = embedded[1] ?? embedded[2];
      return { arg, index, what: say({ en: `the "${op}" operator in "${v}"`, 'zh-cn': `"${v}" 中的运算符 "${op}"` }) };
    }
  }
  return undefined;
}

/** One argument as shell text: shell syntax stays bare so the shell acts on it, plain words too, anything else is quoted. */
function shellWord(arg: Arg): string {
  const v = arg.value;
  if (v === '') return '""';
  if (OPERATOR.test(v) || REDIRECT.test(v) || (PATH.test(v) && GLOB.test(v)) || /^[\w@%+=:,./-]+$/.test(v)) return v;
  if (/\s/.test(v) && EMBEDDED.test(v) && !v.includes('{{')) return v;
  // Inside double quotes the shell still expands $VAR, ${…}, $(…) and backticks: keep those, escape a lone `$`.
  return `"${v.replace(/[\\"]/g, '\\$&').replace(/\$(?![A-Za-z_{(])/g, '\\$')}"`;
}

function script(argv: readonly Arg[]): string {
  return argv.map(shellWord).join(' ');
}

/** The text of a sequence with new items, in the style (flow or block) of the sequence it replaces. */
function replaceSeq(text: string, seq: YAMLSeq, items: readonly string[], eol: string): TextChange[] {
  const start = seq.range?.[0];
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (start === undefined || !last?.range) return [];
  if (seq.flow) {
    const end = seq.range?.[1] ?? 0;
    return [{ start, end, newText: `[${items.map((i) => JSON.stringify(i)).join(', ')}]` }];
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (indent.trim() !== '') return [];
  // `sh` and `-c` are safe as plain scalars; the script is always double-quoted (a plain `true` would be a boolean).
  const written = items.map((i, k) => (k < 2 ? i : JSON.stringify(i)));
  return [{ start, end: last.range[1], newText: written.map((i, k) => `${k === 0 ? '' : indent}- ${i}`).join(eol) }];
}

function usable(f: Field | undefined): f is Field & { rawValue: YAMLSeq } {
  return f !== undefined && !f.mergedVia && isSeq(f.rawValue) && !definesAnchor(f.rawValue);
}

function wrapExec(view: DocView, exec: YAMLMap, command: Field, argv: readonly Arg[], ctx: RuleContext): Fix[] {
  const { eol } = ctx;
  const own = ownField(view, exec, 'command');
  if (!usable(own) || own.pair !== command.pair) return [];
  const changes = replaceSeq(view.chunk.text, own.rawValue, ['sh', '-c', script(argv)], eol);
  return changes.length > 0 ? [{ title: ctx.say({ en: 'Run the command with sh -c', 'zh-cn': '改用 `sh -c` 运行该命令' }), changes, isPreferred: true }] : [];
}

function wrapContainer(view: DocView, c: Container, argv: readonly Arg[], ctx: RuleContext): Fix[] {
  const { eol } = ctx;
  const command = ownField(view, c.map, 'command');
  const args = view.field(c.map, 'args');
  if (!usable(command)) return [];
  const changes = replaceSeq(view.chunk.text, command.rawValue, ['sh', '-c', script(argv)], eol);
  if (changes.length === 0) return [];
  if (args) {
    const ownArgs = ownField(view, c.map, 'args');
    if (!ownArgs || definesAnchor(ownArgs.rawValue)) return [];
    changes.push(...removeField(view, c.map, ownArgs));
  }
  return [{ title: ctx.say({ en: 'Run command and args with sh -c', 'zh-cn': '改用 `sh -c` 运行 `command` 和 `args`' }), changes, isPreferred: true }];
}
