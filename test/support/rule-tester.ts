// A RuleTester in the spirit of ESLint's: a rule's tests are data. Expected findings are written as caret
// comments under the text they cover, so a test shows exactly where the diagnostic lands:
//
//       readinessProbe:
//   #   ^^^^^^^^^^^^^^ probe
//
// (a `#` comment line of carets, then the messageId). Caret lines are removed before the analysis.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { RULES } from '../../server/src/rules';
import { analyse, AnalysisOptions, DEFAULT_OPTIONS, Problem } from '../../server/src/engine/analyze';
import type { Rule, RuleOptions } from '../../server/src/engine/rule';
import { parseVersion } from '../../server/src/k8s/versions';

export interface ValidCase {
  readonly name?: string;
  readonly code: string;
  /** Target Kubernetes version, e.g. "1.28"; defaults to the newest bundled one. */
  readonly version?: string;
  readonly options?: RuleOptions;
}

export interface ExpectedError {
  readonly messageId: string;
  /** 1-based, as editors show them. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity?: string;
  /** A part of the message that must appear (the numbers it states). */
  readonly message?: string | RegExp;
}

export interface InvalidCase extends ValidCase {
  /** Findings beyond the caret annotations (for ranges a caret line can't show). */
  readonly errors?: readonly ExpectedError[];
  /** Message checks by messageId for caret-annotated findings. */
  readonly messages?: readonly (string | RegExp)[];
  /** The text after applying fix number `fix` (default: the preferred one, else the first) of the first finding. */
  readonly output?: string;
  readonly fix?: number;
  /** Titles of the fixes the first finding must offer, in order. */
  readonly fixTitles?: readonly string[];
  /** Rule ids whose findings may appear after the fix, because the fix rightly reveals them (say why in the case). */
  readonly revealedByFix?: readonly string[];
}

const CARET = /^#( *)(\^+) +([A-Za-z][\w-]*)\s*$/;

/** Removes caret lines and returns the clean text with the findings they describe. */
export function parseAnnotated(code: string): { text: string; expected: ExpectedError[] } {
  const lines = code.split('\n');
  const kept: string[] = [];
  const expected: ExpectedError[] = [];
  for (const line of lines) {
    const m = CARET.exec(line);
    if (m && kept.length > 0) {
      const column = 1 + 1 + m[1].length;
      const target = kept.length;
      expected.push({ messageId: m[3], line: target, column, endLine: target, endColumn: column + m[2].length });
      continue;
    }
    kept.push(line);
  }
  return { text: kept.join('\n'), expected };
}

export function optionsFor(c: ValidCase, rule?: Rule): AnalysisOptions {
  const version = c.version ? parseVersion(c.version) : DEFAULT_OPTIONS.version;
  if (!version) throw new Error(`bad version ${c.version}`);
  return { ...DEFAULT_OPTIONS, version, ruleOptions: rule && c.options ? { [rule.meta.id]: c.options } : {} };
}

export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

function toActual(text: string, p: Problem): ExpectedError & { message: string } {
  const s = positionOf(text, p.start);
  const e = positionOf(text, p.end);
  return { messageId: '', line: s.line, column: s.column, endLine: e.line, endColumn: e.column, message: p.message, severity: p.severity };
}

/**
 * The subject the engine puts before every rule message: the object's kind and name, and the container
 * (`Deployment web › app: `). Kinds, names and container names hold no colon.
 */
export const SUBJECT = /^[A-Za-z][\w.]*(?: [^\s:：›]+)?(?: › [^\s:：]+)?(?:: |：)/;

/**
 * Finds which messageId of the rule produced a message, by matching the template with placeholders as wildcards
 * after the engine's subject, which every rule message must start with.
 */
export function messageIdOf(rule: Rule, message: string): string | undefined {
  for (const [id, template] of Object.entries(rule.meta.messages)) {
    const pattern = template
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*?');
    if (new RegExp(`${SUBJECT.source}${pattern}$`).test(message)) return id;
  }
  return undefined;
}

export function applyChanges(text: string, changes: readonly { start: number; end: number; newText: string }[]): string {
  const sorted = [...changes].sort((a, b) => b.start - a.start);
  let out = text;
  for (const c of sorted) out = out.slice(0, c.start) + c.newText + out.slice(c.end);
  return out;
}

