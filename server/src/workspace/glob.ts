// A small glob matcher for `ignore` in .kube-graceful.yaml and for globs on the command line: `*`, `**`, `?` and
// character classes, on `/`-separated paths. It never compiles user text to a regular expression: the greedy
// two-pointer match below costs at most the product of the lengths, with no exponential backtracking.

/** One element of a path segment's pattern. */
type Token =
  | { readonly t: 'char'; readonly c: string }
  | { readonly t: 'any' }
  | { readonly t: 'star' }
  | { readonly t: 'class'; readonly negate: boolean; readonly items: readonly (readonly [string, string])[] };

/** A segment's pattern, or `**` (any number of whole segments). */
type Segment = readonly Token[] | 'globstar';

export interface Glob {
  readonly source: string;
  readonly segments: readonly Segment[];
}

/** True when the text holds glob syntax (so a command-line argument is a pattern, not a path). */
export function isGlob(text: string): boolean {
  return /[*?[]/.test(text);
}

/**
 * Compiles a pattern as .gitignore reads it: a pattern without a `/` (other than a trailing one) matches at any
 * depth; one with a `/` (or any, with `anchored`, as on the command line) is anchored to the folder it is relative
 * to; a trailing `/` means the folder and everything under it.
 */
export function compileGlob(pattern: string, options: { readonly anchored?: boolean } = {}): Glob {
  let p = pattern.trim().replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  if (p.endsWith('/')) p += '**';
  const anchored = options.anchored === true || p.replace(/\/\*\*$/, '').includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const parts = p.split('/').filter((s) => s.length > 0);
  const segments: Segment[] = anchored ? [] : ['globstar'];
  for (const part of parts) {
    if (part === '**') {
      if (segments[segments.length - 1] !== 'globstar') segments.push('globstar');
    } else segments.push(tokens(part));
  }
  return { source: pattern, segments };
}

/**
 * True when the relative path (with `/` separators) matches the pattern, or one of its folders does (as in
 * .gitignore, a matching folder covers everything under it) unless `exact` (as a shell matches a glob).
 */
export function matchGlob(glob: Glob, relativePath: string, exact = false): boolean {
  const parts = relativePath
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s.length > 0 && s !== '.');
  if (exact) return matchSegments(glob.segments, parts);
  for (let n = parts.length; n >= 1; n--) if (matchSegments(glob.segments, parts.slice(0, n))) return true;
  return false;
}

/** The folder part of a pattern before its first wildcard: where a walk for it starts. */
export function globBase(pattern: string): string {
  const parts = pattern.replace(/\\/g, '/').split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (isGlob(part)) break;
    fixed.push(part);
  }
  if (fixed.length === parts.length) fixed.pop();
  const base = fixed.join('/');
  return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}

function tokens(part: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '*') {
      if (out[out.length - 1]?.t !== 'star') out.push({ t: 'star' });
    } else if (c === '?') out.push({ t: 'any' });
    else if (c === '[') {
      const close = part.indexOf(']', i + 2);
      if (close < 0) {
        out.push({ t: 'char', c });
        continue;
      }
      let body = part.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      const items: (readonly [string, string])[] = [];
      for (let k = 0; k < body.length; k++) {
        const a = body[k];
        if (body[k + 1] === '-' && k + 2 < body.length) {
          items.push([a, body[k + 2]]);
          k += 2;
        } else items.push([a, a]);
      }
      out.push({ t: 'class', negate, items });
      i = close;
    } else out.push({ t: 'char', c });
  }
  return out;
}

function tokenMatches(token: Token, c: string): boolean {
  if (token.t === 'any') return true;
  if (token.t === 'char') return token.c === c;
  if (token.t === 'class') return token.items.some(([a, b]) => c >= a && c <= b) !== token.negate;
  return false;
}

/** Greedy wildcard match of one segment: on a mismatch, only the last star is widened by one character. */
function matchSegment(pattern: readonly Token[], text: string): boolean {
  // `*` and `?` never match a leading dot, as in shells, so `*.yaml` does not pick up `.kube-graceful.yaml`.
  if (text.startsWith('.') && pattern[0] && pattern[0].t !== 'char') return false;
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const token = pattern[p];
    if (token && token.t !== 'star' && tokenMatches(token, text[t])) {
      p++;
      t++;
    } else if (token && token.t === 'star') {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (pattern[p]?.t === 'star') p++;
  return p === pattern.length;
}

/** The same greedy match one level up: `**` stands for any number of whole segments. */
function matchSegments(pattern: readonly Segment[], parts: readonly string[]): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < parts.length) {
    const seg = pattern[p];
    if (seg !== undefined && seg !== 'globstar' && matchSegment(seg, parts[t])) {
      p++;
      t++;
    } else if (seg === 'globstar') {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (pattern[p] === 'globstar') p++;
  return p === pattern.length;
}
