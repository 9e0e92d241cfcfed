/**
 * Pure helpers that turn a nodemailer / SMTP failure into text a person can act on
 * ("SMTP 550 5.1.1 mailbox unavailable (RCPT TO <a@b.example>)"), for the MedusaError the provider
 * throws and for a mail log. No imports from nodemailer: the error is read duck-typed, so these
 * helpers also work on errors that were serialized and read back.
 */

/** What an SMTP send error carries, read from nodemailer's error properties. */
export type SmtpErrorDetails = {
  /** nodemailer's code: EENVELOPE, EAUTH, ESOCKET, ETIMEDOUT, ECONNECTION, EMESSAGE, … */
  code?: string
  /** The underlying system code, e.g. ECONNREFUSED behind an ESOCKET error. */
  system_code?: string
  /** The SMTP reply code, e.g. 550. */
  response_code?: number
  /** The SMTP reply text as the server sent it, e.g. "550 5.1.1 mailbox unavailable". */
  response?: string
  /** The SMTP command the server rejected, e.g. "RCPT TO", "AUTH PLAIN", "DATA". */
  command?: string
  /** Rejected recipients, when the server refused recipients. */
  rejected?: string[]
  /** true: 5xx (retrying will fail again); false: 4xx/transient; undefined: no SMTP reply (network). */
  permanent?: boolean
  /** The error message. */
  message: string
}

type ErrorLike = {
  message?: unknown
  code?: unknown
  originalCode?: unknown
  errno?: unknown
  responseCode?: unknown
  response?: unknown
  command?: unknown
  rejected?: unknown
  rejectedErrors?: unknown
  permanent?: unknown
  address?: unknown
  port?: unknown
  timeoutType?: unknown
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined)
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined)

const SYSTEM_CODE_TEXT: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the server",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "host not found (DNS)",
  EAI_AGAIN: "DNS lookup failed temporarily",
  EPIPE: "connection closed while writing",
  ETIMEDOUT: "timed out",
}

/** Reads the SMTP-relevant properties of a (nodemailer) error. Never throws. */
export function smtpErrorDetails(err: unknown): SmtpErrorDetails {
  if (err === null || typeof err !== "object") {
    return { message: String(err) }
  }
  const e = err as ErrorLike
  // A rejected RCPT is reported per recipient in rejectedErrors; the first one carries the reply.
  const firstRejected =
    Array.isArray(e.rejectedErrors) && e.rejectedErrors.length > 0 && typeof e.rejectedErrors[0] === "object"
      ? (e.rejectedErrors[0] as ErrorLike)
      : undefined
  const responseCode = num(e.responseCode) ?? num(firstRejected?.responseCode)
  const response = str(e.response) ?? str(firstRejected?.response)
  const command = str(e.command) ?? str(firstRejected?.command)
  const code = str(e.code)
  const originalCode = str(e.originalCode)
  const rejected = Array.isArray(e.rejected) ? e.rejected.filter((r): r is string => typeof r === "string") : undefined
  const permanent =
    typeof e.permanent === "boolean"
      ? e.permanent
      : responseCode !== undefined
        ? responseCode >= 500 && responseCode !== 503
        : undefined
  return {
    code,
    system_code: originalCode ?? (code && code in SYSTEM_CODE_TEXT ? code : undefined),
    response_code: responseCode,
    response,
    command,
    rejected: rejected && rejected.length > 0 ? rejected : undefined,
    permanent,
    message: str(e.message) ?? "unknown error",
  }
}

/**
 * One line describing an SMTP failure, led by the server's reply when there is one:
 *
 * - `SMTP 550 5.1.1 mailbox unavailable (RCPT TO, rejected: a@b.example)`
 * - `SMTP 535 5.7.8 Authentication credentials invalid (AUTH PLAIN)`
 * - `SMTP connection refused (ECONNREFUSED 127.0.0.1:2525)`
 * - `SMTP timed out (CONNECT_TIMEOUT): Connection timeout`
 */
export function describeSmtpError(err: unknown): string {
  const d = smtpErrorDetails(err)
  const e = (err !== null && typeof err === "object" ? err : {}) as ErrorLike

  if (d.response_code !== undefined || d.response !== undefined) {
    // nodemailer keeps the full reply line ("550 5.1.1 …"); add the code only when it is missing.
    let reply = d.response ?? d.message
    reply = reply.replace(/\s*\r?\n\s*/g, " ")
    if (d.response_code !== undefined && !reply.startsWith(String(d.response_code))) {
      reply = `${d.response_code} ${reply}`
    }
    const context = [d.command, d.rejected ? `rejected: ${d.rejected.join(", ")}` : undefined].filter(Boolean)
    return `SMTP ${reply}${context.length ? ` (${context.join(", ")})` : ""}`
  }

  const endpoint = str(e.address) !== undefined ? `${str(e.address)}${num(e.port) !== undefined ? `:${num(e.port)}` : ""}` : ""
  if (d.code === "ETIMEDOUT" && (str(e.timeoutType) || !d.system_code || d.system_code === "ETIMEDOUT")) {
    // nodemailer's own timeouts: connecting, waiting for the greeting, TLS upgrade, idle socket.
    const kind = str(e.timeoutType)
    return `SMTP timed out${kind ? ` (${kind})` : ""}${endpoint ? ` (${endpoint})` : ""}: ${d.message}`
  }
  if (d.system_code && SYSTEM_CODE_TEXT[d.system_code]) {
    return `SMTP ${SYSTEM_CODE_TEXT[d.system_code]} (${[d.system_code, endpoint].filter(Boolean).join(" ")}): ${d.message}`
  }
  if (d.code === "ENOAUTH") {
    return `SMTP authentication credentials missing: ${d.message}`
  }
  if (d.code === "ECONNECTION") {
    return `SMTP connection closed unexpectedly: ${d.message}`
  }
  return `SMTP error${d.code ? ` ${d.code}` : ""}: ${d.message}`
}
