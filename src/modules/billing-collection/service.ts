import { MedusaService } from "@medusajs/framework/utils"

class BillingCollectionModuleService extends MedusaService({}) {}

export default BillingCollectionModuleService
