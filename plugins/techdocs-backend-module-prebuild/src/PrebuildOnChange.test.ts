import { mockServices } from '@backstage/backend-test-utils';
import { ENTITY_CHANGED_TOPIC } from '@runway/events-node';
import { PrebuildOnChange } from './PrebuildOnChange';
import type { PrebuildResult } from './prebuildTechDocs';

async function eventually(condition: () => boolean) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise(r => setTimeout(r, 10));
  }
}

function setup(prebuild: (refs: string[]) => Promise<PrebuildResult>) {
  const events = mockServices.events();
  const logger = mockServices.logger.mock();
  const calls: string[][] = [];
  const listener = new PrebuildOnChange({
    events,
    logger,
    delayMs: 10,
    prebuild: async refs => {
      calls.push(refs);
      return prebuild(refs);
    },
  });
  const announce = (name: string, hash = 'h1') =>
    events.publish({
      topic: ENTITY_CHANGED_TOPIC,
      eventPayload: {
        entityRef: `component:default/${name}`,
        kind: 'Component',
        hash,
      },
    });
  return { events, logger, calls, listener, announce };
}

describe('PrebuildOnChange', () => {
  it('logs a failed batch and keeps listening', async () => {
    let fail = true;
    const t = setup(async () => {
      if (fail) {
        fail = false;
        throw new Error('catalog unavailable');
      }
      return { built: 1, failed: [], missing: [] };
    });
    await t.listener.subscribe();
    await t.announce('a');
    await eventually(() => t.logger.warn.mock.calls.length === 1);
    expect(t.logger.warn.mock.calls[0][0]).toContain(
      'TechDocs prebuild after 1 catalog change(s) failed',
    );
    await t.announce('a');
    await eventually(() => t.calls.length === 2);
    await t.listener.idle();
    expect(t.calls).toEqual([['component:default/a'], ['component:default/a']]);
    await t.listener.stop();
  });

  it('looks again for an entity the catalog has not stored yet', async () => {
    let stored = false;
    const t = setup(async refs => {
      if (!stored) {
        stored = true;
        return { built: 0, failed: [], missing: refs };
      }
      return { built: 1, failed: [], missing: [] };
    });
    await t.listener.subscribe();
    await t.announce('late');
    await eventually(() => t.calls.length === 2);
    await t.listener.idle();
    expect(t.calls[1]).toEqual(['component:default/late']);
    await t.listener.stop();
  });

  it('ignores malformed events and drops what is pending when stopped', async () => {
    const t = setup(async () => ({ built: 1, failed: [], missing: [] }));
    await t.listener.subscribe();
    await t.events.publish({
      topic: ENTITY_CHANGED_TOPIC,
      eventPayload: { entityRef: 42 },
    });
    await t.announce('a');
    await t.listener.stop();
    await new Promise(r => setTimeout(r, 50));
    expect(t.calls).toEqual([]);
  });
});
