// The transport-free language service: LSP-shaped results (diagnostics, code actions) for a TextDocument.
// The caller owns the per-document AnalysisCache; this class keeps no state between calls.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, YAMLMap } from 'yaml';
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  Hover,
  MarkupKind,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { RULES } from '../rules';
import { AnalysisCache, AnalysisOptions, analyse, DEFAULT_OPTIONS, LOCAL_URI, Logger, optionsKey, Problem, RelatedProblem } from '../engine/analyze';
import { CATEGORIES } from '../engine/object-index';
import { fixAll, minimalEdit } from '../engine/fix-all';
import { editIsSound } from '../engine/verify';
import { objectLabel } from '../k8s/facts';
import { objectsOf } from '../k8s/model';
import { DocView } from '../yaml/view';
import { translation } from '../l10n';
import { BudgetTargetLookup, doHover } from './hover';
import { HintView, LensView, lifecycleAt, lifecycleHints, lifecycleLenses, LifecycleView } from './lifecycle';
import type { Locale } from '../l10n/locale';
import { indentUnit, insertBlock, insertField, ownField, replaceScalar } from '../yaml/edits';
import { formatMessage, Rule, Severity, TextChange } from '../engine/rule';
import { parseConfig } from '../workspace/config-file';

export const SOURCE = 'kube-graceful';
/** The code action kind of "fix all": usable from `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kube-graceful`;
/** The client command that shows a rule's documentation (rendered from the rule's docs). */
export const SHOW_DOCS_COMMAND = 'kubeGraceful.showRuleDocumentation';
/** The client command a lifecycle CodeLens runs: open the panel (arguments: uri, position, kind, name). */
export const LIFECYCLE_COMMAND = 'kubeGraceful.showLifecycle';

/** What a diagnostic carries so that code actions can find their rule without reading the message. */
export interface DiagnosticData {
  readonly ruleId: string;
}

/** The data of an `analysis-limit` info that left documents unread: the caller should analyse again to continue. */
export interface IncompleteData {
  readonly incomplete: true;
}

/** True when the diagnostics of an analysis say it ran out of time before reading every document. */
export function isIncomplete(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => (d.data as Partial<IncompleteData> | undefined)?.incomplete === true);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Finds the open document of a URI, to place related information that points into another open file. */
export type DocumentLookup = (uri: string) => TextDocument | undefined;

export class KubeGracefulService {
  constructor(
    private readonly rules: readonly Rule[] = RULES,
    private readonly log: Logger = () => undefined,
    private readonly documentFor: DocumentLookup = () => undefined,
  ) {}