export function run(rule: Rule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    cases.valid.forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const { text } = parseAnnotated(c.code);
        const found = analyse(text, [rule], optionsFor(c, rule)).filter((p) => p.code === rule.meta.id);
        assert.deepEqual(
          found.map((p) => toActual(text, p)),
          [],
          'a valid case must produce no finding',
        );
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const { text, expected: fromCarets } = parseAnnotated(c.code);
        const expected = [...fromCarets, ...(c.errors ?? [])].sort((a, b) => a.line - b.line || a.column - b.column);
        assert.ok(expected.length > 0, 'an invalid case must expect at least one finding');
        const options = optionsFor(c, rule);
        const found = analyse(text, [rule], options).filter((p) => p.code === rule.meta.id);
        const actual = found.map((p) => ({ ...toActual(text, p), messageId: messageIdOf(rule, p.message) ?? '?' }));
        assert.deepEqual(
          actual.map(({ messageId, line, column, endLine, endColumn }) => ({ messageId, line, column, endLine, endColumn })),
          expected.map(({ messageId, line, column, endLine, endColumn }) => ({ messageId, line, column, endLine, endColumn })),
        );
        for (const p of found) assert.doesNotMatch(p.message, /\{\w+\}/, 'every placeholder is filled');
        expected.forEach((e, k) => {
          if (e.message !== undefined) assertMessage(actual[k]?.message ?? '', e.message);
          if (e.severity !== undefined) assert.equal(actual[k]?.severity, e.severity);
        });
        (c.messages ?? []).forEach((m, k) => assertMessage(actual[k]?.message ?? '', m));
        const first = found[0];
        if (c.fixTitles)
          assert.deepEqual(
            first?.fixes.map((f) => f.title),
            [...c.fixTitles],
          );
        if (c.output !== undefined) {
          assert.ok(first && first.fixes.length > 0, 'the case has an output, so the first finding must offer a fix');
          const fix = c.fix !== undefined ? first.fixes[c.fix] : (first.fixes.find((f) => f.isPreferred) ?? first.fixes[0]);
          assert.ok(fix, `fix #${c.fix} exists`);
          const output = applyChanges(text, fix.changes);
          assert.equal(output, c.output);
          assertFixIsClean(text, output, options, first, c.revealedByFix ?? []);
          assertVariants(rule, c, text, c.output, options);
        } else {
          for (const p of found) assert.equal(p.fixes.length, 0, 'a finding with fixes needs an `output` test');
        }
      });
    });
  });
}

const OTHER_DOCUMENT = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {a: "1"}\n---\n';

/**
 * Every fix test also runs with CRLF line endings and as the second document of a file: the same fix must give
 * the same text, with the file's line endings kept and the other document untouched.
 */
function assertVariants(rule: Rule, c: InvalidCase, text: string, output: string, options: AnalysisOptions): void {
  const variants: [string, (t: string) => string][] = [
    ['CRLF', (t) => (t.includes('\r\n') ? t : t.replace(/\n/g, '\r\n'))],
    ['second document', (t) => OTHER_DOCUMENT + t],
  ];
  for (const [name, transform] of variants) {
    const input = transform(text);
    const found = analyse(input, [rule], options).filter((p) => p.code === rule.meta.id);
    const first = found[0];
    assert.ok(first && first.fixes.length > 0, `${name}: the finding and its fix are still there`);
    const fix = c.fix !== undefined ? first.fixes[c.fix] : (first.fixes.find((f) => f.isPreferred) ?? first.fixes[0]);
    assert.ok(fix, `${name}: fix #${c.fix} exists`);
    assert.equal(applyChanges(input, fix.changes), transform(output), `${name}: the fix gives the same text`);
  }
}

function assertMessage(actual: string, expected: string | RegExp): void {
  if (typeof expected === 'string') assert.ok(actual.includes(expected), `message "${actual}" should contain "${expected}"`);
  else assert.match(actual, expected);
}

/** The fixed text still parses, the fixed finding is gone, and no rule reports anything new. */
export function assertFixIsClean(before: string, after: string, options: AnalysisOptions, fixed: Problem, revealed: readonly string[] = []): void {
  for (const doc of parseAllDocuments(after))
    assert.deepEqual(
      doc.errors.map((e) => e.message),
      [],
      'the fixed YAML parses',
    );
  const codes = (t: string): string[] => analyse(t, RULES, options).map((p) => `${p.code}: ${p.message}`);
  const beforeCodes = codes(before);
  const afterCodes = codes(after);
  const count = (list: string[], item: string): number => list.filter((c) => c === item).length;
  const fixedKey = `${fixed.code}: ${fixed.message}`;
  assert.ok(count(afterCodes, fixedKey) < count(beforeCodes, fixedKey), 'the fixed finding is gone');
  const added = afterCodes.filter((c) => count(afterCodes, c) > count(beforeCodes, c) && !revealed.some((id) => c.startsWith(`${id}: `)));
  assert.deepEqual(added, [], 'the fix introduces no new finding');
}
