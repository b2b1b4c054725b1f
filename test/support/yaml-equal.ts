// Compares two parses of a YAML document node by node, as the analysis reads them: classes, values, scalar types and
// sources, ranges, anchors, alias names, flow flags. Comments are left out (the fast reader does not keep them).
// Returns the path to the first difference, or undefined when the parses agree.
import { Document, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';

export function yamlDifference(a: Document.Parsed, b: Document.Parsed): string | undefined {
  if (!sameArray(a.range, b.range)) return `document range ${JSON.stringify(a.range)} != ${JSON.stringify(b.range)}`;
  if (a.directives.docStart !== b.directives.docStart) return `docStart ${String(a.directives.docStart)} != ${String(b.directives.docStart)}`;
  return nodeDifference(a.contents, b.contents, '$');
}

function nodeDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (a === null || b === null || a === undefined || b === undefined) return a === b ? undefined : `${path}: ${String(a)} != ${String(b)}`;
  const ca = (a as object).constructor.name;
  const cb = (b as object).constructor.name;
  if (ca !== cb) return `${path}: ${ca} != ${cb}`;
  if (isPair(a) && isPair(b)) return nodeDifference(a.key, b.key, `${path}.key`) ?? nodeDifference(a.value, b.value, `${path}.value`);
  const na = a as { range?: number[]; anchor?: string; flow?: boolean };
  const nb = b as { range?: number[]; anchor?: string; flow?: boolean };
  if (!sameArray(na.range, nb.range)) return `${path}: range ${JSON.stringify(na.range)} != ${JSON.stringify(nb.range)}`;
  if ((na.anchor ?? undefined) !== (nb.anchor ?? undefined)) return `${path}: anchor ${String(na.anchor)} != ${String(nb.anchor)}`;
  if (isScalar(a) && isScalar(b)) {
    if (!sameValue(a.value, b.value)) return `${path}: value ${show(a.value)} != ${show(b.value)}`;
    if (a.type !== b.type) return `${path}: type ${String(a.type)} != ${String(b.type)}`;
    if (a.source !== b.source) return `${path}: source ${show(a.source)} != ${show(b.source)}`;
    if (a.tag !== b.tag) return `${path}: tag ${String(a.tag)} != ${String(b.tag)}`;
    if (a.format !== b.format) return `${path}: format ${String(a.format)} != ${String(b.format)}`;
    return undefined;
  }
  if (isAlias(a) && isAlias(b)) return a.source === b.source ? undefined : `${path}: alias ${a.source} != ${b.source}`;
  if ((isMap(a) && isMap(b)) || (isSeq(a) && isSeq(b))) {
    if (Boolean(na.flow) !== Boolean(nb.flow)) return `${path}: flow ${String(na.flow)} != ${String(nb.flow)}`;
    const ia = (a as { items: unknown[] }).items;
    const ib = (b as { items: unknown[] }).items;
    if (ia.length !== ib.length) return `${path}: ${ia.length} items != ${ib.length}`;
    for (let i = 0; i < ia.length; i++) {
      const d = nodeDifference(ia[i], ib[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  return `${path}: unexpected node ${ca}`;
}

function sameArray(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'symbol' && typeof b === 'symbol') return a.description === b.description;
  return Object.is(a, b);
}

function show(v: unknown): string {
  return typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' ? v.toString() : JSON.stringify(v);
}
