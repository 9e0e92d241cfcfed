import { AddressInfo } from "net"
import { SMTPServer } from "smtp-server"

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
