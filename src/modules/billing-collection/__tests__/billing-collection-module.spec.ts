import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_COLLECTION_MODULE } from ".."
import BillingCollectionModuleService, { RecordBatchInput } from "../service"

jest.setTimeout(60_000)

let seq = 0

async function mandate(service: BillingCollectionModuleService, customerId: string) {
  seq += 1
  return service.createBillingSepaMandates({
    customer_id: customerId,
    mandate_reference: `MREF-${seq}`,
    signature_date: "2026-01-15",
    debtor_name: "Erika Mustermann",
    debtor_iban: "DE89370400440532013000",
    town_name: "Berlin",
    country_code: "DE",
  })
}

function batchInput(mandateId: string, invoices: { invoice_id: string; customer_id: string; amount: string }[]): RecordBatchInput {
  seq += 1
  const batchId = `bsba_test_${seq}`
  return {
    batch: {
      id: batchId,
      message_id: `MSG-${seq}`,
      creation_date_time: "2026-03-02T09:30:00",
      first_collection_date: "2026-03-17",
      last_collection_date: "2026-03-17",
      local_instrument: "CORE",
      transaction_count: invoices.length,
      control_sum: "1.00",
      currency_code: "eur",
      file_id: null,
      file_name: `MSG-${seq}.xml`,
      creditor_id: "DE98ZZZ09999999999",
    },
    collections: invoices.map((invoice, i) => ({
      ...invoice,
      invoice_number: `RE-${seq}-${i}`,
      contract_id: "bctr_1",
      mandate_id: mandateId,
      mandate_reference: "MREF",
      end_to_end_id: `E2E-${seq}-${i}`,
      payment_information_id: `MSG-${seq}-1`,
      sequence_type: "FRST",
      collection_date: "2026-03-17",
      currency_code: "eur",
    })),
    mandates: [{ id: mandateId, last_collection_date: "2026-03-17" }],
  }
}

