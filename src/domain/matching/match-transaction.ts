import type { BankEntry, BankTransaction } from "../bank/types"
import { assertIsoDate, toDayNumber } from "../calendar-date"
import { formatCents, toCents } from "./cents"
import { nameTokens, tokenSimilarity } from "./name-similarity"
import { normalizeIban } from "./normalize"
import { compareAge, letterPrefix, type IndexedItem, type OpenItemIndex } from "./open-item-index"
import {
  findReferences,
  oneEditNeighbours,
  QUALITY_RANK,
  type InvoiceReference,
  type ReferenceQuality,
  type TextEvidence,
} from "./references"
import { findExactSubsets } from "./subset-sum"
import {
  DEFAULT_MATCH_CONFIG,
  type KnownIbans,
  type MatchAllocation,
  type MatchConfig,
  type MatchInput,
  type MatchResult,
  type MatchSuggestion,
} from "./types"

/**
 * Confidences per kind of evidence. Only "auto_book_threshold" (0.9 by default) and above is
 * booked without a person, so everything that can be wrong without the payer having made a
 * mistake stays below it: a payer name, a customer number, an amount that fits several items.
 */
const CONFIDENCE = {
  end_to_end_id: 0.99,
  end_to_end_id_other_amount: 0.8,
  mandate_collection: 0.95,
  mandate_single_item: 0.9,
  mandate_other_amount: 0.7,
  /** Referenced invoice(s) with exactly their open amount: [uncorroborated, customer corroborated]. */
  reference_amount: { exact: [0.97, 0.98], no_prefix: [0.9, 0.95], ocr: [0.85, 0.93] },
  /** Referenced invoice(s) paid partly or overpaid. */
  reference_other_amount: { exact: [0.75, 0.92], no_prefix: [0.7, 0.9], ocr: [0.65, 0.85] },
  write_off_discount: 0.02,
  reference_plus_counters: [0.92, 0.95],
  /** An alternative reading of the same payment exists (a neighbouring number with this amount …). */
  doubtful: 0.8,
  several_customers_referenced: 0.75,
  iban_of_another_customer: 0.85,
  mistyped_reference: [0.75, 0.9],
  counter_reference: [0.7, 0.9],
  ambiguous: 0.65,
  iban: 0.9,
  shared_iban: 0.8,
  iban_and_more: 0.93,
  customer_number: 0.85,
  customer_number_and_name: 0.88,
  customer_number_several_items: 0.8,
  strong_name: 0.75,
  strong_name_several_items: 0.7,
  name: 0.65,
  several_allocations_for_customer: 0.7,
  alternative: [0.65, 0.8],
  contradicted: 0.6,
} as const

const STRONG_NAME = 0.85
const CORROBORATING_NAME = 0.8
const MIN_NAME = 0.6
const AMBIGUITY_MARGIN = 0.1
const MANDATE_DATE_TOLERANCE_DAYS = 5
const MAX_SUGGESTIONS = 5
/** A name word shared by more customers than this does not single one out. */
const MAX_RARE_NAME_BUCKET = 20
const MAX_AMOUNT_BUCKET_FOR_NAMES = 64
const MAX_NAMED_CUSTOMERS = 5
const MAX_IDENTIFIED_CUSTOMERS = 8
const SUBSET_SEARCH = { max_solutions: 3, max_nodes: 20_000 }
const NOT_PROVIDED = "NOTPROVIDED"

interface Part {
  item: IndexedItem
  cents: number
  write_off: number
}

interface Candidate {
  parts: Part[]
  credit: number
  customer_id: string | null
  confidence: number
  reasons: string[]
  /** From our own end-to-end id or mandate: other evidence does not weaken it. */
  primary: boolean
}

interface ResolvedConfig {
  threshold: number
  tolerance: number
  date_window_days: number
  max_subset_items: number
}

interface Support {
  iban: boolean
  iban_of_other_customer: boolean
  customer_number: boolean
  name: number
  corroborated: boolean
  reasons: string[]
}

interface Context {
  input: MatchInput
  index: OpenItemIndex
  config: ResolvedConfig
  amount: number
  currency: string
  booking_day: number
  iban_customers: string[]
  text_customers: Map<string, string>
  payer_tokens: string[]
  names: Map<string, number>
  evidence: TextEvidence
}

