// Hovers follow the target version and the settings as the rules do: for every rule's examples at 1.28 and 1.36,
// the hover on a field with a finding must not state what the finding says is not so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_OPTIONS } from '../../server/src/engine/analyze';
import { KubeGracefulService } from '../../server/src/features/service';
import { parseVersion } from '../../server/src/k8s/versions';
import { RULES } from '../../server/src/rules';

const service = new KubeGracefulService();

/** For a finding of the rule, what the hover on the same field must not claim. */
const CONTRADICTIONS: Readonly<Record<string, RegExp>> = {
  // Below 1.29 the container is no native sidecar: the hover must not call it one.
  'sidecar-unsupported-version': /is a \*\*native sidecar\*\*|native sidecar: starts, then keeps running/,
  // A plain init container's probe or hook never runs: no detection window or shutdown timeline for it.
  'init-container-probe': /Earliest ready|Taken out of endpoints|after the app stops answering|Start-up budget|container is restarted/,
  'init-container-lifecycle': /SIGKILL|SIGTERM/,
};

const SAMPLE_SIDECAR = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: proxy
      image: example/proxy:1
      restartPolicy: Always
  containers:
    - {name: app, image: example/app:1}
`;

function hoverText(doc: TextDocument, line: number, character: number, version: string): string {
  const v = parseVersion(version);
  assert.ok(v);
  const h = service.doHover(doc, { line, character }, { ...DEFAULT_OPTIONS, version: v });
  const c = h?.contents;
  return c && typeof c === 'object' && 'value' in c ? c.value : '';
}

describe('hovers agree with the diagnostics at the target version', () => {
  for (const version of ['1.28', '1.36']) {
    it(`every rule's examples at ${version}`, () => {
      let checked = 0;
      for (const rule of RULES) {
        for (const text of [rule.meta.docs.bad, rule.meta.docs.good]) {
          const doc = TextDocument.create(`file:///${rule.meta.id}.yaml`, 'yaml', 1, text);
          const v = parseVersion(version);
          assert.ok(v);
          for (const d of service.doValidation(doc, { ...DEFAULT_OPTIONS, version: v })) {
            const hover = hoverText(doc, d.range.start.line, d.range.start.character, version);
            checked++;
            const forbidden = CONTRADICTIONS[String(d.code)];
            if (forbidden)
              assert.doesNotMatch(
                hover,
                forbidden,
                `${rule.meta.id} example at ${version}: ${d.code} on line ${d.range.start.line + 1} but the hover says:\n${hover}`,
              );
          }
        }
      }
      assert.ok(checked > 50, `hovers checked: ${checked}`);
    });
  }

  it('restartPolicy: Always at 1.28 is reported and the hover says the container runs as a plain init container', () => {
    const doc = TextDocument.create('file:///sidecar.yaml', 'yaml', 1, SAMPLE_SIDECAR);
    const old = parseVersion('1.28');
    assert.ok(old);
    const codes = service.doValidation(doc, { ...DEFAULT_OPTIONS, version: old }).map((d) => d.code);
    assert.ok(codes.includes('sidecar-unsupported-version'), codes.join());
    assert.match(hoverText(doc, 7, 8, '1.28'), /plain init container/);
    assert.doesNotMatch(hoverText(doc, 7, 8, '1.28'), /is a \*\*native sidecar\*\*/);
    assert.match(hoverText(doc, 7, 8, '1.36'), /is a \*\*native sidecar\*\*/);
  });
});
