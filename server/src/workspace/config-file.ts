// The project config file, .kube-graceful.yaml: found in a file's folder or the nearest ancestor up to the workspace
// folder or repository root, validated against schemas/kube-graceful-config.schema.json, and laid over the user's
// settings (the file wins), so that the editor and CI agree. Reads files only; never throws on a bad file.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { findSchemaDir, didYouMean } from '../k8s/schema';
import { parseVersion } from '../k8s/versions';
import { formatMessage, Locale } from '../l10n/locale';
import { compileGlob, Glob, matchGlob } from './glob';
import { DISK, DiskLookups } from './listings';
import { normalizeSettings, Settings } from './settings';

export const CONFIG_NAMES: readonly string[] = ['.kube-graceful.yaml', '.kube-graceful.yml'];
/** Config files are small; anything larger is an error, not something to parse. */
const MAX_BYTES = 256 * 1024;
/** Folders climbed at most from a file to its config file. */
const MAX_DEPTH = 64;

/** A mistake in a config file, with 0-based offsets and 1-based line and column of its start. */
export interface ConfigProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

export interface ConfigFile {
  readonly path: string;
  /** The parsed values (a mapping), wrong parts included; `apply` takes only what normalises. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly ignore: readonly Glob[];
  readonly problems: readonly ConfigProblem[];
}

/** True when a path or URI names a config file. */
export function isConfigFile(pathOrUri: string): boolean {
  return CONFIG_NAMES.some((n) => pathOrUri.endsWith(`/${n}`) || pathOrUri.endsWith(`${sep}${n}`));
}

interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly minimum?: number;
  readonly pattern?: string;
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
}

let schema: SchemaNode | undefined;

/** What the checks of a config file say, in each language (placeholders as in formatMessage). */
const CONFIG_TEXTS = {
  en: {
    syntax: 'YAML syntax: {message}',
    theFile: 'the file',
    mapping: 'a mapping',
    list: 'a list',
    a: 'a {type}',
    or: ' or ',
    mustBe: '{at} must be {expected}, not {actual}.',
    oneOf: '{at} must be one of {values}; "{value}" is not.',
    atLeast: '{at} must be at least {minimum}.',
    notVersion: '{at}: "{value}" is not a Kubernetes version such as "1.33".',
    notPattern: '{at}: "{value}" is not of the form {pattern}.',
    needs: '{at} needs {keys}.',
    unknownRule: 'Unknown rule `{path}`{suggestion}',
    unknownSetting: 'Unknown setting `{path}`{suggestion}',
    didYouMean: '; did you mean `{suggestion}`?',
    noValue: '`{path}` has no value.',
    tooLarge: 'The config file is larger than {size} KiB.',
    unreadable: 'The config file could not be read: {message}',
  },
  'zh-cn': {
    syntax: 'YAML 语法错误：{message}',
    theFile: '该文件',
    mapping: '映射',
    list: '列表',
    a: '{type}',
    or: '或',
    mustBe: '{at} 必须是{expected}，而不是{actual}。',
    oneOf: '{at} 必须是 {values} 之一；"{value}" 不是。',
    atLeast: '{at} 至少为 {minimum}。',
    notVersion: '{at}："{value}" 不是 Kubernetes 版本（例如 "1.33"）。',
    notPattern: '{at}："{value}" 不符合格式 {pattern}。',
    needs: '{at} 需要 {keys}。',
    unknownRule: '未知规则 `{path}`{suggestion}',
    unknownSetting: '未知设置 `{path}`{suggestion}',
    didYouMean: '；是否想写 `{suggestion}`？',
    noValue: '`{path}` 没有值。',
    tooLarge: '配置文件大于 {size} KiB。',
    unreadable: '无法读取配置文件：{message}',
  },
} as const;

type ConfigTextKey = keyof (typeof CONFIG_TEXTS)['en'];
type Say = (key: ConfigTextKey, data?: Readonly<Record<string, string | number>>) => string;

