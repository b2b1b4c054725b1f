// Generates schemas/ from the Kubernetes API definitions in ../shared/k8s-openapi (one `_definitions.json` per
// release, see its README): only the definitions reachable from the kinds kube-graceful validates, made strict, with
// descriptions split off for hover, deduplicated across versions by content (a definition and everything it
// references).
//
//   node scripts/gen-schemas.mjs [source-dir] [--out schemas] [--check]
//
// source-dir defaults to ../shared/k8s-openapi relative to the repository. `--check` regenerates in memory and
// exits with 1 if the committed files differ (for CI). The output is deterministic: same input, same bytes.
//
// Output, read by server/src/k8s/schema.ts:
//   schemas/index.json         per version: "apiVersion kind" -> root definition id, definition id -> docs id
//   schemas/definitions.json   { names, schemas }: validation schemas by id (no descriptions, no x-kubernetes-*
//                              keywords, strict), each id shared by every version where it is the same
//   schemas/descriptions.json  { texts, docs }: unique description texts, and per definition { d: type text,
//                              p: { field: text } } as indexes into texts, for hover
//   schemas/validators.js      ajv standalone code, one validator per root id (`r<id>`), minified, no imports:
//                              loaded with require() at the first validation, no schema compilation at run time
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The kinds validated, by group/version: every served version of each kind in the bundled releases. */
const KINDS = [
  ['v1', 'Pod'],
  ['v1', 'PodTemplate'],
  ['v1', 'ReplicationController'],
  ['v1', 'Service'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'ReplicaSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['policy/v1', 'PodDisruptionBudget'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['autoscaling/v1', 'HorizontalPodAutoscaler'],
];

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
const MICRO_TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime';

/**
 * What resource.ParseQuantity accepts: a signed decimal number, then nothing, a binary suffix (Ki..Ei), a decimal
 * SI suffix (n, u, m, k, M, G, T, P, E) or a decimal exponent (e3, E-2). The API server rejects anything else
 * ("quantities must match the regular expression ...").
 */
export const QUANTITY_PATTERN = '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$';
/** metav1.Time is decoded with Go's time.RFC3339 layout (fractional seconds allowed). */
export const DATE_TIME_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})$';

const INT_RANGE = {
  int32: { minimum: -2147483648, maximum: 2147483647 },
  // JSON numbers beyond 2^53 lose precision in JavaScript; the bounds still catch values far out of range.
  int64: { minimum: -9223372036854775808, maximum: 9223372036854775807 },
};

function parseArgs(argv) {
  const args = { source: join(REPO, '..', 'shared', 'k8s-openapi'), out: join(REPO, 'schemas'), check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') args.out = resolve(argv[++i]);
    else if (a === '--check') args.check = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else args.source = resolve(a);
  }
  return args;
}

function refName(ref) {
  const prefix = '#/definitions/';
  if (!ref.startsWith(prefix)) throw new Error(`unexpected $ref ${ref}`);
  return ref.slice(prefix.length);
}

/**
 * The validation schema of one definition: descriptions and x-kubernetes-* keywords dropped, formats turned into
 * plain keywords (so the validator needs no format plug-in), `additionalProperties: false` on every object
 * schema with fixed properties (the README's structural walk), and the quantity syntax checked.
 */
