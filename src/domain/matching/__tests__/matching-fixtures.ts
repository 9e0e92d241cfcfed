import type { MatchInput, OpenItem } from "../types"

/** A small world for matching tests: four customers (A and D with near-identical names). */
export const CUSTOMERS = {
  a: { customer_id: "cus_a", customer_number: "K-100001", customer_name: "Müller Bau GmbH" },
  b: { customer_id: "cus_b", customer_number: "K-100002", customer_name: "Schmidt Software AG" },
  c: { customer_id: "cus_c", customer_number: null, customer_name: "Hans Weber" },
  d: { customer_id: "cus_d", customer_number: "K-100004", customer_name: "Müller Bau AG" },
} as const

export type CustomerKey = keyof typeof CUSTOMERS

export const IBAN = {
  a: "DE89370400440532013000",
  b: "DE02120300000000202051",
  c: "DE12500105170648489890",
  shared: "DE75512108001245126199",
  stranger: "DE44500105175407324931",
} as const

/** IBANs learned earlier: A's and B's, and one account paying for both C and D. */
export const KNOWN_IBANS: ReadonlyMap<string, readonly string[]> = new Map([
  [IBAN.a, ["cus_a"]],
  [IBAN.b, ["cus_b"]],
  [IBAN.shared, ["cus_c", "cus_d"]],
])

/** Invoice RE-2026-<seq> of a customer, issued 2026-02-01, due 2026-02-15, fully open. */
export function openItem(seq: number, customer: CustomerKey, open: string, extra: Partial<OpenItem> = {}): OpenItem {
  return {
    invoice_id: `inv_${seq}`,
    invoice_number: `RE-2026-${String(seq).padStart(6, "0")}`,
    ...CUSTOMERS[customer],
    currency: "EUR",
    open_amount: open,
    total_amount: open,
    issue_date: "2026-02-01",
    due_date: "2026-02-15",
    ...extra,
  }
}

/** A payment booked 2026-02-20 in EUR without any evidence unless given. */
export function payment(extra: Partial<MatchInput>): MatchInput {
  return {
    amount: "1.00",
    currency: "EUR",
    booking_date: "2026-02-20",
    remittance_text: "",
    structured_reference: null,
    end_to_end_id: null,
    mandate_id: null,
    counterparty_name: null,
    counterparty_iban: null,
    ...extra,
  }
}