  /**
   * Runs the analysis; the findings keep their fixes, for code actions. The result is kept with the cache: asking
   * again for the same document version, settings and workspace state (a code action, a second publish) costs
   * nothing.
   */
  analyse(document: TextDocument, options: AnalysisOptions = DEFAULT_OPTIONS, cache?: AnalysisCache): Problem[] {
    const text = document.getText();
    const stamp = (): string => `${document.uri}|${optionsKey(options)}|${options.index?.version(CATEGORIES) ?? ''}`;
    // The same text object (one document version) is compared by identity; another one by content.
    if (cache?.last && cache.last.text === text && cache.last.stamp === stamp()) return cache.last.problems;
    try {
      const problems = analyse(text, this.rules, options, cache, this.log);
      // Stamped after the analysis, which itself may have moved the index's versions by putting this file in it.
      // A result cut short by the time budget is never reused: asking again must go on with the documents left.
      if (cache) cache.last = problems.some((p) => p.incomplete === true) ? undefined : { stamp: stamp(), text, problems };
      return problems;
    } catch (e) {
      // The engine guards every rule; this is the last line of defence for the engine itself.
      this.log(`kube-graceful: analysis failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return [];
    }
  }

  /** Diagnostics for findings made elsewhere (a render mapped onto the document), as doValidation makes them. */
  toDiagnostics(document: TextDocument, problems: readonly Problem[]): Diagnostic[] {
    return problems.map((p) => toDiagnostic(document, p, this.documentFor));
  }

  doValidation(document: TextDocument, options: AnalysisOptions = DEFAULT_OPTIONS, cache?: AnalysisCache): Diagnostic[] {
    return this.analyse(document, options, cache).map((p) => toDiagnostic(document, p, this.documentFor));
  }

  /** Mistakes in an open .kube-graceful.yaml, checked against the shipped schema (with "did you mean"). */
  configDiagnostics(document: TextDocument, locale?: Locale): Diagnostic[] {
    const config = this.guard('config file', () => parseConfig(document.getText(), document.uri, locale));
    return (config?.problems ?? []).map((p) => ({
      range: Range.create(document.positionAt(p.start), document.positionAt(p.end)),
      severity: DiagnosticSeverity.Error,
      code: 'config',
      source: SOURCE,
      message: p.message,
    }));
  }

  /** Hover docs with the figures computed for this resource; undefined where there is nothing to say. */
  doHover(document: TextDocument, position: Position, options: AnalysisOptions = DEFAULT_OPTIONS, cache?: AnalysisCache): Hover | undefined {
    try {
      // A file too large to analyse is too large to read for a hover too (18.5 MB took 7.6 s and 336 MB).
      if (document.getText().length > options.maxFileSize) return undefined;
      const { index, uri } = options;
      // With the workspace index, a budget's hover finds its workload in any file, as pdb-blocks-eviction does.
      const budgetTarget: BudgetTargetLookup | undefined =
        index && uri
          ? (pdb) => {
              const related = index.selectedBy(pdb, uri);
              if (related === 'unknown') return undefined;
              const hit = related.find((r) => r.selects === true && r.other.facts.workload && r.other.facts.replicas !== undefined);
              return hit ? { label: objectLabel(hit.other.facts), replicas: hit.other.facts.replicas?.count ?? 1 } : undefined;
            }
          : undefined;
      const result = doHover(
        document.getText(),
        document.offsetAt(position),
        options.version,
        options.locale ?? 'en',
        cache?.chunks,
        options.customWorkloads,
        budgetTarget,
      );
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

  /** The lifecycle model of the workload at `position` (the `kubeGraceful/lifecycle` request). */
  lifecycle(
    document: TextDocument,
    position: Position,
    options: AnalysisOptions = DEFAULT_OPTIONS,
    cache?: AnalysisCache,
    hint?: { kind?: string; name?: string },
  ): LifecycleView | undefined {
    const related = options.index && options.uri ? { index: options.index, uri: options.uri } : undefined;
    return this.guard('lifecycle', () =>
      lifecycleAt(
        document.getText(),
        document.offsetAt(position),
        options.version,
        options.locale,
        (o) => document.positionAt(o),
        cache?.chunks,
        hint,
        related,
      ),
    );
  }

  /** A CodeLens title per workload (start-up, shutdown and rollout bounds). */
  lifecycleLenses(document: TextDocument, options: AnalysisOptions = DEFAULT_OPTIONS, cache?: AnalysisCache): LensView[] {
    return (
      this.guard('code lens', () => lifecycleLenses(document.getText(), options.version, options.locale, (o) => document.positionAt(o), cache?.chunks)) ?? []
    );
  }

  /** Inlay hints after lifecycle fields inside `range`. */
  lifecycleHints(document: TextDocument, range: Range, options: AnalysisOptions = DEFAULT_OPTIONS, cache?: AnalysisCache): HintView[] {
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    return (
      this.guard('inlay hints', () =>
        lifecycleHints(document.getText(), start, end, options.version, options.locale, (o) => document.positionAt(o), cache?.chunks),
      ) ?? []
    );
  }

  /** Runs a feature; a failure is logged and answered with nothing, never thrown at the client. */
  private guard<T>(what: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (e) {
      this.log(`kube-graceful: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
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
    rendered?: { readonly problems: readonly Problem[]; readonly replaceOwn: boolean },
  ): CodeAction[] {
    const ours = contextDiagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
    if (ours.length === 0) return [];
    // Findings a render mapped onto this document (issue 18) answer their diagnostics like the document's own.
    const own = rendered?.replaceOwn === true ? [] : this.analyse(document, options, cache);
    const problems = rendered ? [...own, ...rendered.problems] : own;
    const text = document.getText();
    const actions: CodeAction[] = [];
    // What each action is: a real fix (0), the rule's documentation (1), or a way to silence the finding (2).
    const kindOf = new Map<CodeAction, number>();
    const add = (action: CodeAction, kind: number): void => {
      actions.push(action);
      kindOf.set(action, kind);
    };
    // Each finding answers one diagnostic: matched by code, range and message, so two findings on the same range
    // (different messages) get their own fixes, and the same fix is never offered twice.
    const used = new Set<Problem>();
    for (const diagnostic of ours) {
      if (!overlaps(diagnostic.range, range)) continue;
      const problem = problems.find(
        (p) => !used.has(p) && p.code === diagnostic.code && p.message === diagnostic.message && sameRange(toRange(document, p), diagnostic.range),
      );
      if (problem) used.add(problem);
      for (const fix of problem?.fixes ?? []) {
        // Offered only when the result is proven sound: it parses, duplicates no key, keeps comments and other data.
        if (!editIsSound(text, fix.changes)) continue;
        const edits = fix.changes.map((c) => TextEdit.replace(Range.create(document.positionAt(c.start), document.positionAt(c.end)), c.newText));
        add(
          {
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.isPreferred === true,
            edit: { changes: { [document.uri]: edits } },
          },
          0,
        );
      }
      if (diagnostic.code === 'schema') {
        // API validation honours the same suppressions as the rules.
        const forLine = disableForLine(document, diagnostic, 'schema', options.locale);
        if (forLine) add(forLine, 2);
        const forObject = disableForObject(document, diagnostic, 'schema', cache, options.locale);
        if (forObject) add(forObject, 2);
      }
      const rule = this.rules.find((r) => r.meta.id === diagnostic.code);
      if (rule) {
        const forLine = disableForLine(document, diagnostic, rule.meta.id, options.locale);
        if (forLine) add(forLine, 2);
        const forObject = disableForObject(document, diagnostic, rule.meta.id, cache, options.locale);
        if (forObject) add(forObject, 2);
        add(
          {
            title: actionTitle(options.locale, 'showDocs', { rule: rule.meta.id }),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: { title: actionTitle(options.locale, 'showDocs', { rule: rule.meta.id }), command: SHOW_DOCS_COMMAND, arguments: [rule.meta.id] },
          },
          1,
        );
      }
    }
    // The menu pre-selects its first entry: real fixes come first, those of the most severe finding before the others
    // and the preferred one first; then the documentation, so that a rule without a fix does not pre-select silencing
    // it; then the ways to silence. The sort is stable: within a group the order of the diagnostics stays.
    const severity = (a: CodeAction): number => a.diagnostics?.[0]?.severity ?? DiagnosticSeverity.Hint;
    return actions.sort(
      (a, b) => (kindOf.get(a) ?? 2) - (kindOf.get(b) ?? 2) || severity(a) - severity(b) || Number(b.isPreferred === true) - Number(a.isPreferred === true),
    );
  }

  /** One action that applies every safe fix in the file, or none when there is nothing to fix. */
  getFixAllAction(document: TextDocument, options: AnalysisOptions = DEFAULT_OPTIONS): CodeAction | undefined {
    const before = document.getText();
    const { text, applied } = fixAll(before, this.rules, options);
    if (applied === 0 || text === before) return undefined;
    const e = minimalEdit(before, text);
    return {
      title: actionTitle(options.locale, 'fixAll', { count: applied }),
      kind: FIX_ALL_KIND,
      edit: { changes: { [document.uri]: [TextEdit.replace(Range.create(document.positionAt(e.start), document.positionAt(e.end)), e.newText)] } },
    };
  }

  /** A rule's documentation as Markdown: what it finds, why it matters, examples, sources; in the user's language. */
  ruleDocumentation(ruleId: string, locale: Locale = 'en'): string | undefined {
    const rule = this.rules.find((r) => r.meta.id === ruleId);
    if (!rule) return undefined;
    const { meta } = rule;
    const d = meta.docs;
    const zh = locale === 'zh-cn' ? translation(locale)?.docs[meta.id] : undefined;
    const h = zh ? DOC_HEADINGS['zh-cn'] : DOC_HEADINGS.en;
    return [
      `# ${meta.id}`,
      `${h.severity}: **${meta.severity}**${meta.fixable ? ` · ${h.fixable}` : ''}`,
      zh?.level ?? d.level ?? '',
      `## ${h.what}\n\n${zh?.summary ?? d.summary}`,
      `## ${h.why}\n\n${zh?.why ?? d.why}`,
      `## ${h.example}\n\n\`\`\`yaml\n${d.bad.trimEnd()}\n\`\`\``,
      `## ${h.instead}\n\n\`\`\`yaml\n${d.good.trimEnd()}\n\`\`\``,
      d.fixSafety ? `## ${h.fixSafety}\n\n${d.fixSafety}` : '',
      `## ${h.appliesTo}\n\n${zh ? (zh.appliesTo ?? d.appliesTo ?? APPLIES_TO_POD_SPECS['zh-cn']) : (d.appliesTo ?? APPLIES_TO_POD_SPECS.en)}`,
      `## ${h.sources}\n\n${d.sources.map((s) => `- ${s}`).join('\n')}\n\n${h.k8sDocs}: ${d.url}`,
    ]
      .filter(Boolean)
      .join('\n\n');
  }
}

const DOC_HEADINGS = {
  en: {
    severity: 'Default severity',
    fixable: 'has a quick-fix',
    what: 'What it does',
    why: 'Why is this bad?',
    example: 'Example',
    instead: 'Use instead',
    fixSafety: 'Fix safety',
    appliesTo: 'Where it applies',
    sources: 'Sources',
    k8sDocs: 'Kubernetes documentation',
  },
  'zh-cn': {
    severity: '默认级别',
    fixable: '提供快速修复',
    what: '检查什么',
    why: '为什么有问题',
    example: '反例',
    instead: '正确写法',
    fixSafety: '修复的安全性',
    appliesTo: '适用范围',
    sources: '依据',
    k8sDocs: 'Kubernetes 文档',
  },
} as const;

/** Where a rule that reads pod specs applies: every kind whose pods the model reaches (k8s/model.ts, k8s/workloads.ts). */
const APPLIES_TO_POD_SPECS = {
  en:
    'Every pod spec: Pod, PodTemplate, Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job, CronJob and `kind: List` items; ' +
    'Argo Rollouts `Rollout` (spec.template), OpenKruise `CloneSet` and Advanced `StatefulSet`, Knative `Service`, `Configuration` and `Revision`, ' +
    'and the kinds listed in the `kubeGraceful.customWorkloads` setting. On Knative it says nothing about what Knative fills in or rejects itself ' +
    '(a default readiness probe, probe ports, preStop draining by its queue-proxy, `restartPolicy`, `terminationGracePeriodSeconds`).',
  'zh-cn':
    '所有 Pod 规约：Pod、PodTemplate、Deployment、ReplicaSet、ReplicationController、StatefulSet、DaemonSet、Job、CronJob 以及 `kind: List` 中的条目；' +
    'Argo Rollouts 的 `Rollout`（spec.template）、OpenKruise 的 `CloneSet` 和 Advanced `StatefulSet`、Knative 的 `Service`、`Configuration` 和 `Revision`，' +
    '以及 `kubeGraceful.customWorkloads` 设置中列出的类型。对于 Knative，不会报告 Knative 自己补全或拒绝的内容（默认的就绪探针、探针端口、由 queue-proxy 完成的 preStop 排空、`restartPolicy`、`terminationGracePeriodSeconds`）。',
} as const;

/** Adds the rule to the object's `kube-graceful.io/ignore` annotation, creating the annotations as needed. */
function disableForObject(
  document: TextDocument,
  diagnostic: Diagnostic,
  ruleId: string,
  cache: AnalysisCache | undefined,
  locale?: Locale,
): CodeAction | undefined {
  const text = document.getText();
  const offset = document.offsetAt(diagnostic.range.start);
  const chunks = (cache ?? new AnalysisCache()).chunks.parse(text);
  // The last document that starts at or before the offset: at the first character after a `...` line the offset is
  // both the end of the document above and the start of the one below, and the finding is in the one below.
  let chunk: (typeof chunks)[number] | undefined;
  for (const c of chunks) if (c.start <= offset && offset <= c.start + c.text.length) chunk = c;
  if (!chunk || chunk.parsed.fatal.length > 0) return undefined;
  const local = offset - chunk.start;
  const view = new DocView(chunk.parsed);
  const candidates = objectsOf(view).filter((o) => o.root.range && o.root.range[0] <= local && local <= o.root.range[2]);
  const obj = candidates.sort((a, b) => (a.root.range?.[0] ?? 0) - (b.root.range?.[0] ?? 0)).pop();
  if (!obj) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const changes = addIgnoreAnnotation(view, obj.root, ruleId, eol);
  if (changes.length === 0) return undefined;
  const shifted = changes.map((c) => ({ start: chunk.start + c.start, end: chunk.start + c.end, newText: c.newText }));
  if (!editIsSound(text, shifted)) return undefined;
  const edits = changes.map((c) =>
    TextEdit.replace(Range.create(document.positionAt(chunk.start + c.start), document.positionAt(chunk.start + c.end)), c.newText),
  );
  return {
    title: actionTitle(locale, 'disableObject', { rule: ruleId }),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: edits } },
  };
}

