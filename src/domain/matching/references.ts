import { isScannableKey, letterPrefix, type IndexedItem, type OpenItemIndex } from "./open-item-index"
import { tokenizeText, type TextToken } from "./normalize"

/** How an invoice number was written, strongest first. */
export type ReferenceQuality = "exact" | "no_prefix" | "ocr" | "sequence"

export type ReferenceSource = "remittance text" | "structured reference" | "end-to-end id"

export interface InvoiceReference {
  item: IndexedItem
  quality: ReferenceQuality
  source: ReferenceSource
  /** The characters as the payer wrote them. */
  written: string
}

/** Something shaped like one of our invoice numbers that is none of them: perhaps one of
 * them mistyped (see `oneEditNeighbours`). */
export interface MistypedReference {
  written: string
  source: ReferenceSource
  /** The written number normalised and OCR-folded ("RE202600123"). */
  folded: string
  /** Length of its letter prefix, which is not taken as mistyped. */
  keep: number
}

export interface CustomerReference {
  customer_id: string
  source: ReferenceSource
  written: string
}

export interface TextEvidence {
  /** One per invoice, its strongest reading; full numbers first, each kind in order of appearance. */
  invoices: InvoiceReference[]
  mistyped: MistypedReference[]
  customers: CustomerReference[]
}

/** Lower is stronger. */
export const QUALITY_RANK: Readonly<Record<ReferenceQuality, number>> = { exact: 0, no_prefix: 1, ocr: 2, sequence: 3 }

/** Separators a number may be split by ("RE 2026-000123"); others (",", ";", "+") end it. */
const JOINABLE_GAP = /^[\s\-_./:\\#]*$/

/** Words after which a bare number is read as an invoice's counter ("Rechnung 123"). */
const INVOICE_WORDS = new Set([
  "RE", "RG", "RGNR", "RENR", "RN", "RNR", "RECHN", "RECHNR", "RECHNUNG", "RECHNUNGEN", "RECHNUNGSNR",
  "RECHNUNGSNUMMER", "INVOICE", "INVOICES", "INV", "BELEG", "BELEGNR", "BELEGNUMMER", "FAKTURA", "FAKTURANR",
])
/** Words after which a bare number is read as a customer number ("Kd.-Nr. 100234"). */
const CUSTOMER_WORDS = new Set([
  "KD", "KDNR", "KUNDE", "KUNDEN", "KUNDENNR", "KUNDENNUMMER", "KNR", "KUNDENKONTO", "CUSTOMER", "DEBITOR",
  "DEBITORNR", "DEBITORENNR", "MITGLIED", "MITGLIEDSNR", "MITGLIEDSNUMMER",
])
/** Words that neither start nor end such a list ("Rechnungen Nr. 12 und 13"). */
const NEUTRAL_WORDS = new Set(["NR", "NO", "NUM", "NUMMER", "NUMBER", "UND", "U", "AND", "SOWIE", "PLUS"])

const MAX_MISTYPED_CANDIDATES = 4

function isYear(digits: string): boolean {
  return digits.length === 4 && (digits.startsWith("19") || digits.startsWith("20"))
}

/** A digit run that is part of an amount or date ("150,00", "03.02.2026"). */
function isAmountOrDatePart(tokens: readonly TextToken[], position: number): boolean {
  const previous = tokens[position - 1]
  const next = tokens[position + 1]
  const joinedByDecimalMark = (gap: string) => gap === "," || gap === "."
  return (
    (previous !== undefined && previous.digits && joinedByDecimalMark(tokens[position].gap)) ||
    (next !== undefined && next.digits && joinedByDecimalMark(next.gap))
  )
}

function stripLeadingZeros(digits: string): string {
  return digits.replace(/^0+/, "")
}

/**
 * The text as one string of folded letters and digits plus where its tokens start and end,
 * so a number split by spaces or hyphens is found as one ("RE 2026 000123"), but only from a
 * token's start to a token's end ("RE20260001234" does not contain RE-2026-000123).
 */
class ScannedText {
  readonly folded: string
  readonly raw: string
  readonly starts: number[] = []
  /** Token index ending at a position of `folded`, -1 elsewhere. */
  readonly endingAt: Int32Array
  /** Tokens in one segment are only separated by joinable gaps. */
  readonly segment: number[] = []

  constructor(readonly text: string, readonly tokens: TextToken[]) {
    let length = 0
    let segment = 0
    for (const [position, token] of tokens.entries()) {
      if (position > 0 && !JOINABLE_GAP.test(token.gap)) {
        segment += 1
      }
      this.segment.push(segment)
      this.starts.push(length)
      length += token.raw.length
    }
    this.folded = tokens.map((token) => token.folded).join("")
    this.raw = tokens.map((token) => token.raw).join("")
    this.endingAt = new Int32Array(length + 1).fill(-1)
    let end = 0
    for (const [position, token] of tokens.entries()) {
      end += token.raw.length
      this.endingAt[end] = position
    }
  }

  /** Every token-aligned span within a segment whose folded text is a key of `table`. */
  scan<V>(lengths: readonly number[], table: ReadonlyMap<string, V>, onHit: (from: number, to: number, value: V) => void): void {
    for (let from = 0; from < this.tokens.length; from++) {
      const start = this.starts[from]
      for (const length of lengths) {
        const end = start + length
        if (end > this.folded.length) {
          break
        }
        const to = this.endingAt[end]
        if (to < 0 || this.segment[to] !== this.segment[from]) {
          continue
        }
        const value = table.get(this.folded.slice(start, end))
        if (value !== undefined) {
          onHit(from, to, value)
        }
      }
    }
  }

  written(from: number, to: number): string {
    return this.text.slice(this.tokens[from].start, this.tokens[to].end)
  }

  rawSpan(from: number, to: number): string {
    return this.raw.slice(this.starts[from], this.starts[to] + this.tokens[to].raw.length)
  }

  foldedSpan(from: number, to: number): string {
    return this.folded.slice(this.starts[from], this.starts[to] + this.tokens[to].raw.length)
  }
}

/** Edits that change or add a character only ever change or add a digit. */
const DIGITS = "0123456789"
/** Up to this many items of the paid amount, checking each beats generating all variants. */
const SMALL_AMOUNT_BUCKET = 64

/**
 * True when `b` is one typing error away from `a` after their common first `keep`
 * characters: one character left out, one digit changed or added, or two neighbours swapped.
 */
export function isOneEditApart(a: string, b: string, keep: number): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || a.slice(0, keep) !== b.slice(0, keep)) {
    return false
  }
  let at = keep
  while (at < a.length && at < b.length && a[at] === b[at]) {
    at++
  }
  const isDigit = (char: string | undefined) => char !== undefined && DIGITS.includes(char)
  if (a.length === b.length) {
    const changed = isDigit(b[at]) && a.slice(at + 1) === b.slice(at + 1)
    const swapped = a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2)
    return changed || swapped
  }
  return a.length > b.length ? a.slice(at + 1) === b.slice(at) : isDigit(b[at]) && a.slice(at) === b.slice(at + 1)
}

