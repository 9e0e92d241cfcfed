import { MedusaError } from "@medusajs/framework/utils"
import {
  bicProblem,
  DEFAULT_PRE_NOTIFICATION_DAYS,
  formatFieldError,
  hasText,
  ibanProblem,
  isCountryCode,
  normaliseBic,
  normaliseCreditorId,
  normaliseIban,
  Pain008Creditor,
  SEPA_MAX_LENGTH,
  SepaFieldError,
  SepaPostalAddress,
  toSepaText,
  validateCreditorId,
} from "../../domain/sepa"
import type { BillingCollectionModuleOptions } from "../../modules/billing-collection/service"

/** The creditor as configured: plugin option `sepa` or the settings stored through the admin API. */
export interface SepaCreditorSettings {
  creditor_id?: string | null
  creditor_name?: string | null
  creditor_iban?: string | null
  creditor_bic?: string | null
  creditor_address?: Partial<SepaPostalAddress> | null
  pre_notification_days?: number | null
}

export interface ResolvedSepaCreditor {
  creditor: Pain008Creditor
  pre_notification_days: number
}

/**
 * The seller's address lines ("Musterstraße 1", "10115 Berlin") as a structured address, for a creditor
 * configured without `creditor_address`: street and number from the first line, postal code and town from
 * the last. Null when the last line is not "<postal code> <town>".
 */
export function addressFromLines(lines: readonly string[] | null | undefined, countryCode: string | null | undefined): SepaPostalAddress | null {
  if (!lines?.length || !hasText(countryCode)) {
    return null
  }
  const town = /^([A-Z0-9-]{3,10})\s+(.+)$/i.exec(lines[lines.length - 1].trim())
  if (!town) {
    return null
  }
  const street = lines.length > 1 ? /^(.*?)\s+(\d+\s?[a-zA-Z]?(?:[-/]\d+[a-zA-Z]?)?)$/.exec(lines[0].trim()) : null
  return {
    street_name: street ? street[1] : lines.length > 1 ? lines[0].trim() : null,
    building_number: street ? street[2] : null,
    postal_code: town[1],
    town_name: town[2],
    country_code: countryCode.trim().toUpperCase(),
  }
}

/** Every problem of a creditor configuration, field-named as the admin API takes it. */
export function creditorSettingsProblems(settings: SepaCreditorSettings): SepaFieldError[] {
  const errors: SepaFieldError[] = []
  if (!hasText(settings.creditor_id)) {
    errors.push({ field: "creditor_id", reason: "is not configured" })
  } else {
    const check = validateCreditorId(settings.creditor_id)
    if (!check.valid) {
      errors.push({ field: "creditor_id", reason: check.reason })
    }
  }
  if (!hasText(settings.creditor_name)) {
    errors.push({ field: "creditor_name", reason: "is not configured" })
  } else if (toSepaText(settings.creditor_name) === "") {
    errors.push({ field: "creditor_name", reason: "has no characters left in the SEPA character set" })
  } else if (toSepaText(settings.creditor_name).length > SEPA_MAX_LENGTH.Nm) {
    errors.push({ field: "creditor_name", reason: `is longer than ${SEPA_MAX_LENGTH.Nm} characters` })
  }
  const iban = hasText(settings.creditor_iban) ? ibanProblem(settings.creditor_iban) : "is not configured"
  if (iban) {
    errors.push({ field: "creditor_iban", reason: iban })
  }
  if (hasText(settings.creditor_bic)) {
    const bic = bicProblem(settings.creditor_bic)
    if (bic) {
      errors.push({ field: "creditor_bic", reason: bic })
    }
  }
  const address = settings.creditor_address
  if (!address || !hasText(address.town_name)) {
    errors.push({ field: "creditor_address.town_name", reason: "is required: banks reject addresses without town and country" })
  }
  if (!address || !hasText(address.country_code)) {
    errors.push({ field: "creditor_address.country_code", reason: "is required: banks reject addresses without town and country" })
  } else if (!isCountryCode(address.country_code.trim().toUpperCase())) {
    errors.push({ field: "creditor_address.country_code", reason: `"${address.country_code}" is not an ISO 3166 country code` })
  }
  const days = settings.pre_notification_days
  if (days !== null && days !== undefined && (!Number.isSafeInteger(days) || days < 1 || days > 60)) {
    errors.push({ field: "pre_notification_days", reason: `must be a whole number of days from 1 to 60, got ${days}` })
  }
  return errors
}

