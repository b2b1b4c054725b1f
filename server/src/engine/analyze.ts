// The analysis engine: parse the file document by document, find the Kubernetes objects, run every enabled rule
// on each, apply suppressions and severities. Offsets in, offsets out; no LSP types, no I/O.
import { Node } from 'yaml';
import { Chunk, ChunkCache, ParsedChunk } from '../yaml/documents';
import { containerLabel, K8sObject, objectsOf } from '../k8s/model';
import { factsOf } from '../k8s/facts';
import { IndexInput, ObjectIndex } from './object-index';
import { Fix, formatMessage, LocalRelatedReport, RelatedReport, Report, Rule, RuleContext, RuleOptions, Severity, TextChange, WorkspaceQueries } from './rule';
import { ruleMessage, translation } from '../l10n';
import type { Locale } from '../l10n/locale';
import { validateObject } from '../k8s/schema';
import { suppressionsOf, Suppressions } from './suppress';
import { KubeVersion, NEWEST } from '../k8s/versions';
import { DocView } from '../yaml/view';
import type { WorkloadDef } from '../k8s/workloads';
import { crdSchemasIn, CrdSchema, CrdSchemaLookup, validateCustomObject } from '../k8s/crd';

export type RuleLevel = 'off' | Severity;

export interface AnalysisOptions {
  readonly version: KubeVersion;
  /** Per-rule level overrides; rules not named keep their default severity. */
  readonly levels: Readonly<Record<string, RuleLevel>>;
  /** Per-rule options (thresholds), by rule id. */
  readonly ruleOptions: Readonly<Record<string, RuleOptions>>;
  /** Files longer than this many characters are not analysed. */
  readonly maxFileSize: number;
  /** The language of messages. */
  readonly locale?: Locale;
  /** The file is a patch (listed as one by a kustomization next to it): its objects are incomplete on purpose. */
  readonly patch?: boolean;
  /** The file's URI, as the object index knows it. */
  readonly uri?: string;
  /**
   * The object index of the workspace. The analysis puts the file's objects in it and asks it the cross-object
   * questions. Without one, the file has an index of its own (kept in its AnalysisCache).
   */
  readonly index?: ObjectIndex;
  /** Workload kinds of the user's CRDs (setting `kubeGraceful.customWorkloads`), analysed like the well-known ones. */
  readonly customWorkloads?: readonly WorkloadDef[];
  /**
   * The schema of a custom resource's kind from a CustomResourceDefinition known elsewhere (open documents, the
   * workspace index); CRDs in the analysed file itself are found without it. No CRD, no validation.
   */
  readonly crdSchema?: CrdSchemaLookup;
  /** Changes whenever what `crdSchema` answers may have changed, so that results computed before are not reused. */
  readonly crdStamp?: string;
  /**
   * How long one analysis may parse documents and run rules before it stops and reports `analysis-limit`
   * (milliseconds). Unset: no time limit (tests, fix-all over a whole file); the server sets ANALYSIS_TIME_BUDGET_MS,
   * and analyses again to continue. A document already being parsed is finished; the work budget still applies.
   */
  readonly timeBudgetMs?: number;
}

/** The time budget the server gives one analysis: past it, rules stop and the findings so far are kept. */
export const ANALYSIS_TIME_BUDGET_MS = 300;
/** The code of the info that says an analysis was cut short. */
export const ANALYSIS_LIMIT_CODE = 'analysis-limit';

export const DEFAULT_OPTIONS: AnalysisOptions = {
  version: NEWEST,
  levels: {},
  ruleOptions: {},
  maxFileSize: 4 * 1024 * 1024,
};

/** One finding, with offsets into the whole file. */
export interface Problem {
  /** The rule id, or `yaml-syntax`, `duplicate-key`, `file-too-large`, `analysis-limit` for the engine's own findings. */
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly fixes: readonly Fix[];
  /** The rule's documentation link, when the finding comes from a rule. */
  readonly docsUrl?: string;
  /** On the `analysis-limit` info when documents were left unread for lack of time: analysing again continues. */
  readonly incomplete?: boolean;
  /** Other places that explain the finding (in this file or another). */
  readonly related?: readonly RelatedProblem[];
}

