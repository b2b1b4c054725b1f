// The fast reader (server/src/yaml/fast-parse.ts) against the `yaml` library it stands in for: on every document it
// accepts, both must give the same nodes (classes, values, scalar types and sources, ranges, anchors, aliases, flow
// flags), and the library must find no error. Documents: ../shared/corpus, the test fixtures, the realistic bench's
// manifests, hand-written cases for each construct, the hostile inputs, and variants of all of them (CRLF line
// breaks, each line deleted, indented, given a comment or trailing spaces, or preceded by a blank line).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Document, parseDocument, visit } from 'yaml';
import { fastParse } from '../../server/src/yaml/fast-parse';
import { maskTemplates, ParsedChunk, parseChunk, splitDocuments } from '../../server/src/yaml/documents';
import { hostileCases } from '../support/hostile';
import { REPO_ROOT } from '../support/render-tools';
import { yamlDifference } from '../support/yaml-equal';

const OPTIONS = { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;
const schema = parseDocument('', OPTIONS).schema;
const CORPUS = join(REPO_ROOT, '..', 'shared', 'corpus');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** The documents of a file's text, as the analysis parses them (template expressions masked). */
function documentsOf(text: string): string[] {
  return splitDocuments(text).map((c) => maskTemplates(c.text).masked);
}

/** The document and its variants: CRLF, no final line break, and one change at every third line. */
function variants(text: string): string[] {
  const out = [text, text.replace(/\n/g, '\r\n'), text.replace(/\n$/, '')];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 3) {
    const edit = (...replacement: string[]): string => [...lines.slice(0, i), ...replacement, ...lines.slice(i + 1)].join('\n');
    out.push(
      edit(),
      edit(` ${lines[i]}`),
      edit(`${lines[i]}  # note`),
      edit('', lines[i]),
      edit(`${lines[i]} `),
      edit(`  # note`, lines[i]),
      // A line written twice: mostly a key its mapping repeats.
      edit(lines[i] ?? '', lines[i] ?? ''),
    );
  }
  return out;
}

interface Tally {
  accepted: number;
  declined: number;
  mismatches: string[];
}

function check(texts: Iterable<string>, tally: Tally = { accepted: 0, declined: 0, mismatches: [] }): Tally {
  for (const text of texts) {
    const comments: string[] = [];
    const fast = fastParse(text, schema, OPTIONS, comments);
    if (!fast) {
      tally.declined++;
      continue;
    }
    tally.accepted++;
    const library = parseDocument(text, { ...OPTIONS, schema });
    const difference =
      library.errors.length > 0
        ? `the library found ${library.errors.map((e) => e.code).join(', ')}`
        : (yamlDifference(fast, library) ?? commentDifference(comments, library) ?? structureDifference(text));
    if (difference && tally.mismatches.length < 5) tally.mismatches.push(`${difference}\n${JSON.stringify(text.slice(0, 400))}`);
  }
  return tally;
}

/**
 * The problems and alias targets of a parse through the fast reader against those of the library's parse.
 */
function structureDifference(text: string): string | undefined {
  const fast = parseChunk(text);
  const library = parseChunk(text, { library: true });
  const problems = (c: ParsedChunk): string => JSON.stringify([c.fatal, c.minor]);
  if (problems(fast) !== problems(library)) return `problems ${problems(fast)} != ${problems(library)}`;
  const aliases = (c: ParsedChunk): string => JSON.stringify([...c.aliasTargets].map(([a, t]) => [a.range?.[0], t.range?.[0]]));
  if (aliases(fast) !== aliases(library)) return `alias targets ${aliases(fast)} != ${aliases(library)}`;
  return undefined;
}

/**
 * The fast reader's comments (one per line) against the library's (on nodes, a block of lines joined): the same lines,
 * in any order. The edit check relies on it to see every comment an edit would lose.
 */
function commentDifference(fast: readonly string[], library: Document.Parsed): string | undefined {
  const theirs: string[] = [];
  const take = (c: string | null | undefined): void => {
    if (c) theirs.push(...c.split('\n').filter((line) => line !== ''));
  };
  take(library.commentBefore);
  take(library.comment);
  if (library.contents) {
    visit(library.contents, {
      Node: (_key, node) => {
        take(node.commentBefore);
        take(node.comment);
      },
    });
  }
  // A comment before a CRLF keeps its CR in the library; empty comments (`#`, ' ' in the library) carry no text.
  const normal = (lines: readonly string[]): string =>
    JSON.stringify(
      lines
        .map((l) => l.replace(/\r$/, ''))
        .filter((l) => l.trim() !== '')
        .sort(),
    );
  const mine = normal(fast);
  return mine === normal(theirs) ? undefined : `comments ${mine} != ${normal(theirs)}`;
}

