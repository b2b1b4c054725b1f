// Custom resources validated against the openAPIV3Schema of their CustomResourceDefinition: the CRD's schema is
// turned into a JSON schema of the checks the API server makes on a structural schema (types, required fields,
// unknown fields, enums, bounds), compiled with ajv at run time (cached by schema text, bounded), and its errors are
// explained by k8s/schema.ts with the same messages, positions and fixes as built-in kinds. Pure: no I/O.
import Ajv from 'ajv';
import { K8sObject, objectsOf } from './model';
import type { Locale } from '../l10n/locale';
import { AjvError, explainErrors, JsonSchema, objectJson, SchemaAt, SchemaFinding, SchemaSource } from './schema';
import { NEWEST } from './versions';
import { ChunkCache, ParsedChunk } from '../yaml/documents';
import { DocView } from '../yaml/view';

/** A served version's schema, converted for ajv; `id` names it in cache keys. */
export interface CrdSchema {
  readonly id: string;
  /** The converted schema as JSON text: the key of the compiled validator. */
  readonly text: string;
  readonly schema: JsonSchema;
}

/** Finds the schema of a custom resource's group, version and kind; undefined when no CRD for it is known. */
export type CrdSchemaLookup = (group: string, version: string, kind: string) => CrdSchema | undefined;

/** The most schema nodes one CRD version may have before it is left unvalidated (Argo Rollouts' Rollout CRD has about 1,500). */
const MAX_SCHEMA_NODES = 60_000;
/** The deepest schema converted; real CRDs stay far below it and the recursion must not overflow. */
const MAX_SCHEMA_DEPTH = 80;
/** Compiled validators kept, least recently used dropped first. */
const MAX_COMPILED = 32;

const TYPES: ReadonlySet<string> = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

class TooBig extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/**
 * The schemas of every CustomResourceDefinition among `objects`, by `group/version/kind`, for each served version.
 * apiextensions.k8s.io/v1 keeps a schema per version; v1beta1 may keep one for all in `spec.validation`.
 */
export function crdSchemasIn(objects: readonly K8sObject[]): Map<string, CrdSchema> {
  const out = new Map<string, CrdSchema>();
  for (const obj of objects) {
    if (obj.kind !== 'CustomResourceDefinition' || !obj.apiVersion.startsWith('apiextensions.k8s.io/') || obj.incomplete) continue;
    // Objects are kept with their document's parse, so an unchanged CRD is read and converted once.
    let entries = perCrd.get(obj);
    if (!entries) perCrd.set(obj, (entries = schemasOf(obj)));
    for (const [key, schema] of entries) out.set(key, schema);
  }
  return out;
}

const perCrd = new WeakMap<K8sObject, [string, CrdSchema][]>();

function schemasOf(obj: K8sObject): [string, CrdSchema][] {
  const out: [string, CrdSchema][] = [];
  const json = objectJson(obj);
  if (!isRecord(json)) return out;
  const spec = own(json, 'spec');
  if (!isRecord(spec)) return out;
  const group = own(spec, 'group');
  const names = own(spec, 'names');
  const kind = isRecord(names) ? own(names, 'kind') : undefined;
  if (typeof group !== 'string' || typeof kind !== 'string') return out;
  const validation = own(spec, 'validation');
  const shared = isRecord(validation) ? own(validation, 'openAPIV3Schema') : undefined;
  const versions = own(spec, 'versions');
  const list: unknown[] = Array.isArray(versions) ? versions : typeof own(spec, 'version') === 'string' ? [{ name: own(spec, 'version'), served: true }] : [];
  for (const v of list) {
    if (!isRecord(v) || typeof own(v, 'name') !== 'string' || own(v, 'served') === false) continue;
    const schemaField = own(v, 'schema');
    const raw = (isRecord(schemaField) ? own(schemaField, 'openAPIV3Schema') : undefined) ?? shared;
    if (!isRecord(raw)) continue;
    const converted = convertCrdSchema(raw);
    if (converted) out.push([`${group}/${String(own(v, 'name'))}/${kind}`, converted]);
  }
  return out;
}

