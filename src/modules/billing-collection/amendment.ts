import type { MandateAmendment } from "../../domain/sepa"

/**
 * An amendment that was never reported (its batch was cancelled) merged back into the one pending now:
 * the older original values win — they are what the debtor's bank knows — and a move to another bank
 * (SMNDA) replaces an original IBAN. Parts that equal the mandate's current values again are dropped.
 * Null when nothing is left to report.
 */
export function mergeUnreportedAmendment(
  unreported: MandateAmendment | null,
  pending: MandateAmendment | null,
  current: { mandate_reference: string; debtor_iban: string }
): MandateAmendment | null {
  const merged: MandateAmendment = { ...(pending ?? {}), ...(unreported ?? {}) }
  if (unreported?.debtor_agent_changed || pending?.debtor_agent_changed) {
    merged.debtor_agent_changed = true
    delete merged.original_debtor_iban
  }
  if (merged.original_mandate_reference === current.mandate_reference) {
    delete merged.original_mandate_reference
  }
  if (merged.original_debtor_iban === current.debtor_iban) {
    delete merged.original_debtor_iban
  }
  const kept = Object.entries(merged).filter(([, value]) => value !== null && value !== undefined && value !== false)
  return kept.length ? (Object.fromEntries(kept) as MandateAmendment) : null
}
