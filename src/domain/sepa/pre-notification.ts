/**
 * The pre-notification (Vorabankündigung) a SEPA creditor owes the debtor before each collection: amount,
 * collection date, mandate reference and creditor identifier, at least the agreed number of days (14 by
 * default) before the collection date. Plain text in German or English; pure, so its wording is tested.
 */
export interface PreNotificationInput {
  locale: "de" | "en"
  seller_name: string
  invoice_number: string | null
  amount: string
  currency_code: string
  collection_date: string
  mandate_reference: string
  creditor_id: string
  /** The debtor's IBAN; only its last four characters are printed. */
  debtor_iban: string
}

const formatDate = (iso: string, locale: "de" | "en") =>
  locale === "de" ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : iso

function formatAmount(amount: string, currency: string, locale: "de" | "en"): string {
  const [whole, fraction = ""] = amount.replace(/^-/, "").split(".")
  const cents = fraction.padEnd(2, "0").slice(0, 2)
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, locale === "de" ? "." : ",")
  const code = currency.toUpperCase()
  return locale === "de" ? `${grouped},${cents} ${code === "EUR" ? "€" : code}` : `${code === "EUR" ? "€" : `${code} `}${grouped}.${cents}`
}

const maskIban = (iban: string) => `…${iban.replace(/\s+/g, "").slice(-4)}`

export function preNotificationMail(input: PreNotificationInput): { subject: string; text: string } {
  const amount = formatAmount(input.amount, input.currency_code, input.locale)
  const date = formatDate(input.collection_date, input.locale)
  const invoice = input.invoice_number ?? ""
  if (input.locale === "en") {
    return {
      subject: `Direct debit of ${amount} on ${date}${invoice ? ` for invoice ${invoice}` : ""}`,
      text:
        `Hello,\n\nwe will collect ${amount}${invoice ? ` for invoice ${invoice}` : ""} by SEPA direct debit from your account ` +
        `${maskIban(input.debtor_iban)} on ${date}.\n\nMandate reference: ${input.mandate_reference}\nCreditor identifier: ${input.creditor_id}\n\n` +
        `Please make sure the account is covered on that day.\n\nKind regards\n${input.seller_name}`,
    }
  }
  return {
    subject: `Lastschrift über ${amount} am ${date}${invoice ? ` zu Rechnung ${invoice}` : ""}`,
    text:
      `Guten Tag,\n\nwir ziehen ${amount}${invoice ? ` für die Rechnung ${invoice}` : ""} am ${date} per SEPA-Lastschrift von Ihrem Konto ` +
      `${maskIban(input.debtor_iban)} ein.\n\nMandatsreferenz: ${input.mandate_reference}\nGläubiger-Identifikationsnummer: ${input.creditor_id}\n\n` +
      `Bitte sorgen Sie für ausreichende Deckung Ihres Kontos.\n\nMit freundlichen Grüßen\n${input.seller_name}`,
  }
}
