// Messages that scan: every rule's bad example, in every language, gives messages whose first sentence names the
// object (kind, name, and the container for container-level findings) and fits a line of the Problems panel.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../server/src/rules';
import { analyse, DEFAULT_OPTIONS } from '../server/src/engine/analyze';
import { objectsOf } from '../server/src/k8s/model';
import { parseChunk, splitDocuments } from '../server/src/yaml/documents';
import { DocView } from '../server/src/yaml/view';
import { parseVersion } from '../server/src/k8s/versions';
import type { Locale } from '../server/src/l10n/locale';
import { KubeGracefulService } from '../server/src/features/service';

/** The longest first sentence, subject included: what a Problems panel line shows before it cuts the text off. */
const MAX_FIRST_SENTENCE = 100;
const LOCALES: readonly Locale[] = ['en', 'zh-cn'];

/** The first sentence of a message: up to the first '. ' (English) or '。' (Chinese), with its full stop. */
function firstSentence(message: string): string {
  const en = message.indexOf('. ');
  const zh = message.indexOf('。');
  const ends = [en, zh].filter((i) => i >= 0);
  return ends.length === 0 ? message : message.slice(0, Math.min(...ends) + 1);
}

/** The kind and name of every object of the example that has a name, to find the one a message must name. */
function subjectsOf(text: string): string[] {
  const out: string[] = [];
  for (const chunk of splitDocuments(text)) {
    for (const obj of objectsOf(new DocView(parseChunk(chunk.text)))) out.push(obj.name ? `${obj.kind} ${obj.name}` : obj.kind);
  }
  return out;
}

describe('rule messages scan', () => {
  for (const rule of RULES) {
    const { docs } = rule.meta;
    for (const locale of LOCALES) {
      it(`${rule.meta.id} (${locale}): the first sentence names the object and is at most ${MAX_FIRST_SENTENCE} characters`, () => {
        const version = docs.exampleVersion ? parseVersion(docs.exampleVersion) : DEFAULT_OPTIONS.version;
        assert.ok(version, `bad exampleVersion ${docs.exampleVersion}`);
        const found = analyse(docs.bad, [rule], { ...DEFAULT_OPTIONS, version, locale }).filter((p) => p.code === rule.meta.id);
        assert.ok(found.length > 0, 'the bad example gives a finding');
        const subjects = subjectsOf(docs.bad);
        for (const p of found) {
          const subject = subjects.find((s) => p.message.startsWith(`${s}${locale === 'zh-cn' ? '：' : ': '}`) || p.message.startsWith(`${s} › `));
          assert.ok(subject, `the message starts with the kind and name of an object of the example: ${p.message}`);
          const first = firstSentence(p.message);
          assert.ok(first.length <= MAX_FIRST_SENTENCE, `first sentence of ${first.length} characters: ${first}`);
          assert.ok(first.length < p.message.length || p.message.length <= MAX_FIRST_SENTENCE, 'the explanation follows the first sentence');
        }
      });
    }
  }

  it('names the container of a container-level finding, and none for a pod-level one', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  strategy:
    type: Recreate
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: server
          image: example/app:1.0
          ports:
            - containerPort: 8080
`;
    const messages = analyse(text, RULES).map((p) => `${p.code}|${p.message}`);
    assert.ok(
      messages.some((m) => m.startsWith('readiness-probe-missing|Deployment web › server: ')),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.startsWith('recreate-strategy|Deployment web: ')),
      messages.join('\n'),
    );
  });

  // The place that explains a finding, in the same document, becomes its related information.
  const relatedCases: readonly { rule: string; text: string; message: string }[] = [
    { rule: 'liveness-equals-readiness', text: 'readinessProbe', message: 'the readinessProbe it repeats' },
    { rule: 'duplicate-container-name', text: 'app', message: 'the first container named "app"' },
    { rule: 'prestop-exceeds-grace', text: 'terminationGracePeriodSeconds', message: 'the grace period' },
  ];
  for (const c of relatedCases) {
    it(`points ${c.rule} at "${c.text}" as related information in the same document`, () => {
      const rule = RULES.find((r) => r.meta.id === c.rule);
      assert.ok(rule);
      const bad =
        c.rule === 'prestop-exceeds-grace'
          ? rule.meta.docs.bad.replace('    spec:\n', '    spec:\n      terminationGracePeriodSeconds: 30\n')
          : rule.meta.docs.bad;
      const doc = TextDocument.create('file:///w/web.yaml', 'yaml', 1, bad);
      const d = new KubeGracefulService().doValidation(doc).find((x) => x.code === c.rule);
      assert.ok(d, 'the bad example gives the diagnostic');
      const related = d.relatedInformation ?? [];
      assert.equal(related.length, 1);
      assert.equal(related[0]?.location.uri, doc.uri);
      assert.equal(doc.getText(related[0].location.range), c.text);
      assert.equal(related[0]?.message, c.message);
    });
  }
});
