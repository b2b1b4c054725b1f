// The transport-free language service: LSP-shaped results (diagnostics, code actions) for a TextDocument.
// The caller owns the per-document AnalysisCache; this class keeps no state between calls.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  Hover,
  MarkupKind,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { RULES } from '../rules';
import { AnalysisCache, AnalysisOptions, analyse, DEFAULT_OPTIONS, Logger, Problem } from './analyze';
import { doHover } from './hover';
import type { Locale } from './hover-text';
import type { Rule, Severity } from './rule';

export const SOURCE = 'kube-graceful';

/** What a diagnostic carries so that code actions can find their rule without reading the message. */
export interface DiagnosticData {
  readonly ruleId: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export class KubeGracefulService {
  constructor(
    private readonly rules: readonly Rule[] = RULES,
    private readonly log: Logger = () => undefined,
  ) {}

  /** Runs the analysis; the findings keep their fixes, for code actions. */
  analyse(document: TextDocument, options: AnalysisOptions = DEFAULT_OPTIONS, cache?: AnalysisCache): Problem[] {
    try {
      return analyse(document.getText(), this.rules, options, cache, this.log);
    } catch (e) {
      // The engine guards every rule; this is the last line of defence for the engine itself.
      this.log(`kube-graceful: analysis failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return [];
    }
  }

  doValidation(document: TextDocument, options: AnalysisOptions = DEFAULT_OPTIONS, cache?: AnalysisCache): Diagnostic[] {
    return this.analyse(document, options, cache).map((p) => toDiagnostic(document, p));
  }

  /** Hover docs with the figures computed for this resource; undefined where there is nothing to say. */
  doHover(document: TextDocument, position: Position, options: AnalysisOptions = DEFAULT_OPTIONS, cache?: AnalysisCache, locale: Locale = 'en'): Hover | undefined {
    try {
      const result = doHover(document.getText(), document.offsetAt(position), options.version, locale, cache?.chunks);
      if (!result) return undefined;
      return {
        contents: { kind: MarkupKind.Markdown, value: result.markdown },
        range: Range.create(document.positionAt(result.start), document.positionAt(result.end)),
      };
    } catch (e) {
      this.log(`kube-graceful: hover failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return undefined;
    }
  }

  /**
   * Quick-fixes for the diagnostics in `context` that overlap `range`, and "disable" actions for them. The fixes
   * are recomputed from the current text, so they always match the document version being edited.
   */
  getCodeActions(
    document: TextDocument,
    range: Range,
    contextDiagnostics: readonly Diagnostic[],
    options: AnalysisOptions = DEFAULT_OPTIONS,
    cache?: AnalysisCache,
  ): CodeAction[] {
    const ours = contextDiagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
    if (ours.length === 0) return [];
    const problems = this.analyse(document, options, cache);
    const actions: CodeAction[] = [];
    for (const diagnostic of ours) {
      if (!overlaps(diagnostic.range, range)) continue;
      const problem = problems.find((p) => p.code === diagnostic.code && sameRange(toRange(document, p), diagnostic.range));
      for (const fix of problem?.fixes ?? []) {
        const edits = fix.changes.map((c) => TextEdit.replace(Range.create(document.positionAt(c.start), document.positionAt(c.end)), c.newText));
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred === true,
          edit: { changes: { [document.uri]: edits } },
        });
      }
      if (this.rules.some((r) => r.meta.id === diagnostic.code)) {
        actions.push(disableForLine(document, diagnostic, String(diagnostic.code)));
      }
    }
    return actions;
  }
}

function disableForLine(document: TextDocument, diagnostic: Diagnostic, ruleId: string): CodeAction {
  const line = diagnostic.range.start.line;
  const text = document.getText(Range.create(line, 0, line + 1, 0));
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const eol = document.getText().includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Disable ${ruleId} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [TextEdit.insert({ line, character: 0 }, `${indent}# kube-graceful-disable-next-line ${ruleId}${eol}`)] } },
  };
}

function toRange(document: TextDocument, p: Problem): Range {
  return Range.create(document.positionAt(p.start), document.positionAt(p.end));
}

export function toDiagnostic(document: TextDocument, p: Problem): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(document, p),
    severity: SEVERITY[p.severity],
    code: p.code,
    source: SOURCE,
    message: p.message,
  };
  if (p.docsUrl) {
    diagnostic.codeDescription = { href: p.docsUrl };
    const data: DiagnosticData = { ruleId: p.code };
    diagnostic.data = data;
  }
  return diagnostic;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
