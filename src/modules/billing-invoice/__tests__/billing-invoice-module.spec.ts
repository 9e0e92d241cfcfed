import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_INVOICE_MODULE } from ".."
import BillingInvoiceModuleService, { DraftInvoiceInput, NumberFormats } from "../service"

jest.setTimeout(60_000)

/** DML types bigNumber inputs as number; the service takes decimal strings and stores them exactly. */
const decimal = (value: string) => value as unknown as number

const ISSUE_DATE = "2026-03-10"
/** The trigger messages of Migration20261204163300 (invoice, and its lines/tax totals). */
const IMMUTABLE = /issued invoice is immutable|an issued invoice cannot be deleted|cannot change/
const FORMATS: NumberFormats = { project_code: "p1", invoice: "RE-{YYYY}-{SEQ:6}", cancellation: "ST-{YYYY}-{SEQ:6}" }

let activitySeq = 0

function draft(
  overrides: Partial<DraftInvoiceInput["invoice"]> = {},
  lines?: Record<string, unknown>[],
  taxTotals?: Record<string, unknown>[]
): DraftInvoiceInput {
  activitySeq += 1
  return {
    invoice: {
      kind: "invoice",
      project_id: "bprj_1",
      contract_id: "bcon_1",
      contract_number: "V-000001",
      customer_id: "cus_1",
      currency_code: "eur",
      service_from: "2026-03-01",
      service_to: "2026-03-31",
      net_total: "100.00",
      tax_total: "19.00",
      gross_total: "119.00",
      credit_applied: "0.00",
      amount_due: "119.00",
      seller: { name: "Demo Shop GmbH" },
      buyer: { name: "Erika Mustermann" },
      notes: [],
      ...overrides,
    },
    lines: lines ?? [
      {
        position: 1,
        activity_id: `bact_${activitySeq}_a`,
        article_id: "bart_1",
        article_number: "A-1",
        description: "Snack box",
        service_from: "2026-03-01",
        service_to: "2026-03-31",
        quantity: "2",
        unit_price: "25.00",
        net_amount: "50.00",
        tax_rate: "19",
        tax_category: "S",
      },
      {
        position: 2,
        activity_id: `bact_${activitySeq}_b`,
        article_id: "bart_2",
        article_number: "A-2",
        description: "Delivery",
        service_from: "2026-03-01",
        service_to: "2026-03-31",
        quantity: "1",
        unit_price: "50.00",
        net_amount: "50.00",
        tax_rate: "19",
        tax_category: "S",
      },
    ],
    tax_totals: taxTotals ?? [{ category: "S", rate: "19", net: "100.00", tax: "19.00" }],
  }
}

