import { Session } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';

/** Runs `fn` and returns how long it took, in milliseconds, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

/** The nearest-rank percentile `p` (0–100) of `values`. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

export const median = (values: number[]) => percentile(values, 50);

/** Samples the process's RSS every 20 ms until `stop()`, which returns the peak in bytes. */
export function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop() {
      clearInterval(sampler);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const nextTurn = () => new Promise(resolve => setImmediate(resolve));

/**
 * Observes garbage collection pauses: `during(fn)` returns the milliseconds the collector
 * paused the process while `fn` ran (part of `fn`'s time, not in addition to it).
 */
export function observeGc(): {
  during<T>(fn: () => Promise<T>): Promise<[number, T]>;
  stop(): void;
} {
  let pausedMs = 0;
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) pausedMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async during(fn) {
      await nextTurn();
      const before = pausedMs;
      const result = await fn();
      // GC entries arrive after the pause they measure.
      await nextTurn();
      return [pausedMs - before, result];
    },
    stop: () => observer.disconnect(),
  };
}

/** Runs `fn` under the V8 CPU profiler and returns the profile (a .cpuprofile). */
export async function cpuProfile(fn: () => Promise<unknown>): Promise<object> {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  let profile: object = {};
  try {
    await fn();
  } finally {
    const stopped = await post('Profiler.stop');
    session.disconnect();
    profile = stopped.profile;
  }
  return profile;
}
