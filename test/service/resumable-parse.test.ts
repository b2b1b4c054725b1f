// One huge document cannot hold the server for longer than the time budget: its parse is done in steps across
// analyses, and the steps add up to the same findings as one unbudgeted analysis.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, AnalysisCache, DEFAULT_OPTIONS, Problem } from '../../server/src/engine/analyze';
import { RULES } from '../../server/src/rules';
import { crOnly, duplicateKeys } from '../support/hostile';

const strip = (ps: readonly Problem[]): string[] => ps.filter((p) => p.code !== 'analysis-limit').map((p) => `${p.code}@${p.start}-${p.end}`);

describe('a single large document is parsed in steps', () => {
  for (const [name, make] of [
    ['duplicate keys', duplicateKeys],
    ['lone CR line endings', crOnly],
  ] as const) {
    it(`${name}, 1 MB: every analysis stops near its budget and the last one has every finding`, () => {
      const text = make(1024 * 1024);
      const whole = analyse(text, RULES, DEFAULT_OPTIONS, new AnalysisCache());
      const cache = new AnalysisCache();
      let steps = 0;
      let last: Problem[] = [];
      for (;;) {
        const started = process.cpuUsage();
        last = analyse(text, RULES, { ...DEFAULT_OPTIONS, timeBudgetMs: 100 }, cache);
        const used = process.cpuUsage(started);
        const took = (used.user + used.system) / 1000;
        steps++;
        const incomplete = last.some((p) => p.code === 'analysis-limit' && p.incomplete === true);
        if (!incomplete) break;
        // The lexer and parser check the clock every thousand lexemes; composing a finished document into nodes is one
        // piece (a few hundred ms for 1 MB), still far below the whole parse in one go (about 2.4 s before).
        assert.ok(took < 900, `step ${steps} took ${took.toFixed(0)} ms of CPU`);
        assert.ok(steps < 200, 'the parse makes progress');
      }
      assert.ok(steps > 1, `the parse took several steps (${steps})`);
      assert.deepEqual(strip(last), strip(whole));
    });
  }
});