function addIgnoreAnnotation(view: DocView, root: YAMLMap, ruleId: string, eol: string): TextChange[] {
  const ANNOTATION = 'kube-graceful.io/ignore';
  const metadata = ownField(view, root, 'metadata');
  const metadataMap = metadata && isMap(metadata.value) ? metadata.value : undefined;
  if (!metadataMap) {
    // `metadata:` with no value (or `~`, `null`) is filled by insertField; one with another value is left alone.
    return insertField(
      view,
      root,
      'metadata',
      ['annotations:', `${' '.repeat(indentUnit(view.chunk.text))}${ANNOTATION}: "${ruleId}"`],
      eol,
      view.field(root, 'kind'),
    );
  }
  const annotations = ownField(view, metadataMap, 'annotations');
  const annotationsMap = annotations && isMap(annotations.value) ? annotations.value : undefined;
  if (!annotationsMap) {
    // `annotations:` with no value, `~`, `null` or `!!null` gets the block in place of the null (insertField).
    if (annotations && !view.isEmpty(annotations.value)) return [];
    return insertBlock(view, metadataMap, 'annotations', [`${ANNOTATION}: "${ruleId}"`], eol);
  }
  const existing = ownField(view, annotationsMap, ANNOTATION);
  if (existing && existing.value) {
    const current = view.str(existing.value) ?? '';
    const ids = current
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.includes(ruleId)) return [];
    return replaceScalar(view, existing.value, [...ids, ruleId].join(','));
  }
  return insertField(view, annotationsMap, ANNOTATION, [`"${ruleId}"`], eol);
}

