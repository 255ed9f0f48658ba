// A small job queue: at most `concurrency` jobs at once, first come first served, with each
// job's wall time recorded for the timing summary.
export interface Timing {
  label: string;
  ms: number;
}

export function createQueue(concurrency: number) {
  const waiting: (() => void)[] = [];
  const timings: Timing[] = [];
  let running = 0;

  async function run<T>(label: string, job: () => Promise<T>): Promise<T> {
    // A finishing job hands its slot straight to the next waiting one.
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    const started = Date.now();
    try {
      return await job();
    } finally {
      timings.push({ label, ms: Date.now() - started });
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  }

  /**
   * Queues a job whose result a test awaits later. The returned promise is marked handled, so a
   * failure surfaces in the test that awaits it instead of as an unhandled rejection.
   */
  function schedule<T>(label: string, job: () => Promise<T>): Promise<T> {
    const promise = run(label, job);
    promise.catch(() => undefined);
    return promise;
  }

  return { schedule, timings };
}
