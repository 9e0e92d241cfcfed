import { MathBN } from "@medusajs/framework/utils"
import { XMLBuilder } from "fast-xml-parser"
import { compareDates, isIsoDate } from "../calendar-date"
import { isDecimalString, sumAmounts } from "../money"
import { bicProblem, ibanProblem, isCountryCode, normaliseBic, normaliseIban } from "./bank-account"
import { target2ClosingReason } from "./collection-date"
import { normaliseCreditorId, validateCreditorId } from "./creditor-id"
import { SepaFieldError, SepaValidationError, withFieldPrefix } from "./field-error"
import { AmendmentDetails, amendmentDetails, SEQUENCE_TYPES, SepaMandate, SequenceType, validateMandate } from "./mandate"
import { hasText, SEPA_MAX_LENGTH, SepaTextField, sepaIdentifierProblem, toSepaField, toSepaText } from "./sepa-text"

/**
 * pain.008.001.08 (ISO 20022 CustomerDirectDebitInitiationV08), the SEPA direct debit file a creditor
 * sends to its bank. Element order follows the XSD; every input is validated before anything is built.
 */
export const PAIN_008_001_08_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"

export type LocalInstrument = "CORE" | "B2B"

export const LOCAL_INSTRUMENTS: readonly LocalInstrument[] = ["CORE", "B2B"]

/** Largest amount of one SEPA direct debit. */
export const MAX_COLLECTION_AMOUNT = "999999999.99"

/**
 * A structured postal address (PostalAddress24). Town and country are required: from 15 November 2026
 * banks reject addresses given only as unstructured lines.
 */
export interface SepaPostalAddress {
  street_name?: string | null
  building_number?: string | null
  postal_code?: string | null
  town_name: string
  /** ISO 3166 alpha-2, e.g. "DE". */
  country_code: string
}

export interface Pain008Creditor {
  name: string
  iban: string
  /** Optional: without it the creditor agent is sent as NOTPROVIDED. */
  bic?: string | null
  /** Gläubiger-ID, e.g. DE98ZZZ09999999999. */
  creditor_id: string
  postal_address: SepaPostalAddress
}

/** One collection: the mandate it runs under (debtor, account, reference) plus amount and remittance. */
export interface Pain008Transaction extends SepaMandate {
  /** Comes back unchanged in bank statements and returns: the key for matching. */
  end_to_end_id: string
  /** Decimal string with exactly two decimals, 0.01 – 999999999.99, EUR. */
  amount: string
  debtor_address: SepaPostalAddress
  /** Invoice numbers this collection pays; they lead the remittance text so they survive truncation. */
  invoice_numbers?: readonly string[] | null
  /** Free text after the invoice numbers, cut to what is left of the 140 characters. */
  remittance_information?: string | null
}

export interface Pain008PaymentGroup {
  /** PmtInfId; by default the message id with "-1", "-2" … appended (cut to 35 characters). */
  payment_information_id?: string | null
  sequence_type: SequenceType
  collection_date: string
  local_instrument: LocalInstrument
  transactions: readonly Pain008Transaction[]
}

