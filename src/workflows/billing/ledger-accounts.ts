import { AccountRef, accountKey, Entry } from "../../domain/ledger/postings"
import { AccountSpec, PostingInput } from "../../modules/billing-ledger/service"

/** The ledger module's account record for a domain account reference, per currency. */
export function accountSpec(ref: AccountRef, currencyCode: string): AccountSpec {
  const code = `${accountKey(ref)}:${currencyCode}`
  switch (ref.kind) {
    case "customer":
      return { code, kind: "customer", customer_id: ref.customer_id, name: `Customer ${ref.customer_id} (${currencyCode.toUpperCase()})` }
    case "revenue":
      return { code, kind: "revenue", tax_rate: ref.rate, tax_category: ref.category, name: `Revenue ${ref.category} ${ref.rate} % (${currencyCode.toUpperCase()})` }
    case "vat":
      return { code, kind: "vat", tax_rate: ref.rate, name: `VAT ${ref.rate} % (${currencyCode.toUpperCase()})` }
    default:
      return { code, kind: ref.kind, name: `${ref.kind.replace("_", " ")} (${currencyCode.toUpperCase()})` }
  }
}

/** Domain entries → ledger entries; entries on the customer account carry the invoice they belong to. */
export function postingEntries(entries: Entry[], currencyCode: string, invoiceId: string | null): PostingInput["entries"] {
  return entries.map((entry) => ({
    account: accountSpec(entry.account, currencyCode),
    amount: entry.amount,
    invoice_id: entry.account.kind === "customer" ? invoiceId : null,
  }))
}
