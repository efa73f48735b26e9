/** Lets timers and I/O run between slices of a long synchronous job, so one feed never stalls the process. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
