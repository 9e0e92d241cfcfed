import type { BankEntry, BankTransaction } from "../bank/types"
import { addDays, fromDayNumber, toDayNumber } from "../calendar-date"
import { formatCents, toCents } from "./cents"
import { toMatchInput } from "./match-transaction"
import { normalizeReference } from "./normalize"
import { findExactSubsets } from "./subset-sum"
import type { MatchConfig, MatchInput, MatchResult, OpenItem } from "./types"

/**
 * A deterministic test world for payment matching: customers, open invoices and incoming
 * payments whose true allocation is known. The same seed always gives the same scenario
 * (own PRNG, no Math.random, no clock).
 */

export type ScenarioKind =
  | "clean_reference"
  | "combined_reference"
  | "short_payment"
  | "partial_payment"
  | "overpayment"
  | "direct_debit"
  | "typo_ocr"
  | "typo_edit"
  | "customer_number"
  | "iban_amount"
  | "iban_subset"
  | "equal_amounts"
  | "name_only"
  | "similar_names"
  | "noise"

export interface ExpectedAllocation {
  invoice_id: string
  amount: string
}

export interface ScenarioTransaction {
  id: string
  kind: ScenarioKind
  entry: BankEntry
  input: MatchInput
  /** What the payment really pays; null for a payment that pays no invoice. */
  expected: ExpectedAllocation[] | null
  /** Paid as invoiced, partly or with a surplus, and the text or structured reference names
   * every paid invoice by its full number, cleanly written. */
  clean_reference: boolean
}

export interface MatchingScenario {
  seed: number
  open_items: OpenItem[]
  known_ibans: Map<string, string[]>
  transactions: ScenarioTransaction[]
  /** The settings the scenario's short payments are written for. */
  config: Partial<MatchConfig>
}

export interface ScenarioSize {
  transactions: number
  openInvoices: number
}

/** Share of each kind in percent (sums to 100). */
const KIND_WEIGHTS: readonly [ScenarioKind, number][] = [
  ["clean_reference", 36],
  ["combined_reference", 6],
  ["short_payment", 3],
  ["partial_payment", 4],
  ["overpayment", 3],
  ["direct_debit", 3],
  ["typo_ocr", 4],
  ["typo_edit", 4],
  ["customer_number", 3],
  ["iban_amount", 7],
  ["iban_subset", 3],
  ["equal_amounts", 2],
  ["name_only", 7],
  ["similar_names", 2],
  ["noise", 13],
]

const CLEAN_KINDS = new Set<ScenarioKind>([
  "clean_reference",
  "combined_reference",
  "short_payment",
  "partial_payment",
  "overpayment",
  "direct_debit",
])

const SURNAMES = [
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
  "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
  "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
  "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
  "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
  "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
  "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
  "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
  "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Pohl", "Engel",
  "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "Lindner",
]
const FIRST_NAMES = [
  "Hans", "Peter", "Klaus", "Michael", "Thomas", "Andreas", "Stefan", "Frank", "Jürgen", "Uwe",
  "Anna", "Maria", "Ursula", "Monika", "Petra", "Sabine", "Claudia", "Susanne", "Andrea", "Julia",
  "Lukas", "Leon", "Felix", "Jonas", "Paul", "Lena", "Laura", "Sophie", "Marie", "Hanna",
  "Günter", "Dieter", "Jörg", "Björn", "Sören", "Katrin", "Birgit", "Heike", "Nicole", "Tanja",
]
const BRANCHES = [
  "Bau", "Software", "Consulting", "Logistik", "Elektro", "Gartenbau", "Immobilien", "Medien", "Design",
  "Handel", "Technik", "Service", "Metallbau", "Druckerei", "Reisen", "Getränke", "Kfz", "Dental", "Optik",
  "Sanitär", "Holzbau", "Catering", "Transporte", "Energie", "Textil",
]
const CITIES = ["Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Stuttgart", "Leipzig", "Dresden", "Bremen", "Essen"]
const LEGAL_FORMS = ["GmbH", "AG", "KG", "e.K.", "GmbH & Co. KG", "UG (haftungsbeschränkt)", "OHG", "GbR"]
const PLAN_PRICES = ["9.90", "19.90", "29.90", "49.00", "59.50", "99.00", "119.00", "238.00"]
const NEUTRAL_TEXTS = ["Zahlung", "Abo", "Monatsbeitrag", "Danke", "Ueberweisung", "Beitrag", "Abo Zahlung Danke", ""]
const NOISE_TEXTS = [
  "Gehalt 03/2026",
  "Lohn Februar",
  "Erstattung Bestellung 448812",
  "Rueckerstattung Versicherung",
  "Umbuchung Tagesgeld",
  "Zinsgutschrift",
  "Bareinzahlung",
  "Gutschrift Retoure 88123",
  "Kaution Rueckzahlung",
  "Steuererstattung 2025",
]
const NOISE_PAYERS = ["Finanzamt Köln-Mitte", "Allianz Versicherungs-AG", "Amazon Payments Europe", "Sparkasse KölnBonn"]
const OCR_LOOKALIKE: Readonly<Record<string, string[]>> = {
  "0": ["O", "o"],
  "1": ["I", "l"],
  "2": ["Z"],
  "5": ["S"],
  "8": ["B"],
}
const START_DAY = toDayNumber("2026-01-02")
const ISSUE_SPAN_DAYS = 170

