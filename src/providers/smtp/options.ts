import { MedusaError } from "@medusajs/framework/utils"

/**
 * Options of the SMTP notification provider as written in medusa-config.ts (snake_case like Medusa's
 * own providers). Values usually come from process.env, so numeric and boolean options also accept
 * their string forms ("587", "true").
 */
export type SmtpProviderOptions = {
  /** SMTP server host name or IP. Required. */
  host: string
  /** Default 587, or 465 when `secure` is true. */
  port?: number | string
  /** true: TLS from the first byte (port 465). false (default): plain, upgraded with STARTTLS when offered. */
  secure?: boolean | string
  /** Refuse to send unless the server offers STARTTLS (only meaningful with secure=false). Default false. */
  require_tls?: boolean | string
  /** Verify the server's certificate. Default true; set false only for self-signed test servers. */
  tls_reject_unauthorized?: boolean | string
  /** Credentials. Omit (or leave both empty) for a server without authentication. */
  auth?: { user?: string; pass?: string } | null
  /** Default sender, e.g. `"Shop <billing@shop.example>"`. Required; a notification's `from` overrides it. */
  from: string
  /** Default Reply-To header. */
  reply_to?: string
  /** Host name sent with EHLO. Default: nodemailer's (the machine's host name). */
  name?: string
  /** Milliseconds to wait for the TCP connection. Default 10 000. */
  connection_timeout?: number | string
  /** Milliseconds to wait for the server greeting after connecting. Default 10 000. */
  greeting_timeout?: number | string
  /** Milliseconds of socket inactivity before giving up. Default 60 000. */
  socket_timeout?: number | string
  /** Read by Medusa's Notification Module (e.g. ["email"]); ignored by the provider itself. */
  channels?: string[]
}

/** Options after validation and defaults. */
export type ResolvedSmtpOptions = {
  host: string
  port: number
  secure: boolean
  require_tls: boolean
  tls_reject_unauthorized: boolean
  auth?: { user: string; pass: string }
  from: string
  reply_to?: string
  name?: string
  connection_timeout: number
  greeting_timeout: number
  socket_timeout: number
}

export const SMTP_DEFAULTS = {
  port: 587,
  secure_port: 465,
  connection_timeout: 10_000,
  greeting_timeout: 10_000,
  socket_timeout: 60_000,
} as const

const invalid = (message: string): never => {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `SMTP notification provider: ${message}`)
}

const optionalString = (value: unknown, key: string): string | undefined => {
  if (value === undefined || value === null || value === "") {
    return undefined
  }
  if (typeof value !== "string") {
    return invalid(`option "${key}" must be a string`)
  }
  return value.trim() === "" ? undefined : value.trim()
}

const bool = (value: unknown, key: string, fallback: boolean): boolean => {
  if (value === undefined || value === null || value === "") {
    return fallback
  }
  if (typeof value === "boolean") {
    return value
  }
  if (typeof value === "string" && /^(true|false|1|0)$/i.test(value.trim())) {
    return /^(true|1)$/i.test(value.trim())
  }
  return invalid(`option "${key}" must be a boolean (got ${JSON.stringify(value)})`)
}

const integer = (value: unknown, key: string, fallback: number, min: number, max: number): number => {
  if (value === undefined || value === null || value === "") {
    return fallback
  }
  const n = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    return invalid(`option "${key}" must be an integer between ${min} and ${max} (got ${JSON.stringify(value)})`)
  }
  return n
}

const ADDRESS = /[^\s@<>]+@[^\s@<>]+/

/**
 * Validates the provider options and applies defaults. Throws a MedusaError (INVALID_DATA) whose
 * message names the offending option.
 */
export function resolveSmtpOptions(raw: unknown): ResolvedSmtpOptions {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return invalid(`options are required ({ host, from, … })`)
  }
  const o = raw as Record<string, unknown>

  const host = optionalString(o.host, "host")
  if (!host) {
    return invalid(`option "host" is required (the SMTP server, e.g. "smtp.example.com")`)
  }
  const from = optionalString(o.from, "from")
  if (!from) {
    return invalid(`option "from" is required (the default sender, e.g. "Shop <billing@shop.example>")`)
  }
  if (!ADDRESS.test(from)) {
    return invalid(`option "from" must contain an e-mail address (got ${JSON.stringify(from)})`)
  }
  const replyTo = optionalString(o.reply_to, "reply_to")
  if (replyTo !== undefined && !ADDRESS.test(replyTo)) {
    return invalid(`option "reply_to" must contain an e-mail address (got ${JSON.stringify(replyTo)})`)
  }

  const secure = bool(o.secure, "secure", false)
  const port = integer(o.port, "port", secure ? SMTP_DEFAULTS.secure_port : SMTP_DEFAULTS.port, 1, 65535)

  let auth: ResolvedSmtpOptions["auth"]
  if (o.auth !== undefined && o.auth !== null) {
    if (typeof o.auth !== "object" || Array.isArray(o.auth)) {
      return invalid(`option "auth" must be an object { user, pass }`)
    }
    const a = o.auth as Record<string, unknown>
    const user = optionalString(a.user, "auth.user")
    if (a.pass !== undefined && a.pass !== null && typeof a.pass !== "string") {
      return invalid(`option "auth.pass" must be a string`)
    }
    const pass = typeof a.pass === "string" && a.pass !== "" ? a.pass : undefined
    if (user && pass === undefined) {
      return invalid(`option "auth.pass" is required when "auth.user" is set`)
    }
    if (!user && pass !== undefined) {
      return invalid(`option "auth.user" is required when "auth.pass" is set`)
    }
    // Both empty (e.g. unset environment variables): no authentication.
    auth = user && pass !== undefined ? { user, pass } : undefined
  }

  return {
    host,
    port,
    secure,
    require_tls: bool(o.require_tls, "require_tls", false),
    tls_reject_unauthorized: bool(o.tls_reject_unauthorized, "tls_reject_unauthorized", true),
    auth,
    from,
    reply_to: replyTo,
    name: optionalString(o.name, "name"),
    connection_timeout: integer(o.connection_timeout, "connection_timeout", SMTP_DEFAULTS.connection_timeout, 1, 600_000),
    greeting_timeout: integer(o.greeting_timeout, "greeting_timeout", SMTP_DEFAULTS.greeting_timeout, 1, 600_000),
    socket_timeout: integer(o.socket_timeout, "socket_timeout", SMTP_DEFAULTS.socket_timeout, 1, 3_600_000),
  }
}