/**
 * The CRD schemas a file's text defines (for a server that feeds `AnalysisOptions.crdSchema` from other files);
 * `chunks` keeps the parse of unchanged documents between calls. Files that name no CRD are not parsed.
 */
export function crdSchemasInText(text: string, chunks: ChunkCache): Map<string, CrdSchema> {
  if (text.length > 8 * 1024 * 1024 || !/^kind:[ \t]*CustomResourceDefinition\b/m.test(text)) return new Map();
  const out = new Map<string, CrdSchema>();
  for (const chunk of chunks.parse(text)) {
    if (chunk.parsed.fatal.length > 0) continue;
    // An unchanged document keeps its parse in `chunks`, and its schemas here: typing elsewhere converts nothing.
    let found = perChunk.get(chunk.parsed);
    if (!found) perChunk.set(chunk.parsed, (found = crdSchemasIn(objectsOf(new DocView(chunk.parsed)))));
    for (const [key, schema] of found) out.set(key, schema);
  }
  return out;
}

const perChunk = new WeakMap<ParsedChunk, Map<string, CrdSchema>>();

/** Converts one openAPIV3Schema; undefined when it is too big or too deep to validate against. */
export function convertCrdSchema(raw: Record<string, unknown>): CrdSchema | undefined {
  let schema: JsonSchema;
  try {
    schema = convert(raw, 0, { left: MAX_SCHEMA_NODES }, true);
  } catch (e) {
    if (e instanceof TooBig) return undefined;
    throw e;
  }
  const text = JSON.stringify(schema);
  return { id: `${hash(text)}:${text.length}`, text, schema };
}

/** FNV-1a over the text: a short name for a schema in cache keys (the compile cache itself keys on the full text). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * One schema node, keeping only keywords whose meaning is the API server's and whose values have the expected type,
 * so nothing from the workspace reaches ajv's code generation except property names (which ajv escapes) and plain
 * numbers, strings and enum values. Left out on purpose:
 * - `pattern`: a CRD's regular expression comes from the workspace and could backtrack for seconds on a long value
 *   (the API server uses RE2, which never does); ajv would run it with JavaScript's engine.
 * - `format`, `allOf`/`anyOf`/`oneOf`/`not`, `x-kubernetes-validations` (CEL): partial support would guess.
 * Every value may be null: the API server treats a null field as unset.
 */
