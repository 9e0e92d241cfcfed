import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_DUNNING_MODULE } from ".."
import BillingDunningModuleService, { NewDunningNotice } from "../service"

jest.setTimeout(60_000)

function notice(invoiceId: string, level: number, overrides: Partial<NewDunningNotice> = {}): NewDunningNotice {
  return {
    invoice_id: invoiceId,
    invoice_number: `RE-${invoiceId}`,
    invoice_issue_date: "2026-01-01",
    invoice_due_date: "2026-01-15",
    invoice_total: "35.70",
    customer_id: "cus_1",
    currency_code: "eur",
    locale: "de",
    level,
    notice_date: level === 1 ? "2026-01-22" : "2026-02-05",
    payment_deadline: "2026-02-12",
    open_amount: "35.70",
    fee: level === 1 ? "0.00" : "5.00",
    total: level === 1 ? "35.70" : "40.70",
    title: level === 1 ? "Zahlungserinnerung" : "1. Mahnung",
    subject: "Zahlungserinnerung zu Rechnung RE-1",
    text: "Bitte zahlen Sie.",
    trigger: "schedule",
    ...overrides,
  }
}

moduleIntegrationTestRunner<BillingDunningModuleService>({
  moduleName: BILLING_DUNNING_MODULE,
  resolve: "./src/modules/billing-dunning",
  // The real migration, so the unique key and checks under test are the ones the app gets.
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service }) => {
    describe("the unique key invoice + level", () => {
      it("writes a notice once: a second write of the same invoice and level returns nothing and changes nothing", async () => {
        const [first] = await service.createNoticesOnce([notice("binv_1", 1)])
        expect(first).toEqual({ id: expect.stringMatching(/^bdnt_/), invoice_id: "binv_1", level: 1 })
        expect(await service.createNoticesOnce([notice("binv_1", 1, { notice_date: "2026-01-30", text: "other" })])).toEqual([])
        const stored = await service.listBillingDunningNotices({ invoice_id: "binv_1" })
        expect(stored.map((n) => [n.id, n.level, n.notice_date, n.text])).toEqual([[first.id, 1, "2026-01-22", "Bitte zahlen Sie."]])
      })

      it("lets exactly one of many concurrent writers have a notice, and keeps the others of the batch", async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => service.createNoticesOnce([notice("binv_race", 1), notice(`binv_own_${i}`, 1)]))
        )
        expect(results.flat().filter((row) => row.invoice_id === "binv_race")).toHaveLength(1)
        expect(results.map((rows) => rows.filter((row) => row.invoice_id.startsWith("binv_own_")).length)).toEqual(Array(8).fill(1))
        expect(await service.listBillingDunningNotices({ invoice_id: "binv_race" })).toHaveLength(1)
      })

      it("allows the next level of the same invoice and the same level of another invoice", async () => {
        await service.createNoticesOnce([notice("binv_2", 1), notice("binv_3", 1)])
        const created = await service.createNoticesOnce([notice("binv_2", 2), notice("binv_3", 1)])
        expect(created.map((row) => [row.invoice_id, row.level])).toEqual([["binv_2", 2]])
      })

      it("is a database constraint: the generated create fails with a duplicate error", async () => {
        await service.createNoticesOnce([notice("binv_4", 1)])
        await expect(service.createBillingDunningNotices(notice("binv_4", 1) as never)).rejects.toThrow(/already exists|duplicate|unique/i)
      })
    })

    it("keeps exact amounts and refuses a negative fee, a level 0 and a malformed date", async () => {
      const [row] = await service.createNoticesOnce([notice("binv_5", 2, { open_amount: "1234567890.12", total: "1234567895.12" })])
      const stored = await service.retrieveBillingDunningNotice(row.id)
      expect(((stored as unknown as { raw_total: { value: string } }).raw_total).value).toBe("1234567895.12")
      await expect(service.createNoticesOnce([notice("binv_6", 1, { fee: "-1.00" })])).rejects.toThrow(/fee_not_negative/)
      await expect(service.createNoticesOnce([notice("binv_7", 0)])).rejects.toThrow(/level_positive/)
      await expect(service.createNoticesOnce([notice("binv_8", 1, { notice_date: "22.01.2026" })])).rejects.toThrow(/notice_date_iso/)
    })

    it("answers the highest notice per invoice", async () => {
      await service.createNoticesOnce([notice("binv_a", 1), notice("binv_b", 1)])
      await service.createNoticesOnce([notice("binv_a", 2)])
      const latest = await service.latestNotices(["binv_a", "binv_b", "binv_none"])
      expect(latest.sort((x, y) => x.invoice_id.localeCompare(y.invoice_id))).toEqual([
        { invoice_id: "binv_a", level: 2, notice_date: "2026-02-05" },
        { invoice_id: "binv_b", level: 1, notice_date: "2026-01-22" },
      ])
      expect(await service.latestNotices([])).toEqual([])
    })

    it("attaches the first PDF only and marks a notice delivered once", async () => {
      const [row] = await service.createNoticesOnce([notice("binv_c", 1)])
      expect(await service.attachDocument(row.id, "file_1")).toBe(true)
      expect(await service.attachDocument(row.id, "file_2")).toBe(false)
      expect((await service.retrieveBillingDunningNotice(row.id)).document_file_id).toBe("file_1")
      expect(await service.listBillingDunningNotices({ delivered_at: null })).toHaveLength(1)
      expect(await service.markDelivered([row.id])).toEqual([row.id])
      expect(await service.markDelivered([row.id])).toEqual([])
      expect(await service.listBillingDunningNotices({ delivered_at: null })).toHaveLength(0)
    })

    it("resolves the dunning option defaults when none are given", () => {
      const options = service.dunningOptions()
      expect(options.levels.map((l) => [l.level, l.days_after_due, l.fee])).toEqual([
        [1, 7, "0.00"],
        [2, 21, "5.00"],
        [3, 35, "10.00"],
      ])
      expect(options.min_open_amount).toBe("1.00")
    })
  },
})
