import { MedusaService } from "@medusajs/framework/utils"

class BillingDunningModuleService extends MedusaService({}) {}

export default BillingDunningModuleService
