import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChunkCache, maskTemplates, splitDocuments } from '../../server/src/yaml/documents';

describe('splitDocuments', () => {
  const cases: [string, string, string[]][] = [
    ['one document', 'a: 1\n', ['a: 1\n']],
    ['two documents', 'a: 1\n---\nb: 2\n', ['a: 1\n', '---\nb: 2\n']],
    ['leading marker and comments belong to the document below', '# top\n---\na: 1\n---\nb: 2', ['# top\n---\na: 1\n', '---\nb: 2']],
    ['empty documents between markers', '---\n---\na: 1\n', ['---\n', '---\na: 1\n']],
    ['document end marker', 'a: 1\n...\nb: 2\n', ['a: 1\n...\n', 'b: 2\n']],
    ['directives start a document', 'a: 1\n%YAML 1.1\n---\nb: 2\n', ['a: 1\n', '%YAML 1.1\n---\nb: 2\n']],
    ['CRLF', 'a: 1\r\n---\r\nb: 2\r\n', ['a: 1\r\n', '---\r\nb: 2\r\n']],
    ['--- inside a value is not a marker', 'a: |\n  ---x\nb: "---"\n', ['a: |\n  ---x\nb: "---"\n']],
    ['content on the marker line', '--- {a: 1}\n--- {b: 2}\n', ['--- {a: 1}\n', '--- {b: 2}\n']],
    ['empty text', '', ['']],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const chunks = splitDocuments(text);
      assert.deepEqual(
        chunks.map((c) => c.text),
        expected,
      );
      assert.equal(chunks.map((c) => c.text).join(''), text);
      chunks.forEach((c) => assert.equal(text.slice(c.start, c.start + c.text.length), c.text));
    });
  }
});

describe('maskTemplates', () => {
  it('blanks lines that hold only template actions and keeps offsets', () => {
    const text = 'a: 1\n{{- if .Values.x }}\nb: {{ .Values.b | quote }}\n{{- end }}\n';
    const { masked, spans } = maskTemplates(text);
    assert.equal(masked.length, text.length);
    assert.equal(masked.split('\n')[1]?.trim(), '');
    assert.match(masked.split('\n')[2] ?? '', /^b: x+$/);
    assert.equal(spans.length, 3);
  });
  it('handles an unclosed expression', () => {
    const { masked } = maskTemplates('a: {{ oops\nb: 2\n');
    assert.equal(masked.length, 'a: {{ oops\nb: 2\n'.length);
  });
});

describe('ChunkCache', () => {
  it('re-parses only the documents that changed', () => {
    const cache = new ChunkCache();
    const a = cache.parse('a: 1\n---\nb: 2\n---\nc: 3\n');
    const b = cache.parse('a: 1\n---\nb: 22\n---\nc: 3\n');
    assert.equal(a[0]?.parsed, b[0]?.parsed);
    assert.notEqual(a[1]?.parsed, b[1]?.parsed);
    assert.equal(a[2]?.parsed, b[2]?.parsed);
    assert.equal(b[2]?.start, 'a: 1\n---\nb: 22\n'.length);
  });
});
