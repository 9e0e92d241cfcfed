import { assertIsoDate, toDayNumber } from "../calendar-date"
import { toCents } from "./cents"
import { nameTokens } from "./name-similarity"
import { foldOcr, normalizeReference } from "./normalize"
import type { OpenItem } from "./types"

export interface IndexedItem {
  item: OpenItem
  open_cents: number
  /** Upper-cased currency code. */
  currency: string
  /** The invoice number normalised ("RE2026000123"). */
  raw_key: string
  /** `raw_key` OCR-folded: what the index is keyed by. */
  key: string
  issue_day: number
  due_day: number
  /** Position in the oldest-first order of all items (due date, issue date, number). */
  age_rank: number
}

export interface IndexedCustomer {
  customer_id: string
  customer_name: string
  customer_number: string | null
  name_tokens: string[]
  /** The customer's items by open amount in cents, oldest first. */
  by_amount: Map<number, IndexedItem[]>
  /** Oldest first. */
  items: IndexedItem[]
}

/**
 * Lookup tables over the open items, so that matching one payment costs time in the number
 * of candidates it touches, not in the number of open items.
 */
export interface OpenItemIndex {
  size: number
  /** Folded invoice number → items (normally one). */
  by_key: Map<string, IndexedItem[]>
  /** Folded invoice number without its letter prefix ("2026000123") → items. */
  by_prefixless_key: Map<string, IndexedItem[]>
  /** Last digit run of the invoice number without leading zeros ("123") → items. */
  by_sequence: Map<string, IndexedItem[]>
  by_amount: Map<number, IndexedItem[]>
  by_end_to_end_id: Map<string, IndexedItem[]>
  by_mandate: Map<string, IndexedItem[]>
  customers: Map<string, IndexedCustomer>
  /** Folded customer number that starts with a letter ("K100234") → customer ids. */
  by_customer_key: Map<string, string[]>
  /** Last digit run of a customer number without leading zeros ("100234") → customer ids. */
  by_customer_digits: Map<string, string[]>
  /** Significant word of a customer name → customer ids. */
  by_name_token: Map<string, string[]>
  /** Significant word of a customer name → open amount in cents → ids of the customers with
   * that word and an item of that amount. */
  by_name_token_amount: Map<string, Map<number, string[]>>
  /** Lengths of the keys in by_key that are looked for inside texts, ascending. */
  key_lengths: number[]
  prefixless_key_lengths: number[]
  customer_key_lengths: number[]
  /** Folded letter prefixes of invoice numbers ("RE"), for spotting mistyped numbers. */
  key_prefixes: Set<string>
  max_sequence_length: number
}

/** Keys without a letter must be long to be recognised inside a text on their own:
 * a short digit run is more likely an amount, a date or a postcode. */
const MIN_DIGIT_KEY_LENGTH = 8

export function isScannableKey(key: string): boolean {
  return /[A-Z]/.test(key) || key.length >= MIN_DIGIT_KEY_LENGTH
}

/** "RE2026000123" → "RE"; "" when the number starts with a digit. */
export function letterPrefix(rawKey: string): string {
  return /^[A-Z]*/.exec(rawKey)?.[0] ?? ""
}

/** The last run of digits without leading zeros, as written: "RE-2026-000123" → "123"; null without one. */
export function lastDigitRun(value: string): string | null {
  const digits = /(\d+)\D*$/.exec(value)?.[1]?.replace(/^0+/, "")
  return digits ? digits : null
}

/** Oldest first: due date, issue date, invoice number, id. */
export function compareAge(a: IndexedItem, b: IndexedItem): number {
  return (
    a.due_day - b.due_day ||
    a.issue_day - b.issue_day ||
    (a.item.invoice_number < b.item.invoice_number ? -1 : a.item.invoice_number > b.item.invoice_number ? 1 : 0) ||
    (a.item.invoice_id < b.item.invoice_id ? -1 : a.item.invoice_id > b.item.invoice_id ? 1 : 0)
  )
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) {
    list.push(value)
  } else {
    map.set(key, [value])
  }
}