/** The matching view of a credit transaction; null for debits and reversals, which pay no invoice. */
export function toMatchInput(entry: BankEntry, transaction: BankTransaction): MatchInput | null {
  if (transaction.direction !== "credit" || entry.reversal) {
    return null
  }
  return {
    amount: transaction.amount,
    currency: entry.currency,
    booking_date: entry.booking_date,
    remittance_text: transaction.remittance_text,
    structured_reference: transaction.structured_reference,
    end_to_end_id: transaction.end_to_end_id,
    mandate_id: transaction.mandate_id,
    counterparty_name: transaction.counterparty_name,
    counterparty_iban: transaction.counterparty_iban,
  }
}

export function resolveMatchConfig(config: Partial<MatchConfig> = {}): ResolvedConfig {
  const merged = { ...DEFAULT_MATCH_CONFIG, ...config }
  if (!(merged.auto_book_threshold > 0 && merged.auto_book_threshold <= 1)) {
    throw new Error(`auto_book_threshold: must be in (0, 1], got ${merged.auto_book_threshold}`)
  }
  if (!Number.isInteger(merged.date_window_days) || merged.date_window_days < 0) {
    throw new Error(`date_window_days: must be a non-negative integer, got ${merged.date_window_days}`)
  }
  if (!Number.isInteger(merged.max_subset_items) || merged.max_subset_items < 0 || merged.max_subset_items > 30) {
    throw new Error(`max_subset_items: must be an integer from 0 to 30, got ${merged.max_subset_items}`)
  }
  return {
    threshold: merged.auto_book_threshold,
    tolerance: toCents(merged.write_off_tolerance, "write_off_tolerance"),
    date_window_days: merged.date_window_days,
    max_subset_items: merged.max_subset_items,
  }
}

function lookupIban(known: KnownIbans, iban: string | null): string[] {
  if (!iban) {
    return []
  }
  const normalized = normalizeIban(iban)
  const record = known as Readonly<Record<string, readonly string[]>>
  const customers: readonly string[] | undefined =
    known instanceof Map ? known.get(normalized) : Object.prototype.hasOwnProperty.call(record, normalized) ? record[normalized] : undefined
  return customers ? [...new Set<string>(customers)] : []
}

function nameScore(context: Context, customerId: string): number {
  let score = context.names.get(customerId)
  if (score === undefined) {
    const customer = context.index.customers.get(customerId)
    score = customer ? tokenSimilarity(context.payer_tokens, customer.name_tokens) : 0
    context.names.set(customerId, score)
  }
  return score
}

/** What, besides the reference itself, says the payment comes from this customer. */
function support(context: Context, customerId: string): Support {
  const iban = context.iban_customers.includes(customerId)
  const ibanOfOtherCustomer = context.iban_customers.length > 0 && !iban
  const customerNumber = context.text_customers.get(customerId)
  const name = nameScore(context, customerId)
  const reasons: string[] = []
  if (iban) {
    reasons.push("IBAN known for customer")
  }
  if (ibanOfOtherCustomer) {
    reasons.push("IBAN known for another customer")
  }
  if (customerNumber !== undefined) {
    reasons.push(`customer number ${customerNumber} in remittance text`)
  }
  if (name >= CORROBORATING_NAME) {
    reasons.push(`payer name similar to customer name (${name.toFixed(2)})`)
  }
  return {
    iban,
    iban_of_other_customer: ibanOfOtherCustomer,
    customer_number: customerNumber !== undefined,
    name,
    corroborated: iban || customerNumber !== undefined || (!ibanOfOtherCustomer && name >= CORROBORATING_NAME),
    reasons,
  }
}

function sameCurrency(context: Context, item: IndexedItem): boolean {
  return item.currency === context.currency
}

function sumOpen(items: readonly IndexedItem[]): number {
  return items.reduce((sum, item) => sum + item.open_cents, 0)
}

function singleCustomer(items: readonly IndexedItem[]): string | null {
  const first = items[0]?.item.customer_id ?? null
  return items.every((item) => item.item.customer_id === first) ? first : null
}

/**
 * Pays the items oldest first; what is left over is a credit. A total shortfall within the
 * write-off tolerance is written off, provided every item received something.
 */