moduleIntegrationTestRunner<BillingInvoiceModuleService>({
  moduleName: BILLING_INVOICE_MODULE,
  resolve: "./src/modules/billing-invoice",
  // Without this the runner only builds the schema from the models (MikroORM refreshDatabase): the
  // hand-written immutability triggers of Migration20261204163300 would be missing. With it, the module's
  // real migrations run before every test.
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    /** Raw SQL on a connection of its own, outside the module service. */
    const sql = async <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
      (await MikroOrmWrapper.forkManager().execute(query, params)) as T[]

    async function createDrafts(...drafts: DraftInvoiceInput[]) {
      return service.createDraftInvoices(drafts)
    }

    async function issuedInvoice(overrides: Partial<DraftInvoiceInput["invoice"]> = {}) {
      const [invoice] = await createDrafts(draft(overrides))
      const [issued] = await service.issueInvoices({ invoice_ids: [invoice.id], issue_date: ISSUE_DATE, formats: { [invoice.project_id]: FORMATS } })
      expect(issued).toMatchObject({ id: invoice.id })
      return service.retrieveBillingInvoice(invoice.id, { relations: ["lines", "tax_totals"] })
    }

    it("runs the module's migrations, including the trigger migration", async () => {
      const triggers = await sql<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`)
      expect(triggers.map((t) => t.tgname)).toEqual([
        "billing_invoice_immutable",
        "billing_invoice_line_immutable",
        "billing_invoice_line_insert_immutable",
        "billing_invoice_tax_total_immutable",
        "billing_invoice_tax_total_insert_immutable",
      ])
    })

    describe("invoice numbers", () => {
      it("allocates gap-free numbers per series and year; projects with the same format share the series", async () => {
        const drafts = await createDrafts(
          draft({ project_id: "bprj_1" }),
          draft({ project_id: "bprj_2" }),
          draft({ project_id: "bprj_1" })
        )
        const formats = { bprj_1: FORMATS, bprj_2: { ...FORMATS, project_code: "p2" } }
        const issued = await service.issueInvoices({ invoice_ids: drafts.map((d) => d.id), issue_date: ISSUE_DATE, formats })
        expect(issued.map((i) => i.number).sort()).toEqual(["RE-2026-000001", "RE-2026-000002", "RE-2026-000003"])
        expect(new Set(issued.map((i) => i.id))).toEqual(new Set(drafts.map((d) => d.id)))

        const [later] = await createDrafts(draft({ project_id: "bprj_2" }))
        expect(await service.issueInvoices({ invoice_ids: [later.id], issue_date: "2026-12-31", formats })).toEqual([
          { id: later.id, project_id: "bprj_2", number: "RE-2026-000004", issue_date: "2026-12-31", due_date: "2027-01-14", payment_terms: expect.stringContaining("14.01.2027") },
        ])

        const [nextYear] = await createDrafts(draft({ project_id: "bprj_1" }))
        expect(await service.issueInvoices({ invoice_ids: [nextYear.id], issue_date: "2027-01-02", formats })).toEqual([
          expect.objectContaining({ id: nextYear.id, number: "RE-2027-000001", due_date: "2027-01-16" }),
        ])

        const stored = await service.retrieveBillingInvoice(nextYear.id)
        expect(stored).toMatchObject({
          status: "issued",
          number: "RE-2027-000001",
          issue_date: "2027-01-02",
          due_date: "2027-01-16",
          payment_terms: "Zahlbar innerhalb von 14 Tagen ohne Abzug bis zum 16.01.2027.",
        })
        expect(stored.issued_at).toBeTruthy()
      })

      it("restarts a format with {MM} every month and keeps other formats in their own series", async () => {
        const monthly = { project_code: "m", invoice: "RM-{YYYY}{MM}-{SEQ:3}", cancellation: "SM-{YYYY}{MM}-{SEQ:3}" }
        const other = { project_code: "x", invoice: "X{SEQ:4}", cancellation: "XS{SEQ:4}" }
        const formats = { bprj_m: monthly, bprj_x: other }
        const issue = async (project_id: string, issue_date: string) => {
          const [d] = await createDrafts(draft({ project_id }))
          const [issued] = await service.issueInvoices({ invoice_ids: [d.id], issue_date, formats })
          return issued.number
        }
        expect(await issue("bprj_m", "2026-03-01")).toBe("RM-202603-001")
        expect(await issue("bprj_m", "2026-03-31")).toBe("RM-202603-002")
        expect(await issue("bprj_m", "2026-04-01")).toBe("RM-202604-001")
        expect(await issue("bprj_m", "2027-03-15")).toBe("RM-202703-001")
        expect(await issue("bprj_x", "2026-03-01")).toBe("X0001")
        expect(await issue("bprj_x", "2027-03-01")).toBe("X0002")
        expect(await issue("bprj_m", "2026-04-02")).toBe("RM-202604-002")
      })

      it("gives 20 concurrent issue calls 20 distinct consecutive numbers", async () => {
        const drafts = await createDrafts(...Array.from({ length: 20 }, () => draft()))
        const results = await Promise.all(
          drafts.map((d) => service.issueInvoices({ invoice_ids: [d.id], issue_date: ISSUE_DATE, formats: { bprj_1: FORMATS } }))
        )
        expect(results.every((r) => r.length === 1)).toBe(true)
        const numbers = results.flat().map((r) => r.number).sort()
        expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `RE-2026-${String(i + 1).padStart(6, "0")}`))
        const [sequence] = await service.listBillingInvoiceNumberSequences({ series: FORMATS.invoice })
        expect(sequence).toMatchObject({ scope: "2026", last_value: 20 })
      })

      it("issues a draft once: concurrent and repeated calls for the same drafts skip what is issued", async () => {
        const drafts = await createDrafts(...Array.from({ length: 5 }, () => draft()))
        const ids = drafts.map((d) => d.id)
        const input = { invoice_ids: ids, issue_date: ISSUE_DATE, formats: { bprj_1: FORMATS } }
        const [a, b] = await Promise.all([service.issueInvoices(input), service.issueInvoices(input)])
        const first = [...a, ...b]
        expect(first.map((i) => i.number).sort()).toEqual(["RE-2026-000001", "RE-2026-000002", "RE-2026-000003", "RE-2026-000004", "RE-2026-000005"])
        expect(new Set(first.map((i) => i.id)).size).toBe(5)

        expect(await service.issueInvoices({ ...input, issue_date: "2026-03-11" })).toEqual([])
        const after = await service.listBillingInvoices({ id: ids })
        expect(after.map((i) => i.issue_date)).toEqual(Array(5).fill(ISSUE_DATE))
        expect(after.map((i) => i.number).sort()).toEqual(first.map((i) => i.number).sort())

        const [next] = await createDrafts(draft())
        expect((await service.issueInvoices({ ...input, invoice_ids: [next.id] }))[0].number).toBe("RE-2026-000006")
      })

      it("logs every number handed out as used, with its invoice and project", async () => {
        const drafts = await createDrafts(draft({ project_id: "bprj_1" }), draft({ project_id: "bprj_2" }))
        const issued = await service.issueInvoices({
          invoice_ids: drafts.map((d) => d.id),
          issue_date: ISSUE_DATE,
          formats: { bprj_1: FORMATS, bprj_2: FORMATS },
        })
        const log = await service.listBillingInvoiceNumberLogs({}, { order: { number: "ASC" } })
        expect(log.map(({ project_id, number, invoice_id, event, reason }) => ({ project_id, number, invoice_id, event, reason }))).toEqual(
          issued
            .map((i) => ({
              project_id: drafts.find((d) => d.id === i.id)!.project_id,
              number: i.number,
              invoice_id: i.id,
              event: "used",
              reason: null,
            }))
            .sort((x, y) => x.number.localeCompare(y.number))
        )
      })

      it("refuses to issue without a number format for the project, taking no number", async () => {
        const [d] = await createDrafts(draft({ project_id: "bprj_9" }))
        await expect(service.issueInvoices({ invoice_ids: [d.id], issue_date: ISSUE_DATE, formats: { bprj_1: FORMATS } })).rejects.toThrow(
          /No invoice number format for project bprj_9/
        )
        expect(await service.retrieveBillingInvoice(d.id)).toMatchObject({ status: "draft", number: null })
        expect(await service.listBillingInvoiceNumberSequences({})).toHaveLength(0)
        expect(await service.listBillingInvoiceNumberLogs({})).toHaveLength(0)
      })
    })

    describe("drafts", () => {
      it("stores amounts as exact decimals (trailing zeros are normalised away)", async () => {
        const [d] = await createDrafts(draft({ net_total: "0.10", tax_total: "0.02", gross_total: "0.12", amount_due: "0.12" }))
        const [row] = await sql<Record<string, string>>(
          `SELECT net_total::text, tax_total::text, gross_total::text, amount_due::text,
                  raw_net_total->>'value' AS raw_net, raw_gross_total->>'value' AS raw_gross
             FROM billing_invoice WHERE id = ?`,
          [d.id]
        )
        expect(row).toEqual({ net_total: "0.1", tax_total: "0.02", gross_total: "0.12", amount_due: "0.12", raw_net: "0.1", raw_gross: "0.12" })
        const lines = await sql<Record<string, string>>(
          `SELECT quantity::text, unit_price::text, net_amount::text, raw_unit_price->>'value' AS raw_unit_price
             FROM billing_invoice_line WHERE invoice_id = ? ORDER BY position`,
          [d.id]
        )
        expect(lines).toEqual([
          { quantity: "2", unit_price: "25", net_amount: "50", raw_unit_price: "25" },
          { quantity: "1", unit_price: "50", net_amount: "50", raw_unit_price: "50" },
        ])
      })

      it("can be changed and discarded freely", async () => {
        const [d, keep] = await createDrafts(draft(), draft())
        const withLines = await service.retrieveBillingInvoice(d.id, { relations: ["lines", "tax_totals"] })
        await service.updateBillingInvoices({ id: d.id, notes: ["changed"] as unknown as Record<string, unknown>, net_total: decimal("99.00") })
        await service.updateBillingInvoiceLines({ id: withLines.lines[0].id, description: "Changed" })
        await service.deleteBillingInvoiceLines(withLines.lines[1].id)
        await service.updateBillingInvoiceTaxTotals({ id: withLines.tax_totals[0].id, note: "n" })
        await service.createBillingInvoiceLines({
          ...(draft().lines[0] as object),
          invoice_id: d.id,
          quantity: decimal("1"),
          unit_price: decimal("1.00"),
          net_amount: decimal("1.00"),
          tax_rate: decimal("19"),
        } as never)
        await sql(`UPDATE billing_invoice SET contract_number = 'V-2' WHERE id = ?`, [d.id])
        await sql(`UPDATE billing_invoice_line SET position = 9 WHERE invoice_id = ?`, [d.id])
        const changed = await service.retrieveBillingInvoice(d.id, { relations: ["lines"] })
        expect(changed).toMatchObject({ contract_number: "V-2", notes: ["changed"] })
        expect(changed.lines).toHaveLength(2)

        const [issuedOne] = await createDrafts(draft())
        await service.issueInvoices({ invoice_ids: [issuedOne.id], issue_date: ISSUE_DATE, formats: { bprj_1: FORMATS } })

        await service.discardDrafts([d.id, issuedOne.id])
        expect((await service.listBillingInvoices({})).map((i) => i.id).sort()).toEqual([keep.id, issuedOne.id].sort())
        expect(await sql(`SELECT id FROM billing_invoice_line WHERE invoice_id = ?`, [d.id])).toHaveLength(0)
        expect(await sql(`SELECT id FROM billing_invoice_tax_total WHERE invoice_id = ?`, [d.id])).toHaveLength(0)
        expect(await sql(`SELECT id FROM billing_invoice_line WHERE invoice_id = ?`, [issuedOne.id])).toHaveLength(2)

        await service.deleteBillingInvoices(keep.id)
        expect(await service.listBillingInvoices({ id: keep.id })).toHaveLength(0)
      })

      it("bills an activity once; only a cancellation line may repeat its activity_id", async () => {
        const first = draft()
        const activityId = first.lines[0].activity_id as string
        await createDrafts(first)
        const again = draft({}, [{ ...first.lines[0], position: 1 }])
        await expect(createDrafts(again)).rejects.toThrow(/already exists/)
        // The whole call is rolled back: neither the second draft nor any of its lines remain.
        expect(await service.listBillingInvoices({})).toHaveLength(1)
        // Also in a batch: a duplicate within one call fails the whole call.
        const a = draft()
        const b = draft({}, [{ ...a.lines[0] }])
        await expect(createDrafts(a, b)).rejects.toThrow(/already exists/)
        expect(await service.listBillingInvoices({})).toHaveLength(1)

        const [line] = await service.listBillingInvoiceLines({ activity_id: activityId })
        const cancellation = draft({ kind: "cancellation" }, [{ ...first.lines[0], negates_line_id: line.id, quantity: "-2", net_amount: "-50.00" }])
        await expect(createDrafts(cancellation)).resolves.toHaveLength(1)
        expect(await service.listBillingInvoiceLines({ activity_id: activityId })).toHaveLength(2)
      })
    })

    describe("issued invoices are immutable", () => {
      it("refuses changes to an issued invoice through the service", async () => {
        const inv = await issuedInvoice()
        await expect(service.updateBillingInvoices({ id: inv.id, notes: ["edited"] as unknown as Record<string, unknown> })).rejects.toThrow(IMMUTABLE)
        await expect(service.updateBillingInvoices({ id: inv.id, gross_total: decimal("1.00") })).rejects.toThrow(IMMUTABLE)
        await expect(service.updateBillingInvoices({ id: inv.id, number: "RE-2026-999999" })).rejects.toThrow(IMMUTABLE)
        await expect(service.updateBillingInvoices({ id: inv.id, status: "draft" })).rejects.toThrow(IMMUTABLE)
        await expect(service.deleteBillingInvoices(inv.id)).rejects.toThrow(IMMUTABLE)
        await expect(service.softDeleteBillingInvoices(inv.id)).rejects.toThrow(IMMUTABLE)

        await expect(service.updateBillingInvoiceLines({ id: inv.lines[0].id, description: "edited" })).rejects.toThrow(IMMUTABLE)
        await expect(service.deleteBillingInvoiceLines(inv.lines[0].id)).rejects.toThrow(IMMUTABLE)
        await expect(service.softDeleteBillingInvoiceLines(inv.lines[0].id)).rejects.toThrow(IMMUTABLE)
        await expect(
          service.createBillingInvoiceLines({
            ...(draft().lines[0] as object),
            invoice_id: inv.id,
            quantity: decimal("1"),
            unit_price: decimal("1.00"),
            net_amount: decimal("1.00"),
            tax_rate: decimal("19"),
          } as never)
        ).rejects.toThrow(IMMUTABLE)
        await expect(service.updateBillingInvoiceTaxTotals({ id: inv.tax_totals[0].id, note: "edited" })).rejects.toThrow(IMMUTABLE)
        await expect(service.deleteBillingInvoiceTaxTotals(inv.tax_totals[0].id)).rejects.toThrow(IMMUTABLE)
        await expect(
          service.createBillingInvoiceTaxTotals({ invoice_id: inv.id, category: "AA", rate: decimal("7"), net: decimal("0"), tax: decimal("0") })
        ).rejects.toThrow(IMMUTABLE)

        const after = await service.retrieveBillingInvoice(inv.id, { relations: ["lines", "tax_totals"] })
        expect(after).toMatchObject({ status: "issued", number: "RE-2026-000001", notes: [], deleted_at: null })
        expect(after.lines).toHaveLength(2)
        expect(after.tax_totals).toHaveLength(1)
      })

      it.each([
        ["a field", `UPDATE billing_invoice SET notes = '["edited"]'::jsonb WHERE id = ?`],
        ["an amount", `UPDATE billing_invoice SET gross_total = 1, raw_gross_total = '{"value":"1","precision":20}' WHERE id = ?`],
        ["the number", `UPDATE billing_invoice SET number = 'RE-2026-999999' WHERE id = ?`],
        ["the status back to draft", `UPDATE billing_invoice SET status = 'draft' WHERE id = ?`],
        ["deleted_at (soft delete)", `UPDATE billing_invoice SET deleted_at = now() WHERE id = ?`],
        ["the id", `UPDATE billing_invoice SET id = 'binv_other' WHERE id = ?`],
        ["a DELETE", `DELETE FROM billing_invoice WHERE id = ?`],
        ["a line UPDATE", `UPDATE billing_invoice_line SET description = 'edited' WHERE invoice_id = ?`],
        ["a line DELETE", `DELETE FROM billing_invoice_line WHERE invoice_id = ?`],
        [
          "a line INSERT",
          `INSERT INTO billing_invoice_line (id, position, description, service_from, service_to, quantity, unit_price, net_amount, tax_rate, tax_category, invoice_id, raw_quantity, raw_unit_price, raw_net_amount, raw_tax_rate)
           VALUES ('binl_x', 3, 'extra', '2026-03-01', '2026-03-31', 1, 1, 1, 19, 'S', ?, '{}', '{}', '{}', '{}')`,
        ],
        ["a tax total UPDATE", `UPDATE billing_invoice_tax_total SET tax = 0 WHERE invoice_id = ?`],
        ["a tax total DELETE", `DELETE FROM billing_invoice_tax_total WHERE invoice_id = ?`],
        [
          "a tax total INSERT",
          `INSERT INTO billing_invoice_tax_total (id, category, rate, net, tax, invoice_id, raw_rate, raw_net, raw_tax) VALUES ('bitt_x', 'Z', 0, 1, 0, ?, '{}', '{}', '{}')`,
        ],
      ])("refuses %s on an issued invoice in raw SQL", async (_label, statement) => {
        const inv = await issuedInvoice()
        const before = await sql(`SELECT * FROM billing_invoice WHERE id = ?`, [inv.id])
        await expect(sql(statement, [inv.id])).rejects.toThrow(IMMUTABLE)
        expect(await sql(`SELECT * FROM billing_invoice WHERE id = ?`, [inv.id])).toEqual(before)
        expect(await sql(`SELECT id FROM billing_invoice_line WHERE invoice_id = ?`, [inv.id])).toHaveLength(2)
        expect(await sql(`SELECT id FROM billing_invoice_tax_total WHERE invoice_id = ?`, [inv.id])).toHaveLength(1)
      })

      it("refuses moving a line or tax total of an issued invoice onto a draft", async () => {
        const inv = await issuedInvoice()
        const [d] = await createDrafts(draft())
        await expect(sql(`UPDATE billing_invoice_line SET invoice_id = ? WHERE invoice_id = ?`, [d.id, inv.id])).rejects.toThrow(IMMUTABLE)
        await expect(sql(`UPDATE billing_invoice_tax_total SET invoice_id = ? WHERE invoice_id = ?`, [d.id, inv.id])).rejects.toThrow(IMMUTABLE)
        expect(await sql(`SELECT id FROM billing_invoice_line WHERE invoice_id = ?`, [inv.id])).toHaveLength(2)
        expect(await sql(`SELECT id FROM billing_invoice_tax_total WHERE invoice_id = ?`, [inv.id])).toHaveLength(1)
      })

      it("allows attaching the PDF once and becoming cancelled once", async () => {
        const inv = await issuedInvoice()
        await service.updateBillingInvoices({ id: inv.id, document_file_id: "file_1" })
        await expect(service.updateBillingInvoices({ id: inv.id, document_file_id: "file_2" })).rejects.toThrow(IMMUTABLE)
        await expect(sql(`UPDATE billing_invoice SET document_file_id = NULL WHERE id = ?`, [inv.id])).rejects.toThrow(IMMUTABLE)

        await service.markCancelled(inv.id, "binv_cancellation_1")
        expect(await service.retrieveBillingInvoice(inv.id)).toMatchObject({
          status: "cancelled",
          cancelled_by_invoice_id: "binv_cancellation_1",
          document_file_id: "file_1",
        })
        await expect(service.markCancelled(inv.id, "binv_cancellation_2")).rejects.toThrow(/not an issued invoice/)
        await expect(sql(`UPDATE billing_invoice SET cancelled_by_invoice_id = 'binv_other' WHERE id = ?`, [inv.id])).rejects.toThrow(IMMUTABLE)
        await expect(sql(`UPDATE billing_invoice SET cancelled_by_invoice_id = NULL WHERE id = ?`, [inv.id])).rejects.toThrow(IMMUTABLE)
        await expect(sql(`UPDATE billing_invoice SET status = 'issued' WHERE id = ?`, [inv.id])).rejects.toThrow(IMMUTABLE)
        await expect(sql(`DELETE FROM billing_invoice WHERE id = ?`, [inv.id])).rejects.toThrow(IMMUTABLE)
        await expect(sql(`UPDATE billing_invoice_line SET description = 'x' WHERE invoice_id = ?`, [inv.id])).rejects.toThrow(IMMUTABLE)
      })

      it("refuses marking a draft cancelled", async () => {
        const [d] = await createDrafts(draft())
        await expect(service.markCancelled(d.id, "binv_x")).rejects.toThrow(/not an issued invoice/)
        expect(await service.retrieveBillingInvoice(d.id)).toMatchObject({ status: "draft", cancelled_by_invoice_id: null })
      })
    })

    describe("cancellation", () => {
      it("creates an ST- document with negated totals and lines and marks the original cancelled, once", async () => {
        const inv = await issuedInvoice({ notes: ["Danke"] })
        const result = await service.cancelInvoice({ invoice_id: inv.id, issue_date: "2026-03-20", formats: FORMATS, reason: "Wrong address" })
        expect(result.created).toBe(true)

        const st = await service.retrieveBillingInvoice(result.cancellation_id, { relations: ["lines", "tax_totals"] })
        expect(st).toMatchObject({
          kind: "cancellation",
          cancels_invoice_id: inv.id,
          project_id: inv.project_id,
          contract_id: inv.contract_id,
          contract_number: inv.contract_number,
          customer_id: inv.customer_id,
          currency_code: "eur",
          service_from: "2026-03-01",
          service_to: "2026-03-31",
          payment_term_days: 0,
          notes: ["Danke", "Wrong address"],
        })
        const [totals] = await sql<Record<string, string>>(
          `SELECT net_total::text, tax_total::text, gross_total::text, credit_applied::text, amount_due::text FROM billing_invoice WHERE id = ?`,
          [st.id]
        )
        expect(totals).toEqual({ net_total: "-100", tax_total: "-19", gross_total: "-119", credit_applied: "0", amount_due: "-119" })

        const originalLines = await sql<Record<string, string>>(
          `SELECT id, position, activity_id FROM billing_invoice_line WHERE invoice_id = ? ORDER BY position`,
          [inv.id]
        )
        const lines = await sql<Record<string, string | number | null>>(
          `SELECT position, activity_id, negates_line_id, description, quantity::text, unit_price::text, net_amount::text, tax_rate::text, tax_category
             FROM billing_invoice_line WHERE invoice_id = ? ORDER BY position`,
          [st.id]
        )
        expect(lines).toEqual([
          {
            position: 1,
            activity_id: originalLines[0].activity_id,
            negates_line_id: originalLines[0].id,
            description: "Snack box",
            quantity: "-2",
            unit_price: "25",
            net_amount: "-50",
            tax_rate: "19",
            tax_category: "S",
          },
          {
            position: 2,
            activity_id: originalLines[1].activity_id,
            negates_line_id: originalLines[1].id,
            description: "Delivery",
            quantity: "-1",
            unit_price: "50",
            net_amount: "-50",
            tax_rate: "19",
            tax_category: "S",
          },
        ])
        expect(
          await sql(`SELECT category, rate::text, net::text, tax::text FROM billing_invoice_tax_total WHERE invoice_id = ?`, [st.id])
        ).toEqual([{ category: "S", rate: "19", net: "-100", tax: "-19" }])

        expect(await service.retrieveBillingInvoice(inv.id)).toMatchObject({ status: "cancelled", cancelled_by_invoice_id: st.id })

        // Again: the same cancellation, no second document.
        expect(await service.cancelInvoice({ invoice_id: inv.id, issue_date: "2026-03-21", formats: FORMATS, reason: null })).toEqual({
          cancellation_id: st.id,
          created: false,
        })
        expect(await service.listBillingInvoices({ kind: "cancellation" })).toHaveLength(1)

        // The cancellation is issued in the same transaction, with its own number from the cancellation format.
        expect(await service.retrieveBillingInvoice(st.id)).toMatchObject({
          status: "issued",
          number: "ST-2026-000001",
          issue_date: "2026-03-20",
          due_date: "2026-03-20",
          payment_terms: null,
        })
        expect((await service.listBillingInvoiceNumberLogs({ invoice_id: st.id })).map((l) => [l.number, l.event])).toEqual([["ST-2026-000001", "used"]])
        expect(await service.listBillingInvoiceNumberLogs({})).toHaveLength(2)
        // …and from then on immutable like any issued document.
        await expect(sql(`UPDATE billing_invoice SET notes = '[]'::jsonb WHERE id = ?`, [st.id])).rejects.toThrow(IMMUTABLE)
        await expect(sql(`DELETE FROM billing_invoice_line WHERE invoice_id = ?`, [st.id])).rejects.toThrow(IMMUTABLE)
      })

      it("returns the same cancellation to concurrent calls", async () => {
        const inv = await issuedInvoice()
        const input = { invoice_id: inv.id, issue_date: ISSUE_DATE, formats: FORMATS, reason: null }
        const results = await Promise.all([service.cancelInvoice(input), service.cancelInvoice(input), service.cancelInvoice(input)])
        expect(new Set(results.map((r) => r.cancellation_id)).size).toBe(1)
        expect(results.filter((r) => r.created)).toHaveLength(1)
        expect(await service.listBillingInvoices({ kind: "cancellation" })).toHaveLength(1)
      })

      it("refuses cancelling a draft, a cancellation or an unknown invoice", async () => {
        const [d] = await createDrafts(draft())
        await expect(service.cancelInvoice({ invoice_id: d.id, issue_date: ISSUE_DATE, formats: FORMATS, reason: null })).rejects.toThrow(
          /not issued yet and cannot be cancelled/
        )
        // An issued cancellation document (issued directly, so this does not depend on cancelInvoice issuing one).
        const [st] = await createDrafts(draft({ kind: "cancellation", net_total: "-100.00", tax_total: "-19.00", gross_total: "-119.00", amount_due: "-119.00" }, []))
        await service.issueInvoices({ invoice_ids: [st.id], issue_date: ISSUE_DATE, formats: { bprj_1: FORMATS } })
        expect(await service.retrieveBillingInvoice(st.id)).toMatchObject({ status: "issued", number: "ST-2026-000001" })
        await expect(service.cancelInvoice({ invoice_id: st.id, issue_date: ISSUE_DATE, formats: FORMATS, reason: null })).rejects.toThrow(
          /is a cancellation and cannot be cancelled/
        )
        await expect(
          service.cancelInvoice({ invoice_id: "binv_missing", issue_date: ISSUE_DATE, formats: FORMATS, reason: null })
        ).rejects.toThrow(/was not found/)
        expect(await service.listBillingInvoices({ kind: "cancellation" })).toHaveLength(1)
        expect(await service.retrieveBillingInvoice(d.id)).toMatchObject({ status: "draft" })
        expect(await service.retrieveBillingInvoice(st.id)).toMatchObject({ status: "issued", cancelled_by_invoice_id: null })
      })
    })
  },
})
