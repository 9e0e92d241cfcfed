import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_CATALOG_MODULE } from ".."
import BillingCatalogModuleService from "../service"

jest.setTimeout(60_000)

/** DML types bigNumber inputs as number; the service takes decimal strings and stores them exactly. */
const decimal = (value: string) => value as unknown as number

moduleIntegrationTestRunner<BillingCatalogModuleService>({
  moduleName: BILLING_CATALOG_MODULE,
  resolve: "./src/modules/billing-catalog",
  testSuite: ({ service }) => {
    async function fixtures() {
      const taxGroup = await service.createBillingTaxGroups({ code: "de", name: "DE 19", kind: "standard" })
      const group = await service.createBillingArticleGroups({ code: "g", name: "G", tax_group_id: taxGroup.id })
      const project = await service.createBillingProjects({ code: "p", name: "P" })
      return { taxGroup, group, project }
    }

    it("keeps the unit rule in the table: subscription articles need a unit, others have none", async () => {
      const { group, project } = await fixtures()
      const base = { project_id: project.id, article_group_id: group.id, name: "Box" }
      await expect(service.createBillingArticles({ ...base, number: "1", kind: "subscription" })).rejects.toThrow()
      await expect(service.createBillingArticles({ ...base, number: "2", kind: "one_time", unit: "MONTH" })).rejects.toThrow()
      await expect(service.createBillingArticles({ ...base, number: "3", kind: "subscription", unit: "MONTH" })).resolves.toMatchObject({ unit: "MONTH" })
      await expect(service.createBillingArticles({ ...base, number: "3", kind: "one_time" })).rejects.toThrow(/already exists/)
    })

    it("stores prices exactly and refuses negative amounts, bad dates and duplicate variants", async () => {
      const { group, project } = await fixtures()
      const article = await service.createBillingArticles({
        project_id: project.id,
        article_group_id: group.id,
        number: "A",
        name: "Box",
        kind: "subscription",
        unit: "MONTH",
      })
      const price = { article_id: article.id, currency_code: "eur", amount: decimal("0.1"), valid_from: "2024-01-01" }
      const created = await service.createBillingPriceVariants(price)
      expect(created.min_quantity).toBe(1)
      const [again] = await service.listBillingPriceVariants({ id: created.id }, { select: ["raw_amount"] })
      expect((again as unknown as { raw_amount: { value: string } }).raw_amount.value).toBe("0.1")
      await expect(service.createBillingPriceVariants(price)).rejects.toThrow(/already exists/)
      await expect(service.createBillingPriceVariants({ ...price, valid_from: "2024-02-01", amount: decimal("-1") })).rejects.toThrow()
      await expect(service.createBillingPriceVariants({ ...price, valid_from: "1.2.2024" })).rejects.toThrow()
      await expect(service.createBillingPriceVariants({ ...price, valid_from: "2024-03-01", min_quantity: 0 })).rejects.toThrow()
      await expect(service.createBillingPriceVariants({ ...price, min_quantity: 10 })).resolves.toMatchObject({ min_quantity: 10 })
    })

    it("keeps dated VAT rates between 0 and 100 and one per day", async () => {
      const { taxGroup } = await fixtures()
      await service.createBillingTaxRates({ tax_group_id: taxGroup.id, rate: decimal("19"), valid_from: "2007-01-01" })
      await service.createBillingTaxRates({ tax_group_id: taxGroup.id, rate: decimal("16"), valid_from: "2020-07-01" })
      await expect(service.createBillingTaxRates({ tax_group_id: taxGroup.id, rate: decimal("7"), valid_from: "2020-07-01" })).rejects.toThrow(/already exists/)
      await expect(service.createBillingTaxRates({ tax_group_id: taxGroup.id, rate: decimal("101"), valid_from: "2021-01-01" })).rejects.toThrow()
      const group = await service.retrieveBillingTaxGroup(taxGroup.id, { relations: ["rates"] })
      expect(group.rates.map((r) => [r.valid_from, Number(r.rate)]).sort()).toEqual([
        ["2007-01-01", 19],
        ["2020-07-01", 16],
      ])
    })
  },
})
