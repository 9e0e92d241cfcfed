/**
 * Marks a promise that is awaited later (a prefetched page, a write still running) as handled, so that a
 * failure while the caller is busy elsewhere is not an unhandled rejection; awaiting it still throws.
 */
export function settleLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
}