/** A related place: offsets into its file, plus line and character when the file is not open. */
export interface RelatedProblem {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  readonly position?: { readonly line: number; readonly character: number; readonly endLine: number; readonly endCharacter: number };
  readonly message: string;
  /** True for a place in the analysed document itself, whatever URI the analysis was given. */
  readonly sameDocument?: boolean;
}

/** Per-file state kept between edits by the caller: parsed documents and each document's rule findings. */
export class AnalysisCache {
  readonly chunks = new ChunkCache();
  readonly perChunk = new WeakMap<ParsedChunk, { key: string; objects: K8sObject[]; findings: LocalFinding[]; suppressions: Suppressions }>();
  /** File-scope rules' findings per document and rule, with the context they were computed in. */
  readonly fileRuleFindings = new WeakMap<ParsedChunk, Map<string, { context: string; findings: LocalFinding[] }>>();
  /** CRD validation findings per document, by CRD schema, language, severity and object. */
  readonly crdFindings = new WeakMap<ParsedChunk, Map<string, LocalFinding[]>>();
  /** Each document's problems as last made, with the parts and the place in the file they were made from. */
  readonly output = new WeakMap<ParsedChunk, { start: number; suppressions: Suppressions; parts: LocalFinding[][]; problems: Problem[] }>();
  /** Each context-keyed file rule's last context key and its token (see `analyse`), by rule id. */
  readonly contextKeys = new Map<string, { readonly key: string; readonly token: string }>();
  /** The tokens given so far: a token names one context key of this file. */
  contextTokens = 0;
  /** How many Kubernetes objects the file held at its last analysis (for the editor's status item). */
  objectCount = 0;
  /** The last result the language service computed from this cache, with what it was computed for. */
  last: { readonly stamp: string; readonly text: string; readonly problems: Problem[] } | undefined;
  private ownIndex: ObjectIndex | undefined;
  /** The index of this file alone, for an analysis without a workspace index. */
  get localIndex(): ObjectIndex {
    return (this.ownIndex ??= new ObjectIndex());
  }
}

/** The URI a file has in its own index when the caller names none. */
export const LOCAL_URI = 'kube-graceful:local';

/** What in the options changes findings: equal keys, equal findings for the same text and workspace. */
export function optionsKey(options: AnalysisOptions): string {
  return JSON.stringify([
    options.version,
    options.levels,
    options.ruleOptions,
    options.locale,
    options.patch === true,
    options.maxFileSize,
    options.uri ?? '',
    options.customWorkloads ?? [],
    options.crdStamp ?? '',
  ]);
}

const chunkIds = new WeakMap<ParsedChunk, number>();
let nextChunkId = 1;

/** A stable number for a parsed document, so a set of documents can be named in a cache key. */
function chunkId(parsed: ParsedChunk): number {
  let id = chunkIds.get(parsed);
  if (id === undefined) chunkIds.set(parsed, (id = nextChunkId++));
  return id;
}

interface LocalFinding {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly fixes: readonly Fix[];
  readonly docsUrl: string;
  readonly related?: readonly RelatedReport[];
  /** Related places in the same document, as offsets into it. */
  readonly local?: readonly { readonly start: number; readonly end: number; readonly message: string }[];
}

export type Logger = (message: string) => void;

// A UTF-8 byte order mark may precede the first key; it must not hide that the file is Kubernetes YAML.
const KUBERNETES_HINT = /^\uFEFF?[ \t]*apiVersion[ \t]*:/m;
const KIND_HINT = /^\uFEFF?[ \t]*kind[ \t]*:/m;