function allocateOldestFirst(items: readonly IndexedItem[], amount: number, tolerance: number): { parts: Part[]; credit: number } {
  const parts: Part[] = []
  let remaining = amount
  for (const item of [...items].sort(compareAge)) {
    const cents = Math.min(remaining, item.open_cents)
    if (cents > 0) {
      parts.push({ item, cents, write_off: 0 })
    }
    remaining -= cents
  }
  const shortfall = sumOpen(items) - amount
  if (shortfall > 0 && shortfall <= tolerance && parts.length === items.length) {
    for (const part of parts) {
      part.write_off = part.item.open_cents - part.cents
    }
  }
  return { parts, credit: remaining }
}

function fullParts(items: readonly IndexedItem[]): Part[] {
  return [...items].sort(compareAge).map((item) => ({ item, cents: item.open_cents, write_off: 0 }))
}

function amountReason(items: readonly IndexedItem[], amount: number, parts: readonly Part[], credit: number): string {
  const open = sumOpen(items)
  const writeOff = parts.reduce((sum, part) => sum + part.write_off, 0)
  const what = items.length === 1 ? "the open amount" : `the sum of the open amounts of ${items.length} invoices`
  if (amount === open) {
    return items.length === 1 ? "amount matches open amount" : `amount matches ${what}`
  }
  if (writeOff > 0) {
    return `amount is ${formatCents(writeOff)} below ${what}, within the write-off tolerance`
  }
  if (amount < open) {
    return `partial payment: ${formatCents(amount)} of ${formatCents(open)} open`
  }
  return `overpayment: ${formatCents(credit)} more than ${what}, credited to the customer`
}

function describeReference(reference: InvoiceReference): string {
  const number = reference.item.item.invoice_number
  switch (reference.quality) {
    case "exact":
      return `invoice number ${number} in ${reference.source}`
    case "no_prefix":
      return `invoice number ${number} without its prefix ("${reference.written}") in ${reference.source}`
    case "ocr":
      return `invoice number ${number} read from "${reference.written}" (letters taken for digits) in ${reference.source}`
    case "sequence":
      return `invoice counter "${reference.written}" of ${number} in ${reference.source}`
  }
}

function weakestQuality(references: readonly InvoiceReference[]): ReferenceQuality {
  return references.reduce<ReferenceQuality>(
    (weakest, reference) => (QUALITY_RANK[reference.quality] > QUALITY_RANK[weakest] ? reference.quality : weakest),
    "exact"
  )
}

function isWithinTolerance(context: Context, open: number): boolean {
  return context.amount <= open && open - context.amount <= context.config.tolerance
}

/** Evidence 1: our own end-to-end id, or our mandate with a collection around the booking date. */
function collectionCandidates(context: Context): Candidate[] {
  const { input, index } = context
  const endToEndId = input.end_to_end_id?.trim()
  const byEndToEnd =
    endToEndId && endToEndId !== NOT_PROVIDED
      ? (index.by_end_to_end_id.get(endToEndId) ?? []).filter((item) => sameCurrency(context, item))
      : []
  if (byEndToEnd.length > 0) {
    const { parts, credit } = allocateOldestFirst(byEndToEnd, context.amount, context.config.tolerance)
    const fits = isWithinTolerance(context, sumOpen(byEndToEnd))
    return [
      {
        parts,
        credit,
        customer_id: singleCustomer(byEndToEnd),
        confidence: fits ? CONFIDENCE.end_to_end_id : CONFIDENCE.end_to_end_id_other_amount,
        reasons: [
          `end-to-end id ${endToEndId} of our direct debit collection`,
          amountReason(byEndToEnd, context.amount, parts, credit),
        ],
        primary: true,
      },
    ]
  }
  const mandateId = input.mandate_id?.trim()
  if (!mandateId) {
    return []
  }
  const collected = (index.by_mandate.get(mandateId) ?? []).filter(
    (item) =>
      sameCurrency(context, item) &&
      item.item.collection_date &&
      Math.abs(toDayNumber(item.item.collection_date) - context.booking_day) <= MANDATE_DATE_TOLERANCE_DAYS
  )
  if (collected.length === 0) {
    return []
  }
  const reason = (items: readonly IndexedItem[]) =>
    `mandate ${mandateId}, collection on ${[...new Set(items.map((item) => item.item.collection_date))].join(", ")}`
  if (isWithinTolerance(context, sumOpen(collected))) {
    const { parts, credit } = allocateOldestFirst(collected, context.amount, context.config.tolerance)
    return [
      {
        parts,
        credit,
        customer_id: singleCustomer(collected),
        confidence: CONFIDENCE.mandate_collection,
        reasons: [reason(collected), amountReason(collected, context.amount, parts, credit)],
        primary: true,
      },
    ]
  }
  const exact = collected.filter((item) => item.open_cents === context.amount)
  if (exact.length > 0) {
    return exact.map((item) => ({
      parts: fullParts([item]),
      credit: 0,
      customer_id: item.item.customer_id,
      confidence: exact.length === 1 ? CONFIDENCE.mandate_single_item : CONFIDENCE.ambiguous,
      reasons: [reason([item]), "amount matches open amount"],
      primary: true,
    }))
  }
  const { parts, credit } = allocateOldestFirst(collected, context.amount, context.config.tolerance)
  return [
    {
      parts,
      credit,
      customer_id: singleCustomer(collected),
      confidence: CONFIDENCE.mandate_other_amount,
      reasons: [reason(collected), amountReason(collected, context.amount, parts, credit)],
      primary: true,
    },
  ]
}