/** mulberry32: small, fast and good enough for test data. */
function createRandom(seed: number) {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (probability: number) => next() < probability,
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)],
  }
}

type Random = ReturnType<typeof createRandom>

interface Customer {
  customer_id: string
  customer_number: string | null
  customer_name: string
  person: { first: string; last: string } | null
  iban: string
  mandate_id: string | null
  plan_price: string
  items: OpenItem[]
}

function ibanCheckDigits(countryCode: string, bban: string): string {
  const letters = (value: string) => [...value].map((char) => (char >= "A" ? String(char.charCodeAt(0) - 55) : char)).join("")
  const remainder = BigInt(letters(bban + countryCode) + "00") % 97n
  return String(98n - remainder).padStart(2, "0")
}

function germanIban(bankCode: number, account: number): string {
  const bban = String(bankCode).padStart(8, "0") + String(account).padStart(10, "0")
  return `DE${ibanCheckDigits("DE", bban)}${bban}`
}

function transliterate(name: string): string {
  const spelled: Readonly<Record<string, string>> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss" }
  return name.replace(/[äöüÄÖÜß]/g, (char) => spelled[char])
}

function germanAmount(cents: number): string {
  return formatCents(cents).replace(".", ",")
}

function germanDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`
}

function companyName(random: Random): string {
  switch (random.int(0, 2)) {
    case 0:
      return `${random.pick(SURNAMES)} ${random.pick(BRANCHES)} ${random.pick(LEGAL_FORMS)}`
    case 1:
      return `${random.pick(BRANCHES)} ${random.pick(CITIES)} ${random.pick(LEGAL_FORMS)}`
    default:
      return `${random.pick(SURNAMES)} & ${random.pick(SURNAMES)} ${random.pick(LEGAL_FORMS)}`
  }
}

/** How the customer's bank writes the customer's name. */
function payerName(random: Random, customer: Customer): string {
  const { customer_name: name, person } = customer
  switch (random.int(0, 5)) {
    case 0:
      return name
    case 1:
      return transliterate(name).toUpperCase()
    case 2:
      return person
        ? `${transliterate(person.last).toUpperCase()}, ${transliterate(person.first).toUpperCase()}`
        : name.split(" ").slice(0, -1).join(" ") || name
    case 3:
      return transliterate(name).toUpperCase().slice(0, 27)
    case 4:
      return name.replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u")
    default:
      return person ? `${person.first} u. Petra ${person.last}` : `${name} Buchhaltung`
  }
}

function cleanReferenceText(random: Random, item: OpenItem, customer: Customer, amount: number, bookingDate: string): string {
  const number = item.invoice_number
  const [prefix, year, seq] = number.split("-")
  switch (random.int(0, 9)) {
    case 0:
      return `Rechnung ${number}`
    case 1:
      return number
    case 2:
      return `${prefix} ${year} ${seq}`
    case 3:
      return number.toLowerCase().replace(/-/g, "")
    case 4:
      return customer.customer_number ? `Rechnungsnr. ${number} Kundennr. ${customer.customer_number}` : `Rechnungsnr. ${number}`
    case 5:
      return `Rg. ${number} vom ${germanDate(item.issue_date)}`
    case 6:
      return `${number} ${customer.customer_name}`
    case 7:
      return `Zahlung zu ${number}, Betrag ${germanAmount(amount)} EUR`
    case 8:
      return `Ihre Rechnung ${number} Danke ${germanDate(bookingDate)}`
    default:
      return `${prefix}/${year}/${seq}`
  }
}

function ocrTypo(random: Random, number: string): string {
  const digits = [...number]
    .map((char, position) => ({ char, position }))
    .filter(({ char, position }) => position >= 8 && OCR_LOOKALIKE[char])
  if (digits.length === 0) {
    return number.replace("-2026-", "-2O26-")
  }
  const chars = [...number]
  const changes = random.int(1, Math.min(3, digits.length))
  for (let change = 0; change < changes; change++) {
    const { char, position } = random.pick(digits)
    chars[position] = random.pick(OCR_LOOKALIKE[char])
  }
  return chars.join("")
}

function editTypo(random: Random, number: string): string {
  const head = number.slice(0, 8)
  const digits = [...number.slice(8)]
  const at = random.int(0, digits.length - 1)
  switch (random.int(0, 3)) {
    case 0:
      digits.splice(at, 1)
      break
    case 1:
      digits.splice(at, 0, String(random.int(0, 9)))
      break
    case 2:
      digits[at] = String((Number(digits[at]) + random.int(1, 9)) % 10)
      break
    default: {
      const swap = Math.min(at, digits.length - 2)
      ;[digits[swap], digits[swap + 1]] = [digits[swap + 1], digits[swap]]
    }
  }
  return head + digits.join("")
}

/** Generates customers, open invoices RE-2026-000001…, learned IBANs and payments with their truth. */
export function generateMatchingScenario(seed: number, size: ScenarioSize): MatchingScenario {
  if (!Number.isInteger(size.openInvoices) || size.openInvoices < 10 || !Number.isInteger(size.transactions) || size.transactions < 0) {
    throw new Error(
      `generateMatchingScenario: needs at least 10 open invoices and a whole number of transactions, got ${JSON.stringify(size)}`
    )
  }
  const random = createRandom(seed)
  const customerCount = Math.max(5, Math.round(size.openInvoices / 4))
  const customers: Customer[] = []
  const knownIbans = new Map<string, string[]>()
  const similarNamePairs: [Customer, Customer][] = []
  for (let position = 0; position < customerCount; position++) {
    const customerId = `cus_${String(position + 1).padStart(6, "0")}`
    let person: Customer["person"] = null
    let name: string
    const twin = position > 0 && random.chance(0.03) ? customers[random.int(0, position - 1)] : null
    if (twin) {
      // A near-duplicate: the same name with another legal form, or another first name.
      person = twin.person ? { first: random.pick(FIRST_NAMES), last: twin.person.last } : null
      const form = [...LEGAL_FORMS].sort((x, y) => y.length - x.length).find((legal) => twin.customer_name.endsWith(` ${legal}`))
      const base = form ? twin.customer_name.slice(0, -form.length - 1) : twin.customer_name
      name = person ? `${person.first} ${person.last}` : `${base} ${random.pick(LEGAL_FORMS)}`
    } else if (random.chance(0.4)) {
      person = { first: random.pick(FIRST_NAMES), last: random.pick(SURNAMES) }
      name = `${person.first} ${person.last}`
    } else {
      name = companyName(random)
    }
    const sharedWith = position > 0 && random.chance(0.02) ? customers[random.int(0, position - 1)] : null
    const customer: Customer = {
      customer_id: customerId,
      customer_number: random.chance(0.9) ? `K-${100000 + position + 1}` : null,
      customer_name: name,
      person,
      iban: sharedWith ? sharedWith.iban : germanIban(random.int(10000000, 89999999), 1000000 + position * 7 + random.int(0, 6)),
      mandate_id: random.chance(0.15) ? `MNDT-${String(position + 1).padStart(6, "0")}` : null,
      plan_price: random.pick(PLAN_PRICES),
      items: [],
    }
    customers.push(customer)
    if (twin) {
      similarNamePairs.push([twin, customer])
    }
    if (sharedWith) {
      knownIbans.set(customer.iban, [...(knownIbans.get(customer.iban) ?? [sharedWith.customer_id]), customerId])
    } else if (random.chance(0.6)) {
      knownIbans.set(customer.iban, [customerId])
    }
  }

  const issueDays = Array.from({ length: size.openInvoices }, () => START_DAY + random.int(0, ISSUE_SPAN_DAYS)).sort((a, b) => a - b)
  const openItems: OpenItem[] = issueDays.map((issueDay, position) => {
    const customer = random.pick(customers)
    const issueDate = fromDayNumber(issueDay)
    const total = random.chance(0.5) ? toCents(customer.plan_price) : random.int(500, 250000)
    const open = random.chance(0.06) && total > 1000 ? random.int(100, total - 1) : total
    const collected = customer.mandate_id !== null && random.chance(0.7)
    const item: OpenItem = {
      invoice_id: `inv_${String(position + 1).padStart(6, "0")}`,
      invoice_number: `RE-2026-${String(position + 1).padStart(6, "0")}`,
      customer_id: customer.customer_id,
      customer_number: customer.customer_number,
      customer_name: customer.customer_name,
      currency: "EUR",
      open_amount: formatCents(open),
      total_amount: formatCents(total),
      issue_date: issueDate,
      due_date: addDays(issueDate, 14),
      end_to_end_ids: collected ? [`SDD${String(position + 1).padStart(7, "0")}${random.int(100000, 999999)}`] : [],
      mandate_id: collected ? customer.mandate_id : null,
      collection_date: collected ? addDays(issueDate, 14) : null,
    }
    customer.items.push(item)
    return item
  })
  const customerById = new Map(customers.map((customer) => [customer.customer_id, customer]))
  const itemByNumber = new Map(openItems.map((item) => [normalizeReference(item.invoice_number), item]))
  const openAmounts = new Set(openItems.map((item) => toCents(item.open_amount)))
  const numberById = new Map(openItems.map((item) => [item.invoice_id, item.invoice_number]))
  const used = new Set<string>()
  const transactions: ScenarioTransaction[] = []

  const unusedItems = (customer: Customer) => customer.items.filter((item) => !used.has(item.invoice_id))
  const findItem = (accept: (item: OpenItem) => boolean): OpenItem | null => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const item = random.pick(openItems)
      if (!used.has(item.invoice_id) && accept(item)) {
        return item
      }
    }
    return null
  }
  const bookingDateFor = (items: readonly OpenItem[]) => {
    const latestIssue = Math.max(...items.map((item) => toDayNumber(item.issue_date)))
    const due = Math.max(...items.map((item) => toDayNumber(item.due_date)))
    return fromDayNumber(Math.max(latestIssue, due + random.int(-10, 25)))
  }
  const randomIban = () => germanIban(random.int(90000000, 99999999), random.int(1, 999999999))
  const isKnown = (customer: Customer) => knownIbans.get(customer.iban)?.includes(customer.customer_id) ?? false

  const add = (
    kind: ScenarioKind,
    input: Omit<MatchInput, "currency">,
    expected: ExpectedAllocation[] | null
  ): void => {
    const transaction: BankTransaction = {
      amount: input.amount,
      direction: "credit",
      end_to_end_id: input.end_to_end_id,
      mandate_id: input.mandate_id,
      creditor_id: null,
      account_servicer_reference: null,
      remittance_text: input.remittance_text,
      structured_reference: input.structured_reference,
      counterparty_name: input.counterparty_name,
      counterparty_iban: input.counterparty_iban,
      counterparty_bic: null,
      return_reason: null,
      fee_amount: null,
    }
    const entry: BankEntry = {
      entry_reference: `NTRY-${transactions.length + 1}`,
      booking_date: input.booking_date,
      value_date: input.booking_date,
      amount: input.amount,
      direction: "credit",
      currency: "EUR",
      reversal: false,
      status: "booked",
      bank_transaction_code: kind === "direct_debit" ? "PMNT/IDDT/ESDD" : "PMNT/RCDT/ESCT",
      transactions: [transaction],
    }
    const matchInput = toMatchInput(entry, transaction)
    if (!matchInput) {
      throw new Error("generateMatchingScenario: generated a transaction that is not a credit")
    }
    expected?.forEach((allocation) => used.add(allocation.invoice_id))
    const written = normalizeReference(`${input.remittance_text} ${input.structured_reference ?? ""}`)
    transactions.push({
      id: `tx_${String(transactions.length + 1).padStart(6, "0")}`,
      kind,
      entry,
      input: matchInput,
      expected,
      clean_reference:
        CLEAN_KINDS.has(kind) &&
        (expected ?? []).every((allocation) => written.includes(normalizeReference(numberById.get(allocation.invoice_id) ?? "?"))),
    })
  }
  const payer = (customer: Customer, ownIbanShare: number) => {
    const stranger = random.chance(0.1)
    return {
      counterparty_name: stranger ? `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}` : payerName(random, customer),
      counterparty_iban: !stranger && random.chance(ownIbanShare) ? customer.iban : randomIban(),
    }
  }
  const noReference = { structured_reference: null, end_to_end_id: null, mandate_id: null }
  /** A transfer by the customer (or someone paying for them) with a remittance text. */
  const textPayment = (customer: Customer, items: readonly OpenItem[], cents: number, remittanceText: string) => ({
    amount: formatCents(cents),
    booking_date: bookingDateFor(items),
    remittance_text: remittanceText,
    ...noReference,
    ...payer(customer, 0.85),
  })
  const paying = (item: OpenItem, cents = toCents(item.open_amount)): ExpectedAllocation => ({
    invoice_id: item.invoice_id,
    amount: formatCents(cents),
  })

  const generators: Record<ScenarioKind, () => boolean> = {
    clean_reference: () => {
      const item = findItem(() => true)
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      const amount = toCents(item.open_amount)
      const bookingDate = bookingDateFor([item])
      const structured = random.chance(0.1)
      add(
        "clean_reference",
        {
          amount: item.open_amount,
          booking_date: bookingDate,
          remittance_text: structured ? random.pick(NEUTRAL_TEXTS) : cleanReferenceText(random, item, customer, amount, bookingDate),
          ...noReference,
          structured_reference: structured ? item.invoice_number : null,
          end_to_end_id: random.chance(0.5) ? "NOTPROVIDED" : null,
          ...payer(customer, 0.85),
        },
        [paying(item)]
      )
      return true
    },
    combined_reference: () => {
      const first = findItem((item) => unusedItems(customerById.get(item.customer_id)!).length >= 2)
      if (!first) return false
      const customer = customerById.get(first.customer_id)!
      const others = unusedItems(customer).filter((item) => item !== first)
      const items = [first, ...others.slice(0, random.int(1, Math.min(2, others.length)))]
      const amount = items.reduce((sum, item) => sum + toCents(item.open_amount), 0)
      const numbers = items.map((item) => item.invoice_number)
      const text = random.chance(0.2)
        ? `${numbers[0]} + ${numbers.slice(1).map((number) => number.slice(8)).join(" + ")}`
        : `Rechnungen ${numbers.slice(0, -1).join(", ")} und ${numbers[numbers.length - 1]}`
      add(
        "combined_reference",
        textPayment(customer, items, amount, text),
        items.map((item) => paying(item))
      )
      return true
    },
    short_payment: () => {
      const item = findItem((candidate) => toCents(candidate.open_amount) > 200)
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      const paid = toCents(item.open_amount) - random.int(1, 100)
      add(
        "short_payment",
        textPayment(customer, [item], paid, `Rechnung ${item.invoice_number}`),
        [paying(item, paid)]
      )
      return true
    },
    partial_payment: () => {
      const item = findItem((candidate) => toCents(candidate.open_amount) >= 1000)
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      const open = toCents(item.open_amount)
      const paid = Math.max(1, Math.floor((open * random.int(20, 80)) / 100))
      add(
        "partial_payment",
        textPayment(customer, [item], paid, `Teilzahlung ${item.invoice_number}`),
        [paying(item, paid)]
      )
      return true
    },
    overpayment: () => {
      const item = findItem(() => true)
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      const paid = toCents(item.open_amount) + random.int(100, 5000)
      add(
        "overpayment",
        textPayment(customer, [item], paid, `Rechnung ${item.invoice_number}`),
        [paying(item)]
      )
      return true
    },
    direct_debit: () => {
      const item = findItem((candidate) => (candidate.end_to_end_ids ?? []).length > 0)
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      add(
        "direct_debit",
        {
          amount: item.open_amount,
          booking_date: item.collection_date!,
          remittance_text: `${item.invoice_number} Abo ${customer.customer_name}`,
          structured_reference: null,
          end_to_end_id: item.end_to_end_ids![0],
          mandate_id: item.mandate_id ?? null,
          counterparty_name: payerName(random, customer),
          counterparty_iban: customer.iban,
        },
        [paying(item)]
      )
      return true
    },
    typo_ocr: () => {
      const item = findItem(() => true)
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      add(
        "typo_ocr",
        textPayment(customer, [item], toCents(item.open_amount), `Rechnung ${ocrTypo(random, item.invoice_number)}`),
        [paying(item)]
      )
      return true
    },
    typo_edit: () => {
      const item = findItem(() => true)
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      const typo = editTypo(random, item.invoice_number)
      const hit = itemByNumber.get(normalizeReference(typo))
      // A typo that names another open invoice of the same amount cannot be told from a
      // correct reference to it, so it has no knowable truth.
      if (typo === item.invoice_number || (hit && hit.open_amount === item.open_amount)) return false
      add(
        "typo_edit",
        textPayment(customer, [item], toCents(item.open_amount), `Rechnung ${typo}`),
        [paying(item)]
      )
      return true
    },
    customer_number: () => {
      const item = findItem((candidate) => candidate.customer_number !== null)
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      add(
        "customer_number",
        {
          amount: item.open_amount,
          booking_date: bookingDateFor([item]),
          remittance_text: random.chance(0.5)
            ? `Kundennummer ${customer.customer_number}`
            : `Kd-Nr. ${customer.customer_number!.slice(2)} Zahlung`,
          ...noReference,
          ...payer(customer, 0.5),
        },
        [paying(item)]
      )
      return true
    },
    iban_amount: () => {
      const item = findItem((candidate) => {
        const customer = customerById.get(candidate.customer_id)!
        return isKnown(customer) && knownIbans.get(customer.iban)!.length === 1
      })
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      add(
        "iban_amount",
        {
          amount: item.open_amount,
          booking_date: bookingDateFor([item]),
          remittance_text: random.pick(NEUTRAL_TEXTS),
          ...noReference,
          counterparty_name: random.chance(0.5) ? payerName(random, customer) : `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
          counterparty_iban: customer.iban,
        },
        [paying(item)]
      )
      return true
    },
    iban_subset: () => {
      const item = findItem((candidate) => {
        const customer = customerById.get(candidate.customer_id)!
        return isKnown(customer) && customer.items.length >= 2 && !customer.items.slice(0, 2).some((other) => used.has(other.invoice_id))
      })
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      const items = customer.items.slice(0, 2)
      const amount = items.reduce((sum, other) => sum + toCents(other.open_amount), 0)
      add(
        "iban_subset",
        {
          amount: formatCents(amount),
          booking_date: bookingDateFor(items),
          remittance_text: random.pick(NEUTRAL_TEXTS),
          ...noReference,
          counterparty_name: payerName(random, customer),
          counterparty_iban: customer.iban,
        },
        items.map((other) => paying(other))
      )
      return true
    },
    equal_amounts: () => {
      const item = findItem((candidate) => {
        const customer = customerById.get(candidate.customer_id)!
        const twins = unusedItems(customer).filter((other) => other !== candidate && other.open_amount === candidate.open_amount)
        return isKnown(customer) && twins.length > 0
      })
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      add(
        "equal_amounts",
        {
          amount: item.open_amount,
          booking_date: bookingDateFor([item]),
          remittance_text: random.pick(NEUTRAL_TEXTS),
          ...noReference,
          counterparty_name: payerName(random, customer),
          counterparty_iban: customer.iban,
        },
        [paying(item)]
      )
      return true
    },
    name_only: () => {
      const item = findItem(() => true)
      if (!item) return false
      const customer = customerById.get(item.customer_id)!
      add(
        "name_only",
        {
          amount: item.open_amount,
          booking_date: bookingDateFor([item]),
          remittance_text: random.pick(NEUTRAL_TEXTS),
          ...noReference,
          counterparty_name: payerName(random, customer),
          counterparty_iban: randomIban(),
        },
        [paying(item)]
      )
      return true
    },
    similar_names: () => {
      if (similarNamePairs.length === 0) return false
      const pair = random.pick(similarNamePairs)
      const customer = random.pick(pair)
      const twin = pair[0] === customer ? pair[1] : pair[0]
      const sameAsTwin = (candidate: OpenItem) => twin.items.some((other) => other.open_amount === candidate.open_amount)
      const item = unusedItems(customer).find(sameAsTwin) ?? unusedItems(customer)[0]
      if (!item) return false
      add(
        "similar_names",
        {
          amount: item.open_amount,
          booking_date: bookingDateFor([item]),
          remittance_text: random.pick(NEUTRAL_TEXTS),
          ...noReference,
          counterparty_name: payerName(random, customer),
          counterparty_iban: randomIban(),
        },
        [paying(item)]
      )
      return true
    },
    noise: () => {
      const fromCustomer = random.chance(0.2) ? random.pick(customers) : null
      // An amount that equals open items of the payer would be a payment of them.
      const oldest = (fromCustomer?.items ?? []).slice(0, 12).map((item) => toCents(item.open_amount))
      let amount = random.int(500, 300000)
      while (openAmounts.has(amount) || findExactSubsets(oldest, amount, { max_solutions: 1, max_nodes: 10_000 }).solutions.length > 0) {
        amount += 1
      }
      add(
        "noise",
        {
          amount: formatCents(amount),
          booking_date: fromDayNumber(START_DAY + random.int(0, ISSUE_SPAN_DAYS + 30)),
          remittance_text: random.pick(NOISE_TEXTS),
          ...noReference,
          counterparty_name: fromCustomer
            ? payerName(random, fromCustomer)
            : random.chance(0.5)
              ? random.pick(NOISE_PAYERS)
              : companyName(random),
          counterparty_iban: fromCustomer ? fromCustomer.iban : randomIban(),
        },
        null
      )
      return true
    },
  }

  const totalWeight = KIND_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0)
  while (transactions.length < size.transactions) {
    let roll = random.next() * totalWeight
    const [kind] = KIND_WEIGHTS.find(([, weight]) => (roll -= weight) < 0) ?? KIND_WEIGHTS[0]
    if (!generators[kind]()) {
      generators.noise()
    }
  }
  return { seed, open_items: openItems, known_ibans: knownIbans, transactions, config: { write_off_tolerance: "1.00" } }
}

