// Reads what a container runs: its argv (command + args), the script of `sh -c`, and whether that never exits.
import type { Scalar } from 'yaml';
import type { Container } from './model';

export interface Arg {
  readonly value: string;
  readonly node: Scalar;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/**
 * The container's argv as written: `command` followed by `args`. Undefined when neither is set (the image's
 * entrypoint runs, which this tool cannot see) or when an item is not a known string.
 */
export function argvOf(c: Container): Arg[] | undefined {
  const { view } = c.spec.owner;
  const command = view.field(c.map, 'command');
  const args = view.field(c.map, 'args');
  if (!command && !args) return undefined;
  const cmd = command ? view.strings(command.value) : [];
  const rest = args ? view.strings(args.value) : [];
  if (!cmd || !rest) return undefined;
  // With only `args`, the image's entrypoint gets them: the argv's first word is unknown.
  if (!command) return undefined;
  return [...cmd, ...rest];
}

/** For `sh -c 'script'` (also `bash -ec`, `/bin/sh -c`, `busybox sh -c`): the script argument. */
export function shellScript(argv: readonly Arg[]): Arg | undefined {
  let i = 0;
  if (argv[0] && basename(argv[0].value) === 'busybox') i = 1;
  const shell = argv[i];
  if (!shell || !SHELLS.has(basename(shell.value))) return undefined;
  for (let k = i + 1; k < argv.length; k++) {
    const a = argv[k];
    if (!a.value.startsWith('-')) return undefined;
    if (shortFlagsHave(a.value, 'c', false)) return argv[k + 1];
  }
  return undefined;
}

/** Seconds in a `sleep` duration (`30`, `1.5`, `2m`, `1d`, `infinity`); undefined when unreadable. */
export function sleepSeconds(text: string): number | undefined {
  if (/^(infinity|inf)$/i.test(text)) return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text);
  if (!m) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? ''] ?? 1;
  return Number(m[1]) * unit;
}

/** A day: a sleep at least this long is, for an init container, the same as never finishing. */
const NEVER = 86400;

/** Why an argv never exits, or undefined when it may exit. `node` is the argument that shows it. */
export function neverExits(argv: readonly Arg[]): { reason: string; node: Scalar } | undefined {
  const first = argv[0];
  if (!first) return undefined;
  const program = basename(first.value);
  if (program === 'sleep' && argv[1]) {
    const s = sleepSeconds(argv[1].value);
    if (s !== undefined && s >= NEVER) return { reason: `sleep ${argv[1].value}`, node: argv[1].node };
  }
  if (program === 'tail') {
    const follow = argv.slice(1).find((a) => isFollowFlag(a.value));
    if (follow) return { reason: `tail ${follow.value}`, node: follow.node };
  }
  const script = shellScript(argv);
  if (script) {
    const reason = scriptNeverExits(script.value);
    if (reason) return { reason, node: script.node };
  }
  return undefined;
}

function isFollowFlag(arg: string): boolean {
  return arg === '--follow' || arg.startsWith('--follow=') || shortFlagsHave(arg, 'fF', true);
}

/**
 * True for a cluster of short options (`-xc`, `-n10f`) that holds one of `letters`. A scan rather than a pattern
 * such as /^-[a-z]*c[a-z]*$/, which backtracks quadratically on a long argument that fails at its end.
 */
export function shortFlagsHave(arg: string, letters: string, digits: boolean): boolean {
  if (arg.length < 2 || arg.charCodeAt(0) !== 45 /* - */) return false;
  let found = false;
  for (let i = 1; i < arg.length; i++) {
    const c = arg.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!letter && !(digits && c >= 48 && c <= 57)) return false;
    if (letters.includes(arg.charAt(i))) found = true;
  }
  return found;
}

/** A shell script that never ends on its own: an endless loop with no way out, `sleep infinity`, `tail -f`. */
export function scriptNeverExits(script: string): string | undefined {
  const code = stripComments(script);
  // `\s*(?:;\s*)?do`: one way to match a run of blanks (the old `\s*;?\s*(?:\n\s*)?` had three, and backtracked).
  const loop = /\b(while\s+(?:true|:|\[\s*1\s*\]|\[\[\s*1\s*\]\]|\(\(\s*1\s*\)\)|sleep\s+[\d.]+[smhd]?)|until\s+false)\s*(?:;\s*)?do\b/.exec(code);
  if (loop && !/\b(break|exit|return)\b/.test(code.slice(loop.index))) return `${loop[1]?.replace(/\s+/g, ' ')}; do … done`;
  // After a separator, blanks up to the line's end only: `\s*` there made every newline of a long blank run rescan it.
  const forever = /(?:^|[;&|\n(][^\S\n]*|\bexec\s+|\bthen\s+|\bdo\s+)sleep\s+(infinity|inf|\d+(?:\.\d+)?[smhd]?)\b/gm;
  for (const m of code.matchAll(forever)) {
    const s = sleepSeconds(m[1] ?? '');
    if (s !== undefined && s >= NEVER) return `sleep ${m[1]}`;
  }
  const tail = tailFollow(code);
  if (tail) return `tail ${tail}`;
  return undefined;
}

/**
 * The follow flag of a `tail -f` / `tail --follow` command in a script, found by splitting the script into simple
 * commands at `;`, `&`, `|`, `(` and line breaks and reading their words: linear, where a pattern with
 * `(?:[^;&|\n]*\s)?` before the flag backtracked quadratically on long commands.
 */
function tailFollow(code: string): string | undefined {
  let start = 0;
  for (let i = 0; i <= code.length; i++) {
    const c = i < code.length ? code.charAt(i) : '\n';
    if (c !== ';' && c !== '&' && c !== '|' && c !== '\n' && c !== '(') continue;
    const words = code
      .slice(start, i)
      .split(/[ \t\r]+/)
      .filter((w) => w !== '');
    start = i + 1;
    let k = 0;
    if (words[k] === 'exec') k++;
    if (words[k] !== 'tail') continue;
    for (const w of words.slice(k + 1)) {
      if (w === '--follow' || shortFlagsHave(w, 'fF', true)) return w;
    }
  }
  return undefined;
}

function stripComments(script: string): string {
  return script
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '$1'))
    .join('\n');
}
