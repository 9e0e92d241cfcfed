import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { createArticleGroupWorkflow } from "../workflows/catalog/article-group-workflows"
import { createArticleWorkflow } from "../workflows/catalog/article-workflows"
import { createProjectWorkflow } from "../workflows/catalog/project-workflows"
import { createTaxGroupWorkflow } from "../workflows/catalog/tax-group-workflows"
import { createContractWorkflow } from "../workflows/contracts/contract-workflows"
import { ContractInput } from "../workflows/contracts/types"
import { changeContractItemsWorkflow } from "../workflows/contracts/change-items-workflow"
import { activateContractWorkflow } from "../workflows/contracts/lifecycle-workflows"

const DEMO_PROJECT = "snack-box"

/**
 * Demo data of a subscription-box shop, created through the plugin's own workflows: dated VAT rates
 * (including Germany's 2020 cut), a §19 UStG group, boxes with a price change and tier prices, and
 * contracts that show a future start, a migrated contract with "billed until", arrears and a pause.
 * Run once by `npm start`; running it again changes nothing.
 */
export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)

  const { data: existing } = await query.graph({ entity: "billing_project", fields: ["id"], filters: { code: DEMO_PROJECT } })
  if (existing.length) {
    logger.info("Demo data already present, nothing to do.")
    return
  }

  const salesChannels = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({}, { take: 1 })

  const standard = (await createTaxGroupWorkflow(container).run({ input: {
    code: "de-standard",
    name: "Germany 19 %",
    kind: "standard" as const,
    rates: [
      { rate: "19", valid_from: "2007-01-01" },
      { rate: "16", valid_from: "2020-07-01" },
      { rate: "19", valid_from: "2021-01-01" },
    ],
  } })).result
  const reduced = (await createTaxGroupWorkflow(container).run({ input: {
    code: "de-reduced",
    name: "Germany 7 % (food)",
    kind: "standard" as const,
    rates: [
      { rate: "7", valid_from: "2007-01-01" },
      { rate: "5", valid_from: "2020-07-01" },
      { rate: "7", valid_from: "2021-01-01" },
    ],
  } })).result
  await createTaxGroupWorkflow(container).run({ input: { code: "de-small-business", name: "Germany / tax-free (§19 UStG)", kind: "small_business" as const } })

  const food = (await createArticleGroupWorkflow(container).run({ input: { code: "food", name: "Snack boxes", tax_group_id: reduced.id } })).result
  const services = (await createArticleGroupWorkflow(container).run({ input: { code: "services", name: "Services", tax_group_id: standard.id } })).result

  const project = (await createProjectWorkflow(container).run({ input: {
    code: DEMO_PROJECT,
    name: "Snack Box Subscriptions",
    description: "Monthly and weekly snack boxes",
    sales_channel_id: salesChannels[0]?.id ?? null,
    default_currency_code: "eur",
    contract_number_prefix: "SB-",
  } })).result

  const boxS = (await createArticleWorkflow(container).run({ input: {
    project_id: project.id,
    article_group_id: food.id,
    number: "BOX-S",
    name: "Snack Box S",
    kind: "subscription" as const,
    unit: "MONTH" as const,
    price_variants: [
      { currency_code: "eur", amount: "19.90", valid_from: "2020-01-01" },
      { currency_code: "eur", amount: "21.90", valid_from: "2025-01-01" },
      { currency_code: "chf", amount: "24.00", valid_from: "2020-01-01" },
    ],
  } })).result
  const boxM = (await createArticleWorkflow(container).run({ input: {
    project_id: project.id,
    article_group_id: food.id,
    number: "BOX-M",
    name: "Snack Box M",
    kind: "subscription" as const,
    unit: "MONTH" as const,
    price_variants: [
      { currency_code: "eur", amount: "29.90", valid_from: "2020-01-01" },
      { currency_code: "eur", amount: "26.90", valid_from: "2020-01-01", min_quantity: 5 },
    ],
  } })).result
  const weekly = (await createArticleWorkflow(container).run({ input: {
    project_id: project.id,
    article_group_id: food.id,
    number: "FRUIT-W",
    name: "Fresh Fruit (weekly)",
    kind: "subscription" as const,
    unit: "WEEK" as const,
    price_variants: [{ currency_code: "eur", amount: "9.50", valid_from: "2020-01-01" }],
  } })).result
  const setup = (await createArticleWorkflow(container).run({ input: {
    project_id: project.id,
    article_group_id: services.id,
    number: "SETUP",
    name: "Welcome package",
    kind: "one_time" as const,
    price_variants: [{ currency_code: "eur", amount: "4.99", valid_from: "2020-01-01" }],
  } })).result

  const { result: customers } = await createCustomersWorkflow(container).run({
    input: {
      customersData: [
        { email: "anna.schmidt@example.com", first_name: "Anna", last_name: "Schmidt" },
        { email: "einkauf@buero-mueller.example", first_name: "Jonas", last_name: "Müller", company_name: "Büro Müller GmbH" },
        { email: "lea.fischer@example.com", first_name: "Lea", last_name: "Fischer" },
      ],
    },
  })
  const [anna, buero, lea] = customers

  const contract = async (input: Omit<ContractInput, "project_id">) =>
    (await createContractWorkflow(container).run({ input: { project_id: project.id, currency_code: "eur", ...input } })).result

  const annaContract = await contract({
    customer_id: anna.id,
    start_date: "2024-01-31",
    interval_unit: "MONTH",
    minimum_term: { count: 12, unit: "MONTH" },
    renewal_term: { count: 1, unit: "MONTH" },
    notice_period: { count: 1, unit: "MONTH" },
    items: [
      { article_id: boxS.id, quantity: 1 },
      { article_id: setup.id, quantity: 1 },
    ],
  })
  const bueroContract = await contract({
    customer_id: buero.id,
    start_date: "2023-03-10",
    interval_count: 3,
    interval_unit: "MONTH",
    billing_mode: "arrears",
    billed_until: "2024-03-10",
    payment_method: "sepa_debit",
    items: [{ article_id: boxM.id, quantity: 6 }],
  })
  const leaContract = await contract({
    customer_id: lea.id,
    start_date: "2025-06-02",
    interval_unit: "WEEK",
    items: [{ article_id: weekly.id, quantity: 2 }],
  })
  const future = new Date()
  future.setUTCMonth(future.getUTCMonth() + 1, 1)
  const futureContract = await contract({
    customer_id: anna.id,
    start_date: future.toISOString().slice(0, 10),
    interval_unit: "MONTH",
    items: [{ article_id: boxM.id, quantity: 1 }],
  })

  for (const c of [annaContract, bueroContract, leaContract, futureContract]) {
    await (await activateContractWorkflow(container).run({ input: { id: c.id } })).result
  }
  const { data: leaItems } = await query.graph({ entity: "billing_contract_item", fields: ["id"], filters: { contract_id: leaContract.id } })
  await (await changeContractItemsWorkflow(container).run({ input: {
    id: leaContract.id,
    date: "2025-07-14",
    end_item_ids: leaItems.map((i: { id: string }) => i.id),
    resume_on: "2025-07-28",
  } })).result

  logger.info(`Demo data created: project ${project.code}, 4 articles, 3 customers, 4 contracts.`)
}