/** A customer's allocations of `target` exactly: single items, and subsets of the oldest items. */
function customerOptions(
  context: Context,
  customerId: string,
  target: number,
  options: { date_window: boolean; subsets: boolean; exclude?: ReadonlySet<string> }
): { options: IndexedItem[][]; complete: boolean } {
  const excluded = (item: IndexedItem) => options.exclude?.has(item.item.invoice_id) ?? false
  const inWindow = (item: IndexedItem) =>
    item.issue_day <= context.booking_day && context.booking_day - item.due_day <= context.config.date_window_days
  const singles = (context.index.customers.get(customerId)?.by_amount.get(target) ?? []).filter(
    (item) => sameCurrency(context, item) && !excluded(item) && (!options.date_window || inWindow(item))
  )
  const found = singles.map((item) => [item])
  const customer = context.index.customers.get(customerId)
  if (!options.subsets || !customer || context.config.max_subset_items < 2) {
    return { options: found, complete: true }
  }
  const oldest = customer.items
    .filter((item) => sameCurrency(context, item) && !excluded(item))
    .slice(0, context.config.max_subset_items)
  const search = findExactSubsets(oldest.map((item) => item.open_cents), target, SUBSET_SEARCH)
  for (const solution of search.solutions) {
    if (solution.length >= 2) {
      found.push(solution.map((position) => oldest[position]))
    }
  }
  return { options: found, complete: search.complete }
}