function sayIn(locale: Locale | undefined): Say {
  const texts: Readonly<Record<ConfigTextKey, string>> = locale === 'zh-cn' ? CONFIG_TEXTS['zh-cn'] : CONFIG_TEXTS.en;
  return (key, data) => formatMessage(texts[key], data);
}

/** The words for a JSON type in messages: `zh-cn` names them, English adds an article. */
const ZH_TYPES: Readonly<Record<string, string>> = { string: '字符串', boolean: '布尔值', integer: '整数', number: '数字', null: '空值' };

/** The shipped schema, read once from schemas/ next to the bundle (as the Kubernetes schemas are). */
function configSchema(): SchemaNode {
  if (!schema) {
    const dir = findSchemaDir();
    schema = dir ? (JSON.parse(readFileSync(join(dir, 'kube-graceful-config.schema.json'), 'utf8')) as SchemaNode) : { type: 'object' };
  }
  return schema;
}

/** Parses and validates a config file's text. */
export function parseConfig(text: string, path: string, locale?: Locale): ConfigFile {
  const say = sayIn(locale);
  const lines = new LineCounter();
  const problems: ConfigProblem[] = [];
  const report = (message: string, range: readonly number[] | undefined): void => {
    const start = range?.[0] ?? 0;
    const pos = lines.linePos(start);
    problems.push({ message, start, end: Math.max(start + 1, range?.[1] ?? start), line: pos.line, column: pos.col });
  };
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) report(say('syntax', { message: e.message.split('\n')[0] ?? '' }), [e.pos[0], e.pos[1]]);
  if (doc.errors.length > 0) return { path, values: {}, ignore: [], problems };
  const root = configSchema();
  if (doc.contents !== null && doc.contents !== undefined) validate(doc.contents, root, root, '', report, say, locale);
  const values = doc.contents === null ? {} : (doc.toJS({ maxAliasCount: 100 }) as unknown);
  const record = typeof values === 'object' && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>) : {};
  const ignore = Array.isArray(record['ignore']) ? record['ignore'].filter((g): g is string => typeof g === 'string').map((g) => compileGlob(g)) : [];
  return { path, values: record, ignore, problems };
}

function typeOf(node: Node): string {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
    return typeof v;
  }
  return 'unknown';
}

