import { MedusaService } from "@medusajs/framework/utils"

class BillingPaymentModuleService extends MedusaService({}) {}

export default BillingPaymentModuleService
