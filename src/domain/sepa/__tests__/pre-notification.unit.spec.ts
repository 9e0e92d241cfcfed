import { preNotificationMail } from "../pre-notification"

const base = {
  seller_name: "Snack Box GmbH",
  invoice_number: "RE-2026-000042",
  amount: "1234.5",
  currency_code: "eur",
  collection_date: "2026-12-18",
  mandate_reference: "MNDT-0001",
  creditor_id: "DE98ZZZ09999999999",
  debtor_iban: "DE89 3704 0044 0532 0130 00",
}

describe("preNotificationMail", () => {
  it.each([
    [
      "de",
      "Lastschrift über 1.234,50 € am 18.12.2026 zu Rechnung RE-2026-000042",
      ["wir ziehen 1.234,50 € für die Rechnung RE-2026-000042 am 18.12.2026", "Konto …3000", "Mandatsreferenz: MNDT-0001", "Gläubiger-Identifikationsnummer: DE98ZZZ09999999999", "Snack Box GmbH"],
    ],
    [
      "en",
      "Direct debit of €1,234.50 on 2026-12-18 for invoice RE-2026-000042",
      ["we will collect €1,234.50 for invoice RE-2026-000042", "account …3000 on 2026-12-18", "Mandate reference: MNDT-0001", "Creditor identifier: DE98ZZZ09999999999"],
    ],
  ] as const)("%s: subject and the fields SEPA requires in the text", (locale, subject, fragments) => {
    const mail = preNotificationMail({ ...base, locale })
    expect(mail.subject).toBe(subject)
    for (const fragment of fragments) {
      expect(mail.text).toContain(fragment)
    }
    expect(mail.text).not.toContain("0532013000")
  })

  it("names other currencies by code and leaves out a missing invoice number", () => {
    const mail = preNotificationMail({ ...base, locale: "de", currency_code: "chf", amount: "7", invoice_number: null })
    expect(mail.subject).toBe("Lastschrift über 7,00 CHF am 18.12.2026")
  })
})