/** The subset of JSON schema the config schema uses: type, enum, properties, additionalProperties, items, minimum, pattern, $ref. */
function validate(
  node: Node,
  s: SchemaNode,
  root: SchemaNode,
  where: string,
  report: (message: string, range: readonly number[] | undefined) => void,
  say: Say,
  locale: Locale | undefined,
): void {
  if (s.$ref) {
    const name = s.$ref.replace('#/definitions/', '');
    const target = root.definitions?.[name];
    if (target) validate(node, target, root, where, report, say, locale);
    return;
  }
  const actual = typeOf(node);
  const at = where === '' ? say('theFile') : `\`${where}\``;
  const typeWord = (t: string, article: boolean): string =>
    t === 'object' ? say('mapping') : t === 'array' ? say('list') : locale === 'zh-cn' ? (ZH_TYPES[t] ?? t) : article ? say('a', { type: t }) : t;
  if (s.type) {
    const types = typeof s.type === 'string' ? [s.type] : s.type;
    const ok = types.includes(actual) || (actual === 'integer' && types.includes('number'));
    if (!ok) {
      const expected = types.map((t) => typeWord(t, true)).join(say('or'));
      report(say('mustBe', { at, expected, actual: typeWord(actual, false) }), node.range ?? undefined);
      return;
    }
  }
  if (s.enum && isScalar(node) && !s.enum.includes(node.value)) {
    report(say('oneOf', { at, values: s.enum.map((e) => `"${String(e)}"`).join(', '), value: String(node.value) }), node.range ?? undefined);
    return;
  }
  if (isScalar(node)) {
    if (s.minimum !== undefined && typeof node.value === 'number' && node.value < s.minimum)
      report(say('atLeast', { at, minimum: s.minimum }), node.range ?? undefined);
    // The schema's own pattern, never user text, is compiled; it is linear. Versions are also read as the settings
    // read them, so that a value the settings would drop is reported.
    const badPattern = s.pattern !== undefined && typeof node.value === 'string' && !new RegExp(s.pattern).test(node.value);
    if (badPattern || (where === 'kubernetesVersion' && parseVersion(node.value) === undefined)) {
      const value = String(node.value);
      report(
        where === 'kubernetesVersion' ? say('notVersion', { at, value }) : say('notPattern', { at, value, pattern: s.pattern ?? '' }),
        node.range ?? undefined,
      );
    }
  }
  if (isMap(node) && s.required) {
    const present = new Set(node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '')));
    const missing = s.required.filter((k) => !present.has(k));
    if (missing.length > 0) report(say('needs', { at, keys: missing.map((k) => `\`${k}\``).join(', ') }), node.range ?? undefined);
  }
  if (isMap(node) && s.properties) {
    const known = Object.keys(s.properties);
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const keyRange = isScalar(pair.key) ? (pair.key.range ?? undefined) : undefined;
      if (key === undefined) continue;
      const child = s.properties[key];
      const path = where === '' ? key : `${where}.${key}`;
      if (!child) {
        if (s.additionalProperties === false) {
          const suggestion = didYouMean(key, known);
          const hint = suggestion ? say('didYouMean', { suggestion }) : locale === 'zh-cn' ? '。' : '.';
          report(say(where === 'rules' || where === 'ruleOptions' ? 'unknownRule' : 'unknownSetting', { path, suggestion: hint }), keyRange);
        }
        continue;
      }
      if (pair.value) validate(pair.value as Node, child, root, path, report, say, locale);
      else if (child.type !== undefined || child.$ref !== undefined) report(say('noValue', { path }), keyRange);
    }
  }
  if (isSeq(node) && s.items) for (const [i, item] of node.items.entries()) validate(item as Node, s.items, root, `${where}[${i}]`, report, say, locale);
}

const cache = new Map<string, { mtimeMs: number; size: number; locale: Locale | undefined; config: ConfigFile }>();

/** Reads and parses a config file, reusing the last parse while the file's time and size stay the same. */
export function readConfig(path: string, locale?: Locale): ConfigFile | undefined {
  const say = sayIn(locale);
  let st;
  try {
    st = statSync(path);
  } catch {
    cache.delete(path);
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size && hit.locale === locale) return hit.config;
  let config: ConfigFile;
  if (st.size > MAX_BYTES)
    config = {
      path,
      values: {},
      ignore: [],
      problems: [{ message: say('tooLarge', { size: MAX_BYTES / 1024 }), start: 0, end: 1, line: 1, column: 1 }],
    };
  else {
    try {
      config = parseConfig(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), path, locale);
    } catch (e) {
      config = {
        path,
        values: {},
        ignore: [],
        problems: [{ message: say('unreadable', { message: e instanceof Error ? e.message : String(e) }), start: 0, end: 1, line: 1, column: 1 }],
      };
    }
  }
  cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, locale, config });
  return config;
}

/**
 * The config file that governs a file: the first `.kube-graceful.yaml` in its folder or above, stopping after a
 * root (a workspace folder) or a repository root (a folder with `.git`).
 */
export function findConfigFile(
  filePath: string,
  roots: readonly string[] = [],
  lookups?: Map<string, string | undefined>,
  disk: DiskLookups = DISK,
): string | undefined {
  const stops = new Set(roots.map((r) => resolve(r)));
  const start = dirname(resolve(filePath));
  if (lookups?.has(start)) return lookups.get(start);
  let found: string | undefined;
  let dir = start;
  const visited: string[] = [];
  search: for (let depth = 0; depth < MAX_DEPTH; depth++) {
    // A folder on the way up holds no config file, so its answer is the same as the start's.
    if (lookups?.has(dir)) {
      found = lookups.get(dir);
      break;
    }
    visited.push(dir);
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (disk.isFile(candidate)) {
        found = candidate;
        break search;
      }
    }
    if (stops.has(dir) || disk.exists(join(dir, '.git'))) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of visited) lookups?.set(d, found);
  return found;
}