/** True when the result allocates exactly the expected amounts to exactly the expected invoices. */
export function isExpectedAllocation(
  allocations: readonly { invoice_id: string; amount: string }[],
  expected: readonly ExpectedAllocation[] | null
): boolean {
  const paid = (list: readonly { invoice_id: string; amount: string }[]) =>
    list
      .filter((allocation) => toCents(allocation.amount) > 0)
      .map((allocation) => `${allocation.invoice_id}=${toCents(allocation.amount)}`)
      .sort()
      .join(",")
  return expected !== null && paid(allocations) === paid(expected)
}

export interface DecisionCounts {
  total: number
  auto: number
  review: number
  unmatched: number
  wrong_auto: number
}

export interface MatchingEvaluation extends DecisionCounts {
  wrong_auto_ids: string[]
  clean_reference_total: number
  clean_reference_auto: number
  /** Review decisions whose first suggestion is the truth. */
  review_first_suggestion_right: number
  by_kind: Partial<Record<ScenarioKind, DecisionCounts>>
}

/** Counts decisions; an automatic booking is wrong unless it allocates exactly the truth. */
export function evaluateMatching(transactions: readonly ScenarioTransaction[], results: readonly MatchResult[]): MatchingEvaluation {
  if (transactions.length !== results.length) {
    throw new Error(`evaluateMatching: ${transactions.length} transactions but ${results.length} results`)
  }
  const evaluation: MatchingEvaluation = {
    total: 0,
    auto: 0,
    review: 0,
    unmatched: 0,
    wrong_auto: 0,
    wrong_auto_ids: [],
    clean_reference_total: 0,
    clean_reference_auto: 0,
    review_first_suggestion_right: 0,
    by_kind: {},
  }
  transactions.forEach((transaction, position) => {
    const result = results[position]
    const kind = (evaluation.by_kind[transaction.kind] ??= { total: 0, auto: 0, review: 0, unmatched: 0, wrong_auto: 0 })
    const wrong = result.decision === "auto" && !isExpectedAllocation(result.allocations, transaction.expected)
    for (const counts of [evaluation, kind]) {
      counts.total += 1
      counts[result.decision] += 1
      counts.wrong_auto += wrong ? 1 : 0
    }
    if (wrong) {
      evaluation.wrong_auto_ids.push(transaction.id)
    }
    if (transaction.clean_reference) {
      evaluation.clean_reference_total += 1
      evaluation.clean_reference_auto += result.decision === "auto" ? 1 : 0
    }
    const first = result.suggestions[0]
    if (result.decision === "review" && first && isExpectedAllocation(first.allocations, transaction.expected)) {
      evaluation.review_first_suggestion_right += 1
    }
  })
  return evaluation
}
