import { AddressInfo } from "net"
import { SMTPServer } from "smtp-server"
import { Api } from "./catalog"
import { AuthHeaders } from "./http"

/** POST /admin/billing/dunning/runs; a dry run answers 200, a real one 201. */
export async function dunningRun(api: Api, auth: AuthHeaders, body: { as_of: string; dry_run?: boolean }) {
  const res = await api.post("/admin/billing/dunning/runs", body, auth)
  expect(res.status).toBe(body.dry_run ? 200 : 201)
  return res.data.run
}

/** GET /admin/billing/dunning/notices with a query string such as `customer_id=cus_1&level=2`. */
export async function listNotices(api: Api, auth: AuthHeaders, query = "") {
  const res = await api.get(`/admin/billing/dunning/notices${query ? `?${query}` : ""}`, auth)
  return res.data as { notices: any[]; count: number }
}

/** The text of a PDF (pdf-parse, with the Uint8Array it needs for small files). */
export async function pdfText(pdf: Buffer): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (await require("pdf-parse/lib/pdf-parse.js")(new Uint8Array(pdf))).text
}

export interface ReceivedMail {
  to: string[]
  raw: string
}

/**
 * A real SMTP server on a free port that keeps every mail it receives and rejects recipients while
 * `rejects(address)` says so (550, as a full mailbox would). `configureApp` points the app's notification
 * module at it through the SMTP_* variables medusa-config.ts reads — call it before the test runner boots
 * the app (a `beforeAll` declared before `medusaIntegrationTestRunner`).
 */
export function smtpSink() {
  const received: ReceivedMail[] = []
  const sink = { rejects: (_address: string) => false }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (sink.rejects(address.address)) {
        const error = new Error("5.2.2 mailbox full") as Error & { responseCode: number }
        error.responseCode = 550
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") })
        callback()
      })
    },
  })
  return Object.assign(sink, {
    received,
    async configureApp() {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      process.env.SMTP_HOST = "127.0.0.1"
      process.env.SMTP_PORT = String((server.server.address() as AddressInfo).port)
      process.env.SMTP_FROM = "Snack Box <billing@snackbox.example>"
    },
    async close() {
      for (const key of ["SMTP_HOST", "SMTP_PORT", "SMTP_FROM"]) {
        delete process.env[key]
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  })
}
