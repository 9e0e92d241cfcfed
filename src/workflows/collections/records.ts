import { BILLING_COLLECTION_MODULE } from "../../modules/billing-collection"
import { createRecordsStep, softDeleteRecordsStep, updateRecordsStep } from "../common/records"

const target = (plural: string) => ({ module: BILLING_COLLECTION_MODULE, plural })

export const createMandatesStep = createRecordsStep("billing-create-sepa-mandates", target("BillingSepaMandates"))
export const updateMandatesStep = updateRecordsStep("billing-update-sepa-mandates", target("BillingSepaMandates"))
export const createCreditorSettingsStep = createRecordsStep("billing-create-sepa-creditor", target("BillingSepaCreditors"))
export const updateCreditorSettingsStep = updateRecordsStep("billing-update-sepa-creditor", target("BillingSepaCreditors"))
export const createCardPaymentMethodsStep = createRecordsStep("billing-create-card-payment-methods", target("BillingCardPaymentMethods"))
export const updateCardPaymentMethodsStep = updateRecordsStep("billing-update-card-payment-methods", target("BillingCardPaymentMethods"))
export const deleteCardPaymentMethodsStep = softDeleteRecordsStep("billing-delete-card-payment-methods", target("BillingCardPaymentMethods"))
