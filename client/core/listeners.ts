/**
 * Listeners to one kind of change (a store's added/changed/removed, a model's "changed", a setting):
 * `add` returns the function that removes the listener again, `emit` tells them all. `Listeners<void>`
 * for changes that carry no value. Every listener set in the client is one of these.
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