function convert(node: unknown, depth: number, budget: { left: number }, root = false): JsonSchema {
  if (--budget.left < 0 || depth > MAX_SCHEMA_DEPTH) throw new TooBig();
  if (!isRecord(node)) return {};
  const out: Record<string, unknown> = {};
  const preserve = own(node, 'x-kubernetes-preserve-unknown-fields') === true;
  const embedded = own(node, 'x-kubernetes-embedded-resource') === true;
  const type = own(node, 'type');
  if (own(node, 'x-kubernetes-int-or-string') === true) out['type'] = ['integer', 'string', 'null'];
  else if (typeof type === 'string' && TYPES.has(type)) out['type'] = [type, 'null'];
  const props = own(node, 'properties');
  const properties: Record<string, JsonSchema> = {};
  let hasProperties = false;
  if (isRecord(props)) {
    for (const key of Object.keys(props)) {
      hasProperties = true;
      Object.defineProperty(properties, key, { value: convert(props[key], depth + 1, budget), enumerable: true, writable: true, configurable: true });
    }
  }
  if (root || embedded) {
    // The API server validates apiVersion, kind and metadata itself; a CRD schema may only narrow metadata.name.
    properties['apiVersion'] = { type: 'string' };
    properties['kind'] = { type: 'string' };
    properties['metadata'] = {};
  }
  if (hasProperties || root || embedded) out['properties'] = properties;
  const additional = own(node, 'additionalProperties');
  if (isRecord(additional)) out['additionalProperties'] = convert(additional, depth + 1, budget);
  // Strict field validation (kubectl's default) rejects fields a structural schema does not list.
  else if (hasProperties && !preserve) out['additionalProperties'] = false;
  const items = own(node, 'items');
  if (isRecord(items)) out['items'] = convert(items, depth + 1, budget);
  const required = own(node, 'required');
  if (Array.isArray(required)) {
    const names = required.filter((r): r is string => typeof r === 'string');
    if (names.length > 0) out['required'] = [...new Set(names)];
  }
  const values = own(node, 'enum');
  if (Array.isArray(values) && values.length <= 1000) {
    const plain: unknown[] = values.filter((v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
    if (plain.length === values.length && plain.length > 0) out['enum'] = [...plain, null];
  }
  const number = (key: string): number | undefined => {
    const v = own(node, key);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const count = (key: string): number | undefined => {
    const v = number(key);
    return v !== undefined && Number.isInteger(v) && v >= 0 ? v : undefined;
  };
  const minimum = number('minimum');
  const maximum = number('maximum');
  // OpenAPI 3.0's exclusiveMinimum/exclusiveMaximum are booleans that qualify minimum/maximum.
  if (minimum !== undefined) out[own(node, 'exclusiveMinimum') === true ? 'exclusiveMinimum' : 'minimum'] = minimum;
  if (maximum !== undefined) out[own(node, 'exclusiveMaximum') === true ? 'exclusiveMaximum' : 'maximum'] = maximum;
  for (const key of ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties']) {
    const v = count(key);
    if (v !== undefined) out[key] = v;
  }
  const multipleOf = number('multipleOf');
  if (multipleOf !== undefined && multipleOf > 0) out['multipleOf'] = multipleOf;
  return out;
}

type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

let ajv: Ajv | undefined;
const compiled = new Map<string, { validate: Validate; schema: JsonSchema }>();

/** The compiled validator of a converted schema, from the cache when the same schema text was compiled before. */
function validatorFor(crd: CrdSchema): Validate {
  const hit = compiled.get(crd.text);
  if (hit) {
    // Most recently used last, so the oldest entry is the first one dropped.
    compiled.delete(crd.text);
    compiled.set(crd.text, hit);
    return hit.validate;
  }
  // Skipping ajv's code optimisation pass and source keeping halves the compile time of a large CRD (the Argo
  // Rollouts schema: about 1.4 s to 0.7 s here) and costs nothing measurable when validating.
  ajv ??= new Ajv({ allErrors: true, strict: false, validateSchema: false, addUsedSchema: false, code: { optimize: false, lines: false, source: false } });
  const validate = ajv.compile(crd.schema as object) as Validate;
  compiled.set(crd.text, { validate, schema: crd.schema });
  if (compiled.size > MAX_COMPILED) {
    const oldest = compiled.keys().next().value as string;
    const entry = compiled.get(oldest);
    compiled.delete(oldest);
    // ajv keeps every compiled schema by identity; forget it too, or the cache would only bound the map.
    if (entry) ajv.removeSchema(entry.schema);
  }
  return validate;
}

/** Where a path of the object is in the converted schema, for the explanation of errors. */
function crdSource(crd: CrdSchema): SchemaSource {
  return {
    at(segments) {
      let s: JsonSchema = crd.schema;
      let mapValue = false;
      for (const seg of segments) {
        mapValue = false;
        let next: JsonSchema | undefined;
        if (s.properties && Object.prototype.hasOwnProperty.call(s.properties, seg)) next = s.properties[seg];
        else if (s.items && /^\d+$/.test(seg)) next = s.items;
        else if (typeof s.additionalProperties === 'object') {
          next = s.additionalProperties;
          mapValue = true;
        }
        if (!next) return undefined;
        s = next;
      }
      const at: SchemaAt = { schema: s, definition: undefined, id: undefined, mapValue };
      return at;
    },
    introducedIn: () => undefined,
  };
}

/** Validates a custom resource against its CRD's schema; findings like the built-in kinds'. */
export function validateCustomObject(obj: K8sObject, crd: CrdSchema, locale: Locale = 'en'): SchemaFinding[] {
  if (obj.incomplete) return [];
  const data = objectJson(obj);
  if (data === undefined) return [];
  const validate = validatorFor(crd);
  if (validate(data)) return [];
  return explainErrors(obj, data, validate.errors ?? [], crdSource(crd), NEWEST, locale);
}

/** Forgets every compiled validator (tests). */
export function clearCrdCache(): void {
  compiled.clear();
  ajv = undefined;
}
