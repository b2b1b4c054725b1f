// yamlString (k8s/rollout.ts) writes a string as YAML that reads back as the same string, plain when that is safe.
// It judges plain scalars by the YAML 1.1 schema's tags instead of parsing each one: this holds it to the parse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { yamlString } from '../../server/src/k8s/rollout';

const VALUES = [
  ...['yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'True', 'FALSE', 'null', 'Null', '~', ''],
  ...['1', '-1', '+1', '0x1F', '0777', '0b101', '1_000', '1:30', '1:30.5', '1e3', '.5', '5.', '.inf', '-.inf', '.nan', '.'],
  ...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '-', '--', '---', '---x', '...', '..', '-x', '.x', '/x', '_', '<<'],
  ...['svc-1', 'a.b', 'app/name', 'example.com/team', 'v1.2.3', 'a b', 'a:b', 'a: b', '#x', 'x#y', "it's", '"q"', 'café'],
];

describe('yamlString', () => {
  it('reads back as the same string, and is plain exactly when the string is safe as a plain scalar', () => {
    for (const value of VALUES) {
      const written = yamlString(value);
      assert.equal(parse(written, { version: '1.1' }), value, `${JSON.stringify(value)} written as ${written}`);
      const plainIsSafe = /^[A-Za-z0-9_./-]+$/.test(value) && parse(value, { version: '1.1' }) === value;
      assert.equal(written === value, plainIsSafe, `${JSON.stringify(value)} written as ${written}`);
    }
  });
});
