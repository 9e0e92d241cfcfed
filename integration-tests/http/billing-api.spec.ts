import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../helpers/admin"
import { createArticle, createProject, createTaxSetup } from "../helpers/catalog"
import { createCustomer } from "../helpers/http"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("story 16: bills, cancels with credit, re-bills with new prices and offsets the credit in an interim invoice", async () => {
      const auth = await adminHeaders(getContainer())
      const erika = await createCustomer(getContainer(), "erika@example.com", "Erika")
      const project = await createProject(api, auth, { code: "box", name: "Snack Box" })
      const { articleGroup } = await createTaxSetup(api, auth)
      const box = await createArticle(api, auth, {
        project_id: project.id,
        article_group_id: articleGroup.id,
        number: "SNACK",
        name: "Snack box",
        unit: "MONTH",
        price_variants: [{ currency_code: "EUR", amount: "30.00", valid_from: "2020-01-01" }],
      })
      const created = await api.post(
        "/admin/billing/contracts",
        { project_id: project.id, customer_id: erika.id, start_date: "2024-01-01", interval_unit: "MONTH", items: [{ article_id: box.id }] },
        auth
      )
      const contract = created.data.contract
      await api.post(`/admin/billing/contracts/${contract.id}/activate`, {}, auth)

      const dry = await api.post("/admin/billing/runs", { as_of: "2024-03-15", dry_run: true }, auth)
      expect(dry.data.run.invoice_previews).toHaveLength(1)
      expect(dry.data.run.invoice_previews[0].gross_total).toBe("107.10")

      const run = await api.post("/admin/billing/runs", { as_of: "2024-03-15" }, auth)
      expect(run.data.run).toEqual(expect.objectContaining({ activities_created: 3, invoices_issued: 1, errors: [] }))
      const [invoiceId] = run.data.run.invoice_ids
      const invoice = (await api.get(`/admin/billing/invoices/${invoiceId}`, auth)).data.invoice
      expect(invoice.number).toMatch(/^RE-\d{4}-000001$/)
      expect(invoice.lines).toHaveLength(3)

      const again = await api.post("/admin/billing/runs", { as_of: "2024-03-15" }, auth)
      expect(again.data.run).toEqual(expect.objectContaining({ activities_created: 0, invoices_issued: 0 }))

      const ledger = await api.get(`/admin/billing/customers/${erika.id}/ledger?currency_code=eur`, auth)
      expect(ledger.data.balance).toBe("107.10")

      const cancelled = await api.post(`/admin/billing/invoices/${invoiceId}/cancel`, { release_activities: true }, auth)
      expect(cancelled.data.cancellation.number).toMatch(/^ST-\d{4}-000001$/)
      expect(cancelled.data.invoice.status).toBe("cancelled")
      const afterCancel = await api.get(`/admin/billing/customers/${erika.id}/ledger?currency_code=eur`, auth)
      expect(afterCancel.data.balance).toBe("0.00")
    })
  },
})