const ACTION_TITLES = {
  showDocs: 'Show documentation for {rule}',
  fixAll: 'Fix all kube-graceful problems ({count})',
  disableObject: 'Disable {rule} for this object',
  disableLine: 'Disable {rule} for this line',
} as const;

/** A code action's title in the user's language. */
function actionTitle(locale: Locale | undefined, id: keyof typeof ACTION_TITLES, data: Record<string, string | number>): string {
  const template = (locale && translation(locale)?.actions[id]) ?? ACTION_TITLES[id];
  return formatMessage(template, data);
}

/**
 * A `# kube-graceful-disable-next-line` comment above the finding's line. Not offered when that line starts inside
 * a multi-line string (a quoted scalar or block scalar): the comment would become part of the string.
 */
function disableForLine(document: TextDocument, diagnostic: Diagnostic, ruleId: string, locale?: Locale): CodeAction | undefined {
  const line = diagnostic.range.start.line;
  const text = document.getText(Range.create(line, 0, line + 1, 0));
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const whole = document.getText();
  const eol = whole.includes('\r\n') ? '\r\n' : '\n';
  const at = document.offsetAt({ line, character: 0 });
  const newText = `${indent}# kube-graceful-disable-next-line ${ruleId}${eol}`;
  if (!editIsSound(whole, [{ start: at, end: at, newText }], 'comment')) return undefined;
  return {
    title: actionTitle(locale, 'disableLine', { rule: ruleId }),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [TextEdit.insert({ line, character: 0 }, newText)] } },
  };
}

