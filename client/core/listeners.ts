/**
 * Listeners to one kind of change in a plain-data store (avatars, twins): `add` returns the function
 * that removes the listener again, `emit` tells them all.
 */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(l: (value: T) => void): () => void {
    this.set.add(l);
    return () => void this.set.delete(l);
  }

  emit(value: T): void {
    for (const l of this.set) l(value);
  }
}
