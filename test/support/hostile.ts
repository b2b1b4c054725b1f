// Pathological YAML by class and size, for the hardening tests (test/service/hardening.test.ts) and the hostile
// benchmark (scripts/bench-hostile.mjs): every class the issue 19 attack found, each grown to about `size` bytes.

/** One pathological input: what it attacks and its text. */
export interface HostileCase {
  readonly name: string;
  readonly text: string;
}

const HEADER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
`;

/** Repeats `unit` (with its index) until the text reaches `size` characters. */
function grow(size: number, unit: (i: number) => string, head = '', tail = ''): string {
  const parts: string[] = [head];
  let length = head.length + tail.length;
  for (let i = 0; length < size; i++) {
    const u = unit(i);
    parts.push(u);
    length += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** Nested merge keys, each level merging the previous one eight times; padded with comments to the size. */
export function mergeBomb(size: number, depth = 40): string {
  const defs = ['x-defs:', '  - &l0 {a: "1", b: "2"}'];
  for (let i = 1; i <= depth; i++) defs.push(`  - &l${i} {<<: [${new Array(8).fill(`*l${i - 1}`).join(', ')}], k${i}: "v"}`);
  const head = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bomb\n${defs.join('\n')}\nspec:\n  <<: *l${depth}\n  template:\n    spec:\n      containers:\n        - <<: *l${depth}\n          name: c\n          image: i\n`;
  return grow(size, (i) => `# padding line ${i}\n`, head);
}

/** A Deployment whose pod spec has thousands of unknown keys (quadratic schema explanations). */
export function unknownKeys(size: number): string {
  return grow(size, (i) => `          unknownKey${i}: ${i}\n`, HEADER);
}

/** Long runs of blanks inside values a fix or shell reader trims (`.replace(/\s+$/)`). */
export function whitespaceRuns(size: number): string {
  const run = ' '.repeat(Math.max(16, Math.floor(size / 4)));
  return `${HEADER}          command: ["sh", "-c", "exec app${run};${run}x"]\n          args: ["${run}${run}"]\n          readinessProbe: {exec: {command: ["sh", "-c", "true${run}"]}, initialDelaySeconds: 700}\n`;
}

/** Thousands of duplicate keys in one mapping (the parser's own check is quadratic), with blank runs before colons. */
export function duplicateKeys(size: number): string {
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\ndata:\n';
  return grow(size, (i) => `  key${i % 50}${' '.repeat(i % 7 === 0 ? 200 : 0)}: "v"\n`, head);
}

/** A script with a `tail` and a follow flag that fails at its end, and a long `-fff...` flag cluster. */
export function tailFlags(size: number): string {
  const n = Math.max(16, Math.floor(size / 3));
  return `${HEADER}          command: ["sh", "-c", "tail ${'x '.repeat(n / 2)}-${'f'.repeat(n / 2)}!"]\n          args: ["-${'c'.repeat(n / 4)}!"]\n`;
}

/** Unclosed `${` variables in a shell script, thousands of them. */
export function shellVariables(size: number): string {
  const n = Math.max(16, Math.floor(size / 6));
  return `${HEADER}          command: ["sh", "-c", "echo ${'${abc'.repeat(n / 4)}"]\n          lifecycle: {preStop: {exec: {command: ["echo", "${'${abc'.repeat(n / 4)}"]}}}\n`;
}

/** Tens of thousands of `{{ }}` template spans on one line and across lines. */
export function templateSpans(size: number): string {
  return grow(size, (i) => (i % 100 === 99 ? '{{ . }}\n' : '{{ . }}'), `${HEADER}          args: [`, ']\n');
}

/** Mappings nested about 1,500 levels deep, in flow and block style. */
export function deepNesting(size: number): string {
  const depth = 1500;
  const flow = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  return grow(size, (i) => `# ${i}\n`, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: {x: "1"}\nx: ${flow}\n`);
}

/** Thousands of tiny documents. */
export function tinyDocuments(size: number): string {
  return grow(size, (i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`);
}

/** The classic alias bomb (billion laughs), padded. */
export function aliasBomb(size: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: laughs}', 'x:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let prev = 'a';
  for (const name of 'bcdefghij') {
    lines.push(`  ${name}: &${name} [${new Array(9).fill(`*${prev}`).join(',')}]`);
    prev = name;
  }
  lines.push(`data: {bomb: *${prev}}`);
  return grow(size, (i) => `# ${i}\n`, `${lines.join('\n')}\n`);
}

/** A long quantity of digits that fails at its end. */
export function longQuantity(size: number): string {
  return `${HEADER}          resources: {requests: {memory: "${'1'.repeat(Math.max(16, size - HEADER.length - 60))}x"}}\n`;
}

/** A manifest with lone CR line endings. */
export function crOnly(size: number): string {
  return grow(size, (i) => `  k${i}: "v"\r`, 'apiVersion: v1\rkind: ConfigMap\rmetadata:\r  name: cr\rdata:\r');
}

/** Every class at one size. */
export function hostileCases(size: number): HostileCase[] {
  return [
    { name: 'merge-key bomb', text: mergeBomb(size) },
    { name: 'unknown keys', text: unknownKeys(size) },
    { name: 'whitespace runs', text: whitespaceRuns(size) },
    { name: 'duplicate keys', text: duplicateKeys(size) },
    { name: 'tail flags', text: tailFlags(size) },
    { name: 'shell variables', text: shellVariables(size) },
    { name: 'template spans', text: templateSpans(size) },
    { name: 'deep nesting', text: deepNesting(size) },
    { name: 'tiny documents', text: tinyDocuments(size) },
    { name: 'alias bomb', text: aliasBomb(size) },
    { name: 'long quantity', text: longQuantity(size) },
    { name: 'CR line endings', text: crOnly(size) },
  ];
}

/** A small, healthy Deployment with one known finding (pdb-missing). */
export const HEALTHY = HEADER;
