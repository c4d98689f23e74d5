/** How long one slice of scanning may run before it yields to the page (well under the 50 ms long task). */
export const SLICE_MS = 8;

export interface SliceClock {
  now(): number;
}

/**
 * Runs `steps` (an iterator of small units of work) in slices of at most `sliceMs`, each slice started by
 * `schedule`. Returns a function that adds more work; everything stops when `signal` aborts.
 */
export function createSlicedRunner(options: {
  schedule: (run: () => void) => void;
  signal: AbortSignal;
  sliceMs?: number;
  clock?: SliceClock;
  /** After each slice (to flush the lookups it collected). */
  afterSlice?: () => void;
  onError?: (error: unknown) => void;
}): (work: Iterator<unknown>) => void {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const clock = options.clock ?? performance;
  const queue: Iterator<unknown>[] = [];
  let scheduled = false;

  const run = () => {
    scheduled = false;
    if (options.signal.aborted) return;
    const started = clock.now();
    try {
      // At least one step per slice, so that a zero budget still makes progress.
      do {
        const work = queue[0];
        if (work && work.next().done) queue.shift();
      } while (queue.length > 0 && clock.now() - started < sliceMs);
    } catch (error) {
      queue.shift();
      options.onError?.(error);
    }
    options.afterSlice?.();
    if (queue.length > 0) kick();
  };

  const kick = () => {
    if (scheduled || options.signal.aborted) return;
    scheduled = true;
    options.schedule(run);
  };

  return (work) => {
    queue.push(work);
    kick();
  };
}