/** Evidence 2: invoice numbers written in full, without prefix or with misread letters. */
function referenceCandidates(context: Context, references: readonly InvoiceReference[]): Candidate[] {
  const referenced = references.map((reference) => reference.item)
  const customerId = singleCustomer(referenced)
  const customerSupport = customerId ? support(context, customerId) : null
  const corroborated = customerSupport?.corroborated ?? false
  const quality = weakestQuality(references) as Exclude<ReferenceQuality, "sequence">
  const open = sumOpen(referenced)
  const { parts, credit } = allocateOldestFirst(referenced, context.amount, context.config.tolerance)
  const fits = isWithinTolerance(context, open)
  let confidence = fits
    ? CONFIDENCE.reference_amount[quality][corroborated ? 1 : 0] - (context.amount < open ? CONFIDENCE.write_off_discount : 0)
    : CONFIDENCE.reference_other_amount[quality][corroborated ? 1 : 0]
  const reasons = [
    ...references.map(describeReference),
    amountReason(referenced, context.amount, parts, credit),
    ...(customerSupport?.reasons ?? []),
  ]
  if (!customerId) {
    confidence = Math.min(confidence, CONFIDENCE.several_customers_referenced)
    reasons.push("referenced invoices belong to several customers")
  }
  if (customerSupport?.iban_of_other_customer && !corroborated) {
    confidence = Math.min(confidence, CONFIDENCE.iban_of_another_customer)
  }
  const alternatives: Candidate[] = []
  const alternative = (items: readonly IndexedItem[], why: string): void => {
    const owner = singleCustomer(items)
    const ownerSupport = owner ? support(context, owner) : null
    alternatives.push({
      parts: fullParts(items),
      credit: 0,
      customer_id: owner,
      confidence: CONFIDENCE.alternative[ownerSupport?.corroborated ? 1 : 0],
      reasons: [why, amountReason(items, context.amount, [], 0), ...(ownerSupport?.reasons ?? [])],
      primary: false,
    })
  }

  // A payer who mistyped one digit lands on another of our numbers: if a number one edit
  // away has exactly the paid amount, the reference as written is doubtful.
  if (references.length === 1 && (!fits || !corroborated)) {
    const [reference] = references
    const keep = letterPrefix(reference.item.raw_key).length
    const neighbours = oneEditNeighbours(reference.item.key, keep, context.index, context.amount).filter((item) =>
      sameCurrency(context, item)
    )
    for (const neighbour of neighbours) {
      const neighbourCorroborated = support(context, neighbour.item.customer_id).corroborated
      if (!fits || neighbourCorroborated) {
        confidence = Math.min(confidence, CONFIDENCE.doubtful)
      }
      alternative([neighbour], `"${reference.written}" is one character away from invoice ${neighbour.item.invoice_number}`)
    }
  }
  const exclude = new Set(referenced.map((item) => item.item.invoice_id))
  // Paid more than referenced: the rest may pay further open items of the same customer.
  if (credit > 0 && customerId) {
    const rest = customerOptions(context, customerId, credit, { date_window: false, subsets: true, exclude })
    for (const items of rest.options) {
      confidence = Math.min(confidence, CONFIDENCE.doubtful)
      alternative([...referenced, ...items], `the amount beyond the referenced invoices matches further open items of the customer`)
    }
  }
  // Paid less than referenced: exactly other open items of the same customer may be paid.
  if (!fits && context.amount < open && customerId) {
    const instead = customerOptions(context, customerId, context.amount, { date_window: false, subsets: true, exclude })
    for (const items of instead.options) {
      confidence = Math.min(confidence, CONFIDENCE.doubtful)
      alternative(items, "the amount matches other open items of the customer")
    }
  }
  // Paid less than several referenced invoices: exactly some of them may be paid.
  if (!fits && context.amount < open && referenced.length >= 2) {
    const search = findExactSubsets(referenced.map((item) => item.open_cents), context.amount, SUBSET_SEARCH)
    for (const solution of search.solutions) {
      confidence = Math.min(confidence, CONFIDENCE.doubtful)
      alternative(solution.map((position) => referenced[position]), "amount matches some of the referenced invoices")
    }
  }
  // "RE-2026-000123 + 000130": counters of the same customer's invoices complete the sum.
  const counters = context.evidence.invoices.filter(
    (reference) =>
      reference.quality === "sequence" &&
      sameCurrency(context, reference.item) &&
      reference.item.item.customer_id === customerId &&
      !referenced.includes(reference.item)
  )
  if (!fits && customerId && counters.length > 0) {
    const combined = [...referenced, ...counters.map((reference) => reference.item)]
    if (isWithinTolerance(context, sumOpen(combined))) {
      const allocation = allocateOldestFirst(combined, context.amount, context.config.tolerance)
      alternatives.push({
        ...allocation,
        customer_id: customerId,
        confidence: CONFIDENCE.reference_plus_counters[corroborated ? 1 : 0],
        reasons: [
          ...[...references, ...counters].map(describeReference),
          amountReason(combined, context.amount, allocation.parts, allocation.credit),
          ...(customerSupport?.reasons ?? []),
        ],
        primary: false,
      })
    }
  }
  return [{ parts, credit, customer_id: customerId, confidence, reasons, primary: false }, ...alternatives]
}

