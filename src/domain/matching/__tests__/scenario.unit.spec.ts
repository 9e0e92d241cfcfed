import { toCents } from "../cents"
import { matchTransaction } from "../match-transaction"
import { normalizeReference } from "../normalize"
import { buildOpenItemIndex } from "../open-item-index"
import {
  evaluateMatching,
  generateMatchingScenario,
  isExpectedAllocation,
  type MatchingScenario,
  type ScenarioKind,
} from "../scenario"
import type { MatchResult } from "../types"

const SIZE = { transactions: 2000, openInvoices: 20000 }
const scenario = generateMatchingScenario(20260301, SIZE)

describe("generateMatchingScenario", () => {
  it("is deterministic per seed", () => {
    const again = generateMatchingScenario(20260301, { transactions: 300, openInvoices: 2000 })
    const same = generateMatchingScenario(20260301, { transactions: 300, openInvoices: 2000 })
    const other = generateMatchingScenario(20260302, { transactions: 300, openInvoices: 2000 })
    expect(JSON.stringify(same)).toBe(JSON.stringify(again))
    expect(JSON.stringify(other.transactions)).not.toBe(JSON.stringify(again.transactions))
  })

  it("numbers the invoices RE-2026-000001 … in order of issue", () => {
    expect(scenario.open_items).toHaveLength(SIZE.openInvoices)
    expect(scenario.open_items[0].invoice_number).toBe("RE-2026-000001")
    expect(scenario.open_items[SIZE.openInvoices - 1].invoice_number).toBe("RE-2026-020000")
    const issueDates = scenario.open_items.map((item) => item.issue_date)
    expect([...issueDates].sort()).toEqual(issueDates)
  })

  it("mixes every kind, about half of them with a clean reference", () => {
    expect(scenario.transactions).toHaveLength(SIZE.transactions)
    const kinds = new Set(scenario.transactions.map((transaction) => transaction.kind))
    const all: ScenarioKind[] = [
      "clean_reference", "combined_reference", "short_payment", "partial_payment", "overpayment", "direct_debit",
      "typo_ocr", "typo_edit", "customer_number", "iban_amount", "iban_subset", "equal_amounts", "name_only",
      "similar_names", "noise",
    ]
    expect([...kinds].sort()).toEqual([...all].sort())
    const clean = scenario.transactions.filter((transaction) => transaction.clean_reference).length / SIZE.transactions
    expect(clean).toBeGreaterThan(0.45)
    expect(clean).toBeLessThan(0.65)
  })

  it("has a consistent ground truth", () => {
    const openById = new Map(scenario.open_items.map((item) => [item.invoice_id, item]))
    const paid = new Set<string>()
    const openAmounts = new Set(scenario.open_items.map((item) => item.open_amount))
    for (const transaction of scenario.transactions) {
      const texts = normalizeReference(`${transaction.input.remittance_text} ${transaction.input.structured_reference ?? ""}`)
      if (transaction.expected === null) {
        expect(transaction.kind).toBe("noise")
        expect(openAmounts.has(transaction.input.amount)).toBe(false)
        continue
      }
      let sum = 0
      for (const allocation of transaction.expected) {
        const item = openById.get(allocation.invoice_id)
        expect(item).toBeDefined()
        expect(paid.has(allocation.invoice_id)).toBe(false)
        paid.add(allocation.invoice_id)
        expect(toCents(allocation.amount)).toBeLessThanOrEqual(toCents(item!.open_amount))
        if (transaction.clean_reference) {
          expect(texts).toContain(normalizeReference(item!.invoice_number))
        }
        sum += toCents(allocation.amount)
      }
      expect(sum).toBeLessThanOrEqual(toCents(transaction.input.amount))
    }
  })

  it("learns IBANs for some customers, one of them shared", () => {
    const customersPerIban = [...scenario.known_ibans.values()].map((customers) => customers.length)
    expect(customersPerIban.length).toBeGreaterThan(SIZE.openInvoices / 4 / 2)
    expect(Math.max(...customersPerIban)).toBeGreaterThan(1)
  })

  it("rejects a scenario too small to build", () => {
    expect(() => generateMatchingScenario(1, { transactions: 10, openInvoices: 5 })).toThrow("at least 10 open invoices")
  })
})

