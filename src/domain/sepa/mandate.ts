import { addInterval, compareDates, isIsoDate } from "../calendar-date"
import { bicProblem, ibanProblem, normaliseIban } from "./bank-account"
import { normaliseCreditorId, validateCreditorId } from "./creditor-id"
import { SepaFieldError } from "./field-error"
import { hasText, SEPA_MAX_LENGTH, sepaIdentifierProblem, toSepaText } from "./sepa-text"

export type SequenceType = "FRST" | "RCUR" | "FNAL" | "OOFF"

export const SEQUENCE_TYPES: readonly SequenceType[] = ["FRST", "RCUR", "FNAL", "OOFF"]

export type MandateKind = "recurrent" | "one_off"

/**
 * What changed since the debtor signed (SEPA "amendment"): the next collection carries
 * AmdmntInd = true and the original values, so the debtor's bank can still match the mandate.
 */
export interface MandateAmendment {
  /** The mandate reference the debtor's bank knows, when the creditor changed it. */
  original_mandate_reference?: string | null
  /** The creditor identifier the mandate was given to, when it changed (e.g. after a merger). */
  original_creditor_id?: string | null
  original_creditor_name?: string | null
  /** The debtor's previous IBAN, for an account change within the same bank. */
  original_debtor_iban?: string | null
  /**
   * The debtor moved to another bank: sent as OrgnlDbtrAgt "SMNDA" (same mandate, new debtor agent).
   * The previous IBAN is then not given — OrgnlDbtrAcct is for changes within the same bank only.
   */
  debtor_agent_changed?: boolean | null
}

export interface SepaMandate {
  /** Mandatsreferenz: 1–35 characters of the SEPA set, unique per creditor identifier. */
  mandate_reference: string
  mandate_signature_date: string
  debtor_name: string
  debtor_iban: string
  /** Optional: within SEPA the IBAN alone identifies the account ("IBAN only"). */
  debtor_bic?: string | null
  amendment?: MandateAmendment | null
  /** Due date of the latest collection under this mandate, if any (for the 36-month expiry). */
  last_collection_date?: string | null
}

/** A mandate that has not been used for 36 months lapses (SEPA rulebook). */
export const MANDATE_EXPIRY_MONTHS = 36

const DEBTOR_NAME_MAX_LENGTH = SEPA_MAX_LENGTH.Nm

/** Amendment details as pain.008 needs them, normalised; null when nothing was amended. */
export interface AmendmentDetails {
  original_mandate_reference: string | null
  original_creditor_id: string | null
  original_creditor_name: string | null
  original_debtor_iban: string | null
  debtor_agent_changed: boolean
}

export function amendmentDetails(amendment: MandateAmendment | null | undefined): AmendmentDetails | null {
  if (!amendment) {
    return null
  }
  const details: AmendmentDetails = {
    original_mandate_reference: hasText(amendment.original_mandate_reference) ? amendment.original_mandate_reference : null,
    original_creditor_id: hasText(amendment.original_creditor_id) ? normaliseCreditorId(amendment.original_creditor_id) : null,
    original_creditor_name: hasText(amendment.original_creditor_name) ? amendment.original_creditor_name : null,
    original_debtor_iban: hasText(amendment.original_debtor_iban) ? normaliseIban(amendment.original_debtor_iban) : null,
    debtor_agent_changed: amendment.debtor_agent_changed === true,
  }
  const amended =
    details.original_mandate_reference !== null ||
    details.original_creditor_id !== null ||
    details.original_creditor_name !== null ||
    details.original_debtor_iban !== null ||
    details.debtor_agent_changed
  return amended ? details : null
}

/** The last day a collection may fall on before the mandate lapses for non-use. */
export function mandateExpiryDate(signatureDate: string, lastCollectionDate?: string | null): string {
  const lastUse = hasText(lastCollectionDate) ? lastCollectionDate : signatureDate
  return addInterval(lastUse, MANDATE_EXPIRY_MONTHS, "MONTH", 1)
}

function validateAmendment(mandate: SepaMandate): SepaFieldError[] {
  const errors: SepaFieldError[] = []
  const amendment = mandate.amendment
  if (!amendment) {
    return errors
  }
  const details = amendmentDetails(amendment)
  if (details === null) {
    return [{ field: "amendment", reason: "is given but names nothing that changed" }]
  }
  if (details.original_mandate_reference !== null) {
    const problem = sepaIdentifierProblem(details.original_mandate_reference, SEPA_MAX_LENGTH.MndtId)
    if (problem) {
      errors.push({ field: "amendment.original_mandate_reference", reason: problem })
    } else if (details.original_mandate_reference === mandate.mandate_reference) {
      errors.push({ field: "amendment.original_mandate_reference", reason: "equals the current mandate_reference" })
    }
  }
  if (details.original_creditor_id !== null) {
    const check = validateCreditorId(details.original_creditor_id)
    if (!check.valid) {
      errors.push({ field: "amendment.original_creditor_id", reason: check.reason })
    }
  }
  if (details.original_creditor_name !== null && toSepaText(details.original_creditor_name) === "") {
    errors.push({ field: "amendment.original_creditor_name", reason: "has no characters left in the SEPA character set" })
  }
  if (details.original_debtor_iban !== null) {
    const problem = ibanProblem(details.original_debtor_iban)
    if (problem) {
      errors.push({ field: "amendment.original_debtor_iban", reason: problem })
    } else if (hasText(mandate.debtor_iban) && details.original_debtor_iban === normaliseIban(mandate.debtor_iban)) {
      errors.push({ field: "amendment.original_debtor_iban", reason: "equals the current debtor_iban" })
    }
    if (details.debtor_agent_changed) {
      errors.push({
        field: "amendment.original_debtor_iban",
        reason:
          "is for an account change within the same bank; with debtor_agent_changed (new bank, SMNDA) leave it out",
      })
    }
  }
  return errors
}

