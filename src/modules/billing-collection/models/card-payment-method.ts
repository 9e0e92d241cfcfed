import { model } from "@medusajs/framework/utils"

/**
 * The stored payment method a card contract is charged with ("Recurring Payments"): the Payment module
 * provider (e.g. "pp_stripe_stripe") and the provider's token for the customer's saved card, plus the
 * provider's customer/account-holder id when it needs one for off-session charges. One per contract.
 */
const CardPaymentMethod = model
  .define("billing_card_payment_method", {
    id: model.id({ prefix: "bcpm" }).primaryKey(),
    contract_id: model.text(),
    customer_id: model.text(),
    provider_id: model.text(),
    payment_method_token: model.text(),
    account_holder_id: model.text().nullable(),
    label: model.text().nullable(),
  })
  .indexes([
    { name: "IDX_billing_card_payment_method_contract_unique", on: ["contract_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id"], where: "deleted_at IS NULL" },
  ])

export default CardPaymentMethod
