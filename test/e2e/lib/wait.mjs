// Waiting for a condition, never for a fixed time: `check` is polled until it returns a truthy value,
// and the wait fails with `what` after `timeoutMs`.
export async function waitFor(what, timeoutMs, check, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
