// The server with CRD workloads and custom resources (issue 15): a CRD open in one editor validates custom resources
// in another, a change to the CRD re-validates them, and customWorkloads comes from the settings, bad entries reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codesOf, startServer } from '../support/lsp-client';

const crd = (fields: string): string => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
${fields}
`;

const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  size: 3
  color: red
  template:
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: app, image: a}]
`;

describe('language server: CRDs and custom workloads', () => {
  it('validates a custom resource against a CRD open in another document, and again when the CRD changes', async () => {
    const client = await startServer();
    try {
      const crdUri = 'file:///work/crd.yaml';
      const crUri = 'file:///work/widget.yaml';
      const fields = '                size: {type: integer}\n                template: {type: object, x-kubernetes-preserve-unknown-fields: true}';
      client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: crdUri, languageId: 'yaml', version: 1, text: crd(fields) } });
      client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: crUri, languageId: 'yaml', version: 1, text: WIDGET } });
      const first = await client.waitFor(crUri, (p) => codesOf(p).includes('schema'));
      assert.match(String(first.diagnostics.find((d) => d.code === 'schema')?.message ?? ''), /Unknown field `color` in `spec`/);
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: crdUri, version: 2 },
        contentChanges: [{ text: crd(`${fields}\n                color: {type: string}`) }],
      });
      await client.waitFor(crUri, (p) => !codesOf(p).includes('schema'));
    } finally {
      await client.stop();
    }
  });

  it('takes customWorkloads from the settings and reports a bad entry once', async () => {
    const client = await startServer({
      pullConfiguration: false,
      initializationOptions: {
        kubeGraceful: {
          customWorkloads: [
            { apiVersion: 'example.com/v1', kind: 'Widget', podTemplate: 'spec.template' },
            { apiVersion: 'example.com/v1', kind: 'Gadget' },
          ],
        },
      },
    });
    try {
      const uri = 'file:///work/widget-workload.yaml';
      client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: WIDGET } });
      const p = await client.waitFor(uri, (x) => x.version === 1);
      assert.deepEqual(codesOf(p), ['termination-grace-zero']);
      assert.match(await client.waitForLog('customWorkloads[1] is ignored'), /podTemplate must be a dotted path/);
    } finally {
      await client.stop();
    }
  });
});
