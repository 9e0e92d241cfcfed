import { ModuleProvider, Modules } from "@medusajs/framework/utils"

import { SmtpNotificationProviderService } from "./service"

export { SmtpNotificationProviderService } from "./service"
export { describeSmtpError, smtpErrorDetails, type SmtpErrorDetails } from "./errors"
export { resolveSmtpOptions, SMTP_DEFAULTS, type SmtpProviderOptions, type ResolvedSmtpOptions } from "./options"

export default ModuleProvider(Modules.NOTIFICATION, {
  services: [SmtpNotificationProviderService],
})