export interface Pain008Batch {
  message_id: string
  /** CreDtTm, ISO 8601 date-time ("2026-03-02T09:30:00", optionally with a zone); its date is "today". */
  created_at: string
  initiating_party_name: string
  creditor: Pain008Creditor
  payment_groups: readonly Pain008PaymentGroup[]
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/
const TWO_DECIMALS = /^\d+\.\d{2}$/
const LEADING_ZERO = /^0\d/
const SEQUENCE_ORDER: Readonly<Record<SequenceType, number>> = { FRST: 0, RCUR: 1, FNAL: 2, OOFF: 3 }

function amountProblem(amount: string): string | null {
  if (typeof amount !== "string" || !isDecimalString(amount)) {
    return `"${String(amount)}" is not a decimal string such as "12.34"`
  }
  if (MathBN.lte(amount, 0)) {
    return `${amount} must be greater than 0`
  }
  if (MathBN.gt(amount, MAX_COLLECTION_AMOUNT)) {
    return `${amount} exceeds the SEPA maximum of ${MAX_COLLECTION_AMOUNT}`
  }
  if (!TWO_DECIMALS.test(amount)) {
    return `${amount} must have exactly two decimals`
  }
  if (LEADING_ZERO.test(amount)) {
    return `${amount} must not have leading zeros`
  }
  return null
}

/** The address parts in the SEPA character set; fields with a problem are reported, never cut. */
function convertAddress(address: SepaPostalAddress | null | undefined): {
  errors: SepaFieldError[]
  parts: { StrtNm?: string; BldgNb?: string; PstCd?: string; TwnNm: string; Ctry: string }
} {
  const errors: SepaFieldError[] = []
  if (!address) {
    return { errors: [{ field: "", reason: "is required (at least town_name and country_code)" }], parts: { TwnNm: "", Ctry: "" } }
  }
  const part = (value: string | null | undefined, key: string, field: SepaTextField, required: boolean): string | undefined => {
    if (!hasText(value)) {
      if (required) {
        errors.push({ field: key, reason: "is required: banks reject addresses without town and country" })
      }
      return undefined
    }
    const converted = toSepaText(value)
    if (converted === "") {
      errors.push({ field: key, reason: "has no characters left in the SEPA character set" })
    } else if (converted.length > SEPA_MAX_LENGTH[field]) {
      errors.push({ field: key, reason: `is ${converted.length} characters long, at most ${SEPA_MAX_LENGTH[field]} are allowed` })
    }
    return converted
  }
  const country = hasText(address.country_code) ? address.country_code.trim().toUpperCase() : ""
  if (country === "") {
    errors.push({ field: "country_code", reason: "is required: banks reject addresses without town and country" })
  } else if (!isCountryCode(country)) {
    errors.push({ field: "country_code", reason: `"${address.country_code}" is not an ISO 3166 country code` })
  }
  const parts = {
    StrtNm: part(address.street_name, "street_name", "StrtNm", false),
    BldgNb: part(address.building_number, "building_number", "BldgNb", false),
    PstCd: part(address.postal_code, "postal_code", "PstCd", false),
    TwnNm: part(address.town_name, "town_name", "TwnNm", true) ?? "",
    Ctry: country,
  }
  return { errors, parts }
}

function addressErrors(prefix: string, address: SepaPostalAddress | null | undefined): SepaFieldError[] {
  return convertAddress(address).errors.map((error) => ({
    ...error,
    field: error.field === "" ? prefix : `${prefix}.${error.field}`,
  }))
}

/**
 * The Ustrd line: invoice numbers first (a debtor's statement may show only the start), then the free
 * text cut to what is left of 140 characters. Null when there is neither.
 */
function remittanceText(transaction: Pain008Transaction): { text: string | null; errors: SepaFieldError[] } {
  const errors: SepaFieldError[] = []
  const numbers = (transaction.invoice_numbers ?? []).map((number, index) => {
    const converted = toSepaText(number)
    if (converted === "") {
      errors.push({ field: `invoice_numbers[${index}]`, reason: "has no characters left in the SEPA character set" })
    }
    return converted
  })
  const invoices = numbers.join(", ")
  const max = SEPA_MAX_LENGTH.Ustrd
  if (invoices.length > max) {
    errors.push({
      field: "invoice_numbers",
      reason: `need ${invoices.length} characters, more than the ${max} of the remittance information: split the collection`,
    })
  }
  const free = hasText(transaction.remittance_information) ? toSepaText(transaction.remittance_information) : ""
  if (invoices === "") {
    return { text: free === "" ? null : free.slice(0, max).trimEnd(), errors }
  }
  const room = max - invoices.length - 1
  const tail = room > 0 ? free.slice(0, room).trimEnd() : ""
  return { text: tail === "" ? invoices : `${invoices} ${tail}`, errors }
}

function paymentInformationId(batch: Pain008Batch, group: Pain008PaymentGroup, index: number): string {
  if (hasText(group.payment_information_id)) {
    return group.payment_information_id
  }
  const suffix = `-${index + 1}`
  return `${batch.message_id.slice(0, SEPA_MAX_LENGTH.PmtInfId - suffix.length)}${suffix}`
}

function creationDate(createdAt: string): string | null {
  const match = typeof createdAt === "string" ? DATE_TIME.exec(createdAt) : null
  return match && isIsoDate(match[1]) ? match[1] : null
}

/** Every problem that keeps `batch` from becoming a pain.008 file; empty when it can be built. */
export function validatePain008Batch(batch: Pain008Batch): SepaFieldError[] {
  const errors: SepaFieldError[] = []
  const text = (field: string, value: string) => {
    if (!hasText(value)) {
      errors.push({ field, reason: "is empty" })
    } else if (toSepaText(value) === "") {
      errors.push({ field, reason: "has no characters left in the SEPA character set" })
    }
  }

  const messageIdProblem = sepaIdentifierProblem(batch.message_id, SEPA_MAX_LENGTH.MsgId)
  if (messageIdProblem) {
    errors.push({ field: "message_id", reason: messageIdProblem })
  }
  const today = creationDate(batch.created_at)
  if (today === null) {
    errors.push({ field: "created_at", reason: `"${batch.created_at}" is not an ISO date-time such as 2026-03-02T09:30:00` })
  }
  text("initiating_party_name", batch.initiating_party_name)

  const creditor = batch.creditor
  text("creditor.name", creditor.name)
  const creditorIban = ibanProblem(creditor.iban)
  if (creditorIban) {
    errors.push({ field: "creditor.iban", reason: creditorIban })
  }
  if (hasText(creditor.bic)) {
    const problem = bicProblem(creditor.bic)
    if (problem) {
      errors.push({ field: "creditor.bic", reason: problem })
    }
  }
  const creditorId = validateCreditorId(creditor.creditor_id)
  if (!creditorId.valid) {
    errors.push({ field: "creditor.creditor_id", reason: creditorId.reason })
  }
  errors.push(...addressErrors("creditor.postal_address", creditor.postal_address))

  if (batch.payment_groups.length === 0) {
    errors.push({ field: "payment_groups", reason: "is empty: a file needs at least one collection" })
  }
  const instrument = batch.payment_groups[0]?.local_instrument
  const paymentInformationIds = new Map<string, string>()
  const endToEndIds = new Map<string, string>()
  const singleUse = new Map<string, string>()

  batch.payment_groups.forEach((group, groupIndex) => {
    const g = `payment_groups[${groupIndex}]`
    // A derived id inherits the message id's problem, which is reported once, for message_id.
    if (hasText(group.payment_information_id) || messageIdProblem === null) {
      const pmtInfId = paymentInformationId(batch, group, groupIndex)
      const pmtInfProblem = sepaIdentifierProblem(pmtInfId, SEPA_MAX_LENGTH.PmtInfId)
      const usedBy = paymentInformationIds.get(pmtInfId)
      if (pmtInfProblem) {
        errors.push({ field: `${g}.payment_information_id`, reason: pmtInfProblem })
      } else if (usedBy) {
        errors.push({ field: `${g}.payment_information_id`, reason: `${pmtInfId} is already used by ${usedBy}` })
      } else {
        paymentInformationIds.set(pmtInfId, g)
      }
    }
    if (!SEQUENCE_TYPES.includes(group.sequence_type)) {
      errors.push({ field: `${g}.sequence_type`, reason: `"${group.sequence_type}" is none of ${SEQUENCE_TYPES.join(", ")}` })
    }
    if (!LOCAL_INSTRUMENTS.includes(group.local_instrument)) {
      errors.push({ field: `${g}.local_instrument`, reason: `"${group.local_instrument}" is none of ${LOCAL_INSTRUMENTS.join(", ")}` })
    } else if (group.local_instrument !== instrument) {
      errors.push({
        field: `${g}.local_instrument`,
        reason: `${group.local_instrument} cannot share a file with ${instrument}: banks take CORE and B2B as separate orders`,
      })
    }
    if (!isIsoDate(group.collection_date)) {
      errors.push({ field: `${g}.collection_date`, reason: `"${group.collection_date}" is not a date (YYYY-MM-DD)` })
    } else {
      const closed = target2ClosingReason(group.collection_date)
      if (closed) {
        errors.push({ field: `${g}.collection_date`, reason: `${group.collection_date} is not a TARGET2 business day (${closed})` })
      }
      if (today !== null && compareDates(group.collection_date, today) <= 0) {
        errors.push({ field: `${g}.collection_date`, reason: `${group.collection_date} is not after the creation date ${today}` })
      }
    }
    if (group.transactions.length === 0) {
      errors.push({ field: `${g}.transactions`, reason: "is empty" })
    }

    group.transactions.forEach((transaction, transactionIndex) => {
      const t = `${g}.transactions[${transactionIndex}]`
      if (today !== null) {
        errors.push(...withFieldPrefix(t, validateMandate(transaction, today)))
      }
      const e2eProblem = sepaIdentifierProblem(transaction.end_to_end_id, SEPA_MAX_LENGTH.EndToEndId)
      if (e2eProblem) {
        errors.push({ field: `${t}.end_to_end_id`, reason: e2eProblem })
      } else if (endToEndIds.has(transaction.end_to_end_id)) {
        errors.push({
          field: `${t}.end_to_end_id`,
          reason: `${transaction.end_to_end_id} is already used by ${endToEndIds.get(transaction.end_to_end_id)}`,
        })
      } else {
        endToEndIds.set(transaction.end_to_end_id, t)
      }
      const amount = amountProblem(transaction.amount)
      if (amount) {
        errors.push({ field: `${t}.amount`, reason: amount })
      }
      errors.push(...addressErrors(`${t}.debtor_address`, transaction.debtor_address))
      errors.push(...withFieldPrefix(t, remittanceText(transaction).errors))

      const details = amendmentDetails(transaction.amendment)
      if (details?.original_creditor_id && creditorId.valid && details.original_creditor_id === creditorId.creditor_id) {
        errors.push({ field: `${t}.amendment.original_creditor_id`, reason: "equals creditor.creditor_id" })
      }
      // A mandate is used for its first (FRST) or only (OOFF) collection once.
      if ((group.sequence_type === "FRST" || group.sequence_type === "OOFF") && hasText(transaction.mandate_reference)) {
        const key = `${group.sequence_type} ${transaction.mandate_reference}`
        const earlier = singleUse.get(key)
        if (earlier) {
          errors.push({
            field: `${t}.mandate_reference`,
            reason: `${transaction.mandate_reference} already has a ${group.sequence_type} collection in this file (${earlier})`,
          })
        } else {
          singleUse.set(key, t)
        }
      }
    })
  })
  return errors
}

function agent(bic: string | null | undefined) {
  return { FinInstnId: hasText(bic) ? { BICFI: normaliseBic(bic) } : { Othr: { Id: "NOTPROVIDED" } } }
}

function postalAddress(address: SepaPostalAddress) {
  return convertAddress(address).parts
}

function amendmentXml(details: AmendmentDetails) {
  const originalCreditor =
    details.original_creditor_id !== null || details.original_creditor_name !== null
      ? {
          Nm: details.original_creditor_name !== null ? toSepaField(details.original_creditor_name, "Nm") : undefined,
          Id:
            details.original_creditor_id !== null
              ? { PrvtId: { Othr: { Id: details.original_creditor_id, SchmeNm: { Prtry: "SEPA" } } } }
              : undefined,
        }
      : undefined
  return {
    OrgnlMndtId: details.original_mandate_reference ?? undefined,
    OrgnlCdtrSchmeId: originalCreditor,
    OrgnlDbtrAcct: details.original_debtor_iban !== null ? { Id: { IBAN: details.original_debtor_iban } } : undefined,
    OrgnlDbtrAgt: details.debtor_agent_changed ? { FinInstnId: { Othr: { Id: "SMNDA" } } } : undefined,
  }
}

function transactionXml(transaction: Pain008Transaction) {
  const amendment = amendmentDetails(transaction.amendment)
  const remittance = remittanceText(transaction).text
  return {
    PmtId: { EndToEndId: transaction.end_to_end_id },
    InstdAmt: { "@_Ccy": "EUR", "#text": transaction.amount },
    DrctDbtTx: {
      MndtRltdInf: {
        MndtId: transaction.mandate_reference,
        DtOfSgntr: transaction.mandate_signature_date,
        AmdmntInd: amendment ? "true" : "false",
        AmdmntInfDtls: amendment ? amendmentXml(amendment) : undefined,
      },
    },
    DbtrAgt: agent(transaction.debtor_bic),
    Dbtr: { Nm: toSepaField(transaction.debtor_name, "Nm"), PstlAdr: postalAddress(transaction.debtor_address) },
    DbtrAcct: { Id: { IBAN: normaliseIban(transaction.debtor_iban) } },
    RmtInf: remittance !== null ? { Ustrd: remittance } : undefined,
  }
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
  // Escapes & < > ' " in text and attributes (fast-xml-parser's default, stated because it matters).
  processEntities: true,
})

