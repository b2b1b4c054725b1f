// Property-based test of every fix (issue 19): each fixable rule's bad example is varied by a small seeded
// generator (flow and block styles, comments at every position, anchors and aliases, empty values, CRLF, BOM), and
// every fix the service would offer, and fix-all, must give text that parses, duplicates no key, keeps every comment,
// and reaches a fixed point. CI runs a seeded sample per rule; KG_LONG=1 runs every comment position.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument, visit } from 'yaml';
import { RULES } from '../../server/src/rules';
import { analyse, DEFAULT_OPTIONS, AnalysisOptions } from '../../server/src/engine/analyze';
import { fixAll, minimalEdit } from '../../server/src/engine/fix-all';
import { editIsSound } from '../../server/src/engine/verify';
import type { TextChange } from '../../server/src/engine/rule';
import { parseVersion } from '../../server/src/k8s/versions';

const LONG = process.env['KG_LONG'] === '1';
/** Variants per rule and kind in the fast slice. */
const SAMPLE = LONG ? Infinity : 3;

/** mulberry32: a tiny seeded generator, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], n: number, rnd: () => number): T[] {
  if (items.length <= n) return [...items];
  const copy = [...items];
  const out: T[] = [];
  while (out.length < n) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]);
  return out;
}

interface Variant {
  readonly name: string;
  readonly text: string;
}

/** The variants of one bad example. */
function variants(bad: string, seed: number): Variant[] {
  const rnd = random(seed);
  const out: Variant[] = [{ name: 'as written', text: bad }];
  out.push({ name: 'CRLF', text: bad.replace(/\n/g, '\r\n') });
  out.push({ name: 'BOM', text: `\uFEFF${bad}` });
  const lines = bad.split('\n');
  const inBlockScalar = blockScalarLines(bad);
  const positions = lines.map((_, i) => i).filter((i) => lines[i].trim() !== '' && !inBlockScalar.has(i));
  for (const i of pick(positions, SAMPLE, rnd)) {
    const l = lines[i];
    const withEnd = [...lines];
    // A comment at the end of the line, unless the line ends inside a quoted string.
    if (!/["']\s*$/.test(l) || /:\s*["'][^"']*["']\s*$/.test(l)) withEnd[i] = `${l}  # note ${i}`;
    out.push({ name: `comment after line ${i + 1}`, text: withEnd.join('\n') });
    const above = [...lines];
    above.splice(i, 0, `${/^\s*/.exec(l)?.[0] ?? ''}# note above ${i}`);
    out.push({ name: `comment above line ${i + 1}`, text: above.join('\n') });
  }
  // Flow and block styles: rewrite the documents with some collections in the other style.
  for (let k = 0; k < Math.min(SAMPLE, 2); k++) {
    const docs = parseAllDocuments(bad);
    if (!Array.isArray(docs)) continue;
    for (const doc of docs) {
      visit(doc, {
        Map: (_key, node) => void (node.flow = rnd() < 0.4),
        Seq: (_key, node) => void (node.flow = rnd() < 0.4),
      });
    }
    out.push({ name: `styles ${k}`, text: docs.map((d) => d.toString()).join('') });
  }
  // Anchors and aliases: a scalar value gets an anchor, and a new key at its mapping aliases it.
  for (let k = 0; k < Math.min(SAMPLE, 2); k++) {
    const doc = parseDocument(bad.split(/^---$/m)[0] ?? bad);
    if (doc.errors.length > 0) continue;
    const scalars: { map: unknown; value: unknown }[] = [];
    visit(doc, {
      Pair: (_key, pair, path) => {
        const parent = path[path.length - 1];
        if (isScalar(pair.value) && isMap(parent)) scalars.push({ map: parent, value: pair.value });
      },
    });
    const chosen = pick(scalars, 1, rnd)[0];
    if (!chosen || !isScalar(chosen.value) || !isMap(chosen.map)) continue;
    chosen.value.anchor = `a${k}`;
    chosen.map.add(doc.createPair('x-alias', doc.createAlias(chosen.value, `a${k}`)));
    const rest = bad.split(/^---$/m).slice(1);
    out.push({ name: `anchor ${k}`, text: [doc.toString(), ...rest].join('---') });
  }
  // Empty values: a scalar value becomes empty (`key:`).
  for (let k = 0; k < Math.min(SAMPLE, 2); k++) {
    const valueLines = lines.map((l, i) => ({ l, i })).filter(({ l, i }) => /^\s*[A-Za-z][\w.-]*: [^{[#&*|>"']/.test(l) && !inBlockScalar.has(i));
    const chosen = pick(valueLines, 1, rnd)[0];
    if (!chosen) continue;
    const copy = [...lines];
    copy[chosen.i] = chosen.l.replace(/: .*$/, ':');
    out.push({ name: `empty value at line ${chosen.i + 1}`, text: copy.join('\n') });
  }
  return out;
}

/** Lines inside block scalars (`|`, `>`), where an added comment would be data. */
function blockScalarLines(text: string): Set<number> {
  const out = new Set<number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(?:- )?[^#]*[:-] [|>][-+0-9]*\s*$/.exec(lines[i]);
    if (!m) continue;
    const indent = (m[1] ?? '').length;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (l.trim() !== '' && l.length - l.trimStart().length <= indent) break;
      out.add(j);
    }
  }
  return out;
}

/** What must hold for any text a fix produces, checked without the server's own verifier. */
function assertSound(before: string, after: string, what: string, removed: readonly string[]): void {
  const docs = parseAllDocuments(after.replace(/^\uFEFF/, ''), { version: '1.1', merge: true, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    const errors = d.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    assert.equal(errors.length, 0, `${what}: the result does not parse: ${errors[0]?.message}\n${after}`);
  }
  const dupBefore = countDuplicates(before);
  assert.ok(countDuplicates(after) <= dupBefore, `${what}: the fix duplicated a key\n${after}`);
  for (const comment of commentsOf(before)) {
    if (after.includes(comment) || removed.some((r) => r.includes(comment))) continue;
    // A comment at the end of a line the fix removed (the key it repairs) goes with that line.
    const line = before.split(/\r?\n/).find((l) => l.includes(comment)) ?? '';
    const code = line.slice(0, line.indexOf(comment)).trim();
    assert.ok(code !== '' && !after.includes(code), `${what}: lost or changed the comment "${comment}"\n${after}`);
  }
}

function countDuplicates(text: string): number {
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { version: '1.1', merge: true, uniqueKeys: true });
  return (Array.isArray(docs) ? docs : []).reduce((n, d) => n + d.errors.filter((e) => e.code === 'DUPLICATE_KEY').length, 0);
}

/** The `# note` comments the generator added (the examples' own comments may be the target of a fix). */
function commentsOf(text: string): string[] {
  return [...text.matchAll(/# note(?: above)? \d+/g)].map((m) => m[0]);
}

function apply(text: string, changes: readonly TextChange[]): string {
  return [...changes].sort((a, b) => b.start - a.start).reduce((t, c) => t.slice(0, c.start) + c.newText + t.slice(c.end), text);
}

function isCollectionText(text: string): boolean {
  const d = parseDocument(text);
  return isMap(d.contents) || isSeq(d.contents);
}

describe("every fix over generated variants of its rule's bad example", () => {
  RULES.filter((r) => r.meta.fixable).forEach((rule, index) => {
    const options: AnalysisOptions = { ...DEFAULT_OPTIONS, version: parseVersion(rule.meta.docs.exampleVersion) ?? DEFAULT_OPTIONS.version };
    it(rule.meta.id, () => {
      const bad = rule.meta.docs.bad;
      assert.ok(isCollectionText(bad.split(/^---$/m)[0] ?? bad) || bad.includes('---'));
      // The checker never rejects the fixes of the example as written: it is not stricter than the fixes are right.
      for (const p of analyse(bad, RULES, options)) {
        for (const fix of p.fixes) assert.ok(editIsSound(bad, fix.changes), `${rule.meta.id}: "${fix.title}" rejected on its own example`);
      }
      const seed = 1000 + index;
      for (const v of variants(bad, seed)) {
        const what = `${rule.meta.id} [seed ${seed}, ${v.name}]`;
        const problems = analyse(v.text, RULES, options);
        for (const p of problems) {
          for (const fix of p.fixes) {
            if (!editIsSound(v.text, fix.changes)) continue;
            const removed = fix.changes.map((c) => v.text.slice(c.start, c.end));
            assertSound(v.text, apply(v.text, fix.changes), `${what} "${fix.title}"`, removed);
          }
        }
        const once = fixAll(v.text, RULES, options);
        const edit = minimalEdit(v.text, once.text);
        assertSound(v.text, once.text, `${what} fix-all`, [v.text.slice(edit.start, edit.end)]);
        const twice = fixAll(once.text, RULES, options);
        assert.equal(twice.applied, 0, `${what}: fix-all did not reach a fixed point\n${once.text}`);
      }
    });
  });
});
