import type { Entity } from '@backstage/catalog-model';
import { entityContentHash, stableStringify } from './entityContentHash';

const entity = (overrides: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default', tags: ['java'] },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  ...overrides,
});

describe('stableStringify', () => {
  it('sorts keys at every depth and leaves out undefined like JSON does', () => {
    expect(
      stableStringify({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } }),
    ).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(stableStringify({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
    expect(stableStringify(undefined)).toBe('null');
  });
});

describe('entityContentHash', () => {
  it('is the same whatever the key order', () => {
    const reordered: Entity = {
      spec: { lifecycle: 'production', owner: 'team-a', type: 'service' },
      metadata: { tags: ['java'], namespace: 'default', name: 'checkout' },
      kind: 'Component',
      apiVersion: 'backstage.io/v1alpha1',
    };
    expect(entityContentHash(reordered)).toBe(entityContentHash(entity()));
  });

  it('ignores what the catalog sets: uid, etag and generation', () => {
    const stored = entity();
    stored.metadata = {
      ...stored.metadata,
      uid: 'f00',
      etag: 'ba4',
      generation: 3,
    } as Entity['metadata'];
    expect(entityContentHash(stored)).toBe(entityContentHash(entity()));
  });

  it('changes with the spec, the metadata and the kind', () => {
    const base = entityContentHash(entity());
    const changed = [
      entity({ spec: { ...entity().spec, owner: 'team-b' } }),
      entity({ metadata: { ...entity().metadata, tags: ['go'] } }),
      entity({ kind: 'API' }),
    ].map(entityContentHash);
    expect(new Set([base, ...changed]).size).toBe(4);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