export function analyse(
  text: string,
  rules: readonly Rule[],
  options: AnalysisOptions = DEFAULT_OPTIONS,
  cache: AnalysisCache = new AnalysisCache(),
  log: Logger = () => undefined,
): Problem[] {
  if (text.length > options.maxFileSize) {
    if (!KUBERNETES_HINT.test(text.slice(0, 65536))) return [];
    const mib = (options.maxFileSize / (1024 * 1024)).toFixed(1);
    return [
      {
        code: 'file-too-large',
        message: engineMessage(
          options,
          'fileTooLarge',
          `This file is larger than {size} MiB; kube-graceful does not analyse it (setting kubeGraceful.maxFileSize).`,
          { size: mib },
        ),
        severity: 'info',
        start: 0,
        end: Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')),
        fixes: [],
      },
    ];
  }
  const looksLikeKubernetes = KUBERNETES_HINT.test(text) && KIND_HINT.test(text);
  const chunks = cache.chunks.parse(text);
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\r') && !text.includes('\n') ? '\r' : '\n';
  const enabled = rules.filter((r) => options.levels[r.meta.id] !== 'off');
  const objectRules = enabled.filter((r) => r.meta.scope === undefined || r.meta.scope === 'object');
  const fileRules = enabled.filter((r) => r.meta.scope === 'file');
  const workspaceRules = enabled.filter((r) => r.meta.scope === 'workspace');
  const key = JSON.stringify([
    options.version,
    options.levels,
    options.ruleOptions,
    options.locale,
    options.patch === true,
    eol,
    options.customWorkloads ?? [],
  ]);

  const problems: Problem[] = [];
  // Each document's findings come in parts: the object rules' (cached with its parse), then one part per file- or
  // workspace-scope rule (cached while what it reads stays the same). Unchanged parts are not merged again.
  const perChunk: { chunk: Chunk; objects: K8sObject[]; parts: LocalFinding[][]; suppressions: Suppressions }[] = [];
  // Splitting is linear and cheap; parsing happens document by document below, inside the budget.
  const started = Date.now();
  const deadline = options.timeBudgetMs === undefined ? Infinity : started + options.timeBudgetMs;
  /** Documents left unanalysed because the time budget was spent before they were reached. */
  let skipped = 0;
  let firstSkipped: Chunk | undefined;
  for (const chunk of chunks) {
    // Out of time: documents not parsed yet stay unparsed (and unanalysed) until the next analysis.
    if (!chunk.isParsed && Date.now() > deadline) {
      if (skipped++ === 0) firstSkipped = chunk;
      continue;
    }
    // A document too large to parse within what is left of the budget is parsed in steps across analyses.
    const parsed = chunk.parseUntil(deadline);
    if (!parsed) {
      if (skipped++ === 0) firstSkipped = chunk;
      continue;
    }
    const templated = parsed.templateSpans.length > 0;
    if (parsed.fatal.length > 0) {
      // `yaml-syntax` and `duplicate-key` are levelled like rules (kubeGraceful.rules, kubeGraceful.syntaxErrors).
      const level = options.levels['yaml-syntax'];
      if (looksLikeKubernetes && !templated && level !== 'off') {
        for (const p of parsed.fatal) {
          const message = engineMessage(options, 'yamlSyntax', 'YAML syntax error: {message}', { message: p.message });
          problems.push(engineProblem('yaml-syntax', message, level ?? 'error', chunk.start + p.start, chunk.start + p.end));
        }
      }
      continue;
    }
    const duplicateLevel = options.levels['duplicate-key'];
    if (looksLikeKubernetes && !templated && duplicateLevel !== 'off') {
      for (const p of parsed.minor) {
        // The problem covers the whole key as written (documents.ts reads it from the key's node).
        const keyText = chunk.text.slice(p.start, p.end);
        const key = unquote(keyText.trim());
        const end = p.end;
        const message = engineMessage(
          options,
          'duplicateKey',
          'Duplicate key "{key}": with strict field validation (kubectl\'s default) the API server rejects the object; without it, one of the values is silently dropped.',
          { key },
        );
        problems.push(engineProblem('duplicate-key', message, duplicateLevel ?? 'warning', chunk.start + p.start, chunk.start + end));
      }
    }
    let cached = cache.perChunk.get(parsed);
    if (!cached || cached.key !== key) {
      if (Date.now() > deadline) {
        // Not cached: the next analysis (the next keystroke) picks these documents up with a fresh budget.
        if (skipped++ === 0) firstSkipped = chunk;
        continue;
      }
      const docStarted = Date.now();
      const view = new DocView(parsed, undefined, deadline);
      const objects = safeObjects(view, log, options.patch === true, options.customWorkloads ?? []);
      const findings: LocalFinding[] = [];
      let stoppedAt: number | undefined;
      for (const obj of objects) {
        if (view.exhausted || Date.now() > deadline) break;
        runRules(objectRules, obj, objects, NO_QUERIES, options, eol, findings, log);
      }
      // Schema validation (issue 6) is an engine check, cached with the rules' findings of this document.
      if (options.levels[SCHEMA_CODE] !== 'off') {
        for (const obj of objects) {
          if (view.exhausted || Date.now() > deadline) break;
          runSchema(obj, options, findings, log);
        }
      }
      const outOfWork = view.exhausted && !view.timedOut;
      const outOfTime = !outOfWork && (view.timedOut || Date.now() > deadline);
      // A document the deadline caught after others had used most of the budget gets a fresh budget in the next
      // analysis: nothing of it is kept now. One that had (nearly) the whole budget and still ran out would stop at
      // the same place again: its findings so far are kept, with the reason.
      if (outOfTime && options.timeBudgetMs !== undefined && docStarted - started > options.timeBudgetMs / 5) {
        if (skipped++ === 0) firstSkipped = chunk;
        continue;
      }
      if (outOfWork || outOfTime) stoppedAt = Date.now();
      if (stoppedAt !== undefined) {
        // The partial findings are kept (and cached: running this document again would stop at the same place).
        const reason = outOfWork
          ? engineText(options, 'limitNodes', 'its aliases and merge keys expand to more than the work budget allows')
          : engineText(options, 'limitTime', 'the time budget ran out');
        findings.push(limitFinding(options, chunk.text, stoppedAt - started, view.workDone, reason));
      }
      cached = { key, objects, findings, suppressions: suppressionsOf(chunk.text, parsed) };
      cache.perChunk.set(parsed, cached);
    }
    perChunk.push({ chunk, objects: cached.objects, parts: [cached.findings], suppressions: cached.suppressions });
  }

  cache.objectCount = perChunk.reduce((n, c) => n + c.objects.length, 0);
  // The file's objects go into the object index before any cross-object rule asks it a question.
  const index = options.index ?? cache.localIndex;
  const uri = options.uri ?? LOCAL_URI;
  const inputs: IndexInput[] = [];
  if (!options.patch) {
    for (const c of perChunk) {
      for (const obj of c.objects) {
        const facts = factsOf(obj);
        inputs.push({ facts, start: c.chunk.start + facts.anchor.start, end: c.chunk.start + facts.anchor.end });
      }
    }
  }
  index.setFile(uri, inputs);
  const queries = workspaceQueries(index, uri);

  if (workspaceRules.length > 0) {
    // A workspace rule's findings on a document stay right while the facts it reads stay the same. The index does
    // not change during the loop below, so each rule's context is computed once.
    const contexts = new Map(workspaceRules.map((rule) => [rule, `${key}|${uri}|${index.version(rule.meta.reads ?? [])}`]));
    for (const entry of perChunk) {
      if (entry.objects.length === 0) continue;
      let memo = cache.fileRuleFindings.get(entry.chunk.parsed);
      if (!memo) cache.fileRuleFindings.set(entry.chunk.parsed, (memo = new Map<string, { context: string; findings: LocalFinding[] }>()));
      for (const rule of workspaceRules) {
        const context = contexts.get(rule) as string;
        const kept = memo.get(rule.meta.id);
        if (kept && kept.context === context) {
          entry.parts.push(kept.findings);
          continue;
        }
        const found: LocalFinding[] = [];
        for (const obj of entry.objects) runRules([rule], obj, [], queries, options, eol, found, log);
        memo.set(rule.meta.id, { context, findings: found });
        entry.parts.push(found);
      }
    }
  }

  if (options.levels[SCHEMA_CODE] !== 'off') runCrdValidation(perChunk, options, cache, log);

  if (fileRules.length > 0) {
    const all = perChunk.flatMap((c) => c.objects);
    // A file rule that names the kinds it reads elsewhere keeps its findings while the documents holding those
    // kinds stay the same: a keystroke in one Deployment then re-runs it for that document only.
    const contextKeys = new Map<Rule, string>();
    for (const rule of fileRules) {
      const kinds = rule.meta.contextKinds;
      if (!kinds) continue;
      const ids = perChunk.filter((c) => c.objects.some((o) => kinds.includes(o.kind))).map((c) => chunkId(c.chunk.parsed));
      // The key names every document the rule reads, so it grows with the file, and each document's kept findings
      // are checked against it: they keep a short token of the key instead (comparing whole keys per document made
      // a keystroke's cost grow with the square of the documents).
      const context = `${key}|${ids.join(',')}`;
      const last = cache.contextKeys.get(rule.meta.id);
      if (last && last.key === context) contextKeys.set(rule, last.token);
      else {
        const token = `#${++cache.contextTokens}`;
        cache.contextKeys.set(rule.meta.id, { key: context, token });
        contextKeys.set(rule, token);
      }
    }
    for (const entry of perChunk) {
      let memo = cache.fileRuleFindings.get(entry.chunk.parsed);
      if (!memo) cache.fileRuleFindings.set(entry.chunk.parsed, (memo = new Map<string, { context: string; findings: LocalFinding[] }>()));
      for (const rule of fileRules) {
        const context = contextKeys.get(rule);
        const kept = context !== undefined ? memo.get(rule.meta.id) : undefined;
        if (kept && kept.context === context) {
          entry.parts.push(kept.findings);
          continue;
        }
        const found: LocalFinding[] = [];
        for (const obj of entry.objects) runRules([rule], obj, all, queries, options, eol, found, log);
        if (context !== undefined) memo.set(rule.meta.id, { context, findings: found });
        entry.parts.push(found);
      }
    }
  }

  // On the first document not reached (a document stopped mid-way has its own info): one info per document.
  if (firstSkipped) {
    const reason = engineText(options, 'limitDocuments', '{count} more documents were not analysed').replace('{count}', String(skipped));
    const f = limitFinding(options, firstSkipped.text, Date.now() - started, 0, reason);
    problems.push({ ...engineProblem(ANALYSIS_LIMIT_CODE, f.message, 'info', firstSkipped.start + f.start, firstSkipped.start + f.end), incomplete: true });
  }

  for (const { chunk, parts, suppressions } of perChunk) {
    // The problems of a document whose parts and place in the file did not change are the ones made last time. Those
    // with related places are made again: the places may have moved in other files.
    const known = cache.output.get(chunk.parsed);
    if (known && known.start === chunk.start && known.suppressions === suppressions && sameParts(known.parts, parts)) {
      problems.push(...known.problems);
      continue;
    }
    const out: Problem[] = [];
    let moving = false;
    for (const part of parts) {
      for (const f of part) {
        if (suppressions.suppressed(f.code, f.start)) continue;
        if (f.related && f.related.length > 0) moving = true;
        out.push({
          code: f.code,
          message: f.message,
          severity: f.severity,
          start: chunk.start + f.start,
          end: chunk.start + f.end,
          fixes: f.fixes.map((fix) => shiftFix(fix, chunk.start)),
          docsUrl: f.docsUrl,
          ...related(f, chunk.start, options.uri ?? LOCAL_URI),
        });
      }
    }
    if (moving) cache.output.delete(chunk.parsed);
    else cache.output.set(chunk.parsed, { start: chunk.start, suppressions, parts, problems: out });
    problems.push(...out);
  }
  // The documents' lookup caches are dropped: what is kept between edits is the parse and the findings.
  for (const { objects } of perChunk) for (const obj of objects) obj.view.release();
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The `analysis-limit` info on a document's first line: how far the analysis got, and why it stopped. */
function limitFinding(options: AnalysisOptions, text: string, ms: number, nodes: number, reason: string): LocalFinding {
  let start = 0;
  while (start < text.length && /[\s]/.test(text.charAt(start))) start++;
  const eolAt = text.indexOf('\n', start);
  let end = eolAt < 0 ? text.length : eolAt;
  if (text.charCodeAt(end - 1) === 13) end--;
  const message = engineMessage(options, 'analysisLimit', 'Analysis stopped after {ms} ms / {nodes} nodes: {reason}. The findings so far are shown.', {
    ms: String(ms),
    nodes: String(nodes),
    reason,
  });
  return { code: ANALYSIS_LIMIT_CODE, message, severity: 'info', start: Math.min(start, end), end, fixes: [], docsUrl: '' };
}

function safeObjects(view: DocView, log: Logger, patch: boolean, custom: readonly WorkloadDef[]): K8sObject[] {
  try {
    return objectsOf(view, patch, custom);
  } catch (e) {
    log(`kube-graceful: reading the Kubernetes objects of a document failed: ${errorText(e)}`);
    return [];
  }
}

function runRules(
  rules: readonly Rule[],
  obj: K8sObject,
  fileObjects: readonly K8sObject[],
  workspace: WorkspaceQueries,
  options: AnalysisOptions,
  eol: string,
  out: LocalFinding[],
  log: Logger,
): void {
  // One context for the object, pointed at each rule in turn (rules run synchronously and keep nothing of it): a
  // context, two closures, a findings array and a set per rule and object were a tenth of the command line's
  // allocations.
  let meta = rules[0]?.meta;
  let found: LocalFinding[] = [];
  let seen: Set<string> | undefined;
  const locale = options.locale ?? 'en';
  const context: { -readonly [K in keyof RuleContext]: RuleContext[K] } = {
    version: options.version,
    fileObjects,
    workspace,
    eol,
    options: {},
    locale,
    say: (texts) => texts[locale],
    report(report: Report): void {
      if (!meta) return;
      const english = meta.messages[report.messageId];
      if (english === undefined) throw new Error(`rule ${meta.id} has no message '${report.messageId}'`);
      const template = (options.locale && ruleMessage(options.locale, meta.id, report.messageId)) ?? english;
      if (report.fixes && report.fixes.length > 0 && !meta.fixable) throw new Error(`rule ${meta.id} returned a fix but is not fixable`);
      const [start, end] = rangeOf(report.at, obj.view.chunk.text);
      const message = subjectOf(obj, start, end, report.container, locale) + formatMessage(template, report.data);
      const dedupe = `${start}:${end}:${message}`;
      seen ??= new Set<string>();
      if (seen.has(dedupe)) return;
      seen.add(dedupe);
      const level = options.levels[meta.id];
      const severity = level && level !== 'off' ? level : (report.severity ?? meta.severity);
      const finding: LocalFinding = { code: meta.id, message, severity, start, end, fixes: report.fixes ?? [], docsUrl: meta.docs.url };
      const local = (report.relatedAt ?? []).map((r) => localRelated(r, obj.view.chunk.text));
      found.push({
        ...finding,
        ...(report.related && report.related.length > 0 ? { related: report.related } : {}),
        ...(local.length > 0 ? { local } : {}),
      });
    },
  };
  for (const rule of rules) {
    meta = rule.meta;
    if (obj.ignoredRules.has(meta.id)) continue;
    if (obj.incomplete && meta.reportsAbsence) continue;
    context.options = options.ruleOptions[meta.id] ?? NO_RULE_OPTIONS;
    seen = undefined;
    if (found.length > 0) found = [];
    try {
      rule.check(obj, context);
      if (found.length > 0) out.push(...found);
    } catch (e) {
      // One failing rule must not take the others down: log it and drop only its findings for this object.
      log(`kube-graceful: rule ${meta.id} failed on ${obj.kind} ${obj.name ?? ''}: ${errorText(e)}`);
    }
  }
}

/** The options of a rule the settings give none: one frozen object for all. */
const NO_RULE_OPTIONS: RuleOptions = Object.freeze({});

/** The code, documentation link and default severity of schema findings (`server/src/service/schema.ts`). */
const SCHEMA_CODE = 'schema';
const SCHEMA_DOCS = 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation';

/**
 * Validates one object against the bundled API definitions of the target version. Like a rule: skipped for objects
 * whose `kube-graceful.io/ignore` annotation names `schema`, severity from `levels.schema` (default error),
 * suppression comments applied later with everything else, and a failure is logged without losing other findings.
 */
function runSchema(obj: K8sObject, options: AnalysisOptions, out: LocalFinding[], log: Logger): void {
  if (obj.ignoredRules.has(SCHEMA_CODE)) return;
  const level = options.levels[SCHEMA_CODE];
  const severity: Severity = level && level !== 'off' ? level : 'error';
  try {
    for (const f of validateObject(obj, options.version, options.locale ?? 'en')) {
      const template = options.locale ? ruleMessage(options.locale, SCHEMA_CODE, f.messageId) : undefined;
      const message = subjectOf(obj, f.start, f.end, undefined, options.locale ?? 'en') + (template ? formatMessage(template, f.data) : f.message);
      out.push({ code: SCHEMA_CODE, message, severity, start: f.start, end: f.end, fixes: f.fixes, docsUrl: SCHEMA_DOCS });
    }
  } catch (e) {
    log(`kube-graceful: schema validation failed on ${obj.kind} ${obj.name ?? ''}: ${errorText(e)}`);
  }
}

/**
 * Validates custom resources against the schema of their CustomResourceDefinition: one in this file, else one the
 * caller knows (`options.crdSchema`). Findings are kept per document and schema, so an unchanged document against an
 * unchanged CRD is not validated again; they join the document's findings like the built-in schema's.
 */
function runCrdValidation(
  perChunk: { chunk: Chunk; objects: K8sObject[]; parts: LocalFinding[][] }[],
  options: AnalysisOptions,
  cache: AnalysisCache,
  log: Logger,
): void {
  const custom = perChunk.flatMap((c) => c.objects).filter((o) => o.apiVersion.includes('.') && !o.incomplete && !o.ignoredRules.has(SCHEMA_CODE));
  if (custom.length === 0) return;
  const local = crdSchemasIn(perChunk.flatMap((c) => c.objects));
  const lookup = (group: string, version: string, kind: string): CrdSchema | undefined =>
    local.get(`${group}/${version}/${kind}`) ?? options.crdSchema?.(group, version, kind);
  const level = options.levels[SCHEMA_CODE];
  const severity: Severity = level && level !== 'off' ? level : 'error';
  const locale = options.locale ?? 'en';
  for (const entry of perChunk) {
    const pairs: [K8sObject, CrdSchema][] = [];
    for (const obj of entry.objects) {
      if (!custom.includes(obj)) continue;
      const slash = obj.apiVersion.indexOf('/');
      const schema = lookup(obj.apiVersion.slice(0, slash), obj.apiVersion.slice(slash + 1), obj.kind);
      if (schema) pairs.push([obj, schema]);
    }
    if (pairs.length === 0) continue;
    // One part per document, kept while its objects' schemas, the language and the level stay the same, so that an
    // unchanged document's problems are reused as they are.
    let memo = cache.crdFindings.get(entry.chunk.parsed);
    if (!memo) cache.crdFindings.set(entry.chunk.parsed, (memo = new Map<string, LocalFinding[]>()));
    const memoKey = `${locale}|${severity}|${pairs.map(([, schema]) => schema.id).join(',')}`;
    let findings = memo.get(memoKey);
    if (!findings) {
      findings = [];
      for (const [obj, schema] of pairs) {
        try {
          for (const f of validateCustomObject(obj, schema, locale)) {
            const template = options.locale ? ruleMessage(options.locale, SCHEMA_CODE, f.messageId) : undefined;
            const message = subjectOf(obj, f.start, f.end, undefined, locale) + (template ? formatMessage(template, f.data) : f.message);
            findings.push({ code: SCHEMA_CODE, message, severity, start: f.start, end: f.end, fixes: f.fixes, docsUrl: CRD_DOCS });
          }
        } catch (e) {
          log(`kube-graceful: CRD validation failed on ${obj.kind} ${obj.name ?? ''}: ${errorText(e)}`);
        }
      }
      // A few keys per document at most; drop the memo rather than let it grow with CRD edits.
      if (memo.size > 16) memo.clear();
      memo.set(memoKey, findings);
    }
    entry.parts.push(findings);
  }
}

const CRD_DOCS = 'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation';

/** The offsets a report covers; a node's range ends at its last character, not at the line break after it. */
function rangeOf(at: Report['at'], text: string): [number, number] {
  if ('start' in at && typeof at.start === 'number') return [at.start, at.end];
  const node = at as Node;
  const r = node.range;
  if (!r) return [0, 0];
  let end = Math.max(r[0], r[1]);
  while (end > r[0] && /\s/.test(text.charAt(end - 1))) end--;
  return [r[0], end];
}

function sameParts(a: readonly LocalFinding[][], b: readonly LocalFinding[][]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/** Object rules see no other objects: asking is a bug in the rule, caught as a failure of that rule. */
const NO_QUERIES: WorkspaceQueries = {
  budgetsFor: () => refuse(),
  servicesFor: () => refuse(),
  selectedBy: () => refuse(),
  autoscalersOf: () => refuse(),
  podLabelsOf: () => refuse(),
  sameFile: () => refuse(),
};

function refuse(): never {
  throw new Error("an object-scope rule asked about other objects; declare scope 'workspace' and what it reads");
}

function workspaceQueries(index: ObjectIndex, uri: string): WorkspaceQueries {
  return {
    budgetsFor: (obj) => index.budgetsFor(obj, uri),
    servicesFor: (obj) => index.servicesFor(obj, uri),
    selectedBy: (obj) => index.selectedBy(obj, uri),
    autoscalersOf: (obj) => index.autoscalersOf(obj, uri),
    podLabelsOf: (obj) => index.podLabelsOf(obj, uri),
    sameFile: (entry) => entry.uri === uri,
  };
}

/**
 * The subject every rule and schema message starts with: the object's kind and name and, for a finding inside a
 * container, the container (`Deployment web › app: `), so that a line in the Problems panel says what it is about
 * before it is cut off. Chinese uses the full-width colon of its sentences. The container is the one the rule names,
 * else the one whose entry holds the reported range.
 */
function subjectOf(obj: K8sObject, start: number, end: number, named: string | undefined, locale: Locale): string {
  let container = named;
  if (container === undefined) {
    for (const c of obj.podSpec?.containers ?? []) {
      const r = c.map.range;
      if (r && r[0] <= start && end <= r[2]) {
        container = containerLabel(c);
        break;
      }
    }
  }
  const subject = `${obj.kind}${obj.name ? ` ${obj.name}` : ''}${container ? ` › ${container}` : ''}`;
  return subject + (locale === 'zh-cn' ? '：' : ': ');
}

/** A related place in the object's own document, as offsets into that document. */
function localRelated(r: LocalRelatedReport, text: string): { start: number; end: number; message: string } {
  const [start, end] = rangeOf(r.at, text);
  return { start, end, message: r.message };
}

/** A finding's related places: in other files from the index, in this document shifted to file offsets. */
function related(f: LocalFinding, shift: number, uri: string): { related?: RelatedProblem[] } {
  const out = (f.related ?? []).map(relatedProblem);
  for (const r of f.local ?? []) out.push({ uri, start: r.start + shift, end: r.end + shift, message: r.message, sameDocument: true });
  return out.length > 0 ? { related: out } : {};
}

/** A related place as it stands now: entries of the index keep their offsets current as their file is edited. */
function relatedProblem(r: RelatedReport): RelatedProblem {
  const { at } = r;
  return { uri: at.uri, start: at.start, end: at.end, ...(at.position ? { position: at.position } : {}), message: r.message };
}

function shiftFix(fix: Fix, by: number): Fix {
  if (by === 0) return fix;
  const changes: TextChange[] = fix.changes.map((c) => ({ start: c.start + by, end: c.end + by, newText: c.newText }));
  return { ...fix, changes };
}

/** A phrase of the engine's in the user's language (the reasons of `analysis-limit`). */
function engineText(options: AnalysisOptions, id: 'limitNodes' | 'limitTime' | 'limitDocuments', english: string): string {
  return (options.locale && translation(options.locale)?.engine[id]) ?? english;
}

function engineMessage(
  options: AnalysisOptions,
  id: 'yamlSyntax' | 'duplicateKey' | 'fileTooLarge' | 'analysisLimit',
  english: string,
  data: Record<string, string>,
): string {
  const template = (options.locale && translation(options.locale)?.engine[id]) ?? english;
  return formatMessage(template, data);
}

function engineProblem(code: string, message: string, severity: Severity, start: number, end: number): Problem {
  return { code, message, severity, start, end, fixes: [] };
}

/** A key's text without its quotes (`"a"`, `'a'`), for messages. */
function unquote(text: string): string {
  const q = text.charAt(0);
  return text.length >= 2 && (q === '"' || q === "'") && text.charAt(text.length - 1) === q ? text.slice(1, -1) : text;
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
