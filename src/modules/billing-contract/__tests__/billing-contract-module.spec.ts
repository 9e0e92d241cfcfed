import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_CONTRACT_MODULE } from ".."
import BillingContractModuleService from "../service"

jest.setTimeout(60_000)

/** DML types bigNumber inputs as number; the service takes decimal strings and stores them exactly. */
const decimal = (value: string) => value as unknown as number

const contractRow = (overrides: Record<string, unknown> = {}) => ({
  number: `V-${Math.random().toString(36).slice(2, 8)}`,
  project_id: "bprj_1",
  customer_id: "cus_1",
  currency_code: "eur",
  start_date: "2024-01-01",
  interval_unit: "MONTH" as const,
  ...overrides,
})

moduleIntegrationTestRunner<BillingContractModuleService>({
  moduleName: BILLING_CONTRACT_MODULE,
  resolve: "./src/modules/billing-contract",
  // The hand-written trigger migration (watermark clearing) is part of what is tested.
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service }) => {
    describe("contract numbers", () => {
      it("hands out gap-free unique numbers per project, also when allocated concurrently", async () => {
        const batches = await Promise.all(
          Array.from({ length: 20 }, () => service.allocateContractNumbers("bprj_a", "V-", 1))
        )
        const numbers = batches.flat().sort()
        expect(new Set(numbers).size).toBe(20)
        expect(numbers[0]).toBe("V-000001")
        expect(numbers[19]).toBe("V-000020")
        expect(await service.allocateContractNumbers("bprj_b", "X-", 2)).toEqual(["X-000001", "X-000002"])
        expect(await service.allocateContractNumbers("bprj_a", "V-", 1)).toEqual(["V-000021"])
      })

      it("refuses a second contract with the same number in the same project", async () => {
        await service.createBillingContracts(contractRow({ number: "V-1" }))
        await service.createBillingContracts(contractRow({ number: "V-1", project_id: "bprj_2" }))
        await expect(service.createBillingContracts(contractRow({ number: "V-1" }))).rejects.toThrow(/already exists/)
      })
    })

    describe("table invariants", () => {
      it.each([
        ["a start date that is not a calendar date", { start_date: "01.03.2024" }],
        ["an end date before the start", { end_date: "2023-12-31" }],
        ["billed_until that is not a date", { billed_until: "2024-1-1" }],
        ["an interval of zero", { interval_count: 0 }],
      ])("rejects %s", async (_label, overrides) => {
        await expect(service.createBillingContracts(contractRow(overrides))).rejects.toThrow()
        expect(await service.listBillingContracts({})).toHaveLength(0)
      })

      it("rejects an item that ends before it starts or has no positive quantity", async () => {
        const contract = await service.createBillingContracts(contractRow())
        const item = { contract_id: contract.id, article_id: "bart_1", valid_from: "2024-02-01" }
        await expect(service.createBillingContractItems({ ...item, valid_to: "2024-01-31" })).rejects.toThrow()
        await expect(service.createBillingContractItems({ ...item, quantity: 0 })).rejects.toThrow()
        await expect(service.createBillingContractItems(item)).resolves.toMatchObject({ quantity: 1 })
      })
    })

    describe("activities", () => {
      it("stores an item's activity for a period at most once (the billing run's exactly-once key)", async () => {
        const contract = await service.createBillingContracts(contractRow())
        const activity = {
          contract_id: contract.id,
          contract_item_id: "bcit_1",
          article_id: "bart_1",
          origin: "SUBSCRIPTION" as const,
          kind: "charge" as const,
          period_start: "2024-01-01",
          period_end: "2024-01-31",
          service_from: "2024-01-01",
          service_to: "2024-01-31",
          due_date: "2024-01-01",
          quantity: 1,
          unit_price: decimal("19.90"),
          amount: decimal("19.90"),
          currency_code: "eur",
        }
        await service.createBillingActivities(activity)
        await expect(service.createBillingActivities(activity)).rejects.toThrow(/already exists/)
        await service.createBillingActivities({ ...activity, kind: "credit", amount: decimal("-19.90") })
        await service.createBillingActivities({ ...activity, seq: 1 })
        const [stored] = await service.listBillingActivities({ kind: "credit" })
        expect(stored.amount).toBe(-19.9)
        expect(await service.listBillingActivities({ contract_id: contract.id })).toHaveLength(3)
      })
    })

    describe("the billing run's watermark (next_due_date)", () => {
      const activityRow = (contractId: string, itemId: string) => ({
        contract_id: contractId,
        contract_item_id: itemId,
        article_id: "bart_1",
        origin: "SUBSCRIPTION" as const,
        kind: "charge" as const,
        seq: 0,
        description: null,
        period_start: "2024-01-01",
        period_end: "2024-01-31",
        service_from: "2024-01-01",
        service_to: "2024-01-31",
        due_date: "2024-01-01",
        quantity: "1",
        unit_price: "19.90",
        amount: "19.90",
        currency_code: "eur",
        price_variant_id: null,
      })
      const page = (asOf: string) => service.calendarPage({ as_of: asOf, after: "", limit: 10, contract_ids: null })
      async function watermarked() {
        const contract = await service.createBillingContracts(contractRow({ status: "active" }))
        const item = await service.createBillingContractItems({ contract_id: contract.id, article_id: "bart_1", valid_from: "2024-01-01" })
        await service.insertActivities([activityRow(contract.id, item.id)])
        const [read] = await page("2024-01-31")
        expect(await service.setNextDueDates([{ id: contract.id, next_due_date: "2024-02-01", version: read.version }])).toBe(1)
        return { contract, item, version: read.version }
      }

      it("hides a contract from the calendar page until its next due date", async () => {
        const { contract } = await watermarked()
        expect(await page("2024-01-31")).toEqual([])
        const [due] = await page("2024-02-01")
        expect(due).toMatchObject({ id: contract.id, items: [expect.objectContaining({ quantity: 1 })], activities: [expect.objectContaining({ quantity: "1" })] })
      })

      it.each([
        ["the contract is updated", async (ids: { contract: { id: string } }) => void (await service.updateBillingContracts({ id: ids.contract.id, end_date: "2024-06-30" }))],
        ["an item is changed", async (ids: { item: { id: string } }) => void (await service.updateBillingContractItems({ id: ids.item.id, valid_to: "2024-03-31" }))],
        ["an item is added", async (ids: { contract: { id: string } }) => void (await service.createBillingContractItems({ contract_id: ids.contract.id, article_id: "bart_2", valid_from: "2024-03-01" }))],
        ["an item is deleted", async (ids: { item: { id: string } }) => void (await service.softDeleteBillingContractItems(ids.item.id))],
        ["an activity is released (soft-deleted)", async (ids: { contract: { id: string } }) => {
          const [activity] = await service.listBillingActivities({ contract_id: ids.contract.id })
          await service.softDeleteBillingActivities(activity.id)
        }],
      ])("clears it when %s", async (_label, change) => {
        const ids = await watermarked()
        await change(ids as never)
        const [stored] = await service.listBillingContracts({ id: ids.contract.id }, { select: ["id", "next_due_date"] })
        expect(stored.next_due_date).toBeNull()
        expect((await page("2024-01-31")).map((c) => c.id)).toEqual([ids.contract.id])
      })

      it("does not store a watermark computed from a version that changed meanwhile", async () => {
        const contract = await service.createBillingContracts(contractRow({ status: "active" }))
        await service.createBillingContractItems({ contract_id: contract.id, article_id: "bart_1", valid_from: "2024-01-01" })
        const [read] = await page("2024-01-31")
        await service.createBillingContractItems({ contract_id: contract.id, article_id: "bart_2", valid_from: "2024-01-15" })
        expect(await service.setNextDueDates([{ id: contract.id, next_due_date: "2024-02-01", version: read.version }])).toBe(0)
        expect((await page("2024-01-31")).map((c) => c.id)).toEqual([contract.id])
      })

      it("keeps it when the run marks activities billed", async () => {
        const { contract } = await watermarked()
        const [activity] = await service.listBillingActivities({ contract_id: contract.id })
        expect(await service.markActivitiesBilled([{ invoice_id: "binv_1", activity_ids: [activity.id] }])).toBe(1)
        expect(await page("2024-01-31")).toEqual([])
      })
    })
  },
})
