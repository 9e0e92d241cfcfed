import { MathBN } from "@medusajs/framework/utils"

export type DunningLocale = "de" | "en"

export type LocalizedText = Record<DunningLocale, string>

/** One reminder level: due `days_after_due` days after the invoice's due date, charging `fee`. */
export interface DunningLevel {
  level: number
  days_after_due: number
  /** Decimal string with at most 2 decimals, ≥ 0, in the invoice's currency. */
  fee: string
  /** Heading of the letter, e.g. "1. Mahnung". */
  title: LocalizedText
  /** Mail subject (a template, see DUNNING_PLACEHOLDERS). */
  subject: LocalizedText
  /** The letter's text, printed in the PDF and quoted in the mail (a template). */
  text: LocalizedText
}

export interface DunningOptions {
  /** Ascending by level and by days. */
  levels: DunningLevel[]
  /** Invoices with less open are not reminded. */
  min_open_amount: string
  /** Days between a notice and the next level's notice of the same invoice, at least. */
  min_days_between_levels: number
  /** The payment deadline printed on a notice: this many days after the notice date. */
  payment_deadline_days: number
  /** false: the scheduled job does nothing (manual runs still work). */
  enabled: boolean
}

/** What a shop may pass as the plugin option `dunning` (everything optional; texts per locale optional). */
export interface DunningOptionsInput {
  levels?: {
    level: number
    days_after_due: number
    fee?: string
    title?: Partial<LocalizedText>
    subject?: Partial<LocalizedText>
    text?: Partial<LocalizedText>
  }[]
  min_open_amount?: string
  min_days_between_levels?: number
  payment_deadline_days?: number
  enabled?: boolean
}

/** Placeholders the subject and text templates may use, filled per notice. */
export const DUNNING_PLACEHOLDERS = [
  "title",
  "level",
  "invoice_number",
  "invoice_date",
  "due_date",
  "open_amount",
  "fee",
  "total",
  "deadline",
  "seller_name",
] as const

export type DunningPlaceholder = (typeof DUNNING_PLACEHOLDERS)[number]

const LOCALES: DunningLocale[] = ["de", "en"]

/** "Zahlungserinnerung", "1. Mahnung", "2. Mahnung" …: level 1 is the friendly reminder. */
function defaultTitle(level: number): LocalizedText {
  const english = ["Payment reminder", "First reminder", "Second reminder", "Third reminder"]
  return {
    de: level === 1 ? "Zahlungserinnerung" : `${level - 1}. Mahnung`,
    en: english[level - 1] ?? `Reminder no. ${level - 1}`,
  }
}

const DEFAULT_SUBJECT: LocalizedText = {
  de: "{title} zu Rechnung {invoice_number}",
  en: "{title} for invoice {invoice_number}",
}

function defaultText(level: number): LocalizedText {
  if (level === 1) {
    return {
      de:
        "sicher ist es Ihrer Aufmerksamkeit entgangen: Die unten aufgeführte Rechnung war am {due_date} fällig und ist noch nicht vollständig bezahlt. " +
        "Bitte überweisen Sie den offenen Betrag von {total} bis zum {deadline}. Sollten Sie in der Zwischenzeit gezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.",
      en:
        "perhaps it has escaped your attention: the invoice listed below was due on {due_date} and has not been paid in full yet. " +
        "Please transfer the open amount of {total} by {deadline}. If you have paid in the meantime, please disregard this letter.",
    }
  }
  if (level === 2) {
    return {
      de:
        "leider konnten wir zu der unten aufgeführten Rechnung trotz unserer Zahlungserinnerung noch keinen vollständigen Zahlungseingang feststellen. " +
        "Bitte überweisen Sie den offenen Betrag zuzüglich der Mahngebühr, insgesamt {total}, bis spätestens {deadline}.",
      en:
        "despite our payment reminder, we have not yet received full payment of the invoice listed below. " +
        "Please transfer the open amount plus the reminder fee, {total} in total, by {deadline} at the latest.",
    }
  }
  return {
    de:
      "trotz Zahlungserinnerung und Mahnung ist die unten aufgeführte Rechnung weiterhin offen. " +
      "Wir fordern Sie auf, den Gesamtbetrag von {total} bis spätestens {deadline} zu zahlen. Andernfalls werden wir weitere Schritte einleiten.",
    en:
      "despite our reminders, the invoice listed below is still unpaid. " +
      "We ask you to pay the total of {total} by {deadline} at the latest. Otherwise we will take further steps.",
  }
}

/** The defaults: reminder 7 days after the due date (free), 1st dunning notice after 21 (5.00), 2nd after 35 (10.00). */
export const DEFAULT_DUNNING_LEVELS: DunningOptionsInput["levels"] = [
  { level: 1, days_after_due: 7, fee: "0.00" },
  { level: 2, days_after_due: 21, fee: "5.00" },
  { level: 3, days_after_due: 35, fee: "10.00" },
]

export class DunningOptionsError extends Error {}

function fail(field: string, message: string): never {
  throw new DunningOptionsError(`dunning${field ? `.${field}` : ""}: ${message}`)
}

