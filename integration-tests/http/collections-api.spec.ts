import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { collectionDate } from "../../src/domain/sepa"
import { BillingEvents } from "../../src/events"
import { BILLING_COLLECTION_MODULE } from "../../src/modules/billing-collection"
import BillingCollectionModuleService from "../../src/modules/billing-collection/service"
import { collectCardPaymentsExclusively } from "../../src/workflows/collections/charge-card-workflow"
import { adminHeaders } from "../helpers/admin"
import { assertLedgerInvariant, createActiveContract, createMonthlyBoxShop, openItemsOf, startRun, todayIso } from "../helpers/billing"
import { Api } from "../helpers/catalog"
import { batchXml, collectionsOf, createMandate, IBANS, mandateBody, TEST_CREDITOR, xmlValues } from "../helpers/collections"
import { AuthHeaders, createCustomer, expectBadRequest, failure } from "../helpers/http"

jest.setTimeout(180_000)

// The app under test registers the test card provider (medusa-config.ts reads this when it is loaded).
process.env.BILLING_TEST_PAYMENT_PROVIDER = "true"
const PROVIDER = "pp_billing-test_test"
const DAY = 86_400_000

afterAll(() => {
  delete process.env.BILLING_TEST_PAYMENT_PROVIDER
})

const de = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("collects SEPA direct debits and card payments exactly once, with retries and ledger bookings", async () => {
      const container = getContainer()
      const auth: AuthHeaders = await adminHeaders(container)
      const http = api as Api
      const collections = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
      const failedEvents: any[] = []
      container.resolve(Modules.EVENT_BUS).subscribe(BillingEvents.PAYMENT_FAILED, async (event: any) => {
        failedEvents.push(event.data)
      })

      const { project, box } = await createMonthlyBoxShop(http, auth)
      const [anna, bernd, carla, dora, emil, fritz] = await Promise.all(
        ["anna", "bernd", "carla", "dora", "emil", "fritz"].map((name) => createCustomer(container, `${name}@example.com`, name))
      )
      const contract = (customer: { id: string }, payment_method: string) =>
        createActiveContract(http, auth, { project_id: project.id, customer_id: customer.id, items: [{ article_id: box.id }], payment_method })
      const [annaContract, , , doraContract, emilContract] = [
        await contract(anna, "sepa_debit"),
        await contract(bernd, "sepa_debit"),
        await contract(carla, "sepa_debit"),
        await contract(dora, "card"),
        await contract(emil, "card"),
        await contract(fritz, "invoice"),
      ]

      // ── Creditor: not configured → a batch names the option; the corpus sample id fails its checksum ──
      const unset = (await http.get("/admin/billing/sepa/creditor", auth)).data
      expect(unset.source).toBe("options")
      expect(unset.problems).toEqual(expect.arrayContaining([{ field: "creditor_id", reason: "is not configured" }]))
      await expectBadRequest(http.post("/admin/billing/sepa/batches", {}, auth), "sepa.creditor_id: is not configured")
      await expectBadRequest(
        http.post("/admin/billing/sepa/creditor", { ...TEST_CREDITOR, creditor_id: "DE26ZZZ00000000000" }, auth),
        "creditor_id: DE26ZZZ00000000000 fails the checksum"
      )
      await expectBadRequest(
        http.post("/admin/billing/sepa/creditor", { ...TEST_CREDITOR, creditor_iban: "DE89370400440532013001" }, auth),
        "creditor_iban:"
      )
      const creditor = (await http.post("/admin/billing/sepa/creditor", TEST_CREDITOR, auth)).data
      expect(creditor).toEqual(expect.objectContaining({ source: "settings", problems: [] }))
      expect(creditor.creditor.creditor_id).toBe("DE98ZZZ09999999999")

      // ── Mandates: every SEPA rule is a 400 naming the field; nothing is stored on bad input ──
      const mandates = `/admin/billing/customers/${anna.id}/mandates`
      await expectBadRequest(http.post(mandates, mandateBody({ debtor_iban: "DE89370400440532013001" }), auth), "debtor_iban: DE89370400440532013001 is not a valid IBAN")
      await expectBadRequest(http.post(mandates, mandateBody({ mandate_reference: "MANDAT-ä-1" }), auth), 'mandate_reference: contains "ä"')
      await expectBadRequest(http.post(mandates, mandateBody({ signature_date: todayIso(1) }), auth), `signature_date: ${todayIso(1)} is after today`)
      await expectBadRequest(
        http.post(mandates, mandateBody({ debtor_address: { town_name: "Berlin", country_code: "XX" } }), auth),
        'debtor_address.country_code: "XX" is not an ISO 3166 country code'
      )
      await expectBadRequest(http.post(mandates, mandateBody({ debtor_bic: "NOTABIC" }), auth), "debtor_bic: NOTABIC is not a valid BIC")
      expect((await http.get(mandates, auth)).data.count).toBe(0)

      const annaMandate = await createMandate(http, auth, anna.id, { mandate_reference: "ANNA-2026-1", debtor_name: "Anna Änderlich", debtor_iban: IBANS.commerzbank })
      expect(annaMandate).toEqual(expect.objectContaining({ status: "active", first_collection_at: null, debtor_iban: IBANS.commerzbank, town_name: "München" }))
      const berndMandate = await createMandate(http, auth, bernd.id, { mandate_reference: "BERND-2026-1", debtor_iban: "de02 1203 0000 0000 2020 51" })
      expect(berndMandate.debtor_iban).toBe(IBANS.dkb)
      await expectBadRequest(http.post(mandates, mandateBody({ mandate_reference: "ANNA-2026-2" }), auth), "already has the active mandate ANNA-2026-1")
      await expectBadRequest(
        http.post(`/admin/billing/customers/${carla.id}/mandates`, mandateBody({ mandate_reference: "ANNA-2026-1" }), auth),
        "mandate_reference: ANNA-2026-1 is already used"
      )

      // ── First billing run; the first batch collects Anna and Bernd with FRST, Carla has no mandate ──
      await startRun(http, auth, { as_of: "2024-01-10" })
      const firstBatch = (await http.post("/admin/billing/sepa/batches", {}, auth)).data
      expect(firstBatch.batch.status).toBe("generated")
      expect(firstBatch.batch.transaction_count).toBe(2)
      expect(firstBatch.batch.message_id).toMatch(/^BSBA-[0-9A-Z]{26}$/)
      expect(firstBatch.skipped).toEqual([
        expect.objectContaining({ customer_id: carla.id, reason: "the customer has no active SEPA mandate" }),
      ])
      const first = firstBatch.batch.collections as any[]
      expect(first.map((c) => [c.customer_id, c.sequence_type, c.amount, c.status]).sort()).toEqual(
        [[anna.id, "FRST", 35.7, "pending"], [bernd.id, "FRST", 35.7, "pending"]].sort()
      )
      const annaJan = first.find((c) => c.customer_id === anna.id)
      const [annaInvoice] = (await http.get(`/admin/billing/invoices?contract_id=${annaContract.id}`, auth)).data.invoices
      expect(annaJan.invoice_id).toBe(annaInvoice.id)
      expect(annaJan.end_to_end_id).toBe(`${annaInvoice.number}-1`)
      // Due date of the invoice (issue + 14 days) vs pre-notification (14 days) and TARGET2: the later, on a business day.
      expect(annaJan.collection_date).toBe(collectionDate(todayIso(), annaInvoice.due_date, { pre_notification_days: 14 }))

      const xml1 = await batchXml(http, auth, firstBatch.batch.id)
      expect(xmlValues(xml1, "MsgId")).toEqual([firstBatch.batch.message_id])
      expect(xmlValues(xml1, "SeqTp")).toEqual(["FRST"])
      expect(xmlValues(xml1, "NbOfTxs")).toEqual(["2", "2"])
      expect(xmlValues(xml1, "CtrlSum")).toEqual(["71.40", "71.40"])
      expect(xmlValues(xml1, "MndtId").sort()).toEqual(["ANNA-2026-1", "BERND-2026-1"])
      expect(xmlValues(xml1, "AmdmntInd")).toEqual(["false", "false"])
      expect(xml1).toContain("<Nm>Anna Aenderlich</Nm>")
      expect(xml1).toContain("<TwnNm>Muenchen</TwnNm>")
      expect(xml1).toContain(`<Ustrd>${annaInvoice.number}</Ustrd>`)
      expect(xml1).toContain("<Id>DE98ZZZ09999999999</Id>")
      expect((await http.get(`/admin/billing/mandates/${annaMandate.id}`, auth)).data.mandate.first_collection_at).not.toBeNull()

      // Pre-notification: each debtor is mailed amount, date, mandate and creditor id when the batch is made.
      const preNotified = async () =>
        ((await http.get(`/admin/billing/mail-log?invoice_id=${annaInvoice.id}`, auth)).data.mail_log as any[]).filter((m) =>
          m.kind.startsWith("sepa_prenotification")
        )
      for (let i = 0; i < 50 && !(await preNotified()).some((m) => m.status === "sent"); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect((await preNotified()).map((m) => [m.kind, m.status, m.subject])).toEqual([
        ["sepa_prenotification_1", "sent", `Lastschrift über 35,70 € am ${de(annaJan.collection_date)} zu Rechnung ${annaInvoice.number}`],
      ])

      // ── Exactly once: already pending → not again; two concurrent batches collect Carla once ──
      await expectBadRequest(http.post("/admin/billing/sepa/batches", { invoice_ids: [annaInvoice.id] }, auth), `${annaInvoice.number}: is already in a pending collection`)
      await createMandate(http, auth, carla.id, { mandate_reference: "CARLA-2026-1", debtor_iban: IBANS.ing })
      const concurrent = await Promise.allSettled([
        http.post("/admin/billing/sepa/batches", {}, auth),
        http.post("/admin/billing/sepa/batches", {}, auth),
      ])
      const won = concurrent.filter((r) => r.status === "fulfilled") as PromiseFulfilledResult<any>[]
      const lost = concurrent.filter((r) => r.status === "rejected") as PromiseRejectedResult[]
      expect([won.length, lost.length]).toEqual([1, 1])
      expect(lost[0].reason.response.status).toBe(400)
      expect(lost[0].reason.response.data.message).toMatch(/nothing to collect/)
      expect(won[0].value.data.batch.collections.map((c: any) => [c.customer_id, c.sequence_type])).toEqual([[carla.id, "FRST"]])
      await batchXml(http, auth, won[0].value.data.batch.id)
      const pending = await collectionsOf(http, auth, "status=pending")
      expect(pending).toHaveLength(3)
      expect(new Set(pending.map((c) => c.invoice_id)).size).toBe(3)

      // ── The bank matching's side of the interface: settle Anna, return Bernd (idempotent) ──
      const open = await collections.openCollections({ customer_ids: [anna.id, bernd.id] })
      expect(open.map((c) => c.batch_message_id)).toEqual([firstBatch.batch.message_id, firstBatch.batch.message_id])
      const berndJan = first.find((c) => c.customer_id === bernd.id)
      expect(await collections.settleCollections([{ end_to_end_id: annaJan.end_to_end_id, bank_transaction_id: "camt-1" }])).toBe(1)
      expect(await collections.settleCollections([{ end_to_end_id: annaJan.end_to_end_id, bank_transaction_id: "camt-1" }])).toBe(0)
      const berndReturn = { end_to_end_id: berndJan.end_to_end_id, bank_transaction_id: "camt-2", return_reason: "MD06" }
      expect(await collections.returnCollections([berndReturn])).toBe(1)
      expect(await collections.returnCollections([berndReturn])).toBe(0)
      expect((await collections.openCollections({ customer_ids: [anna.id, bernd.id] })).length).toBe(0)
      await http.post(`/admin/billing/sepa/batches/${firstBatch.batch.id}`, { action: "submit" }, auth)
      await expectBadRequest(http.post(`/admin/billing/sepa/batches/${firstBatch.batch.id}`, { action: "cancel" }, auth), "only a generated batch can be cancelled")

      // ── Amendments: Anna's reference changes, Bernd moves to another bank (SMNDA) ──
      await expectBadRequest(http.post(`/admin/billing/mandates/${annaMandate.id}`, { mandate_reference: "ANNA//2" }, auth), 'mandate_reference: must not contain "//"')
      const amendedAnna = (await http.post(`/admin/billing/mandates/${annaMandate.id}`, { mandate_reference: "ANNA-2026-2" }, auth)).data.mandate
      expect(amendedAnna.pending_amendment).toEqual({ original_mandate_reference: "ANNA-2026-1" })
      const amendedBernd = (await http.post(`/admin/billing/mandates/${berndMandate.id}`, { debtor_iban: IBANS.sparkasse }, auth)).data.mandate
      expect(amendedBernd.pending_amendment).toEqual({ debtor_agent_changed: true })

      // ── Second run: RCUR for everyone; Bernd's returned January invoice is collected again ──
      await startRun(http, auth, { as_of: "2024-02-10" })
      const secondBatch = (await http.post("/admin/billing/sepa/batches", { collection_date: todayIso(40) }, auth)).data
      const second = secondBatch.batch.collections as any[]
      expect(second.map((c) => c.sequence_type)).toEqual(["RCUR", "RCUR", "RCUR", "RCUR"])
      expect(second.filter((c) => c.customer_id === bernd.id).map((c) => c.end_to_end_id).sort()).toEqual(
        [berndJan.end_to_end_id.replace(/-1$/, "-2"), expect.stringMatching(/-1$/)].sort()
      )
      // Anna's January collection is settled: only February is collected from her.
      expect(second.filter((c) => c.customer_id === anna.id)).toHaveLength(1)
      expect(second.every((c) => c.collection_date === collectionDate(todayIso(), todayIso(40)))).toBe(true)
      const xml2 = await batchXml(http, auth, secondBatch.batch.id)
      expect(xmlValues(xml2, "SeqTp")).toEqual(["RCUR"])
      expect(xmlValues(xml2, "ReqdColltnDt")).toEqual([collectionDate(todayIso(), todayIso(40))])
      expect(xmlValues(xml2, "OrgnlMndtId")).toEqual(["ANNA-2026-1"])
      expect(xml2.match(/<Id>SMNDA<\/Id>/g)).toHaveLength(2)
      expect((await http.get(`/admin/billing/mandates/${annaMandate.id}`, auth)).data.mandate.pending_amendment).toBeNull()

      // ── Cancelling a generated batch frees its invoices; a revoked mandate is not collected from ──
      const cancelled = (await http.post(`/admin/billing/sepa/batches/${secondBatch.batch.id}`, { action: "cancel" }, auth)).data
      expect(cancelled.cancelled_collections).toBe(4)
      expect(cancelled.batch.collections.map((c: any) => c.status)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"])
      expect((await http.get(`/admin/billing/mandates/${berndMandate.id}`, auth)).data.mandate.pending_amendment).toEqual({ debtor_agent_changed: true })
      const carlaMandate = (await http.get(`/admin/billing/customers/${carla.id}/mandates`, auth)).data.mandates[0]
      await http.post(`/admin/billing/mandates/${carlaMandate.id}`, { status: "revoked", revocation_reason: "customer cancelled" }, auth)
      await expectBadRequest(http.post(`/admin/billing/mandates/${carlaMandate.id}`, { debtor_name: "X" }, auth), "is revoked")
      const thirdBatch = (await http.post("/admin/billing/sepa/batches", {}, auth)).data
      expect(thirdBatch.batch.collections.map((c: any) => c.customer_id).sort()).toEqual([anna.id, bernd.id, bernd.id].sort())
      expect(thirdBatch.skipped).toEqual([expect.objectContaining({ customer_id: carla.id, reason: "the customer has no active SEPA mandate" })])
      // The cancelled file never reached the bank: the third one reports the amendments again.
      expect((await http.get(`/admin/billing/mandates/${berndMandate.id}`, auth)).data.mandate.pending_amendment).toBeNull()
      const xml3 = await batchXml(http, auth, thirdBatch.batch.id)
      expect(xmlValues(xml3, "SeqTp")).toEqual(["RCUR"])
      expect(xmlValues(xml3, "OrgnlMndtId")).toEqual(["ANNA-2026-1"])
      expect(xml3.match(/<Id>SMNDA<\/Id>/g)).toHaveLength(2)
      await expectBadRequest(
        http.post("/admin/billing/sepa/batches", { invoice_ids: [thirdBatch.batch.collections[0].invoice_id, "binv_nope"] }, auth),
        "invoice_ids: binv_nope was not found"
      )

      // ── Cards: a stored payment method per contract ──
      await expectBadRequest(
        http.post(`/admin/billing/contracts/${doraContract.id}/payment-method`, { provider_id: "pp_nope", payment_method_token: "pm_x" }, auth),
        'provider_id: "pp_nope" is not an enabled provider'
      )
      await expectBadRequest(
        http.post(`/admin/billing/contracts/${annaContract.id}/payment-method`, { provider_id: PROVIDER, payment_method_token: "pm_x" }, auth),
        "payment_method: contract"
      )
      await http.post(`/admin/billing/contracts/${doraContract.id}/payment-method`, { provider_id: PROVIDER, payment_method_token: "pm_card_visa", label: "Visa 4242" }, auth)
      await http.post(`/admin/billing/contracts/${emilContract.id}/payment-method`, { provider_id: PROVIDER, payment_method_token: "pm_fail_declined" }, auth)
      expect((await http.get(`/admin/billing/contracts/${doraContract.id}/payment-method`, auth)).data.payment_method).toEqual(
        expect.objectContaining({ provider_id: PROVIDER, payment_method_token: "pm_card_visa", customer_id: dora.id })
      )

      // The job at t0: Dora's two invoices are charged and booked; Emil's fail and are scheduled for t0 + 1 day.
      const t0 = new Date()
      const run0 = await collectCardPaymentsExclusively(container, t0)
      expect(run0.map((r) => r.status).sort()).toEqual(["failed", "failed", "succeeded", "succeeded"])
      expect(await openItemsOf(http, auth, dora.id)).toEqual({})
      const emilCharges = async () =>
        (await http.get(`/admin/billing/collections/card-charges?customer_id=${emil.id}&order=attempted_at&limit=100`, auth)).data.charges as any[]
      let emilAttempts = await emilCharges()
      expect(emilAttempts).toHaveLength(2)
      for (const attempt of emilAttempts) {
        expect(attempt).toEqual(expect.objectContaining({ status: "failed", attempt: 1, gave_up: false, provider_id: PROVIDER }))
        expect(attempt.error).toContain("card_declined")
        expect(new Date(attempt.next_attempt_at).getTime()).toBe(t0.getTime() + DAY)
      }
      const doraCharges = (await http.get(`/admin/billing/collections/card-charges?customer_id=${dora.id}`, auth)).data.charges
      expect(doraCharges.map((c: any) => [c.status, c.ledger_posting_key])).toEqual([
        ["succeeded", expect.stringMatching(/^card_payment:binv_.*:1$/)],
        ["succeeded", expect.stringMatching(/^card_payment:binv_.*:1$/)],
      ])

      // Nothing is due again before the retry time; then retries on days 1, 3, 7 after the first failure; then dunning.
      expect((await collectCardPaymentsExclusively(container, new Date(t0.getTime() + DAY - 60_000))).length).toBe(0)
      for (const [days, attempt, nextDays] of [[1, 2, 3], [3, 3, 7], [7, 4, null]] as const) {
        const results = await collectCardPaymentsExclusively(container, new Date(t0.getTime() + days * DAY + 60_000))
        expect(results.map((r) => [r.status, r.gave_up_now])).toEqual([["failed", nextDays === null], ["failed", nextDays === null]])
        emilAttempts = await emilCharges()
        const latest = emilAttempts.filter((a) => a.attempt === attempt)
        expect(latest).toHaveLength(2)
        for (const a of latest) {
          expect(a.next_attempt_at === null ? null : new Date(a.next_attempt_at).getTime()).toBe(nextDays === null ? null : t0.getTime() + nextDays * DAY)
          expect(a.gave_up).toBe(nextDays === null)
        }
      }
      expect(await collectCardPaymentsExclusively(container, new Date(t0.getTime() + 60 * DAY))).toEqual([])
      for (let i = 0; i < 50 && failedEvents.length < 2; i += 1) {
        await new Promise((r) => setTimeout(r, 100))
      }
      const emilInvoices = (await http.get(`/admin/billing/invoices?contract_id=${emilContract.id}&order=service_from`, auth)).data.invoices
      expect(failedEvents.map((e) => e.invoice_id).sort()).toEqual(emilInvoices.map((i: any) => i.id).sort())
      expect(failedEvents[0]).toEqual(expect.objectContaining({ contract_id: emilContract.id, customer_id: emil.id, attempts: 4 }))

      // A manual charge after a new card: booked; charging again or a SEPA invoice by card is a 400.
      await http.post(`/admin/billing/contracts/${emilContract.id}/payment-method`, { provider_id: PROVIDER, payment_method_token: "pm_card_mastercard" }, auth)
      const charged = (await http.post(`/admin/billing/invoices/${emilInvoices[0].id}/charge`, {}, auth)).data.attempt
      expect(charged).toEqual(expect.objectContaining({ status: "succeeded", attempt: 5, trigger: "manual", amount: 35.7 }))
      await expectBadRequest(http.post(`/admin/billing/invoices/${emilInvoices[0].id}/charge`, {}, auth), "nothing is open")
      await expectBadRequest(http.post(`/admin/billing/invoices/${annaInvoice.id}/charge`, {}, auth), "pays by sepa_debit, not card")
      await http.post(`/admin/billing/contracts/${emilContract.id}/payment-method`, { provider_id: PROVIDER, payment_method_token: "pm_fail_again" }, auth)
      const declined = (await http.post(`/admin/billing/invoices/${emilInvoices[1].id}/charge`, {}, auth)).data.attempt
      expect(declined).toEqual(expect.objectContaining({ status: "failed", attempt: 5, gave_up: true, next_attempt_at: null }))
      expect(declined.error).toContain("card_declined")
      expect(await openItemsOf(http, auth, emil.id)).toEqual({ [emilInvoices[1].number]: "35.70" })
      expect((await failure(http.post(`/admin/billing/invoices/binv_nope/charge`, {}, auth))).status).toBe(404)

      // ── Ledger: 6 contracts × 2 months × 35.70 charged; Dora's two and one of Emil's invoices paid by card ──
      await assertLedgerInvariant(container, { eur: (12 * 35.7 - 3 * 35.7).toFixed(2) })
    })
  },
})