/** True when one of the config's `ignore` globs matches the file (relative to the config file's folder). */
export function isIgnored(config: ConfigFile, filePath: string): boolean {
  if (config.ignore.length === 0) return false;
  const rel = relative(dirname(config.path), resolve(filePath));
  if (rel.startsWith('..')) return false;
  const slashed = rel.split(sep).join('/');
  return config.ignore.some((g) => matchGlob(g, slashed));
}

/**
 * The user's settings with the config file laid over them: every key the file sets wins; rule levels and rule
 * options merge by rule id, `workspace` by its own keys. Values go through `normalizeSettings`, so the file accepts
 * exactly what the settings accept, and a key added to the settings works here without a change.
 */
export function applyConfig(user: Settings, config: ConfigFile): Settings {
  const v = config.values;
  const n = normalizeSettings(v) as unknown as Record<string, unknown>;
  const base = user as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { ...base };
  const nested = (key: string): Record<string, unknown> => (typeof v[key] === 'object' && v[key] !== null ? (v[key] as Record<string, unknown>) : {});
  for (const key of Object.keys(v)) {
    // `helm` and `kustomize` are read into the settings' `render` (valuesFiles; their paths are machine settings).
    if (v[key] === null || v[key] === undefined || !(key in n || key === 'helm' || key === 'kustomize')) continue;
    if (key === 'rules' || key === 'ruleOptions') out[key] = { ...(base[key] as object), ...(n[key] as object) };
    else if (key === 'kubernetesVersion') {
      if (parseVersion(v[key]) !== undefined) out[key] = n[key];
    } else if (key === 'workspace') {
      const given = nested(key);
      const merged: Record<string, unknown> = { ...(base[key] as object) };
      for (const sub of Object.keys(given)) if (sub in (n[key] as object)) merged[sub] = (n[key] as Record<string, unknown>)[sub];
      out[key] = merged;
    } else if (key === 'render' || key === 'helm' || key === 'kustomize') {
      // The binary that runs is the user's choice (a machine setting), never the repository's: paths are ignored here.
      const given = nested(key);
      const current = (out['render'] ?? base['render']) as Settings['render'];
      const fromFile = n['render'] as Settings['render'];
      if (key === 'render' && 'enable' in given) out['render'] = { ...current, enable: fromFile.enable };
      if (key === 'helm' && 'valuesFiles' in given) out['render'] = { ...current, valuesFiles: fromFile.valuesFiles };
    } else if (key === 'inlayHints') {
      if ('enable' in nested(key)) out[key] = n[key];
    } else out[key] = n[key];
  }
  return out as unknown as Settings;
}

/** What governs one file: its settings after the config file, the config file itself, and whether it is ignored. */
export interface FileSettings {
  readonly settings: Settings;
  readonly config: ConfigFile | undefined;
  readonly ignored: boolean;
}

/**
 * `lookups` keeps the config file of each folder for a run over many files (the command line), and `disk` answers
 * from the folders its walk listed.
 */
export function settingsForFile(
  filePath: string,
  user: Settings,
  roots: readonly string[] = [],
  lookups?: Map<string, string | undefined>,
  locale?: Locale,
  disk: DiskLookups = DISK,
): FileSettings {
  const path = findConfigFile(filePath, roots, lookups, disk);
  const config = path ? readConfig(path, locale) : undefined;
  if (!config) return { settings: user, config: undefined, ignored: false };
  return { settings: applyConfig(user, config), config, ignored: isIgnored(config, filePath) };
}