function strict(name, schema) {
  const walk = (s) => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
    const out = {};
    for (const [k, v] of Object.entries(s)) {
      if (k === 'description' || k.startsWith('x-kubernetes-')) continue;
      if (k === 'format') {
        if (v in INT_RANGE) Object.assign(out, INT_RANGE[v]);
        else if (v === 'date-time') out.pattern = DATE_TIME_PATTERN;
        else if (v !== 'double' && v !== 'byte') throw new Error(`${name}: unhandled format ${v}`);
        continue;
      }
      if (k === 'properties') {
        // The property map itself is not a schema: walk into each value only.
        out.properties = Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, walk(ps)]));
      } else if (k === 'items' || (k === 'additionalProperties' && typeof v === 'object')) {
        out[k] = walk(v);
      } else if (k === 'oneOf' || k === 'anyOf' || k === 'allOf') {
        out[k] = v.map(walk);
      } else {
        out[k] = v;
      }
    }
    if (out.properties && !('additionalProperties' in out) && !s['x-kubernetes-preserve-unknown-fields']) {
      out.additionalProperties = false;
    }
    return out;
  };
  const result = walk(schema);
  if (name === QUANTITY) {
    const branch = result.oneOf?.find((b) => b.type === 'string');
    if (!branch) throw new Error('Quantity: no string branch');
    branch.pattern = QUANTITY_PATTERN;
  }
  if ((name === TIME || name === MICRO_TIME) && result.type !== 'string') throw new Error(`${name}: not a string`);
  return result;
}

/** JSON with object keys sorted, so equal content hashes equally. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Reads every release and returns the generated files. Definitions are deduplicated by content *including their
 * references* (a Merkle hash): a definition gets one id for all the releases in which it and everything it
 * references are the same, so one compiled validator function serves them all.
 */
export function collect(source) {
  const releases = readdirSync(source)
    .map((d) => /^v1\.(\d+)\.0$/.exec(d))
    .filter(Boolean)
    .map((m) => ({ dir: m[0], minor: Number(m[1]) }))
    .sort((a, b) => a.minor - b.minor);
  if (releases.length === 0) throw new Error(`no v1.N.0 folders in ${source}`);
  const idByContent = new Map();
  const schemas = [];
  const names = [];
  const texts = [];
  const textIndex = new Map();
  const docIdByContent = new Map();
  const docs = [];
  const versions = {};
  const textId = (t) => {
    let i = textIndex.get(t);
    if (i === undefined) {
      i = texts.length;
      texts.push(t);
      textIndex.set(t, i);
    }
    return i;
  };
  for (const { dir, minor } of releases) {
    const all = JSON.parse(readFileSync(join(source, dir, '_definitions.json'), 'utf8')).definitions;
    const byGvk = new Map();
    for (const [name, schema] of Object.entries(all)) {
      for (const g of schema['x-kubernetes-group-version-kind'] ?? []) {
        byGvk.set(`${g.group ? `${g.group}/` : ''}${g.version} ${g.kind}`, name);
      }
    }
    const ids = new Map();
    const visiting = new Set();
    const idOf = (name) => {
      const known = ids.get(name);
      if (known !== undefined) return known;
      if (!all[name]) throw new Error(`${dir}: dangling $ref ${name}`);
      if (visiting.has(name)) throw new Error(`${dir}: ${name} references itself; the Merkle ids need an acyclic graph`);
      visiting.add(name);
      const rewrite = (s) => {
        if (Array.isArray(s)) return s.map(rewrite);
        if (!s || typeof s !== 'object') return s;
        return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === '$ref' ? `#/definitions/${idOf(refName(v))}` : rewrite(v)]));
      };
      const schema = rewrite(strict(name, all[name]));
      const key = canonical([name, schema]);
      let id = idByContent.get(key);
      if (id === undefined) {
        id = String(schemas.length);
        idByContent.set(key, id);
        schemas.push(JSON.parse(canonical(schema)));
        names.push(name);
      }
      visiting.delete(name);
      ids.set(name, id);
      return id;
    };
    const kinds = {};
    for (const [apiVersion, kind] of KINDS) {
      const name = byGvk.get(`${apiVersion} ${kind}`);
      if (name) kinds[`${apiVersion} ${kind}`] = idOf(name);
    }
    const versionDocs = {};
    for (const [name, id] of [...ids].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const raw = all[name];
      const doc = {};
      if (typeof raw.description === 'string') doc.d = textId(raw.description);
      const p = {};
      for (const field of Object.keys(raw.properties ?? {}).sort()) {
        const text = raw.properties[field].description;
        if (typeof text === 'string') p[field] = textId(text);
      }
      if (Object.keys(p).length > 0) doc.p = p;
      if (doc.d === undefined && doc.p === undefined) continue;
      const key = canonical(doc);
      let docId = docIdByContent.get(key);
      if (docId === undefined) {
        docId = docs.length;
        docIdByContent.set(key, docId);
        docs.push(doc);
      }
      versionDocs[id] = docId;
    }
    versions[`1.${minor}`] = { kinds, definitions: ids.size, docs: versionDocs };
  }
  return { versions, schemas, names, texts, docs };
}

