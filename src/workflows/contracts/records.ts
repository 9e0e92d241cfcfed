import { BILLING_CONTRACT_MODULE } from "../../modules/billing-contract"
import { createRecordsStep, softDeleteRecordsStep, updateRecordsStep } from "../common/records"

const target = (plural: string) => ({ module: BILLING_CONTRACT_MODULE, plural })

export const createContractsStep = createRecordsStep("billing-create-contracts", target("BillingContracts"))
export const updateContractsStep = updateRecordsStep("billing-update-contracts", target("BillingContracts"))
export const deleteContractsStep = softDeleteRecordsStep("billing-delete-contracts", target("BillingContracts"))
export const createContractItemsStep = createRecordsStep("billing-create-contract-items", target("BillingContractItems"))
export const updateContractItemsStep = updateRecordsStep("billing-update-contract-items", target("BillingContractItems"))
