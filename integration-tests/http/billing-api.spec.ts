import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders } from "../helpers/admin"
import {
  assertLedgerInvariant,
  balanceOf,
  counts,
  createActiveContract,
  createMonthlyBoxShop,
  getInvoice,
  issueYear,
  lineTuples,
  openItemsOf,
  startRun,
  todayIso,
  totalsOf,
} from "../helpers/billing"
import { Api, createArticle, createProject, createTaxSetup } from "../helpers/catalog"
import {
  AuthHeaders,
  createCustomer,
  expectBadRequest,
  expectNotFound,
  expectUnauthorized,
  failure,
} from "../helpers/http"

jest.setTimeout(120_000)

const SMALL_BUSINESS_NOTE = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."
const REVERSE_CHARGE_NOTE = "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge) – VAT reverse charge"

interface Fixture {
  auth: AuthHeaders
  erika: { id: string }
  max: { id: string }
  project: any
  articleGroup: any
  /** Monthly snack box, EUR 30.00 net, 19 %. */
  box: any
}

/** The three months of Q1 2024 at one price, as [service_from, quantity, unit_price, net, rate, category]. */
const q1 = (price: number, rate = 19, category = "S") => [
  ["2024-01-01", 1, price, price, rate, category],
  ["2024-02-01", 1, price, price, rate, category],
  ["2024-03-01", 1, price, price, rate, category],
]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fx: Fixture
    const container = () => getContainer()
    const bookings = (customerId: string) => `/admin/billing/customers/${customerId}/ledger/bookings`
    const contractFor = (customer: { id: string }, body: Record<string, unknown> = {}) =>
      createActiveContract(api as Api, fx.auth, {
        project_id: fx.project.id,
        customer_id: customer.id,
        items: [{ article_id: fx.box.id }],
        ...body,
      })

    // The runner restores the database before every test, so the fixture is rebuilt for each one.
    beforeEach(async () => {
      const auth = await adminHeaders(container())
      const erika = await createCustomer(container(), "erika@example.com", "Erika")
      const max = await createCustomer(container(), "max@example.com", "Max")
      const { project, articleGroup, box } = await createMonthlyBoxShop(api, auth)
      fx = { auth, erika, max, project, articleGroup, box }
    })

    it("story 16: bills, cancels (unpaid and paid), re-bills with a new price and offsets the credit in an interim invoice", async () => {
      const { auth } = fx
      const year = issueYear()
      // Both subscriptions ran January to March 2024; Erika never paid, Max paid his invoice.
      const erikaContract = await contractFor(fx.erika, { end_date: "2024-03-31" })
      const maxContract = await contractFor(fx.max, { end_date: "2024-03-31" })

      const run = await startRun(api, auth, { as_of: "2024-03-15", contract_ids: [erikaContract.id] })
      expect(run).toEqual(
        expect.objectContaining({ contracts_processed: 1, activities_created: 3, invoices_issued: 1, errors: [] })
      )
      expect(run.invoice_ids).toHaveLength(1)
      const e1 = await getInvoice(api, auth, run.invoice_ids[0])
      expect(e1).toEqual(
        expect.objectContaining({
          kind: "invoice",
          status: "issued",
          number: `RE-${year}-000001`,
          contract_id: erikaContract.id,
          contract_number: erikaContract.number,
          customer_id: fx.erika.id,
          billing_run_id: run.run_id,
          currency_code: "eur",
          issue_date: todayIso(),
          due_date: todayIso(14),
          service_from: "2024-01-01",
          service_to: "2024-03-31",
          cancels_invoice_id: null,
          cancelled_by_invoice_id: null,
        })
      )
      expect(lineTuples(e1)).toEqual(q1(30))
      expect(totalsOf(e1)).toEqual({ net_total: 90, tax_total: 17.1, gross_total: 107.1, credit_applied: 0, amount_due: 107.1 })
      expect(e1.tax_totals).toEqual([{ category: "S", rate: 19, net: 90, tax: 17.1 }])
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("107.10")
      expect(await openItemsOf(api, auth, fx.erika.id)).toEqual({ [`RE-${year}-000001`]: "107.10" })

      const maxRun = await startRun(api, auth, { as_of: "2024-03-15", contract_ids: [maxContract.id] })
      const m1 = await getInvoice(api, auth, maxRun.invoice_ids[0])
      expect(m1.number).toBe(`RE-${year}-000002`)
      expect(m1.gross_total).toBe(107.1)
      // Max pays his invoice by bank transfer.
      const paid = await api.post(
        bookings(fx.max.id),
        { amount: "107.10", currency_code: "EUR", direction: "credit", reason: "Überweisung", reference: m1.number, invoice_id: m1.id },
        auth
      )
      expect(paid.status).toBe(201)
      expect(await balanceOf(api, auth, fx.max.id)).toBe("0.00")
      expect(await openItemsOf(api, auth, fx.max.id)).toEqual({})

      // 1. Cancel Erika's wrong invoice, releasing its activities for re-billing.
      const cancelled = await api.post(`/admin/billing/invoices/${e1.id}/cancel`, { release_activities: true, reason: "Falscher Preis" }, auth)
      expect(cancelled.status).toBe(200)
      const st1 = cancelled.data.cancellation
      expect(st1).toEqual(
        expect.objectContaining({
          kind: "cancellation",
          status: "issued",
          number: `ST-${year}-000001`,
          cancels_invoice_id: e1.id,
          contract_id: erikaContract.id,
          customer_id: fx.erika.id,
          issue_date: todayIso(),
          service_from: "2024-01-01",
          service_to: "2024-03-31",
          notes: ["Falscher Preis"],
        })
      )
      expect(totalsOf(st1)).toEqual({ net_total: -90, tax_total: -17.1, gross_total: -107.1, credit_applied: 0, amount_due: -107.1 })
      expect(st1.tax_totals).toEqual([{ category: "S", rate: 19, net: -90, tax: -17.1 }])
      expect(lineTuples(st1)).toEqual(q1(30).map(([from, , price, net, rate, cat]) => [from, -1, price, -(net as number), rate, cat]))
      const byPosition = (lines: any[]) => [...lines].sort((a, b) => a.position - b.position)
      expect(byPosition(st1.lines).map((l: any) => [l.negates_line_id, l.activity_id])).toEqual(
        byPosition(e1.lines).map((l: any) => [l.id, l.activity_id])
      )
      expect(cancelled.data.invoice).toEqual(expect.objectContaining({ id: e1.id, status: "cancelled", cancelled_by_invoice_id: st1.id }))
      // The original is unchanged apart from its status.
      expect(totalsOf(cancelled.data.invoice)).toEqual(totalsOf(e1))
      expect(cancelled.data.released_activity_ids.sort()).toEqual(e1.lines.map((l: any) => l.activity_id).sort())
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("0.00")
      expect(await openItemsOf(api, auth, fx.erika.id)).toEqual({})

      // The paid variant: after the cancellation Max has 107.10 credit.
      const maxCancelled = await api.post(`/admin/billing/invoices/${m1.id}/cancel`, { release_activities: true }, auth)
      expect(maxCancelled.data.cancellation.number).toBe(`ST-${year}-000002`)
      expect(maxCancelled.data.cancellation.gross_total).toBe(-107.1)
      expect(await balanceOf(api, auth, fx.max.id)).toBe("-107.10")
      // The credit is on the account (balance), not an open item: nothing is left to pay.
      expect(await openItemsOf(api, auth, fx.max.id)).toEqual({})

      // 2. No unbilled (future) activities are left: the contracts ended with March and the released ones are gone.
      for (const contract of [erikaContract, maxContract]) {
        const activities = await api.get(`/admin/billing/contracts/${contract.id}/activities`, auth)
        expect(activities.data.count).toBe(0)
      }

      // 3. New price 25.00 and 4. billing from the cancelled invoice's service start.
      for (const contract of [erikaContract, maxContract]) {
        const item = contract.items[0]
        const changed = await api.post(
          `/admin/billing/contracts/${contract.id}/items/${item.id}`,
          { custom_unit_price: "25.00", billing_from: e1.service_from },
          auth
        )
        expect(changed.status).toBe(200)
        const updated = changed.data.contract.items.find((i: any) => i.id === item.id)
        expect(updated).toEqual(expect.objectContaining({ billing_from: "2024-01-01", custom_unit_price: 25 }))
      }

      // 5. The billing run re-creates Erika's activities with the new price and bills them.
      const rerun = await startRun(api, auth, { as_of: "2024-03-15", contract_ids: [erikaContract.id] })
      expect(rerun).toEqual(expect.objectContaining({ activities_created: 3, invoices_issued: 1, errors: [] }))
      const e2 = await getInvoice(api, auth, rerun.invoice_ids[0])
      expect(e2.number).toBe(`RE-${year}-000003`)
      expect(lineTuples(e2)).toEqual(q1(25))
      expect(totalsOf(e2)).toEqual({ net_total: 75, tax_total: 14.25, gross_total: 89.25, credit_applied: 0, amount_due: 89.25 })
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("89.25")
      expect(await openItemsOf(api, auth, fx.erika.id)).toEqual({ [`RE-${year}-000003`]: "89.25" })

      // 6. Max: the interim invoice re-creates and bills his three months now and offsets his credit.
      const interim = await api.post(`/admin/billing/contracts/${maxContract.id}/interim-invoice`, {}, auth)
      expect(interim.status).toBe(201)
      expect(interim.data.invoices).toHaveLength(1)
      const m2 = interim.data.invoices[0]
      expect(m2).toEqual(expect.objectContaining({ number: `RE-${year}-000004`, status: "issued", contract_id: maxContract.id }))
      expect(lineTuples(m2)).toEqual(q1(25))
      // credit_applied = min(credit 107.10, gross 89.25)
      expect(totalsOf(m2)).toEqual({ net_total: 75, tax_total: 14.25, gross_total: 89.25, credit_applied: 89.25, amount_due: 0 })
      const interimRun = (await api.get(`/admin/billing/runs/${interim.data.run_id}`, auth)).data.run
      expect(interimRun).toEqual(expect.objectContaining({ trigger: "interim", status: "completed", activities_created: 3, invoices_issued: 1 }))
      expect(await balanceOf(api, auth, fx.max.id)).toBe("-17.85")
      expect(await openItemsOf(api, auth, fx.max.id)).toEqual({})
      const statement = (await api.get(`/admin/billing/customers/${fx.max.id}/ledger?currency_code=eur`, auth)).data
      expect(statement.entries.slice(0, 3).map((e: any) => [e.kind, e.amount, e.balance, e.invoice_id])).toEqual([
        ["invoice", "107.10", "107.10", m1.id],
        ["manual", "-107.10", "0.00", m1.id],
        ["cancellation", "-107.10", "-107.10", m1.id],
      ])
      // The new invoice and its credit offset are booked together (same date and time, so their order in the
      // statement is not defined): the offset moves 89.25 of credit from the cancelled invoice onto the new one.
      expect(statement.entries.slice(3).map((e: any) => [e.kind, e.amount, e.invoice_id]).sort()).toEqual(
        [["invoice", "89.25", m2.id], ["credit_offset", "-89.25", m2.id], ["credit_offset", "89.25", m1.id]].sort()
      )
      expect(statement.entries).toHaveLength(6)
      expect(statement.entries[statement.entries.length - 1].balance).toBe("-17.85")

      // Nothing left to bill: a re-run and a second interim invoice do nothing.
      const again = await startRun(api, auth, { as_of: "2024-03-15" })
      expect(again).toEqual(expect.objectContaining({ activities_created: 0, invoices_issued: 0, invoice_ids: [], errors: [] }))
      const nothing = await api.post(`/admin/billing/contracts/${maxContract.id}/interim-invoice`, {}, auth)
      expect(nothing.status).toBe(201)
      expect(nothing.data.invoices).toEqual([])

      // 4 invoices + 2 cancellations − 1 payment: 107.10·2 + 89.25·2 − 107.10·2 − 107.10
      await assertLedgerInvariant(container(), { eur: "71.40" })
      const invoices = (await api.get(`/admin/billing/invoices?limit=50`, auth)).data
      expect(invoices.count).toBe(6)
    })

    it("a dry run writes nothing and uses up no invoice number", async () => {
      const { auth } = fx
      const year = issueYear()
      const contract = await contractFor(fx.erika)
      const before = await counts(api, auth, [contract.id])
      expect(before).toEqual({ runs: 0, invoices: 0, activities: 0 })

      const dry = await startRun(api, auth, { as_of: "2024-03-15", dry_run: true })
      expect(dry).toEqual(expect.objectContaining({ run_id: null, activities_created: 0, invoices_issued: 0, invoice_ids: [], errors: [] }))
      expect(dry.planned_activities).toHaveLength(3)
      expect(dry.invoice_previews).toEqual([
        expect.objectContaining({
          contract_id: contract.id,
          contract_number: contract.number,
          customer_id: fx.erika.id,
          currency_code: "eur",
          net_total: "90.00",
          tax_total: "17.10",
          gross_total: "107.10",
          credit_applied: "0.00",
          amount_due: "107.10",
        }),
      ])
      expect(dry.invoice_previews[0].lines.map((l: any) => [l.service_from, l.net_amount, l.tax_rate])).toEqual([
        ["2024-01-01", "30.00", "19"],
        ["2024-02-01", "30.00", "19"],
        ["2024-03-01", "30.00", "19"],
      ])
      expect(await counts(api, auth, [contract.id])).toEqual(before)
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("0.00")

      const first = await startRun(api, auth, { as_of: "2024-01-15" })
      const january = await getInvoice(api, auth, first.invoice_ids[0])
      expect(january.number).toBe(`RE-${year}-000001`)
      expect(january.gross_total).toBe(35.7)

      // A dry run on top of stored state, with a credit on the account: previews the rest and the offset.
      await api.post(bookings(fx.erika.id), { amount: "10.00", currency_code: "EUR", direction: "credit", reason: "Gutschrift" }, auth)
      const mid = await counts(api, auth, [contract.id])
      expect(mid).toEqual({ runs: 1, invoices: 1, activities: 1 })
      const dry2 = await startRun(api, auth, { as_of: "2024-03-15", dry_run: true })
      expect(dry2.invoice_previews).toHaveLength(1)
      expect(dry2.invoice_previews[0]).toEqual(
        expect.objectContaining({ net_total: "60.00", tax_total: "11.40", gross_total: "71.40", credit_applied: "10.00", amount_due: "61.40" })
      )
      expect(await counts(api, auth, [contract.id])).toEqual(mid)
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("25.70")

      const second = await startRun(api, auth, { as_of: "2024-03-15" })
      const rest = await getInvoice(api, auth, second.invoice_ids[0])
      expect(rest.number).toBe(`RE-${year}-000002`)
      expect(totalsOf(rest)).toEqual({ net_total: 60, tax_total: 11.4, gross_total: 71.4, credit_applied: 10, amount_due: 61.4 })
      expect(await counts(api, auth, [contract.id])).toEqual({ runs: 2, invoices: 2, activities: 3 })
      await assertLedgerInvariant(container(), { eur: "97.10" })
    })

    it("a re-run is a no-op and a contract without a price is recorded in errors while the others are billed", async () => {
      const { auth } = fx
      const year = issueYear()
      const swiss = await createArticle(api, auth, {
        project_id: fx.project.id,
        article_group_id: fx.articleGroup.id,
        number: "SWISS",
        name: "Swiss box",
        unit: "MONTH",
        price_variants: [
          { currency_code: "EUR", amount: "30.00", valid_from: "2020-01-01" },
          { currency_code: "CHF", amount: "33.00", valid_from: "2020-01-01" },
        ],
      })
      const eurContract = await contractFor(fx.erika)
      const chfContract = await contractFor(fx.max, { currency_code: "CHF", items: [{ article_id: swiss.id }] })
      const chfPrice = swiss.price_variants.find((v: any) => v.currency_code === "chf")
      await api.delete(`/admin/billing/articles/${swiss.id}/price-variants/${chfPrice.id}`, auth)

      const run = await startRun(api, auth, { as_of: "2024-03-15" })
      expect(run).toEqual(expect.objectContaining({ contracts_processed: 2, activities_created: 3, invoices_issued: 1 }))
      const expectedError = {
        contract_id: chfContract.id,
        contract_number: chfContract.number,
        message: expect.stringContaining(`No price for article "Swiss box" (${swiss.id}) in CHF for quantity 1 on 2024-01-01`),
      }
      expect(run.errors).toEqual([expectedError])
      const stored = (await api.get(`/admin/billing/runs/${run.run_id}`, auth)).data.run
      expect(stored).toEqual(
        expect.objectContaining({ status: "completed", as_of: "2024-03-15", dry_run: false, trigger: "admin", activities_created: 3, invoices_issued: 1 })
      )
      expect(stored.errors).toEqual([expectedError])
      const invoice = await getInvoice(api, auth, run.invoice_ids[0])
      expect(invoice).toEqual(expect.objectContaining({ contract_id: eurContract.id, number: `RE-${year}-000001`, gross_total: 107.1 }))
      expect(await counts(api, auth, [chfContract.id])).toEqual({ runs: 1, invoices: 1, activities: 0 })

      const again = await startRun(api, auth, { as_of: "2024-03-15" })
      expect(again).toEqual(expect.objectContaining({ activities_created: 0, invoices_issued: 0, invoice_ids: [] }))
      expect(again.errors).toEqual([expectedError])
      expect(await counts(api, auth, [eurContract.id, chfContract.id])).toEqual({ runs: 2, invoices: 1, activities: 3 })

      // With a CHF price again, the next run bills the Swiss contract in CHF (the number sequence is shared).
      await api.post(`/admin/billing/articles/${swiss.id}/price-variants`, { price_variants: [{ currency_code: "CHF", amount: "33.00", valid_from: "2020-01-01" }] }, auth)
      const fixed = await startRun(api, auth, { as_of: "2024-03-15" })
      expect(fixed).toEqual(expect.objectContaining({ activities_created: 3, invoices_issued: 1, errors: [] }))
      const chfInvoice = await getInvoice(api, auth, fixed.invoice_ids[0])
      expect(chfInvoice).toEqual(expect.objectContaining({ number: `RE-${year}-000002`, currency_code: "chf", contract_id: chfContract.id }))
      expect(lineTuples(chfInvoice)).toEqual(q1(33))
      expect(totalsOf(chfInvoice)).toEqual({ net_total: 99, tax_total: 18.81, gross_total: 117.81, credit_applied: 0, amount_due: 117.81 })
      expect(await balanceOf(api, auth, fx.max.id, "chf")).toBe("117.81")
      expect(await balanceOf(api, auth, fx.max.id, "eur")).toBe("0.00")
      await assertLedgerInvariant(container(), { eur: "107.10", chf: "117.81" })
    })

    it("refuses a real run with as_of in the future, but allows a dry run", async () => {
      const { auth } = fx
      const contract = await contractFor(fx.erika, { end_date: "2024-02-29" })
      const tomorrow = todayIso(1)
      const message = await expectBadRequest(api.post("/admin/billing/runs", { as_of: tomorrow }, auth), "as_of", tomorrow)
      expect(message).toContain("future")
      // The same rule for dunning runs: no notices or fees dated in the future outside a sandbox.
      await expectBadRequest(api.post("/admin/billing/dunning/runs", { as_of: tomorrow }, auth), "as_of", tomorrow, "future")
      expect((await api.post("/admin/billing/dunning/runs", { as_of: tomorrow, dry_run: true }, auth)).status).toBe(200)
      await expectBadRequest(api.post("/admin/billing/runs", { as_of: "2024-13-01" }, auth), "as_of")
      await expectBadRequest(api.post("/admin/billing/runs", { as_of: "2024-03-15", surprise: true }, auth))
      await expectBadRequest(api.post("/admin/billing/runs", { contract_ids: [] }, auth), "contract_ids")
      expect(await counts(api, auth, [contract.id])).toEqual({ runs: 0, invoices: 0, activities: 0 })

      const dry = await startRun(api, auth, { as_of: tomorrow, dry_run: true })
      expect(dry.run_id).toBeNull()
      expect(dry.invoice_previews).toEqual([expect.objectContaining({ contract_id: contract.id, gross_total: "71.40" })])
      // Without as_of a real run bills up to today.
      const now = await startRun(api, auth, {})
      expect(now).toEqual(expect.objectContaining({ activities_created: 2, invoices_issued: 1 }))
      expect((await api.get(`/admin/billing/runs/${now.run_id}`, auth)).data.run.as_of).toBe(todayIso())
      await assertLedgerInvariant(container(), { eur: "71.40" })
    })

    it("issued invoices are immutable; cancelling is idempotent and a cancellation cannot be cancelled", async () => {
      const { auth } = fx
      const year = issueYear()
      await contractFor(fx.erika)
      const run = await startRun(api, auth, { as_of: "2024-03-15" })
      const invoice = await getInvoice(api, auth, run.invoice_ids[0])
      const service = container().resolve("billingInvoice") as any

      await expect(service.updateBillingInvoices({ id: invoice.id, net_total: 1 })).rejects.toThrow(/immutable/)
      await expect(service.updateBillingInvoices({ id: invoice.id, status: "draft" })).rejects.toThrow(/immutable/)
      await expect(service.deleteBillingInvoices(invoice.id)).rejects.toThrow(/cannot be deleted/)
      await expect(service.softDeleteBillingInvoices(invoice.id)).rejects.toThrow(/immutable/)
      await expect(service.updateBillingInvoiceLines({ id: invoice.lines[0].id, net_amount: 1 })).rejects.toThrow(/cannot change/)
      await expect(service.deleteBillingInvoiceLines(invoice.lines[0].id)).rejects.toThrow(/cannot change/)
      await expect(
        service.createBillingInvoiceLines({ ...invoice.lines[0], id: undefined, position: 4, activity_id: null, invoice_id: invoice.id })
      ).rejects.toThrow(/cannot change/)
      // Unchanged (the PDF, rendered in the background after issuing, is the one thing that may be attached).
      const { document_file_id: _file, ...frozen } = invoice
      expect(await getInvoice(api, auth, invoice.id)).toEqual(expect.objectContaining(frozen))

      // Cancel without releasing the activities: they stay billed by the cancelled invoice.
      const first = await api.post(`/admin/billing/invoices/${invoice.id}/cancel`, {}, auth)
      expect(first.status).toBe(200)
      expect(first.data.released_activity_ids).toEqual([])
      const cancellation = first.data.cancellation
      expect(cancellation.number).toBe(`ST-${year}-000001`)
      const activities = (await api.get(`/admin/billing/contracts/${invoice.contract_id}/activities`, auth)).data.activities
      expect(activities.map((a: any) => a.invoice_id)).toEqual([invoice.id, invoice.id, invoice.id])

      // Cancelling again returns the same cancellation (no second document, no second posting) — and may
      // release the activities after all.
      const second = await api.post(`/admin/billing/invoices/${invoice.id}/cancel`, { release_activities: true }, auth)
      expect(second.status).toBe(200)
      expect(second.data.cancellation.id).toBe(cancellation.id)
      expect(second.data.cancellation.number).toBe(`ST-${year}-000001`)
      expect(second.data.released_activity_ids).toHaveLength(3)
      const third = await api.post(`/admin/billing/invoices/${invoice.id}/cancel`, { release_activities: true }, auth)
      expect(third.data.cancellation.id).toBe(cancellation.id)
      expect(third.data.released_activity_ids).toEqual([])
      const cancellations = (await api.get(`/admin/billing/invoices?kind=cancellation`, auth)).data
      expect(cancellations.count).toBe(1)
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("0.00")

      await expectBadRequest(api.post(`/admin/billing/invoices/${cancellation.id}/cancel`, {}, auth), cancellation.id, "cancellation")
      await expect(service.updateBillingInvoices({ id: cancellation.id, gross_total: 0 })).rejects.toThrow(/immutable/)
      await expect(service.updateBillingInvoices({ id: invoice.id, status: "issued" })).rejects.toThrow(/immutable/)
      await expectBadRequest(api.post(`/admin/billing/invoices/${invoice.id}/cancel`, { release_activities: "yes" }, auth), "release_activities")
      await assertLedgerInvariant(container(), { eur: "0.00" })
    })

    it("taxes: 7 % and 19 % on one invoice rounded per rate, § 19 small business, EU reverse charge", async () => {
      const { auth } = fx
      const reduced = await createTaxSetup(api, auth, "vat7")
      // createTaxSetup makes 19 % groups; the 7 % one gets its own group.
      const sevenGroup = (
        await api.post("/admin/billing/tax-groups", { code: "ermaessigt", name: "Ermäßigt", rates: [{ rate: "7", valid_from: "2020-01-01" }] }, auth)
      ).data.tax_group
      const foodGroup = (await api.post("/admin/billing/article-groups", { code: "food", name: "Food", tax_group_id: sevenGroup.id }, auth)).data.article_group
      const smallGroup = (await api.post("/admin/billing/tax-groups", { code: "ku", name: "Kleinunternehmer", kind: "small_business" }, auth)).data.tax_group
      const smallArticleGroup = (await api.post("/admin/billing/article-groups", { code: "kug", name: "KU", tax_group_id: smallGroup.id }, auth)).data.article_group
      const article = (number: string, group: string, amount: string) =>
        createArticle(api, auth, {
          project_id: fx.project.id,
          article_group_id: group,
          number,
          name: number,
          unit: "MONTH",
          price_variants: [{ currency_code: "EUR", amount, valid_from: "2020-01-01" }],
        })
      const service = await article("SERVICE19", reduced.articleGroup.id, "9.99")
      const food = await article("FOOD7", foodGroup.id, "4.95")
      const small = await article("KU", smallArticleGroup.id, "30.00")

      const mixed = await contractFor(fx.erika, { items: [{ article_id: service.id }, { article_id: food.id }] })
      const smallContract = await contractFor(fx.max, { items: [{ article_id: small.id }] })
      const customers = container().resolve(Modules.CUSTOMER)
      const wien = await customers.createCustomers({
        email: "office@wiener-snacks.at",
        first_name: "Anna",
        last_name: "Huber",
        company_name: "Wiener Snacks GmbH",
        metadata: { vat_id: "ATU12345678" },
        addresses: [
          { address_1: "Kärntner Straße 1", postal_code: "1010", city: "Wien", country_code: "at", is_default_billing: true },
        ],
      })
      const rcContract = await contractFor(wien)

      const run = await startRun(api, auth, { as_of: "2024-03-15" })
      expect(run).toEqual(expect.objectContaining({ invoices_issued: 3, errors: [] }))
      const byContract = new Map<string, any>()
      for (const id of run.invoice_ids) {
        const invoice = await getInvoice(api, auth, id)
        byContract.set(invoice.contract_id, invoice)
      }

      const m = byContract.get(mixed.id)
      expect(m.lines).toHaveLength(6)
      expect(m.lines.filter((l: any) => l.tax_rate === 19).map((l: any) => l.net_amount)).toEqual([9.99, 9.99, 9.99])
      expect(m.lines.filter((l: any) => l.tax_rate === 7).map((l: any) => l.net_amount)).toEqual([4.95, 4.95, 4.95])
      // Per rate on the total: 29.97 × 19 % = 5.6943 → 5.69 (per line it would be 3 × 1.90 = 5.70);
      // 14.85 × 7 % = 1.0395 → 1.04 (per line 3 × 0.35 = 1.05).
      expect(m.tax_totals).toEqual([
        { category: "S", rate: 19, net: 29.97, tax: 5.69 },
        { category: "S", rate: 7, net: 14.85, tax: 1.04 },
      ])
      expect(totalsOf(m)).toEqual({ net_total: 44.82, tax_total: 6.73, gross_total: 51.55, credit_applied: 0, amount_due: 51.55 })
      expect(m.notes).toEqual([])

      const k = byContract.get(smallContract.id)
      expect(lineTuples(k)).toEqual(q1(30, 0, "E"))
      expect(k.tax_totals).toEqual([{ category: "E", rate: 0, net: 90, tax: 0 }])
      expect(totalsOf(k)).toEqual({ net_total: 90, tax_total: 0, gross_total: 90, credit_applied: 0, amount_due: 90 })
      expect(k.notes).toEqual([SMALL_BUSINESS_NOTE])

      const r = byContract.get(rcContract.id)
      expect(lineTuples(r)).toEqual(q1(30, 0, "AE"))
      expect(r.tax_totals).toEqual([{ category: "AE", rate: 0, net: 90, tax: 0 }])
      expect(totalsOf(r)).toEqual({ net_total: 90, tax_total: 0, gross_total: 90, credit_applied: 0, amount_due: 90 })
      expect(r.notes).toEqual([REVERSE_CHARGE_NOTE])
      expect(r.buyer).toEqual(
        expect.objectContaining({
          company: "Wiener Snacks GmbH",
          vat_id: "ATU12345678",
          country_code: "AT",
          is_business: true,
          address_lines: ["Kärntner Straße 1", "1010 Wien"],
        })
      )

      // Revenue and VAT land on their own ledger accounts per rate.
      const pg = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const accounts = await pg.raw(
        `SELECT a.code, SUM(e.amount)::numeric(14,2)::text AS total FROM billing_ledger_entry e JOIN billing_ledger_account a ON a.id = e.account_id
          WHERE a.kind IN ('revenue', 'vat') GROUP BY a.code ORDER BY a.code`
      )
      expect(accounts.rows).toEqual([
        { code: "revenue:AE:0:eur", total: "-90.00" },
        { code: "revenue:E:0:eur", total: "-90.00" },
        { code: "revenue:S:19:eur", total: "-29.97" },
        { code: "revenue:S:7:eur", total: "-14.85" },
        { code: "vat:19:eur", total: "-5.69" },
        { code: "vat:7:eur", total: "-1.04" },
      ])
      await assertLedgerInvariant(container(), { eur: "231.55" })
    })

    it("deletes unbilled activities (re-created by the next run) but never billed ones", async () => {
      const { auth } = fx
      // A tax group whose only rate starts in 2025: activities of 2024 are created but cannot be billed.
      const late = await api.post("/admin/billing/tax-groups", { code: "late", name: "Late", rates: [{ rate: "19", valid_from: "2025-01-01" }] }, auth)
      const lateGroup = (await api.post("/admin/billing/article-groups", { code: "lateg", name: "Late", tax_group_id: late.data.tax_group.id }, auth)).data.article_group
      const lateArticle = await createArticle(api, auth, {
        project_id: fx.project.id,
        article_group_id: lateGroup.id,
        number: "LATE",
        name: "Late box",
        unit: "MONTH",
        price_variants: [{ currency_code: "EUR", amount: "10.00", valid_from: "2020-01-01" }],
      })
      const stuck = await contractFor(fx.erika, { items: [{ article_id: lateArticle.id }] })
      const billed = await contractFor(fx.max)

      const run = await startRun(api, auth, { as_of: "2024-03-15" })
      expect(run).toEqual(expect.objectContaining({ activities_created: 6, invoices_issued: 1 }))
      expect(run.errors).toEqual([
        { contract_id: stuck.id, contract_number: stuck.number, message: expect.stringContaining("No tax rate of the tax group is valid on 2024-01-31") },
      ])
      const unbilled = (await api.get(`/admin/billing/contracts/${stuck.id}/activities`, auth)).data.activities
      expect(unbilled.map((a: any) => [a.service_from, a.invoice_id])).toEqual([
        ["2024-01-01", null],
        ["2024-02-01", null],
        ["2024-03-01", null],
      ])
      const march = unbilled[2]
      const deleted = await api.delete(`/admin/billing/contracts/${stuck.id}/activities/${march.id}`, auth)
      expect(deleted.data).toEqual({ id: march.id, object: "billing_activity", deleted: true })
      expect((await api.get(`/admin/billing/contracts/${stuck.id}/activities`, auth)).data.count).toBe(2)
      await expectNotFound(api.delete(`/admin/billing/contracts/${stuck.id}/activities/${march.id}`, auth), march.id)

      const billedActivity = (await api.get(`/admin/billing/contracts/${billed.id}/activities`, auth)).data.activities[0]
      expect(billedActivity.invoice_id).toBe(run.invoice_ids[0])
      await expectBadRequest(api.delete(`/admin/billing/contracts/${billed.id}/activities/${billedActivity.id}`, auth), "cancel the invoice")
      // An activity of another contract is not found under this one.
      await expectNotFound(api.delete(`/admin/billing/contracts/${stuck.id}/activities/${billedActivity.id}`, auth))

      const rerun = await startRun(api, auth, { as_of: "2024-03-15" })
      expect(rerun).toEqual(expect.objectContaining({ activities_created: 1, invoices_issued: 0 }))
      expect((await api.get(`/admin/billing/contracts/${stuck.id}/activities`, auth)).data.count).toBe(3)
      await assertLedgerInvariant(container(), { eur: "107.10" })
    })

    it("manual bookings: validation, balance, Idempotency-Key, and the credit offset by the next invoices", async () => {
      const { auth } = fx
      const url = bookings(fx.erika.id)
      const valid = { amount: "20.00", currency_code: "EUR", direction: "credit", reason: "Zahlung ohne Zuordnung" }
      await expectBadRequest(api.post(url, { ...valid, amount: "-5.00" }, auth), "amount")
      await expectBadRequest(api.post(url, { ...valid, amount: "0" }, auth), "amount")
      await expectBadRequest(api.post(url, { ...valid, amount: "0.00" }, auth), "amount")
      await expectBadRequest(api.post(url, { ...valid, amount: "1.234" }, auth), "amount")
      await expectBadRequest(api.post(url, { ...valid, direction: "sideways" }, auth), "direction")
      const { reason: _reason, ...noReason } = valid
      await expectBadRequest(api.post(url, noReason, auth), "reason")
      await expectBadRequest(api.post(url, { ...valid, reason: "" }, auth), "reason")
      await expectBadRequest(api.post(url, { ...valid, currency_code: "EURO" }, auth), "currency_code")
      await expectBadRequest(api.post(url, { ...valid, counter_account: "revenue" }, auth), "counter_account")
      await expectNotFound(api.post(bookings("cus_unknown"), valid, auth), "cus_unknown")
      await expectNotFound(api.post(url, { ...valid, invoice_id: "binv_unknown" }, auth), "binv_unknown")
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("0.00")
      await assertLedgerInvariant(container(), {})

      const credit = await api.post(url, { ...valid, reference: "Kontoauszug 42" }, auth)
      expect(credit.status).toBe(201)
      expect(credit.data.posting_id).toEqual(expect.stringMatching(/^blpo_/))
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("-20.00")
      const debit = await api.post(url, { amount: "5", currency_code: "eur", direction: "debit", counter_account: "fees", reason: "Rücklastgebühr" }, auth)
      expect(debit.status).toBe(201)
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("-15.00")

      const keyed = { headers: { ...auth.headers, "Idempotency-Key": "bank-2024-0042" } }
      const once = await api.post(url, { ...valid, amount: "7.00" }, keyed)
      const twice = await api.post(url, { ...valid, amount: "7.00" }, keyed)
      expect(once.status).toBe(201)
      expect(twice.status).toBe(201)
      expect(twice.data.posting_id).toBe(once.data.posting_id)
      // The same key for another booking is refused, naming the header; nothing is booked.
      await expectBadRequest(api.post(url, { ...valid, amount: "8.00" }, keyed), "Idempotency-Key", "bank-2024-0042", "different booking")
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("-22.00")
      const statement = (await api.get(`/admin/billing/customers/${fx.erika.id}/ledger`, auth)).data
      expect(statement.currency_code).toBe("eur")
      expect(statement.entries.map((e: any) => [e.kind, e.amount, e.balance, e.description])).toEqual([
        ["manual", "-20.00", "-20.00", "Zahlung ohne Zuordnung"],
        ["manual", "5.00", "-15.00", "Rücklastgebühr"],
        ["manual", "-7.00", "-22.00", "Zahlung ohne Zuordnung"],
      ])
      // Another customer's balance is untouched; another currency is its own account.
      expect(await balanceOf(api, auth, fx.max.id)).toBe("0.00")
      expect(await balanceOf(api, auth, fx.erika.id, "chf")).toBe("0.00")

      // Two contracts of the same customer billed in one run share the 22.00 credit — it is applied once.
      const year = issueYear()
      const one = await contractFor(fx.erika, { end_date: "2024-01-31" })
      const two = await contractFor(fx.erika, { end_date: "2024-01-31" })
      const run = await startRun(api, auth, { as_of: "2024-01-15" })
      expect(run.invoices_issued).toBe(2)
      const invoices = await Promise.all(run.invoice_ids.map((id: string) => getInvoice(api, auth, id)))
      const byContract = Object.fromEntries(invoices.map((i: any) => [i.contract_id, i]))
      expect(byContract[one.id].gross_total).toBe(35.7)
      expect(byContract[two.id].gross_total).toBe(35.7)
      const applied = invoices.map((i: any) => Math.round(i.credit_applied * 100)).reduce((a: number, b: number) => a + b, 0)
      const due = invoices.map((i: any) => Math.round(i.amount_due * 100)).reduce((a: number, b: number) => a + b, 0)
      expect(applied).toBe(2200)
      expect(due).toBe(7140 - 2200)
      expect(invoices.map((i: any) => [i.credit_applied, i.amount_due]).sort()).toEqual([
        [0, 35.7],
        [22, 13.7],
      ].sort())
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("49.40")
      const open = await openItemsOf(api, auth, fx.erika.id)
      expect(Object.keys(open).sort()).toEqual([`RE-${year}-000001`, `RE-${year}-000002`])
      expect(Object.values(open).sort()).toEqual(["13.70", "35.70"])
      await assertLedgerInvariant(container(), { eur: "49.40" })
    })

    it("interim invoice: bills what is due now, answers 201 with no invoices when nothing is due, 400 on a contract error", async () => {
      const { auth } = fx
      const done = await contractFor(fx.erika, { end_date: "2024-01-31" })
      await startRun(api, auth, { as_of: "2024-01-15" })
      const nothing = await api.post(`/admin/billing/contracts/${done.id}/interim-invoice`, {}, auth)
      expect(nothing.status).toBe(201)
      expect(nothing.data.invoices).toEqual([])
      const nothingRun = (await api.get(`/admin/billing/runs/${nothing.data.run_id}`, auth)).data.run
      expect(nothingRun).toEqual(
        expect.objectContaining({ trigger: "interim", status: "completed", activities_created: 0, invoices_issued: 0, errors: [], filters: { contract_ids: [done.id] } })
      )

      // A contract never billed: the interim invoice bills all its due periods now, and only this contract.
      const open = await contractFor(fx.max, { end_date: "2024-02-29" })
      const other = await contractFor(fx.max, { end_date: "2024-01-31" })
      const interim = await api.post(`/admin/billing/contracts/${open.id}/interim-invoice`, {}, auth)
      expect(interim.status).toBe(201)
      expect(interim.data.invoices).toHaveLength(1)
      expect(interim.data.invoices[0]).toEqual(expect.objectContaining({ contract_id: open.id, issue_date: todayIso(), gross_total: 71.4 }))
      expect(lineTuples(interim.data.invoices[0])).toEqual(q1(30).slice(0, 2))
      expect((await api.get(`/admin/billing/contracts/${other.id}/activities`, auth)).data.count).toBe(0)

      // A draft contract has nothing due either.
      const draft = (
        await api.post("/admin/billing/contracts", { project_id: fx.project.id, customer_id: fx.max.id, start_date: "2024-01-01", interval_unit: "MONTH", items: [{ article_id: fx.box.id }] }, auth)
      ).data.contract
      const draftInterim = await api.post(`/admin/billing/contracts/${draft.id}/interim-invoice`, {}, auth)
      expect(draftInterim.status).toBe(201)
      expect(draftInterim.data.invoices).toEqual([])

      // A contract whose price is missing: the error is the answer.
      const priceless = await createArticle(api, auth, {
        project_id: fx.project.id,
        article_group_id: fx.articleGroup.id,
        number: "NOPRICE",
        name: "Priceless",
        unit: "MONTH",
        price_variants: [{ currency_code: "EUR", amount: "1.00", valid_from: "2020-01-01" }],
      })
      const broken = await contractFor(fx.max, { end_date: "2024-01-31", items: [{ article_id: priceless.id }] })
      await api.delete(`/admin/billing/articles/${priceless.id}/price-variants/${priceless.price_variants[0].id}`, auth)
      await expectBadRequest(api.post(`/admin/billing/contracts/${broken.id}/interim-invoice`, {}, auth), "No price for article", "Priceless")
      await expectNotFound(api.post(`/admin/billing/contracts/bctr_unknown/interim-invoice`, {}, auth), "bctr_unknown")
      await assertLedgerInvariant(container(), { eur: "107.10" })
    })

    it("resumes a draft a crashed run left behind, including the credit it applied", async () => {
      const { auth } = fx
      const year = issueYear()
      // The customer has 10.00 credit; a run died after writing the draft (credit applied) and marking nothing.
      await api.post(bookings(fx.erika.id), { amount: "10.00", currency_code: "EUR", direction: "credit", reason: "Gutschrift" }, auth)
      const contract = await contractFor(fx.erika, { end_date: "2024-01-31" })
      const dry = await startRun(api, auth, { as_of: "2024-01-15", dry_run: true })
      expect(dry.invoice_previews[0]).toEqual(expect.objectContaining({ gross_total: "35.70", credit_applied: "10.00", amount_due: "25.70" }))
      // What the crashed run had written: January's activity (unmarked) and the draft invoice billing it.
      const contracts = container().resolve("billingContract") as any
      expect(
        await contracts.insertActivities([
          {
            contract_id: contract.id, contract_item_id: contract.items[0].id, article_id: fx.box.id, origin: "SUBSCRIPTION", kind: "charge", seq: 0,
            description: "Snack box", period_start: "2024-01-01", period_end: "2024-01-31", service_from: "2024-01-01", service_to: "2024-01-31",
            due_date: "2024-01-01", quantity: "1", unit_price: "30", amount: "30", currency_code: "eur", price_variant_id: null,
          },
        ])
      ).toBe(1)
      const [activity] = (await api.get(`/admin/billing/contracts/${contract.id}/activities`, auth)).data.activities
      const service = container().resolve("billingInvoice") as any
      const [draft] = await service.createDraftInvoices([
        {
          invoice: {
            kind: "invoice",
            project_id: fx.project.id,
            contract_id: contract.id,
            contract_number: contract.number,
            customer_id: fx.erika.id,
            currency_code: "eur",
            service_from: "2024-01-01",
            service_to: "2024-01-31",
            net_total: "30.00",
            tax_total: "5.70",
            gross_total: "35.70",
            credit_applied: "10.00",
            amount_due: "25.70",
            seller: {},
            buyer: {},
            notes: [],
            payment_term_days: 14,
          },
          lines: [
            { position: 1, activity_id: activity.id, article_id: fx.box.id, description: "Snack box", service_from: "2024-01-01", service_to: "2024-01-31", quantity: "1", unit_price: "30", net_amount: "30", tax_rate: "19", tax_category: "S" },
          ],
          tax_totals: [{ category: "S", rate: "19", net: "30.00", tax: "5.70" }],
        },
      ])
      const run = await startRun(api, auth, { as_of: "2023-12-31" })
      expect(run.invoice_ids).toEqual([draft.id])
      expect(run.errors).toEqual([])
      expect((await api.get(`/admin/billing/contracts/${contract.id}/activities`, auth)).data.activities.map((a: any) => a.invoice_id)).toEqual([draft.id])
      const issued = await getInvoice(api, auth, draft.id)
      expect(issued).toEqual(expect.objectContaining({ status: "issued", number: `RE-${year}-000001`, credit_applied: 10, amount_due: 25.7 }))
      expect(await balanceOf(api, auth, fx.erika.id)).toBe("25.70")
      expect(await openItemsOf(api, auth, fx.erika.id)).toEqual({ [`RE-${year}-000001`]: "25.70" })
      await assertLedgerInvariant(container(), { eur: "25.70" })
    })

    it("401 without auth on every billing route, 404 for unknown ids", async () => {
      const { auth } = fx
      const contract = await contractFor(fx.erika, { end_date: "2024-01-31" })
      const run = await startRun(api, auth, { as_of: "2024-01-15" })
      const invoiceId = run.invoice_ids[0]
      const activity = (await api.get(`/admin/billing/contracts/${contract.id}/activities`, auth)).data.activities[0]
      const item = contract.items[0]
      const c = fx.erika.id

      const unauthenticated: (() => Promise<unknown>)[] = [
        () => api.get("/admin/billing/runs"),
        () => api.post("/admin/billing/runs", { as_of: "2024-01-15" }),
        () => api.post("/admin/billing/runs", { as_of: "2024-01-15", dry_run: true }),
        () => api.get(`/admin/billing/runs/${run.run_id}`),
        () => api.get("/admin/billing/invoices"),
        () => api.get(`/admin/billing/invoices/${invoiceId}`),
        () => api.post(`/admin/billing/invoices/${invoiceId}/cancel`, {}),
        () => api.post(`/admin/billing/contracts/${contract.id}/interim-invoice`, {}),
        () => api.delete(`/admin/billing/contracts/${contract.id}/activities/${activity.id}`),
        () => api.post(`/admin/billing/contracts/${contract.id}/items/${item.id}`, { custom_unit_price: "1.00" }),
        () => api.get(`/admin/billing/customers/${c}/ledger`),
        () => api.post(`/admin/billing/customers/${c}/ledger/bookings`, { amount: "1.00", currency_code: "EUR", direction: "credit", reason: "x" }),
        () => api.get(`/admin/billing/customers/${c}/open-items`),
      ]
      for (const request of unauthenticated) {
        await expectUnauthorized(request())
      }
      const bad = { headers: { authorization: "Bearer not-a-token" } }
      await expectUnauthorized(api.get("/admin/billing/invoices", bad))
      // Nothing happened through the unauthenticated calls.
      expect(await counts(api, auth, [contract.id])).toEqual({ runs: 1, invoices: 1, activities: 1 })
      expect((await getInvoice(api, auth, invoiceId)).status).toBe("issued")
      expect(await balanceOf(api, auth, c)).toBe("35.70")

      await expectNotFound(api.get("/admin/billing/invoices/binv_unknown", auth), "binv_unknown")
      await expectNotFound(api.post("/admin/billing/invoices/binv_unknown/cancel", {}, auth), "binv_unknown")
      await expectNotFound(api.get("/admin/billing/runs/brun_unknown", auth), "brun_unknown")
      await expectNotFound(api.get("/admin/billing/customers/cus_unknown/ledger", auth), "cus_unknown")
      await expectNotFound(api.get("/admin/billing/customers/cus_unknown/open-items", auth), "cus_unknown")
      await expectNotFound(api.post("/admin/billing/contracts/bctr_unknown/items/bcit_unknown", { custom_unit_price: "1.00" }, auth), "bctr_unknown")
      await expectNotFound(api.post(`/admin/billing/contracts/${contract.id}/items/bcit_unknown`, { custom_unit_price: "1.00" }, auth), "bcit_unknown")
      await expectNotFound(api.delete(`/admin/billing/contracts/bctr_unknown/activities/${activity.id}`, auth), "bctr_unknown")
      await expectNotFound(api.delete(`/admin/billing/contracts/${contract.id}/activities/bact_unknown`, auth), "bact_unknown")
      const list = await api.get(`/admin/billing/invoices?customer_id=${c}&status=issued`, auth)
      expect(list.data.invoices.map((i: any) => i.id)).toEqual([invoiceId])
      const none = await api.get(`/admin/billing/invoices?customer_id=${fx.max.id}`, auth)
      expect(none.data.count).toBe(0)
      const res = await failure(api.get(`/admin/billing/customers/${c}/ledger?currency_code=euro`, auth))
      expect(res.status).toBe(400)
      await assertLedgerInvariant(container(), { eur: "35.70" })
    })
  },
})