function indexItem(item: OpenItem, position: number): IndexedItem {
  const field = (name: string) => `open_items[${position}] (invoice ${item.invoice_number}).${name}`
  if (typeof item.invoice_id !== "string" || item.invoice_id.length === 0) {
    throw new Error(`open_items[${position}].invoice_id: must be a non-empty string`)
  }
  if (typeof item.customer_id !== "string" || item.customer_id.length === 0) {
    throw new Error(field("customer_id") + ": must be a non-empty string")
  }
  const rawKey = normalizeReference(item.invoice_number ?? "")
  if (rawKey.length === 0) {
    throw new Error(field("invoice_number") + ": must contain letters or digits")
  }
  if (typeof item.currency !== "string" || !/^[A-Za-z]{3}$/.test(item.currency)) {
    throw new Error(field("currency") + `: invalid currency code "${item.currency}"`)
  }
  const openCents = toCents(item.open_amount, field("open_amount"))
  if (openCents <= 0) {
    throw new Error(field("open_amount") + `: must be greater than 0, got "${item.open_amount}"`)
  }
  assertIsoDate(item.issue_date, field("issue_date"))
  assertIsoDate(item.due_date, field("due_date"))
  return {
    item,
    open_cents: openCents,
    currency: item.currency.toUpperCase(),
    raw_key: rawKey,
    key: foldOcr(rawKey),
    issue_day: toDayNumber(item.issue_date),
    due_day: toDayNumber(item.due_date),
    age_rank: 0,
  }
}

/** Builds the lookup tables; throws naming the item and field on invalid input. */
export function buildOpenItemIndex(openItems: readonly OpenItem[]): OpenItemIndex {
  const items = openItems.map(indexItem).sort(compareAge)
  items.forEach((indexed, rank) => {
    indexed.age_rank = rank
  })
  const index: OpenItemIndex = {
    size: items.length,
    by_key: new Map(),
    by_prefixless_key: new Map(),
    by_sequence: new Map(),
    by_amount: new Map(),
    by_end_to_end_id: new Map(),
    by_mandate: new Map(),
    customers: new Map(),
    by_customer_key: new Map(),
    by_customer_digits: new Map(),
    by_name_token: new Map(),
    by_name_token_amount: new Map(),
    key_lengths: [],
    prefixless_key_lengths: [],
    customer_key_lengths: [],
    key_prefixes: new Set(),
    max_sequence_length: 0,
  }
  const keyLengths = new Set<number>()
  const prefixlessLengths = new Set<number>()
  const customerKeyLengths = new Set<number>()

  for (const indexed of items) {
    const { item } = indexed
    push(index.by_key, indexed.key, indexed)
    if (isScannableKey(indexed.key)) {
      keyLengths.add(indexed.key.length)
    }
    const prefix = letterPrefix(indexed.raw_key)
    const prefixless = indexed.key.slice(prefix.length)
    if (prefix.length > 0 && prefixless.length >= MIN_DIGIT_KEY_LENGTH) {
      index.key_prefixes.add(foldOcr(prefix))
      push(index.by_prefixless_key, prefixless, indexed)
      prefixlessLengths.add(prefixless.length)
    }
    const sequence = lastDigitRun(item.invoice_number)
    if (sequence !== null) {
      push(index.by_sequence, sequence, indexed)
      index.max_sequence_length = Math.max(index.max_sequence_length, /(\d+)\D*$/.exec(item.invoice_number)?.[1].length ?? 0)
    }
    push(index.by_amount, indexed.open_cents, indexed)
    for (const endToEndId of item.end_to_end_ids ?? []) {
      push(index.by_end_to_end_id, endToEndId.trim(), indexed)
    }
    if (item.mandate_id) {
      push(index.by_mandate, item.mandate_id.trim(), indexed)
    }

    let customer = index.customers.get(item.customer_id)
    if (!customer) {
      customer = {
        customer_id: item.customer_id,
        customer_name: item.customer_name,
        customer_number: item.customer_number,
        name_tokens: nameTokens(item.customer_name),
        by_amount: new Map(),
        items: [],
      }
      index.customers.set(item.customer_id, customer)
      for (const token of customer.name_tokens) {
        push(index.by_name_token, token, item.customer_id)
      }
      const customerKey = item.customer_number ? normalizeReference(item.customer_number) : ""
      if (/^[A-Z]/.test(customerKey)) {
        push(index.by_customer_key, foldOcr(customerKey), item.customer_id)
        customerKeyLengths.add(customerKey.length)
      }
      const customerDigits = item.customer_number ? lastDigitRun(item.customer_number) : null
      if (customerDigits !== null) {
        push(index.by_customer_digits, customerDigits, item.customer_id)
      }
    }
    customer.items.push(indexed)
    const sameAmount = customer.by_amount.get(indexed.open_cents)
    if (sameAmount) {
      sameAmount.push(indexed)
    } else {
      customer.by_amount.set(indexed.open_cents, [indexed])
      for (const token of customer.name_tokens) {
        let byAmount = index.by_name_token_amount.get(token)
        if (!byAmount) {
          byAmount = new Map()
          index.by_name_token_amount.set(token, byAmount)
        }
        push(byAmount, indexed.open_cents, item.customer_id)
      }
    }
  }

  const ascending = (values: Set<number>) => [...values].sort((a, b) => a - b)
  index.key_lengths = ascending(keyLengths)
  index.prefixless_key_lengths = ascending(prefixlessLengths)
  index.customer_key_lengths = ascending(customerKeyLengths)
  return index
}
