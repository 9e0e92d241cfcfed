import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { adminHeaders } from "../helpers/admin"
import { assertLedgerInvariant, balanceOf, createActiveContract, createMonthlyBoxShop, openItemsOf, startRun, todayIso } from "../helpers/billing"
import { Api } from "../helpers/catalog"
import { dunningRun, listNotices, pdfText } from "../helpers/dunning"
import { smtpSink } from "../helpers/smtp"
import { AuthHeaders, createCustomer, expectBadRequest, expectNotFound, expectUnauthorized, failure } from "../helpers/http"
import dunningRunJob from "../../src/jobs/dunning-run"
import { BILLING_COLLECTION_MODULE } from "../../src/modules/billing-collection"
import BillingCollectionModuleService from "../../src/modules/billing-collection/service"

jest.setTimeout(180_000)

// Mails (invoices and notices) go through the plugin's SMTP provider to this server, so their content is checked.
const smtp = smtpSink()
beforeAll(() => smtp.configureApp())
afterAll(() => smtp.close())

/** de dates as the notices print them. */
const de = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`

/**
 * Invoices are issued today with 14 days to pay, so they fall due on today + 14; the dunning run's `as_of`
 * moves into the future instead: level 1 (due + 7), level 2 (due + 21), level 3 (due + 35).
 */
const DUE = todayIso(14)
const day = (afterDue: number) => todayIso(14 + afterDue)

// The scenario moves the dunning date into the future (sandbox mode, as allow_future_billing_runs documents).
process.env.BILLING_ALLOW_FUTURE_RUNS = "true"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let auth: AuthHeaders

    /** A customer with one January 2024 snack box (35.70 gross), invoiced today. */
    async function billedCustomer(email: string, firstName: string) {
      shop ??= await createMonthlyBoxShop(api as Api, auth)
      const { project, box } = shop
      const customer = await createCustomer(getContainer(), email, firstName)
      const contract = await createActiveContract(api, auth, { project_id: project.id, customer_id: customer.id, end_date: "2024-01-31", items: [{ article_id: box.id }] })
      const run = await startRun(api, auth, { as_of: "2024-01-15", contract_ids: [contract.id] })
      expect(run.invoice_ids).toHaveLength(1)
      const invoice = (await api.get(`/admin/billing/invoices/${run.invoice_ids[0]}`, auth)).data.invoice
      expect([invoice.due_date, invoice.gross_total]).toEqual([DUE, 35.7])
      return { customer, contract, invoice }
    }
    let shop: { project: any; box: any } | null = null

    beforeEach(async () => {
      auth = await adminHeaders(getContainer())
      shop = null
    })

    it("reminds an overdue invoice level by level — once each, with PDF, mail and fee — and skips a customer whose credit covers it", async () => {
      const erika = await billedCustomer("erika@example.com", "Erika")
      const max = await billedCustomer("max@example.com", "Max")
      // Max's unassigned bank payment of 50.00 exceeds his open item of 35.70.
      const credit = await api.post(
        `/admin/billing/customers/${max.customer.id}/ledger/bookings`,
        { amount: "50.00", currency_code: "EUR", direction: "credit", reason: "Überweisung ohne Zuordnung" },
        auth
      )
      expect(credit.status).toBe(201)
      const sent: any[] = []
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe("billing.dunning.notice_sent", async (event: { data: unknown }) => {
          sent.push(event.data)
        })
      const dunningMails = () => smtp.received.filter((mail) => /Subject: (Zahlungserinnerung|1\. Mahnung)/.test(mail.raw))

      // Nothing is due on the due date itself, nor six days later.
      expect((await dunningRun(api, auth, { as_of: DUE, dry_run: true })).notices).toEqual([])
      expect((await dunningRun(api, auth, { as_of: day(6), dry_run: true })).notices).toEqual([])

      // The dry run on due + 7 answers what would be sent and writes nothing.
      const dry = await dunningRun(api, auth, { as_of: day(7), dry_run: true })
      expect(dry).toEqual(
        expect.objectContaining({
          as_of: day(7),
          dry_run: true,
          notices: [
            expect.objectContaining({
              invoice_id: erika.invoice.id,
              invoice_number: erika.invoice.number,
              customer_id: erika.customer.id,
              level: 1,
              open_amount: "35.70",
              fee: "0.00",
              total: "35.70",
              notice_date: day(7),
              payment_deadline: day(14),
              title: "Zahlungserinnerung",
              subject: `Zahlungserinnerung zu Rechnung ${erika.invoice.number}`,
            }),
          ],
          skipped: [{ invoice_id: max.invoice.id, invoice_number: max.invoice.number, customer_id: max.customer.id, level: 1, reason: "customer_has_credit" }],
        })
      )
      expect(dry.notices[0].text).toContain(`war am ${de(DUE)} fällig`)
      expect((await listNotices(api, auth)).count).toBe(0)
      expect(await balanceOf(api, auth, erika.customer.id)).toBe("35.70")

      // Two runs on due + 7 at the same moment: one notice, one mail.
      const runs = await Promise.all([0, 1].map(() => api.post("/admin/billing/dunning/runs", { as_of: day(7) }, auth).catch((error: any) => error.response)))
      expect(runs.every((res: any) => res.status === 201 || (res.status === 400 && /already in progress/.test(res.data.message)))).toBe(true)
      const first = runs.flatMap((res: any) => (res.status === 201 ? res.data.run.notices : []))
      expect(first).toEqual([expect.objectContaining({ id: expect.stringMatching(/^bdnt_/), invoice_id: erika.invoice.id, level: 1, fee: "0.00" })])
      expect(runs.find((res: any) => res.data.run?.notices.length)?.data.run).toEqual(
        expect.objectContaining({ delivered: 1, mail_failed: [], errors: [], skipped: [expect.objectContaining({ invoice_id: max.invoice.id })] })
      )
      const [level1] = (await listNotices(api, auth)).notices
      expect(level1).toEqual(
        expect.objectContaining({
          id: first[0].id,
          invoice_id: erika.invoice.id,
          customer_id: erika.customer.id,
          level: 1,
          notice_date: day(7),
          invoice_due_date: DUE,
          open_amount: 35.7,
          fee: 0,
          total: 35.7,
          trigger: "admin",
          document_file_id: expect.any(String),
          delivered_at: expect.any(String),
        })
      )

      // The mail: logged as sent, received by the SMTP server with the PDF attached.
      const { data: log } = await api.get(`/admin/billing/mail-log?invoice_id=${erika.invoice.id}`, auth)
      expect(log.mail_log.find((m: any) => m.kind === "dunning_1")).toEqual(
        expect.objectContaining({ status: "sent", attempts: 1, recipient: "erika@example.com", subject: `Zahlungserinnerung zu Rechnung ${erika.invoice.number}` })
      )
      expect(dunningMails()).toHaveLength(1)
      expect(dunningMails()[0].to).toEqual(["erika@example.com"])
      expect(dunningMails()[0].raw).toContain(`filename=${erika.invoice.number}-Mahnstufe-1.pdf`)

      // The stored PDF.
      const pdf = await api.get(`/admin/billing/dunning/notices/${level1.id}/pdf`, { ...auth, responseType: "arraybuffer" })
      expect(pdf.headers["content-type"]).toContain("application/pdf")
      const text = (await pdfText(Buffer.from(pdf.data))).replace(/\s+/g, " ")
      for (const expected of ["Snack Box GmbH", "Erika", "Zahlungserinnerung", `zu Rechnung ${erika.invoice.number}`, de(day(7)), de(todayIso()), de(DUE), "35,70 €", "Zahlbar bis", de(day(14)), "DE89 3704 0044 0532 0130 00"]) {
        expect(text).toContain(expected)
      }
      expect(text).not.toContain("Mahngebühr")
      const again = await api.get(`/admin/billing/dunning/notices/${level1.id}/pdf`, { ...auth, responseType: "arraybuffer" })
      expect(Buffer.from(again.data).equals(Buffer.from(pdf.data))).toBe(true)

      // Re-running the same day, or before level 2 is due, sends nothing.
      for (const asOf of [day(7), day(20)]) {
        const rerun = await dunningRun(api, auth, { as_of: asOf })
        expect([rerun.notices, rerun.delivered]).toEqual([[], 0])
      }
      expect(dunningMails()).toHaveLength(1)

      // Due + 21: level 2 with its fee of 5.00 booked on the invoice's open item.
      const second = await dunningRun(api, auth, { as_of: day(21) })
      expect(second.notices).toEqual([
        expect.objectContaining({ invoice_id: erika.invoice.id, level: 2, open_amount: "35.70", fee: "5.00", total: "40.70", title: "1. Mahnung" }),
      ])
      expect(second.skipped).toEqual([expect.objectContaining({ invoice_id: max.invoice.id, level: 2, reason: "customer_has_credit" })])
      expect(await openItemsOf(api, auth, erika.customer.id)).toEqual({ [erika.invoice.number]: "40.70" })
      expect(await balanceOf(api, auth, erika.customer.id)).toBe("40.70")
      const statement = (await api.get(`/admin/billing/customers/${erika.customer.id}/ledger?currency_code=eur`, auth)).data.entries
      expect(statement.map((e: any) => [e.kind, e.amount, e.invoice_id, e.booking_date])).toEqual([
        ["invoice", "35.70", erika.invoice.id, todayIso()],
        ["fee", "5.00", erika.invoice.id, day(21)],
      ])
      const level2Pdf = await api.get(`/admin/billing/dunning/notices/${second.notices[0].id}/pdf`, { ...auth, responseType: "arraybuffer" })
      const level2Text = (await pdfText(Buffer.from(level2Pdf.data))).replace(/\s+/g, " ")
      for (const expected of ["1. Mahnung", "Mahngebühr", "5,00 €", "40,70 €", de(day(28))]) {
        expect(level2Text).toContain(expected)
      }
      expect(dunningMails().map((mail) => /Subject: ([^\r\n]*)/.exec(mail.raw)?.[1])).toEqual([
        `Zahlungserinnerung zu Rechnung ${erika.invoice.number}`,
        `1. Mahnung zu Rechnung ${erika.invoice.number}`,
      ])

      // Filters of the notice list.
      expect((await listNotices(api, auth, `customer_id=${erika.customer.id}`)).count).toBe(2)
      expect((await listNotices(api, auth, `customer_id=${max.customer.id}`)).count).toBe(0)
      expect((await listNotices(api, auth, "level=2")).notices.map((n: any) => n.id)).toEqual([second.notices[0].id])
      expect((await listNotices(api, auth, `invoice_id=${erika.invoice.id}&level[]=1&level[]=2`)).count).toBe(2)
      expect((await api.get(`/admin/billing/dunning/notices/${level1.id}`, auth)).data.notice).toEqual(expect.objectContaining({ id: level1.id, level: 1 }))

      // One event per notice, with its fee.
      expect(sent.sort((a, b) => a.level - b.level)).toEqual([
        { id: level1.id, invoice_id: erika.invoice.id, customer_id: erika.customer.id, level: 1, fee: "0.00", currency_code: "eur" },
        { id: second.notices[0].id, invoice_id: erika.invoice.id, customer_id: erika.customer.id, level: 2, fee: "5.00", currency_code: "eur" },
      ])

      // The scheduled job runs on today, when nothing is overdue yet.
      await dunningRunJob(getContainer())
      expect((await listNotices(api, auth)).count).toBe(2)

      // Customer accounts: Erika 35.70 + 5.00 fee, Max 35.70 − 50.00.
      await assertLedgerInvariant(getContainer(), { eur: "26.40" })
    })

    it("refuses bad input with a 400 naming the field, and unknown notices with a 404", async () => {
      await expectBadRequest(api.post("/admin/billing/dunning/runs", { as_of: "2026-02-30" }, auth), "as_of", "YYYY-MM-DD")
      await expectBadRequest(api.post("/admin/billing/dunning/runs", { as_of: "tomorrow" }, auth), "as_of")
      await expectBadRequest(api.post("/admin/billing/dunning/runs", { as_of: DUE, dry_run: "yes" }, auth), "dry_run")
      await expectBadRequest(api.post("/admin/billing/dunning/runs", { as_of: DUE, level: 3 }, auth), "level")
      await expectBadRequest(api.get("/admin/billing/dunning/notices?customer_id=cus_nobody", auth), "customer_id", "cus_nobody")
      await expectBadRequest(api.get("/admin/billing/dunning/notices?customer=cus_nobody", auth), "customer")
      await expectBadRequest(api.get("/admin/billing/dunning/notices?level=first", auth), "level")
      await expectBadRequest(api.get("/admin/billing/dunning/notices?level=0", auth), "level")
      await expectNotFound(api.get("/admin/billing/dunning/notices/bdnt_nothing", auth), "bdnt_nothing")
      await expectNotFound(api.get("/admin/billing/dunning/notices/bdnt_nothing/pdf", auth), "bdnt_nothing")
      await expectUnauthorized(api.post("/admin/billing/dunning/runs", { as_of: DUE, dry_run: true }))
      expect((await failure(api.get("/admin/billing/dunning/notices"))).status).toBe(401)
    })

    it("retries a reminder mail the server refused with the next runs, without a second notice or fee", async () => {
      const bernd = await billedCustomer("bounce@example.com", "Bernd")
      smtp.rejects = (address) => address === "bounce@example.com"
      try {
        const first = await dunningRun(api, auth, { as_of: day(21) })
        expect(first.notices).toEqual([expect.objectContaining({ invoice_id: bernd.invoice.id, level: 2, fee: "5.00" })])
        expect(first.delivered).toBe(0)
        expect(first.mail_failed).toEqual([{ notice_id: first.notices[0].id, error: expect.stringContaining("550") }])
        const failed = (await api.get(`/admin/billing/mail-log?invoice_id=${bernd.invoice.id}`, auth)).data.mail_log.find((m: any) => m.kind === "dunning_2")
        expect(failed).toEqual(expect.objectContaining({ status: "failed", attempts: 1, error: expect.stringContaining("mailbox full") }))
        expect((await api.get(`/admin/billing/dunning/notices/${first.notices[0].id}`, auth)).data.notice.delivered_at).toBeNull()
      } finally {
        smtp.rejects = () => false
      }
      const retry = await dunningRun(api, auth, { as_of: day(22) })
      expect([retry.notices, retry.delivered, retry.mail_failed]).toEqual([[], 1, []])
      const log = (await api.get(`/admin/billing/mail-log?invoice_id=${bernd.invoice.id}`, auth)).data.mail_log.find((m: any) => m.kind === "dunning_2")
      expect(log).toEqual(expect.objectContaining({ status: "sent", attempts: 2, error: null }))
      expect((await dunningRun(api, auth, { as_of: day(23) })).delivered).toBe(0)
      expect(await balanceOf(api, auth, bernd.customer.id)).toBe("40.70")
      expect(smtp.received.filter((mail) => mail.to[0] === "bounce@example.com" && mail.raw.includes("Subject: 1. Mahnung"))).toHaveLength(1)
      await assertLedgerInvariant(getContainer(), { eur: "40.70" })
    })

    it("does not remind an invoice whose direct debit is pending, and reminds it once the debit is no longer pending", async () => {
      const dora = await billedCustomer("dora@example.com", "Dora")
      const collections = getContainer().resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
      await collections.recordBatch({
        batch: {
          id: "bsba_dunning_test",
          message_id: "MSG-DUNNING-1",
          creation_date_time: `${todayIso()}T08:00:00`,
          first_collection_date: DUE,
          last_collection_date: DUE,
          local_instrument: "CORE",
          transaction_count: 1,
          control_sum: "35.70",
          currency_code: "eur",
          file_id: null,
          file_name: "MSG-DUNNING-1.xml",
          creditor_id: "DE98ZZZ09999999999",
        },
        collections: [
          {
            invoice_id: dora.invoice.id,
            invoice_number: dora.invoice.number,
            customer_id: dora.customer.id,
            contract_id: dora.contract.id,
            mandate_id: "bsmd_dora",
            mandate_reference: "MANDATE-DORA",
            end_to_end_id: "E2E-DORA-1",
            payment_information_id: "PMT-1",
            sequence_type: "FRST",
            collection_date: DUE,
            amount: "35.70",
            currency_code: "eur",
          },
        ],
        mandates: [],
      })
      expect((await collections.openCollections({ invoice_ids: [dora.invoice.id] })).map((c) => c.end_to_end_id)).toEqual(["E2E-DORA-1"])

      const dry = await dunningRun(api, auth, { as_of: day(7), dry_run: true })
      expect([dry.notices, dry.skipped]).toEqual([[], [expect.objectContaining({ invoice_id: dora.invoice.id, level: 1, reason: "pending_direct_debit" })]])
      expect((await dunningRun(api, auth, { as_of: day(7) })).notices).toEqual([])
      expect((await listNotices(api, auth)).count).toBe(0)

      // The debit came back: the invoice is open and no longer pending, so dunning takes it up.
      await collections.returnCollections([{ end_to_end_id: "E2E-DORA-1", bank_transaction_id: "BTX-1", return_reason: "AC04" }])
      const after = await dunningRun(api, auth, { as_of: day(8) })
      expect(after.notices).toEqual([expect.objectContaining({ invoice_id: dora.invoice.id, level: 1, notice_date: day(8) })])
    })
  },
})