/** Numbers shaped like ours but not ours, and bare counters ("Rechnung 123"): only with the exact amount. */
function weakReferenceCandidates(context: Context, strongIds: ReadonlySet<string>): Candidate[] {
  const candidates: Candidate[] = []
  for (const mistyped of context.evidence.mistyped) {
    const fitting = oneEditNeighbours(mistyped.folded, mistyped.keep, context.index, context.amount).filter((item) =>
      sameCurrency(context, item)
    )
    for (const item of fitting) {
      const customerSupport = support(context, item.item.customer_id)
      candidates.push({
        parts: fullParts([item]),
        credit: 0,
        customer_id: item.item.customer_id,
        confidence:
          fitting.length === 1 ? CONFIDENCE.mistyped_reference[customerSupport.corroborated ? 1 : 0] : CONFIDENCE.ambiguous,
        reasons: [
          `"${mistyped.written}" in ${mistyped.source} is one character away from invoice ${item.item.invoice_number}`,
          "amount matches open amount",
          ...customerSupport.reasons,
        ],
        primary: false,
      })
    }
  }
  const counters = context.evidence.invoices.filter(
    (reference) =>
      reference.quality === "sequence" && sameCurrency(context, reference.item) && !strongIds.has(reference.item.item.invoice_id)
  )
  const fitting = counters.filter((reference) => reference.item.open_cents === context.amount)
  for (const reference of fitting) {
    const customerSupport = support(context, reference.item.item.customer_id)
    candidates.push({
      parts: fullParts([reference.item]),
      credit: 0,
      customer_id: reference.item.item.customer_id,
      confidence: fitting.length === 1 ? CONFIDENCE.counter_reference[customerSupport.corroborated ? 1 : 0] : CONFIDENCE.ambiguous,
      reasons: [describeReference(reference), "amount matches open amount", ...customerSupport.reasons],
      primary: false,
    })
  }
  const items = counters.map((reference) => reference.item)
  const owner = singleCustomer(items)
  if (items.length >= 2 && owner && sumOpen(items) === context.amount) {
    const customerSupport = support(context, owner)
    candidates.push({
      parts: fullParts(items),
      credit: 0,
      customer_id: owner,
      confidence: CONFIDENCE.counter_reference[customerSupport.corroborated ? 1 : 0],
      reasons: [...counters.map(describeReference), amountReason(items, context.amount, [], 0), ...customerSupport.reasons],
      primary: false,
    })
  }
  return candidates
}

/**
 * Customers whose names resemble the payer's, best first. Similarity is only computed for
 * customers that share a word with the payer and have an open item of exactly this amount
 * (evidence 5), that carry the payer's rarest word when it is rare enough to single out a
 * customer (subset-sum, evidence 6), or that own one of the few items with this amount
 * (catching misspelt names).
 */
function namedCustomers(context: Context): string[] {
  if (context.payer_tokens.length === 0) {
    return []
  }
  const { index } = context
  const shortlist = new Set<string>()
  let rarest: readonly string[] | null = null
  for (const token of context.payer_tokens) {
    const withAmount = index.by_name_token_amount.get(token)?.get(context.amount) ?? []
    if (withAmount.length <= MAX_RARE_NAME_BUCKET || context.payer_tokens.length === 1) {
      withAmount.forEach((customerId) => shortlist.add(customerId))
    }
    const bucket = index.by_name_token.get(token)
    if (bucket && (rarest === null || bucket.length < rarest.length)) {
      rarest = bucket
    }
  }
  if (rarest && rarest.length <= MAX_RARE_NAME_BUCKET) {
    rarest.forEach((customerId) => shortlist.add(customerId))
  }
  const sameAmount = index.by_amount.get(context.amount) ?? []
  if (sameAmount.length <= MAX_AMOUNT_BUCKET_FOR_NAMES) {
    for (const item of sameAmount) {
      shortlist.add(item.item.customer_id)
    }
  }
  return [...shortlist]
    .map((customerId) => ({ customerId, score: nameScore(context, customerId) }))
    .filter(({ score }) => score >= MIN_NAME)
    .sort((a, b) => b.score - a.score || (a.customerId < b.customerId ? -1 : 1))
    .slice(0, MAX_NAMED_CUSTOMERS)
    .map(({ customerId }) => customerId)
}