/**
 * The pain.008.001.08 XML (UTF-8) for a batch. Validates first and throws a SepaValidationError listing
 * every problem ("payment_groups[0].transactions[3].debtor_iban: DE00… is not a valid IBAN …"); nothing is
 * built from invalid input. Free text (names, addresses, remittance) is converted to the SEPA character
 * set; identifiers (message, payment information, end-to-end, mandate) must already be in it.
 */
export function buildPain008(batch: Pain008Batch): string {
  const errors = validatePain008Batch(batch)
  if (errors.length > 0) {
    throw new SepaValidationError(errors)
  }
  const creditor = batch.creditor
  const allAmounts = batch.payment_groups.flatMap((group) => group.transactions.map((transaction) => transaction.amount))

  const paymentInstructions = batch.payment_groups.map((group, index) => ({
    PmtInfId: paymentInformationId(batch, group, index),
    PmtMtd: "DD",
    BtchBookg: "true",
    NbOfTxs: String(group.transactions.length),
    CtrlSum: sumAmounts(group.transactions.map((transaction) => transaction.amount)),
    PmtTpInf: {
      SvcLvl: { Cd: "SEPA" },
      LclInstrm: { Cd: group.local_instrument },
      SeqTp: group.sequence_type,
    },
    ReqdColltnDt: group.collection_date,
    Cdtr: { Nm: toSepaField(creditor.name, "Nm"), PstlAdr: postalAddress(creditor.postal_address) },
    CdtrAcct: { Id: { IBAN: normaliseIban(creditor.iban) } },
    CdtrAgt: agent(creditor.bic),
    ChrgBr: "SLEV",
    CdtrSchmeId: { Id: { PrvtId: { Othr: { Id: normaliseCreditorId(creditor.creditor_id), SchmeNm: { Prtry: "SEPA" } } } } },
    DrctDbtTxInf: group.transactions.map(transactionXml),
  }))

  return builder.build({
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    Document: {
      "@_xmlns": PAIN_008_001_08_NAMESPACE,
      CstmrDrctDbtInitn: {
        GrpHdr: {
          MsgId: batch.message_id,
          CreDtTm: batch.created_at,
          NbOfTxs: String(allAmounts.length),
          CtrlSum: sumAmounts(allAmounts),
          InitgPty: { Nm: toSepaField(batch.initiating_party_name, "Nm") },
        },
        PmtInf: paymentInstructions,
      },
    },
  })
}

