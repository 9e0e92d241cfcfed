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
  },
})