/**
 * Everything wrong with a mandate as of `today`, as field-named errors (empty when it can be collected):
 * reference, signature date (a date, not in the future), debtor name (1–70 characters), IBAN (valid, in
 * the SEPA area), BIC if given, amendment details, and the 36-month expiry.
 */
export function validateMandate(mandate: SepaMandate, today: string): SepaFieldError[] {
  if (!isIsoDate(today)) {
    throw new Error(`Invalid today "${today}", expected YYYY-MM-DD`)
  }
  const errors: SepaFieldError[] = []

  const referenceProblem = sepaIdentifierProblem(mandate.mandate_reference, SEPA_MAX_LENGTH.MndtId)
  if (referenceProblem) {
    errors.push({ field: "mandate_reference", reason: referenceProblem })
  }

  const signed = mandate.mandate_signature_date
  const signatureValid = isIsoDate(signed)
  if (!signatureValid) {
    errors.push({ field: "mandate_signature_date", reason: `"${signed}" is not a date (YYYY-MM-DD)` })
  } else if (compareDates(signed, today) > 0) {
    errors.push({ field: "mandate_signature_date", reason: `${signed} is after today (${today})` })
  }

  const name = typeof mandate.debtor_name === "string" ? mandate.debtor_name.trim() : ""
  if (name === "") {
    errors.push({ field: "debtor_name", reason: "is empty" })
  } else if ([...name].length > DEBTOR_NAME_MAX_LENGTH) {
    errors.push({ field: "debtor_name", reason: `is ${[...name].length} characters long, at most ${DEBTOR_NAME_MAX_LENGTH} are allowed` })
  } else if (toSepaText(name) === "") {
    errors.push({ field: "debtor_name", reason: "has no characters left in the SEPA character set" })
  }

  const iban = ibanProblem(mandate.debtor_iban)
  if (iban) {
    errors.push({ field: "debtor_iban", reason: iban })
  }
  if (mandate.debtor_bic !== undefined && mandate.debtor_bic !== null && mandate.debtor_bic.trim() !== "") {
    const bic = bicProblem(mandate.debtor_bic)
    if (bic) {
      errors.push({ field: "debtor_bic", reason: bic })
    }
  }

  errors.push(...validateAmendment(mandate))

  const last = mandate.last_collection_date
  if (hasText(last) && !isIsoDate(last)) {
    errors.push({ field: "last_collection_date", reason: `"${last}" is not a date (YYYY-MM-DD)` })
  } else if (signatureValid) {
    const expiry = mandateExpiryDate(signed, last)
    if (compareDates(today, expiry) > 0) {
      errors.push({
        field: hasText(last) ? "last_collection_date" : "mandate_signature_date",
        reason: `the mandate lapsed on ${expiry}: not used for ${MANDATE_EXPIRY_MONTHS} months`,
      })
    }
  }
  return errors
}

export interface SequenceTypeInput {
  mandate_kind: MandateKind
  /** Collections already submitted under this mandate (not returned before settlement). */
  previous_collections: number
  /** This collection is the last one, e.g. the contract ends. */
  final_collection?: boolean
}

/**
 * Sequence type of the next collection under a mandate: OOFF for a one-off mandate, FRST for the first
 * collection under a recurrent one, FNAL for the last, RCUR otherwise. The rulebook has allowed RCUR for
 * a first collection since November 2016; FRST is kept because every bank still accepts it and it tells
 * the debtor's bank that this is the mandate's first use. A single collection under a recurrent mandate
 * that is also the last stays FRST: the mandate was signed as recurrent, so OOFF would not match it.
 */
export function sequenceTypeFor(input: SequenceTypeInput): SequenceType {
  const { mandate_kind, previous_collections, final_collection = false } = input
  if (!Number.isSafeInteger(previous_collections) || previous_collections < 0) {
    throw new Error(`previous_collections must be a whole number ≥ 0, got ${previous_collections}`)
  }
  if (mandate_kind === "one_off") {
    if (previous_collections > 0) {
      throw new Error("A one-off mandate allows a single collection and has already been used")
    }
    return "OOFF"
  }
  if (mandate_kind !== "recurrent") {
    throw new Error(`Unknown mandate kind "${mandate_kind as string}"`)
  }
  if (previous_collections === 0) {
    return "FRST"
  }
  return final_collection ? "FNAL" : "RCUR"
}
