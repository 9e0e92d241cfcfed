import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** Stores the pain.008 XML through Medusa's File module (private), like invoice PDFs. */
export const storeSepaFileStep = createStep(
  "billing-store-sepa-file",
  async (input: { file_name: string; xml: string }, { container }) => {
    const files = container.resolve(Modules.FILE)
    const file = await files.createFiles({
      filename: input.file_name,
      mimeType: "application/xml",
      content: Buffer.from(input.xml, "utf8").toString("base64"),
      access: "private",
    })
    return new StepResponse(file.id, file.id)
  },
  async (fileId, { container }) => {
    if (fileId) {
      await container.resolve(Modules.FILE).deleteFiles(fileId)
    }
  }
)
