import { MedusaService } from "@medusajs/framework/utils"
import MailLog from "./models/mail-log"

class BillingDocumentModuleService extends MedusaService({ BillingMailLog: MailLog }) {}

export default BillingDocumentModuleService
