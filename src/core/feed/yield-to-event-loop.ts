/** Lets timers and I/O run between slices of a long synchronous job, so one feed never stalls the process. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Yields once a slice has run for `sliceMs`: a fixed count of items per slice cannot bound the time, because one
 * item's cost varies with the document (a story with many candidates, a hostile feed). Call it between items.
 */
export function createTimeSlicer(sliceMs = 10): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await yieldToEventLoop();
    sliceStart = performance.now();
  };
}
