import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../helpers/admin"
import { createActiveContract, createMonthlyBoxShop } from "../helpers/billing"
import { createCustomer } from "../helpers/http"
import { smtpSink } from "../helpers/smtp"
import retryInvoiceMailsJob from "../../src/jobs/retry-invoice-mails"

jest.setTimeout(120_000)

// The app under test mails through the plugin's SMTP provider to a real SMTP server started here (the
// config reads SMTP_* when it is loaded, so they are set before the runner boots the app).
let rejectBounces = true
const smtp = smtpSink()
smtp.rejects = (address) => rejectBounces && address.startsWith("bounce")
const received = smtp.received
beforeAll(() => smtp.configureApp())
afterAll(() => smtp.close())

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = await probe()
    if (value !== undefined) {
      return value
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfText = async (pdf: Buffer): Promise<string> => (await require("pdf-parse/lib/pdf-parse.js")(new Uint8Array(pdf))).text

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("renders, stores and mails each issued invoice once, and logs a rejected mail with the SMTP error", async () => {
      const auth = await adminHeaders(getContainer())
      const erika = await createCustomer(getContainer(), "erika@example.com", "Erika")
      const bounce = await createCustomer(getContainer(), "bounce@example.com", "Bernd")
      const { project, box } = await createMonthlyBoxShop(api, auth, "Snack Box Größe M")
      for (const customer of [erika, bounce]) {
        await createActiveContract(api, auth, { project_id: project.id, customer_id: customer.id, items: [{ article_id: box.id }] })
      }
      const run = await api.post("/admin/billing/runs", { as_of: "2024-02-10" }, auth)
      expect(run.data.run.invoices_issued).toBe(2)

      const log = await waitFor(async () => {
        const { data } = await api.get("/admin/billing/mail-log", auth)
        return data.mail_log.filter((m: { status: string }) => m.status !== "pending").length === 2 ? data.mail_log : undefined
      }, "both mails to be attempted")
      const sent = log.find((m: { recipient: string }) => m.recipient === "erika@example.com")
      const failed = log.find((m: { recipient: string }) => m.recipient === "bounce@example.com")
      expect(sent).toEqual(expect.objectContaining({ status: "sent", attempts: 1, error: null, kind: "invoice" }))
      expect(failed).toEqual(expect.objectContaining({ status: "failed", attempts: 1 }))
      expect(failed.error).toContain("550")
      expect(failed.error).toContain("mailbox full")

      const { data: invoices } = await api.get(`/admin/billing/invoices?customer_id=${erika.id}`, auth)
      const invoice = invoices.invoices[0]
      expect(received).toHaveLength(1)
      expect(received[0].to).toEqual(["erika@example.com"])
      expect(received[0].raw).toContain(`Subject: Ihre Rechnung ${invoice.number}`)
      expect(received[0].raw).toContain(`filename=${invoice.number}.pdf`)

      const pdf = await api.get(`/admin/billing/invoices/${invoice.id}/pdf`, { ...auth, responseType: "arraybuffer" })
      expect(pdf.headers["content-type"]).toContain("application/pdf")
      const text = await pdfText(Buffer.from(pdf.data))
      for (const expected of [invoice.number, "Rechnung", "Snack Box Größe M", "01.01.2024", "31.01.2024", "01.02.2024", "29.02.2024", "71,40 €", "11,40 €", "60,00 €", "19"]) {
        expect(text).toContain(expected)
      }
      const again = await api.get(`/admin/billing/invoices/${invoice.id}/pdf`, { ...auth, responseType: "arraybuffer" })
      expect(Buffer.from(again.data).equals(Buffer.from(pdf.data))).toBe(true)
      const stored = (await api.get(`/admin/billing/invoices/${invoice.id}`, auth)).data.invoice
      expect(stored.document_file_id).toEqual(expect.any(String))

      // The mailbox works again: the retry job delivers the failed mail, and sends nothing twice.
      rejectBounces = false
      await retryInvoiceMailsJob(getContainer())
      await retryInvoiceMailsJob(getContainer())
      const { data: after } = await api.get("/admin/billing/mail-log?status=sent", auth)
      expect(after.mail_log.find((m: { recipient: string }) => m.recipient === "bounce@example.com")).toEqual(
        expect.objectContaining({ status: "sent", attempts: 2, error: null })
      )
      expect(received.map((m) => m.to[0]).sort()).toEqual(["bounce@example.com", "erika@example.com"])
    })
  },
})
