import { model } from "@medusajs/framework/utils"

/** Last contract number handed out per project; bumped atomically so concurrent creations never collide. */
const ContractNumberSequence = model
  .define("billing_contract_number_sequence", {
    id: model.id({ prefix: "bcns" }).primaryKey(),
    project_id: model.text().unique(),
    last_value: model.number().default(0),
  })

export default ContractNumberSequence