function wholeDays(value: unknown, field: string, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    fail(field, `expected a whole number ≥ ${min}, got ${JSON.stringify(value)}`)
  }
  return value
}

function amount(value: unknown, field: string): string {
  if (typeof value !== "string" || !/^\d+(\.\d{1,2})?$/.test(value.trim())) {
    fail(field, `expected a decimal string ≥ 0 with at most 2 decimals such as "5.00", got ${JSON.stringify(value)}`)
  }
  return MathBN.convert(value.trim()).toFixed(2)
}

function template(value: unknown, fallback: string, field: string): string {
  if (value === undefined || value === null) {
    return fallback
  }
  if (typeof value !== "string" || !value.trim()) {
    fail(field, `expected a non-empty text, got ${JSON.stringify(value)}`)
  }
  for (const [, name] of value.matchAll(/\{(\w+)\}/g)) {
    if (!(DUNNING_PLACEHOLDERS as readonly string[]).includes(name)) {
      fail(field, `unknown placeholder {${name}}; use ${DUNNING_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`)
    }
  }
  return value
}

function localized(value: unknown, fallback: LocalizedText, field: string): LocalizedText {
  if (value !== undefined && value !== null && (typeof value !== "object" || Array.isArray(value))) {
    fail(field, `expected an object with texts per locale, e.g. { de: "…", en: "…" }`)
  }
  const given = (value ?? {}) as Record<string, unknown>
  for (const key of Object.keys(given)) {
    if (!LOCALES.includes(key as DunningLocale)) {
      fail(`${field}.${key}`, `unknown locale; use ${LOCALES.join(" or ")}`)
    }
  }
  return { de: template(given.de, fallback.de, `${field}.de`), en: template(given.en, fallback.en, `${field}.en`) }
}

/**
 * The plugin option `dunning` with defaults filled in, or a DunningOptionsError naming the offending field
 * (`dunning.levels[1].days_after_due: …`). Levels must ascend by number and by days; texts left out fall
 * back to the German/English defaults of their level number.
 */
export function resolveDunningOptions(input: unknown): DunningOptions {
  if (input !== undefined && input !== null && (typeof input !== "object" || Array.isArray(input))) {
    fail("", "expected an object")
  }
  const raw = (input ?? {}) as Record<string, unknown>
  const known = ["levels", "min_open_amount", "min_days_between_levels", "payment_deadline_days", "enabled"]
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) {
      fail(key, `unknown option; known are ${known.join(", ")}`)
    }
  }
  const rawLevels = raw.levels ?? DEFAULT_DUNNING_LEVELS
  if (!Array.isArray(rawLevels) || !rawLevels.length) {
    fail("levels", "expected a non-empty list of levels")
  }
  const levels: DunningLevel[] = rawLevels.map((entry: unknown, index: number) => {
    const field = `levels[${index}]`
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      fail(field, "expected an object { level, days_after_due, fee }")
    }
    const level = entry as Record<string, unknown>
    for (const key of Object.keys(level)) {
      if (!["level", "days_after_due", "fee", "title", "subject", "text"].includes(key)) {
        fail(`${field}.${key}`, "unknown field; known are level, days_after_due, fee, title, subject, text")
      }
    }
    const number = wholeDays(level.level, `${field}.level`, 1)
    return {
      level: number,
      days_after_due: wholeDays(level.days_after_due, `${field}.days_after_due`, 0),
      fee: amount(level.fee ?? "0.00", `${field}.fee`),
      title: localized(level.title, defaultTitle(number), `${field}.title`),
      subject: localized(level.subject, DEFAULT_SUBJECT, `${field}.subject`),
      text: localized(level.text, defaultText(number), `${field}.text`),
    }
  })
  levels.forEach((level, index) => {
    const previous = levels[index - 1]
    if (previous && level.level <= previous.level) {
      fail(`levels[${index}].level`, `levels must ascend: ${level.level} follows ${previous.level}`)
    }
    if (previous && level.days_after_due <= previous.days_after_due) {
      fail(`levels[${index}].days_after_due`, `must be greater than the previous level's ${previous.days_after_due}`)
    }
  })
  if (raw.enabled !== undefined && typeof raw.enabled !== "boolean") {
    fail("enabled", `expected true or false, got ${JSON.stringify(raw.enabled)}`)
  }
  return {
    levels,
    min_open_amount: amount(raw.min_open_amount ?? "1.00", "min_open_amount"),
    min_days_between_levels: wholeDays(raw.min_days_between_levels ?? 7, "min_days_between_levels", 0),
    payment_deadline_days: wholeDays(raw.payment_deadline_days ?? 7, "payment_deadline_days", 0),
    enabled: raw.enabled !== false,
  }
}

/** Fills `{placeholder}`s; every placeholder of the template must have a value. */
export function fillTemplate(template: string, values: Record<DunningPlaceholder, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = (values as Record<string, string | undefined>)[name]
    if (value === undefined) {
      throw new Error(`template placeholder ${match} has no value`)
    }
    return value
  })
}
