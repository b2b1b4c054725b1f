// The command line's output formats as pure functions of the reports: stylish (ESLint's look), json, SARIF 2.1.0
// for code scanning, and GitHub workflow commands. No I/O; the caller decides where the text goes.
import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule, Severity } from '../engine/rule';
import { FileReport, Finding, totals } from './report';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatContext {
  /** Paths are shown and SARIF URIs are made relative to this folder. */
  readonly cwd: string;
  /** ANSI colours (stylish only). */
  readonly color: boolean;
  /** A code frame under each finding (stylish only). */
  readonly codeFrame: boolean;
  readonly rules: readonly Rule[];
  readonly version: string;
  /** A rule's documentation as Markdown (what the editor's "Show documentation" opens), for SARIF's rule help. */
  readonly ruleHelp?: (ruleId: string) => string | undefined;
}

export function format(name: Format, reports: readonly FileReport[], ctx: FormatContext): string {
  switch (name) {
    case 'stylish':
      return stylish(reports, ctx);
    case 'json':
      return json(reports, ctx);
    case 'sarif':
      return sarif(reports, ctx);
    case 'github':
      return github(reports, ctx);
  }
}

/** A path relative to the working folder with `/` separators; absolute when it lies outside. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '' || rel.startsWith('..') || rel.includes(':')) return path.split(sep).join('/');
  return rel.split(sep).join('/');
}

const ANSI = { red: 31, yellow: 33, blue: 34, gray: 90, green: 32, bold: 1, underline: 4 } as const;

function paint(on: boolean, style: keyof typeof ANSI, text: string): string {
  return on ? `\u001b[${ANSI[style]}m${text}\u001b[${style === 'bold' ? 22 : style === 'underline' ? 24 : 39}m` : text;
}

const SEVERITY_STYLE: Record<Severity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'gray' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ESLint's stylish: a block per file with findings, aligned columns, a summary line. */
export function stylish(reports: readonly FileReport[], ctx: FormatContext): string {
  const out: string[] = [];
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    out.push('', paint(ctx.color, 'underline', displayPath(r.path, ctx.cwd)));
    const pos = r.findings.map((f) => `${f.line}:${f.column}`);
    const posWidth = Math.max(...pos.map((p) => p.length));
    const sevWidth = Math.max(...r.findings.map((f) => f.severity.length));
    const msgWidth = Math.max(...r.findings.map((f) => f.message.length));
    const lines = ctx.codeFrame ? r.text.split(/\r?\n/) : [];
    r.findings.forEach((f, i) => {
      const severity = paint(ctx.color, SEVERITY_STYLE[f.severity], f.severity.padEnd(sevWidth));
      out.push(`  ${paint(ctx.color, 'gray', pos[i].padEnd(posWidth))}  ${severity}  ${f.message.padEnd(msgWidth)}  ${paint(ctx.color, 'gray', f.ruleId)}`);
      if (ctx.codeFrame) out.push(codeFrame(lines, f, ctx.color));
    });
  }
  const t = totals(reports);
  const problems = t.error + t.warning + t.info + t.hint;
  if (problems === 0) return '';
  const parts = [plural(t.error, 'error'), plural(t.warning, 'warning')];
  if (t.info > 0) parts.push(`${t.info} info`);
  if (t.hint > 0) parts.push(plural(t.hint, 'hint'));
  const mark = t.error > 0 ? 'red' : t.warning > 0 ? 'yellow' : 'blue';
  out.push('', paint(ctx.color, 'bold', paint(ctx.color, mark, `\u2716 ${plural(problems, 'problem')} (${parts.join(', ')})`)));
  if (t.fixable > 0)
    out.push(paint(ctx.color, 'bold', paint(ctx.color, mark, `  ${plural(t.fixable, 'problem')} potentially fixable with the \`--fix\` option.`)));
  return out.join('\n') + '\n\n';
}

/** Two lines of context above, the finding's first line with a `>` and carets under its columns, one line below. */
export function codeFrame(lines: readonly string[], f: Finding, color: boolean): string {
  const first = Math.max(1, f.line - 2);
  // The empty "line" after a final newline is not shown.
  const count = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const last = Math.max(f.line, Math.min(count, f.line + 1));
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    const gutter = `${n === f.line ? '>' : ' '} ${String(n).padStart(width)} |`;
    out.push(`    ${n === f.line ? paint(color, 'red', gutter) : paint(color, 'gray', gutter)}${text === '' ? '' : ` ${text}`}`);
    if (n === f.line) {
      const endCol = f.endLine === f.line ? f.endColumn : text.length + 1;
      const carets = '^'.repeat(Math.max(1, endCol - f.column));
      out.push(`    ${paint(color, 'gray', `  ${' '.repeat(width)} |`)} ${' '.repeat(f.column - 1)}${paint(color, 'red', carets)}`);
    }
  }
  return out.join('\n');
}

