import { createHash } from 'node:crypto';
import { canonicalJson, chainHash, GENESIS_HASH } from './auditChain';

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out whitespace and undefined', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: undefined } }),
    ).toBe('{"a":{"d":[true,null,"x"]},"b":1}');
  });

  it('spells the same value the same way whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: { p: 'q', r: 's' } })).toBe(
      canonicalJson({ y: { r: 's', p: 'q' }, x: 1 }),
    );
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'a"b': 'line\nbreak \u2028' })).toBe(
      '{"a\\"b":"line\\nbreak \u2028"}',
    );
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Infinity })).toThrow('Infinity');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('function');
  });
});

describe('chainHash', () => {
  it('is sha256 of the previous hash followed by the event', () => {
    const event = '{"seq":1}';
    expect(chainHash(GENESIS_HASH, event)).toBe(
      createHash('sha256')
        .update(GENESIS_HASH + event)
        .digest('hex'),
    );
  });
});
