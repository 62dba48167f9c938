/**
 * The error a promise is rejected with, checked to be of the named class: tests then read its code
 * and message. A promise that resolves fails the check (the error is null).
 */
import { expect } from 'vitest';

export async function rejectedWith<E extends Error>(p: Promise<unknown>, kind: abstract new (...args: never[]) => E): Promise<E> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(kind);
  return err as E;
}