/** Ahead-of-time ajv validators, one export per root definition (`r<id>`), minified, with no runtime requires. */
async function standaloneValidators(schemas, versions) {
  const { default: Ajv } = await import('ajv');
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  const esbuild = await import('esbuild');
  // messages: false leaves the English texts out of the code (schema.ts words its own); allErrors reports every
  // problem of the object, not just the first.
  const ajv = new Ajv({ allErrors: true, strict: true, messages: false, code: { source: true, lines: false }, inlineRefs: false });
  ajv.addSchema({ definitions: Object.fromEntries(schemas.map((s, i) => [String(i), s])) }, 'k8s');
  const roots = new Set(Object.values(versions).flatMap((v) => Object.values(v.kinds)));
  const exports = Object.fromEntries([...roots].sort((a, b) => Number(a) - Number(b)).map((id) => [`r${id}`, `k8s#/definitions/${id}`]));
  const code = standaloneCode(ajv, exports);
  if (/\brequire\(/.test(code)) throw new Error('the standalone validators require an ajv runtime module; they must be self-contained');
  const min = await esbuild.transform(code, { minify: true, format: 'cjs', target: 'node20', legalComments: 'none' });
  const { version } = JSON.parse(readFileSync(join(REPO, 'node_modules', 'ajv', 'package.json'), 'utf8'));
  return `// Generated by scripts/gen-schemas.mjs: ajv ${version} standalone code, minified by esbuild. Do not edit.\n${min.code}`;
}

export async function generate(source) {
  const { versions, schemas, names, texts, docs } = collect(source);
  const index = {
    comment: 'Generated by scripts/gen-schemas.mjs from ../shared/k8s-openapi (cdk8s kubernetes-schemas, Apache-2.0). Do not edit.',
    versions,
  };
  return {
    'index.json': `${JSON.stringify(index)}\n`,
    'definitions.json': `${JSON.stringify({ names, schemas })}\n`,
    'descriptions.json': `${JSON.stringify({ texts, docs })}\n`,
    'validators.js': await standaloneValidators(schemas, versions),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.source)) {
    console.error(`gen-schemas: source folder ${args.source} not found (pass the k8s-openapi folder as an argument)`);
    process.exit(2);
  }
  const files = await generate(args.source);
  if (args.check) {
    const stale = Object.entries(files).filter(([f, text]) => !existsSync(join(args.out, f)) || readFileSync(join(args.out, f), 'utf8') !== text);
    if (stale.length > 0) {
      console.error(`gen-schemas: ${stale.map(([f]) => f).join(', ')} out of date; run npm run gen-schemas`);
      process.exit(1);
    }
    console.log('gen-schemas: schemas/ is up to date');
    return;
  }
  mkdirSync(args.out, { recursive: true });
  let total = 0;
  for (const [f, text] of Object.entries(files)) {
    writeFileSync(join(args.out, f), text);
    total += Buffer.byteLength(text);
    console.log(`${f.padEnd(18)} ${(Buffer.byteLength(text) / 1024).toFixed(0).padStart(5)} KiB`);
  }
  console.log(`${'total'.padEnd(18)} ${(total / 1024).toFixed(0).padStart(5)} KiB in ${args.out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