moduleIntegrationTestRunner<BillingCollectionModuleService>({
  moduleName: BILLING_COLLECTION_MODULE,
  resolve: path.join(__dirname, ".."),
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service }) => {
    describe("collections interface", () => {
      it("lists pending collections with their batch and filters by invoice, end-to-end id and customer", async () => {
        const m = await mandate(service, "cus_a")
        const input = batchInput(m.id, [
          { invoice_id: "binv_a1", customer_id: "cus_a", amount: "119.00" },
          { invoice_id: "binv_a2", customer_id: "cus_a", amount: "0.5" },
        ])
        await service.recordBatch(input)

        const all = await service.openCollections({ customer_ids: ["cus_a"] })
        expect(all).toHaveLength(2)
        expect(all[0]).toEqual({
          id: expect.stringMatching(/^bsco_/),
          invoice_id: "binv_a1",
          customer_id: "cus_a",
          end_to_end_id: input.collections[0].end_to_end_id,
          mandate_reference: "MREF",
          collection_date: "2026-03-17",
          amount: "119.00",
          currency_code: "eur",
          status: "pending",
          batch_id: input.batch.id,
          batch_message_id: input.batch.message_id,
          payment_information_id: input.batch.message_id + "-1",
        })
        expect(all[1].amount).toBe("0.50")
        expect(await service.openCollections({ invoice_ids: ["binv_a2"] })).toEqual([expect.objectContaining({ invoice_id: "binv_a2" })])
        expect(await service.openCollections({ end_to_end_ids: [input.collections[0].end_to_end_id] })).toHaveLength(1)
        expect(await service.openCollections({ invoice_ids: [] })).toEqual([])

        const [after] = await service.listBillingSepaMandates({ id: m.id })
        expect(after.first_collection_at).not.toBeNull()
        expect(after.last_collection_date).toBe("2026-03-17")
      })

      it("settles idempotently and never settles a returned collection", async () => {
        const m = await mandate(service, "cus_b")
        const input = batchInput(m.id, [
          { invoice_id: "binv_b1", customer_id: "cus_b", amount: "10.00" },
          { invoice_id: "binv_b2", customer_id: "cus_b", amount: "20.00" },
        ])
        await service.recordBatch(input)
        const [e1, e2] = input.collections.map((c) => c.end_to_end_id)

        expect(await service.settleCollections([{ end_to_end_id: e1, bank_transaction_id: "tx1" }])).toBe(1)
        expect(await service.settleCollections([{ end_to_end_id: e1, bank_transaction_id: "tx1" }])).toBe(0)
        expect(await service.settleCollections([{ end_to_end_id: "UNKNOWN", bank_transaction_id: "tx" }])).toBe(0)
        expect(await service.returnCollections([{ end_to_end_id: e2, bank_transaction_id: "tx2", return_reason: "AC04" }])).toBe(1)
        expect(await service.settleCollections([{ end_to_end_id: e2, bank_transaction_id: "tx3" }])).toBe(0)

        const rows = await service.listBillingSepaCollections({ batch_id: input.batch.id }, { order: { end_to_end_id: "ASC" } })
        expect(rows.map((r) => [r.status, r.bank_transaction_id, r.return_reason])).toEqual([
          ["settled", "tx1", null],
          ["returned", "tx2", "AC04"],
        ])
        expect(await service.openCollections({ customer_ids: ["cus_b"] })).toEqual([])
      })

      it("returns idempotently, also after settlement, and frees the invoice for a later batch", async () => {
        const m = await mandate(service, "cus_c")
        const first = batchInput(m.id, [{ invoice_id: "binv_c1", customer_id: "cus_c", amount: "10.00" }])
        await service.recordBatch(first)
        const e2e = first.collections[0].end_to_end_id
        expect(await service.settleCollections([{ end_to_end_id: e2e, bank_transaction_id: "credit" }])).toBe(1)
        const ret = { end_to_end_id: e2e, bank_transaction_id: "return", return_reason: "MD06" }
        expect(await service.returnCollections([ret, ret])).toBe(1)
        expect(await service.returnCollections([ret])).toBe(0)
        const [row] = await service.listBillingSepaCollections({ end_to_end_id: e2e })
        expect([row.status, row.bank_transaction_id, row.return_reason]).toEqual(["returned", "return", "MD06"])

        expect(await service.invoicesInCollection(["binv_c1"])).toEqual([])
        await service.recordBatch(batchInput(m.id, [{ invoice_id: "binv_c1", customer_id: "cus_c", amount: "10.00" }]))
        expect(await service.openCollections({ invoice_ids: ["binv_c1"] })).toHaveLength(1)
      })
    })

    describe("exactly once", () => {
      it("keeps an invoice in at most one pending collection, even for batches written at the same time", async () => {
        const m = await mandate(service, "cus_d")
        const a = batchInput(m.id, [{ invoice_id: "binv_d1", customer_id: "cus_d", amount: "10.00" }])
        const b = batchInput(m.id, [
          { invoice_id: "binv_d2", customer_id: "cus_d", amount: "5.00" },
          { invoice_id: "binv_d1", customer_id: "cus_d", amount: "10.00" },
        ])
        const results = await Promise.allSettled([service.recordBatch(a), service.recordBatch(b)])
        expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"])
        const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult
        expect(rejected.reason.message).toMatch(/invoice_ids: binv_d1 is already in a pending collection/)

        const pending = await service.openCollections({ customer_ids: ["cus_d"] })
        expect(pending.filter((c) => c.invoice_id === "binv_d1")).toHaveLength(1)
        // The losing batch wrote nothing at all, not even its batch row.
        const loser = results[0].status === "rejected" ? a : b
        expect(await service.listBillingSepaBatches({ id: loser.batch.id })).toEqual([])
      })

      it("cancels a generated batch (the invoices become collectable) and refuses to cancel a processed one", async () => {
        const m = await mandate(service, "cus_e")
        const input = batchInput(m.id, [{ invoice_id: "binv_e1", customer_id: "cus_e", amount: "10.00" }])
        await service.recordBatch(input)
        expect(await service.invoicesInCollection(["binv_e1"])).toEqual([{ invoice_id: "binv_e1", status: "pending" }])
        expect(await service.cancelBatch(input.batch.id)).toBe(1)
        expect(await service.invoicesInCollection(["binv_e1"])).toEqual([])
        // The bank never saw the file: the mandate is unused again (FRST next time).
        const [unused] = await service.listBillingSepaMandates({ id: m.id })
        expect([unused.first_collection_at, unused.last_collection_date]).toEqual([null, null])
        await expect(service.cancelBatch(input.batch.id)).rejects.toThrow(/only a generated batch can be cancelled/)

        const other = batchInput(m.id, [{ invoice_id: "binv_e1", customer_id: "cus_e", amount: "10.00" }])
        await service.recordBatch(other)
        await service.settleCollections([{ end_to_end_id: other.collections[0].end_to_end_id, bank_transaction_id: "x" }])
        await expect(service.cancelBatch(other.batch.id)).rejects.toThrow(/settled or returned collections/)
        expect(await service.invoicesInCollection(["binv_e1"])).toEqual([{ invoice_id: "binv_e1", status: "settled" }])
      })

      it("puts back the amendment a cancelled batch would have reported, merged with a newer one", async () => {
        const m = await mandate(service, "cus_am")
        await service.recordBatch(batchInput(m.id, [{ invoice_id: "binv_am1", customer_id: "cus_am", amount: "10.00" }]))
        await service.updateBillingSepaMandates({ id: m.id, mandate_reference: "MREF-AM-2", pending_amendment: { original_mandate_reference: m.mandate_reference } })
        const second = batchInput(m.id, [{ invoice_id: "binv_am2", customer_id: "cus_am", amount: "10.00" }])
        second.collections[0].amendment = { original_mandate_reference: m.mandate_reference }
        await service.recordBatch(second)
        await service.updateBillingSepaMandates({ id: m.id, debtor_iban: "DE02120300000000202051", pending_amendment: { debtor_agent_changed: true } })

        expect(await service.cancelBatch(second.batch.id)).toBe(1)
        const [restored] = await service.listBillingSepaMandates({ id: m.id })
        expect(restored.pending_amendment).toEqual({ original_mandate_reference: m.mandate_reference, debtor_agent_changed: true })
        // Still used by the first batch: RCUR next time, last collection date from that batch.
        expect(restored.first_collection_at).not.toBeNull()
        expect(restored.last_collection_date).toBe("2026-03-17")
      })

      it("undoes a recorded batch and puts the mandate's sequence state back", async () => {
        const m = await mandate(service, "cus_f")
        await service.updateBillingSepaMandates({ id: m.id, pending_amendment: { original_debtor_iban: "DE02120300000000202051" } })
        const input = batchInput(m.id, [{ invoice_id: "binv_f1", customer_id: "cus_f", amount: "10.00" }])
        const previous = await service.recordBatch(input)
        const [used] = await service.listBillingSepaMandates({ id: m.id })
        expect(used.first_collection_at).not.toBeNull()
        expect(used.pending_amendment).toBeNull()

        await service.undoRecordBatch(input.batch.id, previous)
        const [restored] = await service.listBillingSepaMandates({ id: m.id })
        expect(restored.first_collection_at).toBeNull()
        expect(restored.last_collection_date).toBeNull()
        expect(restored.pending_amendment).toEqual({ original_debtor_iban: "DE02120300000000202051" })
        expect(await service.openCollections({ invoice_ids: ["binv_f1"] })).toEqual([])
      })

      it("allows one active mandate per customer and unique references", async () => {
        const m = await mandate(service, "cus_g")
        await expect(mandate(service, "cus_g")).rejects.toThrow(/already exists/)
        await expect(
          service.createBillingSepaMandates({
            customer_id: "cus_h",
            mandate_reference: m.mandate_reference,
            signature_date: "2026-01-15",
            debtor_name: "X",
            debtor_iban: "DE89370400440532013000",
            town_name: "Berlin",
            country_code: "DE",
          })
        ).rejects.toThrow(/already exists/)
        await service.updateBillingSepaMandates({ id: m.id, status: "revoked", revoked_on: "2026-02-01" })
        await expect(mandate(service, "cus_g")).resolves.toBeTruthy()
      })
    })

    describe("card charge attempts", () => {
      const claim = (expected_attempt: number, invoice_id = "binv_card1") =>
        service.claimChargeAttempt({
          invoice_id,
          contract_id: "bctr_c",
          customer_id: "cus_c",
          trigger: "schedule",
          amount: "119.00",
          currency_code: "eur",
          provider_id: "pp_test",
          expected_attempt,
          attempted_at: new Date("2026-03-02T10:00:00Z"),
        })

      it("lets one process claim an attempt; a processing attempt blocks the next", async () => {
        const claims = await Promise.all([claim(1), claim(1)])
        expect(claims.filter(Boolean)).toHaveLength(1)
        const mine = claims.find(Boolean)!
        expect(await claim(2)).toBeNull()

        const next = new Date("2026-03-03T10:00:00Z")
        const finish = {
          id: mine.id,
          status: "failed" as const,
          payment_collection_id: "pay_col_1",
          payment_id: null,
          ledger_posting_key: null,
          error: "card declined",
          next_attempt_at: next,
          gave_up: false,
        }
        expect(await service.finishChargeAttempt(finish)).toBe(true)
        expect(await service.finishChargeAttempt({ ...finish, status: "succeeded" })).toBe(false)
        expect(await claim(1)).toBeNull()

        const [state] = await service.invoiceChargeStates(["binv_card1"])
        expect(state).toEqual(
          expect.objectContaining({ invoice_id: "binv_card1", attempts: 1, failed_attempts: 1, last_status: "failed", gave_up: false })
        )
        expect(new Date(state.next_attempt_at!).toISOString()).toBe(next.toISOString())

        const second = await claim(2)
        expect(second).toEqual({ id: expect.any(String), attempt: 2 })
        await service.releaseChargeAttempt(second!.id)
        expect(await claim(2)).toEqual({ id: expect.any(String), attempt: 2 })
      })
    })
  },
})
