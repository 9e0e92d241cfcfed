import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { Api, createArticle, createProject, createTaxSetup } from "./catalog"
import { AuthHeaders } from "./http"

/** Today's date (UTC) as the API uses it for issue dates, and a date `days` after it. */
export function todayIso(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

/** The year in invoice numbers (`RE-{YYYY}-…` uses the issue date, which is today). */
export const issueYear = () => todayIso().slice(0, 4)

/** A project with one monthly article at 30.00 EUR net (19 %) — the fixture the billing tests start from. */
export async function createMonthlyBoxShop(api: Api, auth: AuthHeaders, articleName = "Snack box") {
  const project = await createProject(api, auth, { code: "box", name: "Snack Box" })
  const { articleGroup } = await createTaxSetup(api, auth)
  const box = await createArticle(api, auth, {
    project_id: project.id,
    article_group_id: articleGroup.id,
    number: "SNACK",
    name: articleName,
    unit: "MONTH",
    price_variants: [{ currency_code: "EUR", amount: "30.00", valid_from: "2020-01-01" }],
  })
  return { project, articleGroup, box }
}

/** Creates a contract and activates it; `body` overrides the defaults (monthly from 2024-01-01). */
export async function createActiveContract(api: Api, auth: AuthHeaders, body: Record<string, unknown>) {
  const created = await api.post(
    "/admin/billing/contracts",
    { start_date: "2024-01-01", interval_unit: "MONTH", ...body },
    auth
  )
  const activated = await api.post(`/admin/billing/contracts/${created.data.contract.id}/activate`, {}, auth)
  expect(activated.data.contract.status).toBe("active")
  return activated.data.contract
}

export async function startRun(api: Api, auth: AuthHeaders, body: Record<string, unknown>) {
  const res = await api.post("/admin/billing/runs", body, auth)
  expect(res.status).toBe(body.dry_run ? 200 : 201)
  return res.data.run
}

export async function getInvoice(api: Api, auth: AuthHeaders, id: string) {
  return (await api.get(`/admin/billing/invoices/${id}`, auth)).data.invoice
}

export async function balanceOf(api: Api, auth: AuthHeaders, customerId: string, currency = "eur"): Promise<string> {
  const res = await api.get(`/admin/billing/customers/${customerId}/ledger?currency_code=${currency}`, auth)
  expect(res.data.currency_code).toBe(currency)
  return res.data.balance
}

/** The customer's open items reduced to number → open amount. */
export async function openItemsOf(api: Api, auth: AuthHeaders, customerId: string): Promise<Record<string, string>> {
  const res = await api.get(`/admin/billing/customers/${customerId}/open-items`, auth)
  return Object.fromEntries(res.data.open_items.map((item: any) => [item.number, item.open_amount]))
}

/** Counts through the list routes: runs, invoices, and the activities of the given contracts. */
export async function counts(api: Api, auth: AuthHeaders, contractIds: string[]) {
  const runs = (await api.get("/admin/billing/runs", auth)).data.count
  const invoices = (await api.get("/admin/billing/invoices", auth)).data.count
  let activities = 0
  for (const id of contractIds) {
    activities += (await api.get(`/admin/billing/contracts/${id}/activities`, auth)).data.count
  }
  return { runs, invoices, activities }
}

/** Invoice lines as compact tuples: [service_from, quantity, unit_price, net_amount, tax_rate, tax_category]. */
export function lineTuples(invoice: { lines: any[] }) {
  return [...invoice.lines]
    .sort((a, b) => a.position - b.position)
    .map((l) => [l.service_from, l.quantity, l.unit_price, l.net_amount, l.tax_rate, l.tax_category])
}

/** An invoice's money fields (numbers as Medusa's query returns them). */
export function totalsOf(invoice: any) {
  return {
    net_total: invoice.net_total,
    tax_total: invoice.tax_total,
    gross_total: invoice.gross_total,
    credit_applied: invoice.credit_applied,
    amount_due: invoice.amount_due,
  }
}

const cents = (value: unknown) => Number(value ?? 0).toFixed(2)

/**
 * The ledger invariants, read straight from the database: every posting has at least two entries and sums
 * to exactly 0; per currency, the customer accounts sum to `expected` (what the test worked out from
 * invoices, cancellations and bookings) and — independently — to the gross totals of all issued documents
 * (cancellations negative) plus the manual bookings on customer accounts. Credit offsets move credit
 * between invoices on the customer account and must not change that sum.
 */
export async function assertLedgerInvariant(container: MedusaContainer, expected: Record<string, string>) {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const unbalanced = await pg.raw(
    `SELECT p.id, p.kind, p.idempotency_key, COUNT(e.id)::int AS entries, COALESCE(SUM(e.amount), 0)::text AS total
       FROM billing_ledger_posting p
       LEFT JOIN billing_ledger_entry e ON e.posting_id = p.id AND e.deleted_at IS NULL
      WHERE p.deleted_at IS NULL
      GROUP BY p.id, p.kind, p.idempotency_key
     HAVING COALESCE(SUM(e.amount), 0) <> 0 OR COUNT(e.id) < 2`
  )
  expect(unbalanced.rows).toEqual([])
  const orphans = await pg.raw(
    `SELECT e.id FROM billing_ledger_entry e LEFT JOIN billing_ledger_posting p ON p.id = e.posting_id WHERE p.id IS NULL`
  )
  expect(orphans.rows).toEqual([])

  const customer = await pg.raw(
    `SELECT a.currency_code, SUM(e.amount)::text AS total
       FROM billing_ledger_entry e JOIN billing_ledger_account a ON a.id = e.account_id
      WHERE a.kind = 'customer' AND e.deleted_at IS NULL
      GROUP BY a.currency_code`
  )
  const actual = Object.fromEntries(customer.rows.map((r: any) => [r.currency_code, cents(r.total)]))
  expect(actual).toEqual(Object.fromEntries(Object.entries(expected).map(([currency, total]) => [currency, cents(total)])))

  const documents = await pg.raw(
    `SELECT currency_code, SUM(gross_total)::text AS total FROM billing_invoice
      WHERE deleted_at IS NULL AND status <> 'draft' GROUP BY currency_code`
  )
  const manual = await pg.raw(
    `SELECT a.currency_code, SUM(e.amount)::text AS total
       FROM billing_ledger_entry e
       JOIN billing_ledger_account a ON a.id = e.account_id
       JOIN billing_ledger_posting p ON p.id = e.posting_id
      WHERE a.kind = 'customer' AND p.kind NOT IN ('invoice', 'cancellation', 'credit_offset') AND e.deleted_at IS NULL
      GROUP BY a.currency_code`
  )
  const derived: Record<string, number> = {}
  for (const row of [...documents.rows, ...manual.rows]) {
    derived[row.currency_code] = (derived[row.currency_code] ?? 0) + Math.round(Number(row.total) * 100)
  }
  expect(Object.fromEntries(Object.entries(derived).map(([c, v]) => [c, (v / 100).toFixed(2)]))).toEqual(actual)

  // Every issued document is posted exactly once.
  const unposted = await pg.raw(
    `SELECT i.id, i.number FROM billing_invoice i
      WHERE i.deleted_at IS NULL AND i.status <> 'draft'
        AND NOT EXISTS (SELECT 1 FROM billing_ledger_posting p WHERE p.idempotency_key = i.kind || ':' || i.id AND p.deleted_at IS NULL)`
  )
  expect(unposted.rows).toEqual([])
}