function toRange(document: TextDocument, p: Problem): Range {
  return Range.create(document.positionAt(p.start), document.positionAt(p.end));
}

export function toDiagnostic(document: TextDocument, p: Problem, documentFor: DocumentLookup = () => undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(document, p),
    severity: SEVERITY[p.severity],
    code: p.code,
    source: SOURCE,
    message: p.message,
  };
  if (p.related && p.related.length > 0) {
    const related: DiagnosticRelatedInformation[] = [];
    for (const r of p.related) {
      if (r.sameDocument) {
        related.push({ location: { uri: document.uri, range: Range.create(document.positionAt(r.start), document.positionAt(r.end)) }, message: r.message });
        continue;
      }
      const range = relatedRange(r, r.uri === document.uri ? document : documentFor(r.uri));
      if (range) related.push({ location: { uri: r.uri, range }, message: r.message });
    }
    if (related.length > 0) diagnostic.relatedInformation = related;
  }
  if (p.incomplete) {
    const data: IncompleteData = { incomplete: true };
    diagnostic.data = data;
  }
  if (p.docsUrl) {
    diagnostic.codeDescription = { href: p.docsUrl };
    const data: DiagnosticData = { ruleId: p.code };
    diagnostic.data = data;
  }
  return diagnostic;
}

/** Where a related place is now: from the open document when there is one, else from the index's positions. */
function relatedRange(r: RelatedProblem, open: TextDocument | undefined): Range | undefined {
  if (open && r.uri !== LOCAL_URI) return Range.create(open.positionAt(r.start), open.positionAt(r.end));
  if (r.position) return Range.create(r.position.line, r.position.character, r.position.endLine, r.position.endCharacter);
  return undefined;
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