/**
 * The creditor for a pain.008 file, or a 400 naming every misconfigured field (`sepa.creditor_id: …` for
 * the plugin option, `creditor_id: …` for stored settings).
 */
export function resolveSepaCreditor(settings: SepaCreditorSettings, source: "options" | "settings"): ResolvedSepaCreditor {
  const errors = creditorSettingsProblems(settings)
  if (errors.length) {
    const prefix = source === "options" ? "sepa." : ""
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `SEPA creditor ${source === "options" ? "(plugin option sepa)" : "(admin settings)"}: ${errors
        .map((e) => formatFieldError({ ...e, field: `${prefix}${e.field}` }))
        .join("; ")}`
    )
  }
  const address = settings.creditor_address as SepaPostalAddress
  return {
    creditor: {
      name: settings.creditor_name as string,
      iban: normaliseIban(settings.creditor_iban as string),
      bic: hasText(settings.creditor_bic) ? normaliseBic(settings.creditor_bic) : null,
      creditor_id: normaliseCreditorId(settings.creditor_id as string),
      postal_address: {
        street_name: address.street_name ?? null,
        building_number: address.building_number ?? null,
        postal_code: address.postal_code ?? null,
        town_name: address.town_name,
        country_code: address.country_code.trim().toUpperCase(),
      },
    },
    pre_notification_days: settings.pre_notification_days ?? DEFAULT_PRE_NOTIFICATION_DAYS,
  }
}

/**
 * The creditor in force: the settings stored through the admin API when there are any, otherwise the
 * plugin option `sepa` with name, account and address defaulting to the seller's.
 */
export function effectiveCreditorSettings(
  options: BillingCollectionModuleOptions,
  stored: StoredCreditorSettings | null
): { settings: SepaCreditorSettings; source: "options" | "settings" } {
  if (stored) {
    return {
      source: "settings",
      settings: {
        creditor_id: stored.creditor_id,
        creditor_name: stored.creditor_name,
        creditor_iban: stored.creditor_iban,
        creditor_bic: stored.creditor_bic,
        creditor_address: {
          street_name: stored.street_name,
          building_number: stored.building_number,
          postal_code: stored.postal_code,
          town_name: stored.town_name,
          country_code: stored.country_code,
        },
        pre_notification_days: stored.pre_notification_days,
      },
    }
  }
  const sepa = options.sepa ?? {}
  const seller = options.seller ?? {}
  return {
    source: "options",
    settings: {
      creditor_id: sepa.creditor_id ?? null,
      creditor_name: sepa.creditor_name ?? seller.name ?? null,
      creditor_iban: sepa.creditor_iban ?? seller.bank?.iban ?? null,
      creditor_bic: sepa.creditor_iban ? (sepa.creditor_bic ?? null) : (sepa.creditor_bic ?? seller.bank?.bic ?? null),
      creditor_address: sepa.creditor_address ?? addressFromLines(seller.address_lines, seller.country_code),
      pre_notification_days: sepa.pre_notification_days ?? null,
    },
  }
}

export interface StoredCreditorSettings {
  creditor_id: string
  creditor_name: string
  creditor_iban: string
  creditor_bic: string | null
  street_name: string | null
  building_number: string | null
  postal_code: string | null
  town_name: string
  country_code: string
  pre_notification_days: number | null
}