describe("isExpectedAllocation / evaluateMatching", () => {
  it.each<[{ invoice_id: string; amount: string }[], { invoice_id: string; amount: string }[] | null, boolean]>([
    [[{ invoice_id: "a", amount: "1.00" }], [{ invoice_id: "a", amount: "1.00" }], true],
    [[{ invoice_id: "a", amount: "1.0" }, { invoice_id: "b", amount: "2.00" }], [{ invoice_id: "b", amount: "2" }, { invoice_id: "a", amount: "1.00" }], true],
    [[{ invoice_id: "a", amount: "1.00" }, { invoice_id: "b", amount: "0.00" }], [{ invoice_id: "a", amount: "1.00" }], true],
    [[{ invoice_id: "a", amount: "1.00" }], [{ invoice_id: "a", amount: "1.01" }], false],
    [[{ invoice_id: "a", amount: "1.00" }], [{ invoice_id: "b", amount: "1.00" }], false],
    [[{ invoice_id: "a", amount: "1.00" }], [], false],
    [[], null, false],
  ])("%j vs %j → %s", (allocations, expected, same) => {
    expect(isExpectedAllocation(allocations, expected)).toBe(same)
  })

  it("counts an automatic booking of the wrong invoice, or of a payment that pays none, as wrong", () => {
    const small = generateMatchingScenario(7, { transactions: 40, openInvoices: 200 })
    const paying = small.transactions.find((transaction) => transaction.expected !== null)!
    const noise = small.transactions.find((transaction) => transaction.expected === null)!
    const auto = (invoiceId: string): MatchResult => ({
      decision: "auto",
      confidence: 1,
      allocations: [{ invoice_id: invoiceId, invoice_number: "x", amount: paying.input.amount, write_off_amount: "0.00" }],
      customer_id: null,
      credit_amount: "0.00",
      write_off_amount: "0.00",
      suggestions: [],
    })
    const evaluation = evaluateMatching([paying, noise], [auto("inv_unknown"), auto("inv_000001")])
    expect(evaluation).toMatchObject({ total: 2, auto: 2, wrong_auto: 2, wrong_auto_ids: [paying.id, noise.id] })
    expect(() => evaluateMatching([paying], [])).toThrow("1 transactions but 0 results")
  })
})

describe("matching the scenario (2,000 payments against 20,000 open invoices)", () => {
  function run(world: MatchingScenario) {
    const index = buildOpenItemIndex(world.open_items)
    // CPU time rather than wall time: a busy test machine must not fail the test.
    const started = process.cpuUsage()
    const results = world.transactions.map((transaction) => matchTransaction(transaction.input, index, world.known_ibans, world.config))
    const used = process.cpuUsage(started)
    const microsPerTransaction = (used.user + used.system) / results.length
    return { results, evaluation: evaluateMatching(world.transactions, results), microsPerTransaction }
  }
  const { results, evaluation, microsPerTransaction } = run(scenario)

  it("books nothing wrongly and ≥ 90 % of clean references automatically", () => {
    // eslint-disable-next-line no-console
    console.log(
      JSON.stringify({
        auto: evaluation.auto,
        review: evaluation.review,
        unmatched: evaluation.unmatched,
        wrong_auto: evaluation.wrong_auto,
        clean_reference_auto: `${evaluation.clean_reference_auto}/${evaluation.clean_reference_total}`,
        review_first_suggestion_right: evaluation.review_first_suggestion_right,
        cpu_micros_per_transaction: Math.round(microsPerTransaction),
      })
    )
    expect(evaluation.wrong_auto_ids).toEqual([])
    expect(evaluation.clean_reference_auto / evaluation.clean_reference_total).toBeGreaterThanOrEqual(0.9)
  })

  it.each<[ScenarioKind, "auto" | "review" | "unmatched", number]>([
    ["clean_reference", "auto", 0.98],
    ["combined_reference", "auto", 0.95],
    ["direct_debit", "auto", 1],
    ["short_payment", "auto", 0.9],
    ["noise", "unmatched", 0.95],
    ["name_only", "review", 0.95],
    ["equal_amounts", "review", 1],
    ["similar_names", "review", 0.9],
  ])("decides %s mostly %s (≥ %d)", (kind, decision, share) => {
    const counts = evaluation.by_kind[kind]!
    expect(counts[decision] / counts.total).toBeGreaterThanOrEqual(share)
  })

  it("never allocates more than paid or more than open", () => {
    const openById = new Map(scenario.open_items.map((item) => [item.invoice_id, toCents(item.open_amount)]))
    results.forEach((result, position) => {
      const paid = toCents(scenario.transactions[position].input.amount)
      for (const suggestion of result.suggestions) {
        const allocated = suggestion.allocations.reduce((sum, allocation) => sum + toCents(allocation.amount), 0)
        expect(allocated + toCents(suggestion.credit_amount)).toBe(paid)
        for (const allocation of suggestion.allocations) {
          expect(toCents(allocation.amount) + toCents(allocation.write_off_amount)).toBeLessThanOrEqual(openById.get(allocation.invoice_id)!)
        }
      }
      const confidences = result.suggestions.map((suggestion) => suggestion.confidence)
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a))
      expect(result.suggestions.length).toBeLessThanOrEqual(5)
    })
  })

  it("matches a payment in well under a millisecond on average", () => {
    expect(microsPerTransaction).toBeLessThan(1000)
  })
})