export interface CollectionItem {
  sequence_type: SequenceType
  collection_date: string
  transaction: Pain008Transaction
}

export interface GroupCollectionsOptions {
  /** Default CORE. */
  local_instrument?: LocalInstrument
}

/**
 * Collections grouped into payment information blocks by (sequence type, collection date): ordered by
 * date, then FRST, RCUR, FNAL, OOFF; transactions keep their input order within a block.
 */
export function groupCollections(
  items: readonly CollectionItem[],
  options: GroupCollectionsOptions = {}
): Pain008PaymentGroup[] {
  const localInstrument = options.local_instrument ?? "CORE"
  const groups = new Map<string, { sequence_type: SequenceType; collection_date: string; transactions: Pain008Transaction[] }>()
  for (const item of items) {
    if (!SEQUENCE_TYPES.includes(item.sequence_type)) {
      throw new Error(`Unknown sequence type "${item.sequence_type as string}"`)
    }
    if (!isIsoDate(item.collection_date)) {
      throw new Error(`Invalid collection date "${item.collection_date}", expected YYYY-MM-DD`)
    }
    const key = `${item.collection_date} ${item.sequence_type}`
    const group = groups.get(key)
    if (group) {
      group.transactions.push(item.transaction)
    } else {
      groups.set(key, { sequence_type: item.sequence_type, collection_date: item.collection_date, transactions: [item.transaction] })
    }
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        compareDates(a.collection_date, b.collection_date) || SEQUENCE_ORDER[a.sequence_type] - SEQUENCE_ORDER[b.sequence_type]
    )
    .map((group) => ({ ...group, local_instrument: localInstrument }))
}