/** An array of files, each with its findings (1-based positions, end exclusive) and counts. */
export function json(reports: readonly FileReport[], ctx: FormatContext): string {
  const files = reports.map((r) => {
    const t = totals([r]);
    return {
      filePath: r.path,
      relativePath: displayPath(r.path, ctx.cwd),
      errorCount: t.error,
      warningCount: t.warning,
      infoCount: t.info,
      hintCount: t.hint,
      fixableCount: t.fixable,
      fixed: r.fixed,
      findings: r.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        fixable: f.fixable,
        fixes: f.fixes,
        docsUrl: f.docsUrl ?? null,
      })),
    };
  });
  return JSON.stringify(files, null, 2) + '\n';
}

/** Findings the engine makes itself (not rules): described here for SARIF's rule table. */
export const ENGINE_CODES: readonly { id: string; name: string; short: string; full: string; help: string; severity: Severity }[] = [
  {
    id: 'schema',
    name: 'KubernetesApiSchema',
    short: 'The object does not validate against the Kubernetes API schema of the target version.',
    full: 'Unknown fields, wrong types and invalid quantities, checked against the OpenAPI definitions of the Kubernetes version set by kubernetesVersion. The API server would reject or silently drop these parts.',
    help: 'https://kubernetes.io/docs/reference/kubernetes-api/',
    severity: 'error',
  },
  {
    id: 'yaml-syntax',
    name: 'YamlSyntax',
    short: 'The YAML document does not parse.',
    full: 'A YAML syntax error: kubectl cannot read this document, and no other check runs on it.',
    help: 'https://yaml.org/spec/1.2.2/',
    severity: 'error',
  },
  {
    id: 'duplicate-key',
    name: 'DuplicateKey',
    short: 'A mapping holds the same key twice.',
    full: 'A key appears twice in one mapping; Kubernetes keeps only one of the values, so the other is silently lost.',
    help: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/',
    severity: 'warning',
  },
  {
    id: 'file-too-large',
    name: 'FileTooLarge',
    short: 'The file is larger than the analysis limit.',
    full: 'The file is larger than maxFileSize and was not analysed.',
    help: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/',
    severity: 'info',
  },
];

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** `prestop-missing` -> `PrestopMissing`: SARIF wants a readable name besides the id, and different from it. */
function pascal(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** Text for SARIF messages, which should be sentences ending with a period. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: every rule in `tool.driver.rules` (short and full description, help
 * URI and text), results with regions (1-based, end column exclusive) and URIs relative to `%SRCROOT%`, and a
 * partial fingerprint that survives lines moving: the rule, the file and the text of the finding's line.
 */
export function sarif(reports: readonly FileReport[], ctx: FormatContext): string {
  const rules = [
    ...ctx.rules.map((r) => ({
      id: r.meta.id,
      name: pascal(r.meta.id),
      short: r.meta.docs.summary,
      full: `${r.meta.docs.summary} ${r.meta.docs.why}`,
      help: r.meta.docs.url,
      severity: r.meta.severity,
    })),
    ...ENGINE_CODES,
  ];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const root = pathToFileURL(ctx.cwd.endsWith(sep) ? ctx.cwd : ctx.cwd + sep).href;
  const results: unknown[] = [];
  for (const r of reports) {
    // Files under the working folder are relative to %SRCROOT% (code scanning maps them to the repository); others
    // keep an absolute file URI.
    const inside = !displayPath(r.path, ctx.cwd).startsWith('/') && !isAbsolute(displayPath(r.path, ctx.cwd));
    const uri = inside ? encodeURI(displayPath(r.path, ctx.cwd)) : pathToFileURL(r.path).href;
    const artifactLocation = inside ? { uri, uriBaseId: 'SRCROOT' } : { uri };
    const lines = r.text.split(/\r?\n/);
    const seen = new Map<string, number>();
    for (const f of r.findings) {
      const lineText = (lines[f.line - 1] ?? '').trim();
      const key = `${f.ruleId}\u0000${uri}\u0000${lineText}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      const hash = createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
      const index = ruleIndex.get(f.ruleId);
      results.push({
        ruleId: f.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: SARIF_LEVEL[f.severity],
        message: { text: sentence(f.message) },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            },
          },
        ],
        partialFingerprints: { 'kubeGraceful/v1': hash },
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-graceful',
            version: ctx.version,
            semanticVersion: ctx.version,
            informationUri: 'https://github.com/kube-graceful/kube-graceful',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: sentence(r.short) },
              fullDescription: { text: sentence(r.full) },
              helpUri: r.help,
              help: { text: `${sentence(r.full)} See ${r.help}`, ...markdownHelp(ctx, r.id) },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: root } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function markdownHelp(ctx: FormatContext, id: string): { markdown?: string } {
  const markdown = ctx.ruleHelp?.(id);
  return markdown ? { markdown } : {};
}

/** GitHub's workflow commands escape `%`, CR and LF in data, and also `:` and `,` in properties. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** One `::error file=…,line=…::message` line per finding, which GitHub Actions turns into annotations. */
export function github(reports: readonly FileReport[], ctx: FormatContext): string {
  const out: string[] = [];
  for (const r of reports) {
    const file = escapeProperty(displayPath(r.path, ctx.cwd));
    for (const f of r.findings) {
      const props = `file=${file},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${escapeProperty(f.ruleId)}`;
      out.push(`::${GITHUB_COMMAND[f.severity]} ${props}::${escapeData(f.message)}`);
    }
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
