import type * as IbanTools from "ibantools" with { "resolution-mode": "import" }
import {
  earliestCollectionDate,
  hasText,
  MandateAmendment,
  normaliseIban,
  SepaFieldError,
  SepaPostalAddress,
  validatePain008Batch,
} from "../../domain/sepa"

// The CommonJS build of ibantools, as src/domain/sepa/bank-account.ts loads it.
const ibantools: typeof IbanTools = require("ibantools")

/** A mandate as stored (the debtor address structured) — what a collection is built from. */
export interface StoredMandate {
  mandate_reference: string
  signature_date: string
  debtor_name: string
  debtor_iban: string
  debtor_bic: string | null
  street_name: string | null
  building_number: string | null
  postal_code: string | null
  town_name: string
  country_code: string
  pending_amendment: MandateAmendment | null
  last_collection_date: string | null
  first_collection_at: Date | string | null
}

export function debtorAddress(mandate: Pick<StoredMandate, "street_name" | "building_number" | "postal_code" | "town_name" | "country_code">): SepaPostalAddress {
  return {
    street_name: mandate.street_name,
    building_number: mandate.building_number,
    postal_code: mandate.postal_code,
    town_name: mandate.town_name,
    country_code: mandate.country_code,
  }
}

/** A creditor that passes every check: the probe below is about the mandate alone. */
const PROBE_CREDITOR = {
  name: "Probe",
  iban: "DE89370400440532013000",
  creditor_id: "DE98ZZZ09999999999",
  postal_address: { town_name: "Berlin", country_code: "DE" },
}
const PROBE_TRANSACTION = /^payment_groups\[0\]\.transactions\[0\]\./

/**
 * Everything that keeps a mandate from being collected as of `today`, field-named ("debtor_iban: …",
 * "debtor_address.town_name: …"). It runs the pain.008 builder's own validation on a one-collection probe
 * file, so a mandate accepted here is one the batch can collect: reference and signature date, debtor name,
 * IBAN/BIC, structured address, amendment details, the 36-month expiry.
 */
export function mandateProblems(mandate: StoredMandate, today: string): SepaFieldError[] {
  const errors = validatePain008Batch({
    message_id: "PROBE",
    created_at: `${today}T00:00:00`,
    initiating_party_name: "Probe",
    creditor: PROBE_CREDITOR,
    payment_groups: [
      {
        sequence_type: "RCUR",
        collection_date: earliestCollectionDate(today, { pre_notification_days: 1 }),
        local_instrument: "CORE",
        transactions: [
          {
            mandate_reference: mandate.mandate_reference,
            mandate_signature_date: mandate.signature_date,
            debtor_name: mandate.debtor_name,
            debtor_iban: mandate.debtor_iban,
            debtor_bic: mandate.debtor_bic,
            amendment: mandate.pending_amendment,
            last_collection_date: mandate.last_collection_date,
            end_to_end_id: "PROBE",
            amount: "1.00",
            debtor_address: debtorAddress(mandate),
          },
        ],
      },
    ],
  })
  return errors.map((error) => ({ ...error, field: error.field.replace(PROBE_TRANSACTION, "") }))
}

/** The bank an IBAN belongs to (country + national bank code), or the IBAN when the country has none. */
export function ibanBank(iban: string): string {
  const normalised = normaliseIban(iban)
  const extracted = ibantools.extractIBAN(normalised)
  return extracted.bankIdentifier ? `${normalised.slice(0, 2)}:${extracted.bankIdentifier}` : normalised
}

export interface MandateChanges {
  mandate_reference?: string
  debtor_iban?: string
  debtor_bic?: string | null
}

/**
 * The amendment the next collection must report after these changes (SEPA: AmdmntInd with the original
 * values), merged with one not yet reported. Before the mandate's first collection the debtor's bank has
 * not seen it, so nothing is reported. A new reference reports the original one; a new IBAN at the same
 * bank reports the original IBAN; a move to another bank reports "SMNDA" (and no original IBAN). Changing
 * back to the reported original drops that part. Null when nothing needs reporting.
 */
export function amendmentAfter(current: StoredMandate, changes: MandateChanges): MandateAmendment | null {
  if (!current.first_collection_at) {
    return null
  }
  const pending: MandateAmendment = { ...(current.pending_amendment ?? {}) }
  if (hasText(changes.mandate_reference) && changes.mandate_reference !== current.mandate_reference) {
    pending.original_mandate_reference = pending.original_mandate_reference ?? current.mandate_reference
    if (pending.original_mandate_reference === changes.mandate_reference) {
      delete pending.original_mandate_reference
    }
  }
  if (hasText(changes.debtor_iban) && normaliseIban(changes.debtor_iban) !== normaliseIban(current.debtor_iban)) {
    const next = normaliseIban(changes.debtor_iban)
    // The account the debtor's bank knows the mandate under: the one reported as original, if any.
    const known = pending.original_debtor_iban ?? current.debtor_iban
    if (pending.debtor_agent_changed || ibanBank(next) !== ibanBank(known)) {
      pending.debtor_agent_changed = true
      delete pending.original_debtor_iban
    } else {
      pending.original_debtor_iban = normaliseIban(known)
      if (pending.original_debtor_iban === next) {
        delete pending.original_debtor_iban
      }
    }
  }
  const reported = Object.entries(pending).filter(([, value]) => value !== null && value !== undefined && value !== false)
  return reported.length ? (Object.fromEntries(reported) as MandateAmendment) : null
}
