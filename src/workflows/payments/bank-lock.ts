import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"

export const BANK_LOCK = "medusa-subscription-billing:bank"

/**
 * Whether an error is a MedusaError of this type. Errors thrown inside a workflow come out of `run()` as
 * plain errors carrying `type`, not as MedusaError instances.
 */
export function isMedusaErrorOfType(error: unknown, type: string): boolean {
  return typeof error === "object" && error !== null && (error as { type?: unknown }).type === type
}

/**
 * Runs `work` while holding the bank lock (Medusa's Locking module: Redis across processes, in-memory in one
 * process). Imports, matching runs and admin bookings take it, so two of them never decide about the same
 * transaction or pay the same invoice at the same time, on however many processes. Waits `waitSeconds` for
 * the lock, then refuses with a 400 naming the reason.
 */
export async function runBankExclusively<T>(container: MedusaContainer, work: () => Promise<T>, waitSeconds = 60): Promise<T> {
  const locking = container.resolve(Modules.LOCKING)
  let started = false
  try {
    // Short expiry: the Redis provider renews the lock while the work lives; a killed process's lock lapses.
    return await locking.execute(
      BANK_LOCK,
      () => {
        started = true
        return work()
      },
      { timeout: waitSeconds, expire: 60 }
    )
  } catch (error) {
    // Only a failure to get the lock means "busy"; an error of the work itself is passed on as it is.
    if (!started && error instanceof Error && /timed-?out|timeout/i.test(error.message)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Bank statements are being imported or matched right now; try again when that has finished")
    }
    throw error
  }
}
