/**
 * Runs the provider against a real SMTP server (smtp-server on 127.0.0.1, random port): what arrives
 * on the wire, and how the server's refusals surface in the provider's errors.
 */
import { createServer, type AddressInfo } from "node:net"
import { SMTPServer, type SMTPServerOptions } from "smtp-server"
import type { Logger, ProviderSendNotificationDTO } from "@medusajs/framework/types"
import { createMedusaContainer, MedusaError, Modules } from "@medusajs/framework/utils"
import { moduleProviderLoader } from "@medusajs/framework/modules-sdk"
import { asValue } from "@medusajs/framework/awilix"

import providerModule, { describeSmtpError, SmtpNotificationProviderService, smtpErrorDetails } from ".."

type Received = { from: string; to: string[]; raw: string; user?: string }

const logger = {
  info: jest.fn(),
  warn: jest.fn(),
  error: jest.fn(),
  debug: jest.fn(),
} as unknown as Logger

/** Starts an SMTP server on a random port; every accepted message is pushed to `received`. */
async function startServer(overrides: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on("data", (c: Buffer) => chunks.push(c))
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          user: typeof session.user === "string" ? session.user : undefined,
        })
        callback()
      })
    },
    ...overrides,
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A port on which nothing listens (bound once, then released). */
async function closedPort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", () => resolve()))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

const baseOptions = (port: number) => ({
  host: "127.0.0.1",
  port,
  secure: false,
  from: "Billing <billing@shop.example>",
  connection_timeout: 5_000,
  greeting_timeout: 5_000,
  socket_timeout: 5_000,
})

const notification = (overrides: Partial<ProviderSendNotificationDTO> = {}): ProviderSendNotificationDTO => ({
  to: "customer@example.com",
  channel: "email",
  template: "invoice",
  content: { subject: "Ihre Rechnung RE-2026-0001", text: "Guten Tag, anbei Ihre Rechnung.", html: "<p>Guten Tag, anbei Ihre Rechnung.</p>" },
  ...overrides,
})

/** Unfolds a MIME message's headers and splits it at the boundaries, minimal but enough here. */
function mimeParts(raw: string) {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/g)].map((m) => m[1])
  let parts = [raw]
  for (const b of boundaries) {
    parts = parts.flatMap((p) => p.split(`--${b}`))
  }
  return parts.map((p) => {
    const [head, ...body] = p.replace(/^\r\n/, "").split("\r\n\r\n")
    return { headers: head.replace(/\r\n[ \t]+/g, " "), body: body.join("\r\n\r\n") }
  })
}

