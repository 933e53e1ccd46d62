import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { ReindexOnPublish } from './ReindexOnPublish';

describe('ReindexOnPublish', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setUp(trigger: () => Promise<void>) {
    const invalidated: string[] = [];
    const triggerCrawl = jest.fn(trigger);
    const reindex = new ReindexOnPublish({
      invalidate: ref => invalidated.push(ref),
      triggerCrawl,
      logger: mockServices.logger.mock(),
      batchDelayMs: 1000,
      retryDelayMs: 5000,
    });
    return { reindex, invalidated, triggerCrawl };
  }

  it('drops the published entity’s pages and starts one crawl for publications that arrive together', async () => {
    const { reindex, invalidated, triggerCrawl } = setUp(async () => {});
    reindex.published('component:default/a');
    reindex.published('component:default/b');
    expect(invalidated).toEqual(['component:default/a', 'component:default/b']);
    expect(triggerCrawl).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1000);
    expect(triggerCrawl).toHaveBeenCalledTimes(1);
  });

  it('starts another crawl when one was running', async () => {
    let running = true;
    const { reindex, triggerCrawl } = setUp(async () => {
      if (running)
        throw new ConflictError(
          'Task search_index_techdocs is currently running',
        );
    });
    reindex.published('component:default/a');
    await jest.advanceTimersByTimeAsync(1000);
    expect(triggerCrawl).toHaveBeenCalledTimes(1);
    running = false;
    await jest.advanceTimersByTimeAsync(5000);
    expect(triggerCrawl).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(triggerCrawl).toHaveBeenCalledTimes(2);
  });

  it('gives up on other errors, and does nothing once stopped', async () => {
    const { reindex, triggerCrawl } = setUp(async () => {
      throw new Error('no such task');
    });
    reindex.published('component:default/a');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(triggerCrawl).toHaveBeenCalledTimes(1);
    reindex.stop();
    reindex.published('component:default/b');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(triggerCrawl).toHaveBeenCalledTimes(1);
  });
});
