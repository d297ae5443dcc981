// Long work written as a generator that yields between steps: the server runs one step per turn of
// its event loop (so requests go in between), the CLI and the tests run it through in one go.
export type Steps<T> = Generator<void, T, void>;

/** Runs the remaining steps at once and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