/** Evidence 3–6: a customer identified by customer number, IBAN or name, and the amount. */
function customerCandidates(context: Context): Candidate[] {
  const identified = [
    ...new Set([...context.text_customers.keys(), ...context.iban_customers, ...namedCustomers(context)]),
  ].slice(0, MAX_IDENTIFIED_CUSTOMERS)
  const candidates: Candidate[] = []
  for (const customerId of identified) {
    const customerSupport = support(context, customerId)
    const { iban, customer_number: byNumber, name } = customerSupport
    const strongName = name >= STRONG_NAME
    const found = customerOptions(context, customerId, context.amount, {
      date_window: !iban && !byNumber,
      subsets: iban || byNumber || strongName,
    })
    const unique = found.options.length === 1 && found.complete
    for (const items of found.options) {
      const several = items.length > 1
      let confidence: number
      if (iban) {
        confidence =
          byNumber || name >= CORROBORATING_NAME
            ? CONFIDENCE.iban_and_more
            : context.iban_customers.length === 1
              ? CONFIDENCE.iban
              : CONFIDENCE.shared_iban
      } else if (byNumber) {
        confidence = several
          ? CONFIDENCE.customer_number_several_items
          : name >= CORROBORATING_NAME
            ? CONFIDENCE.customer_number_and_name
            : CONFIDENCE.customer_number
      } else if (strongName) {
        confidence = several ? CONFIDENCE.strong_name_several_items : CONFIDENCE.strong_name
      } else {
        confidence = CONFIDENCE.name
      }
      const reasons = [
        several
          ? `amount equals the sum of ${items.length} of the customer's oldest open items`
          : "amount matches open amount",
        ...customerSupport.reasons,
      ]
      if (!byNumber && !iban) {
        reasons.push(`payer name resembles customer name (${name.toFixed(2)})`)
      }
      if (!unique) {
        confidence = Math.min(confidence, CONFIDENCE.several_allocations_for_customer)
        reasons.push(
          found.complete
            ? `ambiguous: ${found.options.length} allocations of this amount for the customer`
            : "ambiguous: too many combinations of the customer's open items to check"
        )
      }
      if (customerSupport.iban_of_other_customer) {
        confidence = Math.min(confidence, CONFIDENCE.contradicted)
      }
      candidates.push({ parts: fullParts(items), credit: 0, customer_id: customerId, confidence, reasons, primary: false })
    }
  }
  return candidates
}

function allocationKey(candidate: Candidate): string {
  const parts = candidate.parts
    .map((part) => `${part.item.item.invoice_id}:${part.cents}:${part.write_off}`)
    .sort()
    .join(",")
  return `${parts}|${candidate.credit}`
}

/** Evidence that names something else than a candidate weakens it below automatic booking. */
function applyContradictions(context: Context, candidates: Candidate[], referencedIds: readonly string[]): void {
  const hasPrimary = candidates.some((candidate) => candidate.primary)
  for (const candidate of candidates) {
    if (candidate.primary) {
      continue
    }
    const allocated = new Set(candidate.parts.map((part) => part.item.item.invoice_id))
    const missing = referencedIds.filter((id) => !allocated.has(id))
    if (missing.length > 0) {
      candidate.confidence = Math.min(candidate.confidence, CONFIDENCE.contradicted)
      candidate.reasons.push(`the remittance information references ${missing.length} other invoice(s)`)
    }
    if (context.text_customers.size > 0 && (candidate.customer_id === null || !context.text_customers.has(candidate.customer_id))) {
      candidate.confidence = Math.min(candidate.confidence, CONFIDENCE.contradicted)
      candidate.reasons.push("the customer number in the remittance information belongs to another customer")
    }
    if (hasPrimary) {
      candidate.confidence = Math.min(candidate.confidence, CONFIDENCE.contradicted)
      candidate.reasons.push("our direct debit collection points to other invoices")
    }
  }
}

function mergeCandidates(candidates: readonly Candidate[]): Candidate[] {
  const merged = new Map<string, Candidate>()
  for (const candidate of candidates) {
    const key = allocationKey(candidate)
    const known = merged.get(key)
    if (!known) {
      merged.set(key, { ...candidate, reasons: [...candidate.reasons] })
      continue
    }
    const [better, worse] = candidate.confidence > known.confidence ? [candidate, known] : [known, candidate]
    merged.set(key, {
      ...better,
      reasons: [...new Set([...better.reasons, ...worse.reasons])],
    })
  }
  const oldest = (candidate: Candidate) => Math.min(...candidate.parts.map((part) => part.item.age_rank))
  return [...merged.entries()]
    .sort(
      ([keyA, a], [keyB, b]) =>
        b.confidence - a.confidence || oldest(a) - oldest(b) || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0)
    )
    .map(([, candidate]) => candidate)
}

function toAllocations(parts: readonly Part[]): MatchAllocation[] {
  return parts.map((part) => ({
    invoice_id: part.item.item.invoice_id,
    invoice_number: part.item.item.invoice_number,
    amount: formatCents(part.cents),
    write_off_amount: formatCents(part.write_off),
  }))
}