/** Each construct of the subset, alone, with the expectation that the reader takes it. */
const ACCEPTED: Record<string, string> = {
  'block mapping and sequence': 'a: 1\nb:\n  - x\n  -   y  \n\n  - k: v\n    m: n\nc: end\n',
  "sequence at its key's column": 'a:\n- x\n- y\nb: 1\n',
  'YAML 1.1 scalars': 'a: yes\nb: off\nc: 0755\nd: 0x1F\ne: 1_000\nf: 1:30\ng: .5\nh: 2.50\ni: ~\nj: 2001-12-14\nk: -.inf\nl: 1e3\n',
  'keys that YAML 1.1 reads as booleans': 'on: push\ny: 1\n',
  'quoted scalars': "a: \"x y\"\nb: 'it''s'\n\"c\": 1\n'd': 2\n",
  'flow collections': 'a: [1, "2", {z: q}]\nb: {k: v , x: "y"}  # c\nc: []\nd: {}\ne: [a , b ,]\nf: {"k": 1, g: [1] , h: {} }\n',
  'anchors and aliases': 'a: &x {b: 1}\nc: &y 2\nd: *x\ne: &z\n  f: *y\ng: *z\n',
  'empty values': 'a:\nb:   \nc:  # note\nd: 1\n',
  'empty values with a comment in an indented mapping': 'x:\n  a:  # n\n  b: 1\n  c:  # m\ny: 2\nz:\n  - w:\n      d:  # o\n    e: 1\n',
  'a document that ends with an empty value': 'a: 1\nb:\n\n',
  'literal and folded block scalars': 'a: |\n  l1\n   l2\n\n  l3\nb: >-\n  f1\n  f2\nc: |-\n  x\nd: 1\n',
  'comments and a document marker': '# lead\n\n--- # marker\n# before\na: 1   # after\n# between entries\nb:\n  # before a nested entry\n  c: 2\n# end\n',
  'an indented root': '  a: 1\n  b: 2\n',
  'a root sequence': '- a\n- b: 1\n  c: 2\n',
  'CRLF line breaks': 'a: 1\r\nb:\r\n  - c\r\n',
  'duplicate keys': 'a: 1\nb: {x: 1, x: 2, .nan: 1, .NaN: 2}\na: 2\nc:\n  d: 1\n  e: {d: 1}\n  d: 3\n  0x1: 1\n  1: 2\n',
  'duplicate keys among many': `${Array.from({ length: 20 }, (_, i) => `k${i % 17}: ${i}`).join('\n')}\n`,
  'duplicate keys beside an anchor': 'a: &x 1\nb: *x\na: 2\n',
};

/** Constructs left to the library: the reader must decline them (and the library reads them as before). */
const DECLINED: Record<string, string> = {
  'a multi-line plain scalar': 'a: one\n  two\n',
  'a double-quoted escape': 'a: "x\\ny"\n',
  'a tag': 'a: !!str 1\n',
  'a merge key': 'a: &x {b: 1}\nc:\n  <<: *x\n',
  'a multi-line flow collection': 'a: [1,\n  2]\n',
  'a comment that ends a nested mapping': 'a:\n  b: 1\n  # trailing\nc: 2\n',
  'a comment indented deeper than the entries around it': 'a: 1\n   # deeper\nb: 2\n',
  'an explicit key': '? a\n: 1\n',
  'a tab': 'a:\t1\n',
  'a syntax error': 'a: b: c\n',
  'a compact nested sequence': '- - a\n',
  'an alias to an unknown anchor': 'a: *nowhere\n',
  'nesting deeper than the reader goes': `a: ${'['.repeat(200)}${']'.repeat(200)}\n`,
};

describe('fast YAML reader', () => {
  for (const [name, text] of Object.entries(ACCEPTED)) {
    it(`reads ${name} as the library does`, () => {
      assert.ok(fastParse(text, schema, OPTIONS), 'declined');
      const tally = check([text]);
      assert.deepEqual(tally.mismatches, []);
    });
  }

  for (const [name, text] of Object.entries(DECLINED)) {
    it(`leaves ${name} to the library`, () => {
      assert.equal(fastParse(text, schema, OPTIONS), undefined);
      // The analysis still gets the library's parse.
      assert.ok(parseChunk(text).doc);
    });
  }

  it('agrees with the library on the test fixtures, the bench manifests and the hostile inputs, and on their variants', async () => {
    const { realisticManifest } = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'bench-realistic.mjs')).href)) as {
      realisticManifest: (n: number) => string;
    };
    const texts = new Set<string>();
    for (const file of yamlFiles(join(REPO_ROOT, 'test'))) for (const d of documentsOf(readFileSync(file, 'utf8'))) for (const v of variants(d)) texts.add(v);
    const bench = documentsOf(realisticManifest(60));
    for (const d of bench) for (const v of variants(d)) texts.add(v);
    for (const c of hostileCases(20_000)) for (const d of documentsOf(c.text)) texts.add(d);
    const tally = check(texts);
    assert.deepEqual(tally.mismatches, []);
    // The bench manifests are what the reader is for: it takes all of them.
    assert.equal(check(bench).declined, 0);
  });

  it(
    'agrees with the library on ../shared/corpus and its variants, and takes most of its documents',
    { skip: !existsSync(CORPUS) && 'shared/corpus is not present', timeout: 120_000 },
    () => {
      const documents = yamlFiles(CORPUS).flatMap((f) => documentsOf(readFileSync(f, 'utf8')));
      const plain = check(documents);
      assert.deepEqual(plain.mismatches, []);
      assert.ok(plain.accepted / documents.length > 0.85, `took ${plain.accepted} of ${documents.length}`);
      const varied = check(new Set(documents.flatMap(variants)));
      assert.deepEqual(varied.mismatches, []);
    },
  );
});
