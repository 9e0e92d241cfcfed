import { AbstractNotificationProviderService, MedusaError } from "@medusajs/framework/utils"
import type {
  Logger,
  ProviderSendNotificationDTO,
  ProviderSendNotificationResultsDTO,
} from "@medusajs/framework/types"
import { createTransport } from "nodemailer"
import type { Attachment as MailAttachment, SendMailOptions, SMTPSentMessageInfo, Transporter } from "nodemailer"

import { describeSmtpError } from "./errors"
import { resolveSmtpOptions, type ResolvedSmtpOptions, type SmtpProviderOptions } from "./options"

type InjectedDependencies = {
  logger: Logger
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value : undefined

/** A string or a list of strings (cc/bcc in provider_data), else undefined. */
const addressList = (value: unknown, key: string): string | string[] | undefined => {
  if (value === undefined || value === null || value === "") {
    return undefined
  }
  if (typeof value === "string") {
    return value
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    return value.length ? (value as string[]) : undefined
  }
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `provider_data.${key} must be a string or a list of strings`)
}

/**
 * Medusa Notification Module Provider that sends e-mail over SMTP with nodemailer.
 *
 * A notification is sent from `content` ({ subject, text, html }) or, failing that, from
 * `data.subject` / `data.text` / `data.html`; the provider renders no templates. Medusa's
 * attachments ({ content: base64, filename, content_type, disposition, id }) become MIME parts;
 * `provider_data` may carry `cc`, `bcc` and `reply_to`.
 */
export class SmtpNotificationProviderService extends AbstractNotificationProviderService {
  static override identifier = "smtp"

  protected readonly logger_: Logger
  protected readonly options_: ResolvedSmtpOptions
  protected readonly transporter_: Transporter<SMTPSentMessageInfo>

  /** Called by Medusa's module provider loader before the provider is registered. */
  static override validateOptions(options: Record<any, any>): void {
    resolveSmtpOptions(options)
  }

  constructor({ logger }: InjectedDependencies, options: SmtpProviderOptions) {
    super()
    this.logger_ = logger
    this.options_ = resolveSmtpOptions(options)
    const o = this.options_
    // Not pooled: one SMTP connection per message, opened on send (nothing happens at boot).
    this.transporter_ = createTransport({
      host: o.host,
      port: o.port,
      secure: o.secure,
      requireTLS: o.require_tls,
      tls: { rejectUnauthorized: o.tls_reject_unauthorized },
      auth: o.auth ? { user: o.auth.user, pass: o.auth.pass } : undefined,
      name: o.name,
      connectionTimeout: o.connection_timeout,
      greetingTimeout: o.greeting_timeout,
      socketTimeout: o.socket_timeout,
      // Never let message content make nodemailer read local files or fetch URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    })
  }

  /** The message nodemailer would send for a notification (exposed for tests and previews). */
  buildMessage(notification: ProviderSendNotificationDTO): SendMailOptions {
    if (!notification) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "No notification information provided")
    }
    const to = text(notification.to)
    if (!to) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "SMTP notification has no recipient (to)")
    }
    const content = notification.content ?? undefined
    const data = notification.data ?? undefined
    const subject = text(content?.subject) ?? text(data?.subject)
    const textBody = text(content?.text) ?? text(data?.text)
    const htmlBody = text(content?.html) ?? text(data?.html)
    if (!subject) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `SMTP notification to ${to} (template "${notification.template}") has no subject: set content.subject or data.subject`
      )
    }
    if (!textBody && !htmlBody) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `SMTP notification to ${to} (template "${notification.template}") has no body: set content.text/html or data.text/html`
      )
    }

    const attachments: MailAttachment[] = (notification.attachments ?? []).map((a, i) => {
      if (!a || typeof a.content !== "string" || !text(a.filename)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `SMTP notification attachment #${i + 1} needs a base64 string "content" and a "filename"`
        )
      }
      return {
        filename: a.filename,
        content: Buffer.from(a.content, "base64"),
        contentType: text(a.content_type),
        contentDisposition: a.disposition === "inline" ? "inline" : "attachment",
        cid: text(a.id),
      }
    })

    const providerData = notification.provider_data ?? {}
    return {
      from: text(notification.from) ?? this.options_.from,
      to,
      cc: addressList(providerData.cc, "cc"),
      bcc: addressList(providerData.bcc, "bcc"),
      replyTo: addressList(providerData.reply_to, "reply_to") ?? this.options_.reply_to,
      subject,
      text: textBody,
      html: htmlBody,
      attachments: attachments.length ? attachments : undefined,
      disableFileAccess: true,
      disableUrlAccess: true,
    }
  }

  override async send(notification: ProviderSendNotificationDTO): Promise<ProviderSendNotificationResultsDTO> {
    const message = this.buildMessage(notification)
    let info: SMTPSentMessageInfo
    try {
      info = await this.transporter_.sendMail(message)
    } catch (err) {
      const reason = describeSmtpError(err)
      this.logger_.warn(`SMTP notification to ${String(message.to)} via ${this.options_.host}:${this.options_.port} failed: ${reason}`)
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Failed to send email to ${String(message.to)}: ${reason}`)
    }
    if (info.rejected?.length) {
      // Some (not all) recipients were refused; the message went to the others, so this is no failure.
      this.logger_.warn(`SMTP server rejected some recipients of ${info.messageId}: ${info.rejected.join(", ")}`)
    }
    this.logger_.info(`SMTP notification ${info.messageId} sent to ${String(message.to)} (${info.response})`)
    return { id: info.messageId }
  }
}

export default SmtpNotificationProviderService