async function sendError(service: SmtpNotificationProviderService, n = notification()): Promise<MedusaError> {
  const err = await service.send(n).then(
    () => {
      throw new Error("send() resolved, expected it to reject")
    },
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(MedusaError)
  expect((err as MedusaError).type).toBe(MedusaError.Types.UNEXPECTED_STATE)
  return err as MedusaError
}

describe("SMTP notification provider", () => {
  it("is a Notification Module provider with identifier 'smtp'", () => {
    expect(SmtpNotificationProviderService.identifier).toBe("smtp")
    const mod = providerModule as unknown as { module: string; services: unknown[] }
    expect(mod.module).toBe(Modules.NOTIFICATION)
    expect(mod.services).toEqual([SmtpNotificationProviderService])
  })

  it("loads through Medusa's module provider loader, which calls validateOptions", async () => {
    const container = createMedusaContainer()
    container.register("logger", asValue(logger))
    await moduleProviderLoader({
      container,
      providers: [{ resolve: providerModule, id: "smtp", options: { channels: ["email"], host: "127.0.0.1", from: "a@b.example" } }],
    })
    expect(container.resolve("smtpNotificationProviderService")).toBeInstanceOf(SmtpNotificationProviderService)

    await expect(
      moduleProviderLoader({
        container: createMedusaContainer(),
        providers: [{ resolve: providerModule, id: "smtp", options: { channels: ["email"], from: "a@b.example" } }],
      })
    ).rejects.toThrow(/option "host" is required/)
  })

  describe("sending to a real SMTP server", () => {
    let server: Awaited<ReturnType<typeof startServer>>
    beforeAll(async () => {
      server = await startServer()
    })
    afterAll(() => server.close())

    it("delivers from/to/subject/body and a PDF attachment", async () => {
      const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from([0, 1, 2, 250, 255]), Buffer.from("\n%%EOF\n")])
      const service = new SmtpNotificationProviderService({ logger }, { ...baseOptions(server.port), reply_to: "support@shop.example" })

      const result = await service.send(
        notification({
          attachments: [
            { content: pdf.toString("base64"), filename: "RE-2026-0001.pdf", content_type: "application/pdf" },
          ],
        })
      )

      expect(result.id).toMatch(/^<.+@.+>$/)
      expect(server.received).toHaveLength(1)
      const mail = server.received[0]
      expect(mail.from).toBe("billing@shop.example")
      expect(mail.to).toEqual(["customer@example.com"])
      expect(mail.raw).toContain(`Message-ID: ${result.id}`)
      expect(mail.raw).toMatch(/^From: Billing <billing@shop\.example>$/m)
      expect(mail.raw).toMatch(/^To: customer@example\.com$/m)
      expect(mail.raw).toMatch(/^Reply-To: support@shop\.example$/m)
      expect(mail.raw).toMatch(/^Subject: .+$/m) // non-ASCII subject is RFC 2047 encoded …
      expect(mail.raw).toContain("Subject: Ihre Rechnung RE-2026-0001") // … this one is plain ASCII

      const parts = mimeParts(mail.raw)
      const textPart = parts.find((p) => /Content-Type: text\/plain/i.test(p.headers))
      const htmlPart = parts.find((p) => /Content-Type: text\/html/i.test(p.headers))
      expect(textPart?.body).toContain("Guten Tag, anbei Ihre Rechnung.")
      expect(htmlPart?.body).toContain("<p>Guten Tag, anbei Ihre Rechnung.</p>")

      const pdfPart = parts.find((p) => /Content-Type: application\/pdf/i.test(p.headers))
      expect(pdfPart).toBeDefined()
      expect(pdfPart!.headers).toMatch(/Content-Disposition: attachment; filename=RE-2026-0001\.pdf/i)
      expect(pdfPart!.headers).toMatch(/Content-Transfer-Encoding: base64/i)
      expect(Buffer.from(pdfPart!.body.replace(/\s+/g, ""), "base64").equals(pdf)).toBe(true)
    })

    it("falls back to data.subject/text, honours notification.from and provider_data cc", async () => {
      const service = new SmtpNotificationProviderService({ logger }, baseOptions(server.port))
      const before = server.received.length
      await service.send(
        notification({
          from: "noreply@other.example",
          content: null,
          data: { subject: "Vertrag bestätigt", text: "Ihr Vertrag ist aktiv." },
          provider_data: { cc: ["accounting@shop.example"] },
        })
      )
      const mail = server.received[before]
      expect(mail.from).toBe("noreply@other.example")
      expect(mail.to).toEqual(["customer@example.com", "accounting@shop.example"])
      expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?Q\?Vertrag_best=C3=A4tigt\?=$/m)
      expect(mail.raw).toContain("Ihr Vertrag ist aktiv.")
      expect(mail.raw).not.toMatch(/^Reply-To:/m)
    })

    it("refuses a notification without subject or body before connecting", async () => {
      const service = new SmtpNotificationProviderService({ logger }, baseOptions(server.port))
      const before = server.received.length
      await expect(service.send(notification({ content: { text: "x" } }))).rejects.toThrow(/no subject/)
      await expect(service.send(notification({ content: { subject: "x" } }))).rejects.toThrow(/no body/)
      await expect(
        service.send(notification({ attachments: [{ content: "AAAA", filename: "" }] }))
      ).rejects.toThrow(/attachment #1/)
      expect(server.received.length).toBe(before)
    })
  })

  it("reports a recipient the server rejects with its 550 reply", async () => {
    const server = await startServer({
      onRcptTo(_address, _session, callback) {
        const err = Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 })
        callback(err)
      },
    })
    try {
      const service = new SmtpNotificationProviderService({ logger }, baseOptions(server.port))
      const err = await sendError(service)
      expect(err.message).toContain("Failed to send email to customer@example.com")
      expect(err.message).toContain("SMTP 550 5.1.1 mailbox unavailable")
      expect(err.message).toContain("RCPT TO")
      expect(server.received).toHaveLength(0)
    } finally {
      await server.close()
    }
  })

  it("reports wrong credentials with the server's 535 reply", async () => {
    const server = await startServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === "shop" && auth.password === "right") {
          return callback(null, { user: "shop" })
        }
        return callback(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 }))
      },
    })
    try {
      const wrong = new SmtpNotificationProviderService({ logger }, { ...baseOptions(server.port), auth: { user: "shop", pass: "wrong" } })
      const err = await sendError(wrong)
      expect(err.message).toContain("SMTP 535")
      expect(err.message).toContain("Authentication credentials invalid")

      const right = new SmtpNotificationProviderService({ logger }, { ...baseOptions(server.port), auth: { user: "shop", pass: "right" } })
      await right.send(notification())
      expect(server.received).toHaveLength(1)
      expect(server.received[0].user).toBe("shop")
    } finally {
      await server.close()
    }
  })

  it("reports a refused connection", async () => {
    const port = await closedPort()
    const service = new SmtpNotificationProviderService({ logger }, baseOptions(port))
    const err = await sendError(service)
    expect(err.message).toContain("SMTP connection refused")
    expect(err.message).toContain("ECONNREFUSED")
    expect(err.message).toContain(`127.0.0.1:${port}`)
  })

  it("reports a server that accepts the connection but never greets as a greeting timeout", async () => {
    const silent = createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()))
    const port = (silent.address() as AddressInfo).port
    try {
      const service = new SmtpNotificationProviderService({ logger }, { ...baseOptions(port), greeting_timeout: 300 })
      const err = await sendError(service)
      expect(err.message).toContain("SMTP timed out (GREETING_TIMEOUT)")
    } finally {
      silent.close()
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  })

  it("still succeeds (with a warning) when only some of several recipients are rejected", async () => {
    const server = await startServer({
      onRcptTo(address, _session, callback) {
        callback(address.address.startsWith("gone@") ? Object.assign(new Error("5.1.1 no such user"), { responseCode: 550 }) : null)
      },
    })
    try {
      const service = new SmtpNotificationProviderService({ logger }, baseOptions(server.port))
      const result = await service.send(notification({ to: "customer@example.com, gone@example.com" }))
      expect(result.id).toBeTruthy()
      expect(server.received[0].to).toEqual(["customer@example.com"])
      expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining("gone@example.com"))
    } finally {
      await server.close()
    }
  })

  describe("validateOptions", () => {
    it("rejects missing host or from with a clear message", () => {
      expect(() => SmtpNotificationProviderService.validateOptions({ from: "a@b.example" })).toThrow(
        /SMTP notification provider: option "host" is required/
      )
      expect(() => SmtpNotificationProviderService.validateOptions({ host: "smtp.example.com" })).toThrow(
        /SMTP notification provider: option "from" is required/
      )
      expect(() => SmtpNotificationProviderService.validateOptions({ host: "smtp.example.com", from: "nobody" })).toThrow(
        /"from" must contain an e-mail address/
      )
      expect(() => new SmtpNotificationProviderService({ logger }, {} as never)).toThrow(/"host" is required/)
    })

    it("rejects half credentials and bad numbers, accepts env-style strings", () => {
      const ok = { host: "smtp.example.com", from: "a@b.example" }
      expect(() => SmtpNotificationProviderService.validateOptions({ ...ok, auth: { user: "u" } })).toThrow(/"auth.pass" is required/)
      expect(() => SmtpNotificationProviderService.validateOptions({ ...ok, port: "smtp" })).toThrow(/"port" must be an integer/)
      expect(() => SmtpNotificationProviderService.validateOptions({ ...ok, secure: "yes" })).toThrow(/"secure" must be a boolean/)
      expect(() =>
        SmtpNotificationProviderService.validateOptions({ ...ok, port: "2525", secure: "false", auth: { user: "", pass: "" }, channels: ["email"] })
      ).not.toThrow()
    })
  })

  describe("describeSmtpError", () => {
    it("leads with the SMTP reply when there is one", () => {
      const err = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
        code: "EENVELOPE",
        responseCode: 550,
        response: "550 5.1.1 mailbox unavailable",
        command: "RCPT TO",
        rejected: ["x@y.example"],
      })
      expect(describeSmtpError(err)).toBe("SMTP 550 5.1.1 mailbox unavailable (RCPT TO, rejected: x@y.example)")
      expect(smtpErrorDetails(err)).toMatchObject({ code: "EENVELOPE", response_code: 550, permanent: true })
    })

    it("adds a missing reply code, and describes network errors and non-errors", () => {
      expect(describeSmtpError({ responseCode: 421, response: "Service not available" })).toBe("SMTP 421 Service not available")
      expect(smtpErrorDetails({ responseCode: 421 }).permanent).toBe(false)
      expect(describeSmtpError({ code: "ETIMEDOUT", timeoutType: "CONNECT_TIMEOUT", message: "Connection timeout" })).toBe(
        "SMTP timed out (CONNECT_TIMEOUT): Connection timeout"
      )
      expect(describeSmtpError({ code: "ESOCKET", originalCode: "ENOTFOUND", message: "getaddrinfo ENOTFOUND smtp.nowhere" })).toBe(
        "SMTP host not found (DNS) (ENOTFOUND): getaddrinfo ENOTFOUND smtp.nowhere"
      )
      expect(describeSmtpError("boom")).toBe("SMTP error: boom")
      expect(describeSmtpError(undefined)).toBe("SMTP error: undefined")
    })
  })
})
