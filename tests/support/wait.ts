/**
 * Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs` naming
 * `what`. A probe that throws (it reads something that has not arrived yet, e.g. `avatars.get(id)!`)
 * is "not yet"; if it still throws at the deadline, that error is the failure's cause.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 5000, stepMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let thrown: unknown;
    try {
      const value = probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      thrown = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`, thrown === undefined ? undefined : { cause: thrown });
    }
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Like {@link waitFor} for a probe that is itself asynchronous (an HTTP request, a query). */
export async function waitForAsync<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 5000,
  stepMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
