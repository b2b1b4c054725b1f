// Analysing a rendered stream (helm template, kubectl kustomize output) the way the workspace analyses files: each
// document as a file of its own, all of them in one object index, so that cross-object rules report on both sides
// (a budget's finding on the budget, and on the workload it blocks) just as they do for the files the stream was
// made of. Offsets come back as offsets into the whole stream.
import { AnalysisCache, AnalysisOptions, analyse, Logger, Problem, RelatedProblem } from '../engine/analyze';
import { ObjectIndex } from '../engine/object-index';
import type { Rule } from '../engine/rule';
import { inputsOf } from '../workspace/workspace';
import { splitDocuments } from '../yaml/documents';

/** Pause for the event loop this often, so that a large render never holds up keystrokes in other files. */
const SLICE_MS = 15;

export async function analyseStream(text: string, rules: readonly Rule[], options: AnalysisOptions, baseUri: string, log: Logger): Promise<Problem[]> {
  const docs = splitDocuments(text);
  const index = new ObjectIndex();
  const uris = docs.map((_, j) => `${baseUri}#${j}`);
  const starts = new Map(uris.map((u, j) => [u, docs[j]?.start ?? 0]));
  const caches = docs.map(() => new AnalysisCache());
  let sliceStart = Date.now();
  const breathe = async (): Promise<void> => {
    if (Date.now() - sliceStart < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = Date.now();
  };
  // Every document's facts first, so that each analysis below sees all of the others.
  for (const [j, d] of docs.entries()) {
    index.setFile(uris[j] ?? baseUri, inputsOf(d.text, options.customWorkloads ?? [], caches[j]?.chunks), false);
    await breathe();
  }
  const out: Problem[] = [];
  for (const [j, d] of docs.entries()) {
    const uri = uris[j] ?? baseUri;
    for (const p of analyse(d.text, rules, { ...options, uri, index, timeBudgetMs: undefined }, caches[j], log)) out.push(shift(p, d.start, uri, starts));
    await breathe();
  }
  return out;
}

function shift(p: Problem, by: number, uri: string, starts: ReadonlyMap<string, number>): Problem {
  const related = p.related?.map((r): RelatedProblem => {
    const at = r.sameDocument === true || r.uri === uri ? by : starts.get(r.uri);
    if (at === undefined) return r;
    // Another document of the stream: a place in the stream itself.
    return { uri, start: r.start + at, end: r.end + at, message: r.message, sameDocument: true };
  });
  return {
    ...p,
    start: p.start + by,
    end: p.end + by,
    fixes: p.fixes.map((f) => ({ ...f, changes: f.changes.map((c) => ({ ...c, start: c.start + by, end: c.end + by })) })),
    ...(related ? { related } : {}),
  };
}
