// What the command line reports per file: the engine's problems turned into 1-based lines and columns (UTF-16 code
// units, as editors and SARIF count them), with the counts the exit code and the summaries need.
import type { Problem } from '../engine/analyze';
import type { Severity } from '../engine/rule';
import { lineStarts, positionAt } from '../yaml/lines';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based line and column of the first character. */
  readonly line: number;
  readonly column: number;
  /** 1-based line and column just after the last character (exclusive, as in ESLint and SARIF). */
  readonly endLine: number;
  readonly endColumn: number;
  /** True when `--fix` would apply a fix for it. */
  readonly fixable: boolean;
  /** How many quick-fixes the editor offers for it. */
  readonly fixes: number;
  readonly docsUrl: string | undefined;
}

export interface FileReport {
  /** Absolute path. */
  readonly path: string;
  /** The text the findings refer to (for code frames and fingerprints): after the fixes with `--fix`. */
  readonly text: string;
  readonly findings: readonly Finding[];
  /** Fixes `--fix` applied to the file (or would apply, with `--fix-dry-run`). */
  readonly fixed: number;
  /** The text before and after the fixes, when they changed it. */
  readonly fix?: { readonly before: string; readonly after: string };
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { hint: 0, info: 1, warning: 2, error: 3 };

/** The engine's problems as findings, in the order of the file. */
export function findingsOf(text: string, problems: readonly Problem[]): Finding[] {
  const starts = lineStarts(text);
  const findings = problems.map((p): Finding => {
    const a = positionAt(starts, p.start);
    const b = positionAt(starts, Math.max(p.start, p.end));
    return {
      ruleId: p.code,
      severity: p.severity,
      message: p.message,
      line: a.line + 1,
      column: a.character + 1,
      endLine: b.line + 1,
      endColumn: b.character + 1,
      fixable: p.fixes.some((f) => f.safe === true),
      fixes: p.fixes.length,
      docsUrl: p.docsUrl,
    };
  });
  return findings.sort((x, y) => x.line - y.line || x.column - y.column || x.ruleId.localeCompare(y.ruleId));
}

export interface Totals {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly hint: number;
  readonly fixable: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  const t = { error: 0, warning: 0, info: 0, hint: 0, fixable: 0 };
  for (const r of reports) {
    for (const f of r.findings) {
      t[f.severity]++;
      if (f.fixable) t.fixable++;
    }
  }
  return t;
}
