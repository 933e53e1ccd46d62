/**
 * Runs the functions given to it one after the other, in the order given, however many are
 * waiting: the scheduled full pass and the batches after catalog changes share one, so that
 * this process never runs two mkdocs builds at once (nor two of the same entity).
 *
 * @internal
 */
export function createSerialRunner(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return fn => {
    const result = tail.then(fn);
    // The next one waits for this one to settle, whether it succeeded or failed.
    tail = result.catch(() => undefined);
    return result;
  };
}
