import { randomFillSync } from "crypto"
import { monotonicFactory } from "ulid"

const POOL_SIZE = 1 << 16
const pool = new Uint32Array(POOL_SIZE)
let next = POOL_SIZE

/**
 * The same cryptographic randomness the `ulid` package uses, drawn from a pooled buffer: its default PRNG
 * calls crypto.randomBytes(1) for each of the 16 random characters of every id, which was a fifth of a
 * billing run's CPU time (docs/BENCHMARKS.md).
 */
function pooledRandom(): number {
  if (next === POOL_SIZE) {
    randomFillSync(pool)
    next = 0
  }
  return pool[next++] / 0x1_0000_0000
}

const ulid = monotonicFactory(pooledRandom)

/**
 * `prefix_ULID`, the format of Medusa's `generateEntityId`, for ids the plugin's bulk writes create by the
 * hundred thousand. Monotonic within a millisecond, so rows created in one go sort in creation order.
 */
export function bulkEntityId(prefix: string): string {
  return `${prefix}_${ulid()}`
}