function toSuggestion(candidate: Candidate): MatchSuggestion {
  return {
    allocations: toAllocations(candidate.parts),
    customer_id: candidate.customer_id,
    confidence: candidate.confidence,
    credit_amount: formatCents(candidate.credit),
    write_off_amount: formatCents(candidate.parts.reduce((sum, part) => sum + part.write_off, 0)),
    reasons: candidate.reasons,
  }
}

const NO_MATCH_AMOUNT = "0.00"

/**
 * Matches one incoming payment against the open items. "auto" only when the best
 * suggestion reaches the threshold and no other allocation comes within
 * AMBIGUITY_MARGIN of it; "review" when there is any suggestion; else "unmatched".
 */
export function matchTransaction(
  input: MatchInput,
  index: OpenItemIndex,
  knownIbans: KnownIbans = new Map(),
  config: Partial<MatchConfig> = {}
): MatchResult {
  const resolved = resolveMatchConfig(config)
  assertIsoDate(input.booking_date, "booking_date")
  const context: Context = {
    input,
    index,
    config: resolved,
    amount: toCents(input.amount, "amount"),
    currency: (input.currency ?? "").toUpperCase(),
    booking_day: toDayNumber(input.booking_date),
    iban_customers: lookupIban(knownIbans, input.counterparty_iban),
    text_customers: new Map(),
    payer_tokens: nameTokens(input.counterparty_name),
    names: new Map(),
    evidence: { invoices: [], mistyped: [], customers: [] },
  }
  const unmatched = (customerId: string | null): MatchResult => ({
    decision: "unmatched",
    confidence: 0,
    allocations: [],
    customer_id: customerId,
    credit_amount: NO_MATCH_AMOUNT,
    write_off_amount: NO_MATCH_AMOUNT,
    suggestions: [],
  })
  if (context.amount === 0) {
    return unmatched(null)
  }
  const endToEndId = input.end_to_end_id?.trim()
  context.evidence = findReferences(
    [
      { text: input.remittance_text, source: "remittance text" },
      { text: input.structured_reference, source: "structured reference" },
      {
        text: endToEndId && endToEndId !== NOT_PROVIDED && !index.by_end_to_end_id.has(endToEndId) ? endToEndId : null,
        source: "end-to-end id",
      },
    ],
    index
  )
  for (const reference of context.evidence.customers) {
    const number = index.customers.get(reference.customer_id)?.customer_number ?? reference.written
    context.text_customers.set(reference.customer_id, number)
  }

  const strong = context.evidence.invoices.filter((reference) => reference.quality !== "sequence")
  const strongSameCurrency = strong.filter((reference) => sameCurrency(context, reference.item))
  const strongIds = new Set(strong.map((reference) => reference.item.item.invoice_id))
  const candidates: Candidate[] = [
    ...collectionCandidates(context),
    ...(strongSameCurrency.length > 0 ? referenceCandidates(context, strongSameCurrency) : []),
    ...weakReferenceCandidates(context, strongIds),
    ...customerCandidates(context),
  ]
  applyContradictions(context, candidates, [...strongIds])
  const ranked = mergeCandidates(candidates)

  const everyone = new Set<string>([...context.text_customers.keys(), ...context.iban_customers])
  for (const candidate of ranked) {
    everyone.add(candidate.customer_id ?? "")
  }
  const identified = everyone.size === 1 && !everyone.has("") ? [...everyone][0] : null
  if (ranked.length === 0) {
    return unmatched(identified)
  }
  const [best] = ranked
  const bestKey = allocationKey(best)
  const contested = ranked.some(
    (candidate) => candidate !== best && allocationKey(candidate) !== bestKey && candidate.confidence >= best.confidence - AMBIGUITY_MARGIN
  )
  const suggestions = ranked.slice(0, MAX_SUGGESTIONS).map(toSuggestion)
  // A surplus needs a customer account to go to.
  const bookable = best.credit === 0 || best.customer_id !== null
  if (best.confidence >= resolved.threshold && !contested && bookable) {
    const [booked] = suggestions
    return {
      decision: "auto",
      confidence: best.confidence,
      allocations: booked.allocations,
      customer_id: best.customer_id,
      credit_amount: booked.credit_amount,
      write_off_amount: booked.write_off_amount,
      suggestions,
    }
  }
  return {
    decision: "review",
    confidence: best.confidence,
    allocations: [],
    customer_id: identified,
    credit_amount: NO_MATCH_AMOUNT,
    write_off_amount: NO_MATCH_AMOUNT,
    suggestions,
  }
}