/**
 * The open invoices whose folded numbers are one typing error away from `folded` (see
 * `isOneEditApart`); with `openCents`, only those with exactly that open amount. Costs a few
 * hundred lookups at most, or a scan of the few items with that amount.
 */
export function oneEditNeighbours(folded: string, keep: number, index: OpenItemIndex, openCents?: number): IndexedItem[] {
  const byAge = (a: IndexedItem, b: IndexedItem) => a.age_rank - b.age_rank
  const sameAmount = openCents === undefined ? undefined : (index.by_amount.get(openCents) ?? [])
  if (sameAmount !== undefined && sameAmount.length <= SMALL_AMOUNT_BUCKET) {
    return sameAmount.filter((item) => isOneEditApart(folded, item.key, keep)).sort(byAge)
  }
  const found = new Map<string, IndexedItem>()
  const look = (candidate: string) => {
    if (!index.key_lengths.includes(candidate.length)) {
      return
    }
    for (const item of index.by_key.get(candidate) ?? []) {
      if (openCents === undefined || item.open_cents === openCents) {
        found.set(item.item.invoice_id, item)
      }
    }
  }
  for (let at = keep; at <= folded.length; at++) {
    const head = folded.slice(0, at)
    const rest = folded.slice(at)
    for (const digit of DIGITS) {
      look(head + digit + rest)
    }
    if (at < folded.length) {
      const tail = folded.slice(at + 1)
      look(head + tail)
      for (const digit of DIGITS) {
        if (digit !== folded[at]) {
          look(head + digit + tail)
        }
      }
      if (at + 1 < folded.length && folded[at] !== folded[at + 1]) {
        look(head + folded[at + 1] + folded[at] + folded.slice(at + 2))
      }
    }
  }
  return [...found.values()].sort(byAge)
}

