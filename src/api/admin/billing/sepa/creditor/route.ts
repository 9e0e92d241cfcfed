import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_COLLECTION_MODULE } from "../../../../../modules/billing-collection"
import BillingCollectionModuleService from "../../../../../modules/billing-collection/service"
import { setSepaCreditorWorkflow } from "../../../../../workflows/collections/creditor-workflow"
import { creditorSettingsProblems, effectiveCreditorSettings } from "../../../../../workflows/collections/sepa-creditor"
import { AdminSetSepaCreditorType } from "../../collections/validators"

async function creditorResponse(req: AuthenticatedMedusaRequest) {
  const service = req.scope.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const [stored] = await service.listBillingSepaCreditors({ key: "default" })
  const { settings, source } = effectiveCreditorSettings(service.collectionOptions(), stored ?? null)
  return { creditor: settings, source, problems: creditorSettingsProblems(settings) }
}

/** The SEPA creditor in force (admin settings, else the plugin option `sepa`) and what is wrong with it, if anything. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await creditorResponse(req))
}

/** Stores the creditor (creditor id checksum, IBAN, BIC and address checked); it overrides the plugin option. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSetSepaCreditorType>, res: MedusaResponse) => {
  await setSepaCreditorWorkflow(req.scope).run({ input: req.validatedBody })
  res.json(await creditorResponse(req))
}