function scanOneText(text: string, source: ReferenceSource, index: OpenItemIndex, evidence: TextEvidence): void {
  const tokens = tokenizeText(text)
  if (tokens.length === 0) {
    return
  }
  const scanned = new ScannedText(text, tokens)
  const startsWithHit = new Set<number>()

  scanned.scan(index.key_lengths, index.by_key, (from, to, items) => {
    const raw = scanned.rawSpan(from, to)
    for (const item of items) {
      if (isScannableKey(item.key)) {
        startsWithHit.add(from)
        evidence.invoices.push({ item, quality: raw === item.raw_key ? "exact" : "ocr", source, written: scanned.written(from, to) })
      }
    }
  })
  scanned.scan(index.prefixless_key_lengths, index.by_prefixless_key, (from, to, items) => {
    const raw = scanned.rawSpan(from, to)
    for (const item of items) {
      startsWithHit.add(from)
      const exact = raw === item.raw_key.slice(letterPrefix(item.raw_key).length)
      evidence.invoices.push({ item, quality: exact ? "no_prefix" : "ocr", source, written: scanned.written(from, to) })
    }
  })
  scanned.scan(index.customer_key_lengths, index.by_customer_key, (from, to, customerIds) => {
    for (const customerId of customerIds) {
      evidence.customers.push({ customer_id: customerId, source, written: scanned.written(from, to) })
    }
  })

  let invoiceWordBefore = false
  let customerWordBefore = false
  for (const [position, token] of tokens.entries()) {
    if (!token.digits) {
      if (INVOICE_WORDS.has(token.raw) || index.key_prefixes.has(token.folded)) {
        invoiceWordBefore = true
        customerWordBefore = false
      } else if (CUSTOMER_WORDS.has(token.raw)) {
        customerWordBefore = true
        invoiceWordBefore = false
      } else if (!NEUTRAL_WORDS.has(token.raw)) {
        invoiceWordBefore = false
        customerWordBefore = false
      }
      continue
    }
    if (isAmountOrDatePart(tokens, position)) {
      continue
    }
    const previous = tokens[position - 1]
    const afterYear = previous !== undefined && previous.digits && isYear(previous.raw) && JOINABLE_GAP.test(token.gap)
    if (invoiceWordBefore && !afterYear && !isYear(token.raw) && token.raw.length <= index.max_sequence_length) {
      for (const item of index.by_sequence.get(stripLeadingZeros(token.raw)) ?? []) {
        evidence.invoices.push({ item, quality: "sequence", source, written: token.raw })
      }
    }
    if (customerWordBefore) {
      for (const customerId of index.by_customer_digits.get(stripLeadingZeros(token.raw)) ?? []) {
        evidence.customers.push({ customer_id: customerId, source, written: token.raw })
      }
    }
  }

  const minLength = (index.key_lengths[0] ?? 0) - 1
  const maxLength = (index.key_lengths[index.key_lengths.length - 1] ?? 0) + 1
  for (let from = 0; from < tokens.length && evidence.mistyped.length < MAX_MISTYPED_CANDIDATES; from++) {
    if (tokens[from].digits || !index.key_prefixes.has(tokens[from].folded) || startsWithHit.has(from)) {
      continue
    }
    for (let to = from + 1; to < tokens.length && scanned.segment[to] === scanned.segment[from]; to++) {
      if (!/^\d+$/.test(tokens[to].folded)) {
        break
      }
      const folded = scanned.foldedSpan(from, to)
      if (folded.length > maxLength) {
        break
      }
      if (folded.length >= minLength && evidence.mistyped.length < MAX_MISTYPED_CANDIDATES) {
        evidence.mistyped.push({ written: scanned.written(from, to), source, folded, keep: tokens[from].folded.length })
      }
    }
  }
}

/** Keeps each invoice's strongest reading, at the place it was first found. */
function strongestPerInvoice(references: readonly InvoiceReference[]): InvoiceReference[] {
  const best = new Map<string, InvoiceReference>()
  for (const reference of references) {
    const id = reference.item.item.invoice_id
    const known = best.get(id)
    if (!known) {
      best.set(id, reference)
    } else if (QUALITY_RANK[reference.quality] < QUALITY_RANK[known.quality]) {
      best.set(id, reference)
    }
  }
  return [...best.values()]
}

/**
 * Invoice numbers (also without prefix, misread or only as "Rechnung 123"), mistyped invoice
 * numbers and customer numbers in the texts of a payment. Costs time in the length of the
 * texts and the number of hits, not in the number of open items.
 */
export function findReferences(
  texts: readonly { text: string | null | undefined; source: ReferenceSource }[],
  index: OpenItemIndex
): TextEvidence {
  const evidence: TextEvidence = { invoices: [], mistyped: [], customers: [] }
  for (const { text, source } of texts) {
    if (text) {
      scanOneText(text, source, index, evidence)
    }
  }
  const seenCustomers = new Set<string>()
  return {
    invoices: strongestPerInvoice(evidence.invoices),
    mistyped: evidence.mistyped,
    customers: evidence.customers.filter(({ customer_id }) => !seenCustomers.has(customer_id) && seenCustomers.add(customer_id)),
  }
}
