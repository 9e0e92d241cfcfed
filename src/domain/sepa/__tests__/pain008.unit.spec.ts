import fs from "node:fs"
import { XMLParser } from "fast-xml-parser"
import { formatFieldError, SepaValidationError } from "../field-error"
import {
  buildPain008,
  CollectionItem,
  groupCollections,
  Pain008Batch,
  Pain008PaymentGroup,
  Pain008Transaction,
  validatePain008Batch,
} from "../pain008"
import { GOLDEN_PAIN_008_001_08, validateXmlAgainstXsd, XsdResult } from "./corpora"

const CREATED_AT = "2026-03-02T09:30:00"

function transaction(n: number, overrides: Partial<Pain008Transaction> = {}): Pain008Transaction {
  return {
    end_to_end_id: `E2E-2026-${String(n).padStart(4, "0")}`,
    amount: "19.99",
    mandate_reference: `MNDT-${n}`,
    mandate_signature_date: "2026-01-15",
    debtor_name: "Erika Mustermann",
    debtor_iban: "DE89370400440532013000",
    debtor_bic: "COBADEFFXXX",
    debtor_address: {
      street_name: "Heidestrasse",
      building_number: "17",
      postal_code: "51147",
      town_name: "Koeln",
      country_code: "DE",
    },
    invoice_numbers: [`RE-2026-${String(n).padStart(6, "0")}`],
    remittance_information: "Abonnement Maerz 2026",
    ...overrides,
  }
}

function group(transactions: Pain008Transaction[], overrides: Partial<Pain008PaymentGroup> = {}): Pain008PaymentGroup {
  return { sequence_type: "RCUR", collection_date: "2026-03-16", local_instrument: "CORE", transactions, ...overrides }
}

function batch(groups: Pain008PaymentGroup[], overrides: Partial<Pain008Batch> = {}): Pain008Batch {
  return {
    message_id: "MSG-2026-03-02-001",
    created_at: CREATED_AT,
    initiating_party_name: "Abo-Service GmbH",
    creditor: {
      name: "Abo-Service GmbH",
      iban: "DE02120300000000202051",
      bic: "BYLADEM1001",
      creditor_id: "DE98ZZZ09999999999",
      postal_address: { street_name: "Hauptstrasse", building_number: "1a", postal_code: "10115", town_name: "Berlin", country_code: "DE" },
    },
    payment_groups: groups,
    ...overrides,
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  isArray: (name) => ["PmtInf", "DrctDbtTxInf"].includes(name),
})

type Node = Record<string, any>

function parse(xml: string): { header: Node; instructions: Node[] } {
  const document = parser.parse(xml).Document as Node
  expect(document["@_xmlns"]).toBe("urn:iso:std:iso:20022:tech:xsd:pain.008.001.08")
  return { header: document.CstmrDrctDbtInitn.GrpHdr, instructions: document.CstmrDrctDbtInitn.PmtInf }
}

/** Builds, validates against the XSD with libxml2 and returns the XML; every generated file goes through this. */
function buildAndValidate(input: Pain008Batch, name: string): { xml: string; xsd: XsdResult } {
  const xml = buildPain008(input)
  const xsd = validateXmlAgainstXsd(xml, name)
  expect(xsd).toMatchObject({ valid: true, status: 0 })
  return { xml, xsd }
}

/** Child element names of the first element named `name`, in document order. */
function childOrder(xml: string, name: string): string[] {
  const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false }).parse(xml) as Node[]
  const search = (nodes: Node[]): Node[] | null => {
    for (const node of nodes) {
      const tag = Object.keys(node).find((key) => key !== ":@")
      if (!tag || tag === "#text") {
        continue
      }
      if (tag === name) {
        return node[tag] as Node[]
      }
      const found = search(node[tag] as Node[])
      if (found) {
        return found
      }
    }
    return null
  }
  const children = search(ordered) ?? []
  return children.map((child) => Object.keys(child).find((key) => key !== ":@") ?? "").filter((tag) => tag !== "#text")
}

describe("buildPain008: generated files are valid pain.008.001.08", () => {
  it("FRST and RCUR groups built with groupCollections", () => {
    const items: CollectionItem[] = [
      { sequence_type: "FRST", collection_date: "2026-03-17", transaction: transaction(1, { amount: "49.90" }) },
      { sequence_type: "RCUR", collection_date: "2026-03-16", transaction: transaction(2, { amount: "19.99" }) },
      { sequence_type: "RCUR", collection_date: "2026-03-16", transaction: transaction(3, { amount: "0.10" }) },
      { sequence_type: "RCUR", collection_date: "2026-03-17", transaction: transaction(4, { amount: "0.20" }) },
      { sequence_type: "FRST", collection_date: "2026-03-16", transaction: transaction(5, { amount: "100.00" }) },
    ]
    const { xml } = buildAndValidate(batch(groupCollections(items)), "frst-rcur")
    const { header, instructions } = parse(xml)

    expect(header).toMatchObject({ MsgId: "MSG-2026-03-02-001", CreDtTm: CREATED_AT, NbOfTxs: "5", CtrlSum: "170.19" })
    expect(header.InitgPty).toEqual({ Nm: "Abo-Service GmbH" })
    expect(
      instructions.map((pmtInf) => [
        pmtInf.PmtInfId,
        pmtInf.PmtTpInf.SeqTp,
        pmtInf.ReqdColltnDt,
        pmtInf.NbOfTxs,
        pmtInf.CtrlSum,
        pmtInf.DrctDbtTxInf.map((tx: Node) => tx.PmtId.EndToEndId),
      ])
    ).toEqual([
      ["MSG-2026-03-02-001-1", "FRST", "2026-03-16", "1", "100.00", ["E2E-2026-0005"]],
      ["MSG-2026-03-02-001-2", "RCUR", "2026-03-16", "2", "20.09", ["E2E-2026-0002", "E2E-2026-0003"]],
      ["MSG-2026-03-02-001-3", "FRST", "2026-03-17", "1", "49.90", ["E2E-2026-0001"]],
      ["MSG-2026-03-02-001-4", "RCUR", "2026-03-17", "1", "0.20", ["E2E-2026-0004"]],
    ])
    const first = instructions[0]
    expect(first).toMatchObject({
      PmtMtd: "DD",
      BtchBookg: "true",
      PmtTpInf: { SvcLvl: { Cd: "SEPA" }, LclInstrm: { Cd: "CORE" } },
      Cdtr: {
        Nm: "Abo-Service GmbH",
        PstlAdr: { StrtNm: "Hauptstrasse", BldgNb: "1a", PstCd: "10115", TwnNm: "Berlin", Ctry: "DE" },
      },
      CdtrAcct: { Id: { IBAN: "DE02120300000000202051" } },
      CdtrAgt: { FinInstnId: { BICFI: "BYLADEM1001" } },
      ChrgBr: "SLEV",
      CdtrSchmeId: { Id: { PrvtId: { Othr: { Id: "DE98ZZZ09999999999", SchmeNm: { Prtry: "SEPA" } } } } },
    })
    expect(first.DrctDbtTxInf[0]).toEqual({
      PmtId: { EndToEndId: "E2E-2026-0005" },
      InstdAmt: { "#text": "100.00", "@_Ccy": "EUR" },
      DrctDbtTx: { MndtRltdInf: { MndtId: "MNDT-5", DtOfSgntr: "2026-01-15", AmdmntInd: "false" } },
      DbtrAgt: { FinInstnId: { BICFI: "COBADEFFXXX" } },
      Dbtr: {
        Nm: "Erika Mustermann",
        PstlAdr: { StrtNm: "Heidestrasse", BldgNb: "17", PstCd: "51147", TwnNm: "Koeln", Ctry: "DE" },
      },
      DbtrAcct: { Id: { IBAN: "DE89370400440532013000" } },
      RmtInf: { Ustrd: "RE-2026-000005 Abonnement Maerz 2026" },
    })
  })

  it("amendments: new mandate reference and creditor, same-bank account change, new bank (SMNDA)", () => {
    const { xml } = buildAndValidate(
      batch([
        group([
          transaction(1, {
            amendment: {
              original_mandate_reference: "ALT-MNDT-1",
              original_creditor_id: "DE36ZZZ00000000000",
              original_creditor_name: "Alte Firma Müller",
            },
          }),
          transaction(2, { amendment: { original_debtor_iban: "DE12 5001 0517 0648 4898 90" } }),
          transaction(3, { debtor_iban: "FR1420041010050500013M02606", debtor_bic: "BNPAFRPPXXX", amendment: { debtor_agent_changed: true } }),
          transaction(4),
        ]),
      ]),
      "amendments"
    )
    const [pmtInf] = parse(xml).instructions
    const mandates = pmtInf.DrctDbtTxInf.map((tx: Node) => tx.DrctDbtTx.MndtRltdInf)
    expect(mandates).toEqual([
      {
        MndtId: "MNDT-1",
        DtOfSgntr: "2026-01-15",
        AmdmntInd: "true",
        AmdmntInfDtls: {
          OrgnlMndtId: "ALT-MNDT-1",
          OrgnlCdtrSchmeId: {
            Nm: "Alte Firma Mueller",
            Id: { PrvtId: { Othr: { Id: "DE36ZZZ00000000000", SchmeNm: { Prtry: "SEPA" } } } },
          },
        },
      },
      {
        MndtId: "MNDT-2",
        DtOfSgntr: "2026-01-15",
        AmdmntInd: "true",
        AmdmntInfDtls: { OrgnlDbtrAcct: { Id: { IBAN: "DE12500105170648489890" } } },
      },
      {
        MndtId: "MNDT-3",
        DtOfSgntr: "2026-01-15",
        AmdmntInd: "true",
        AmdmntInfDtls: { OrgnlDbtrAgt: { FinInstnId: { Othr: { Id: "SMNDA" } } } },
      },
      { MndtId: "MNDT-4", DtOfSgntr: "2026-01-15", AmdmntInd: "false" },
    ])
  })

  it("umlauts and other non-SEPA characters in free text are converted, identifiers kept", () => {
    const { xml } = buildAndValidate(
      batch(
        [
          group([
            transaction(1, {
              debtor_name: "Jörg Müller-Lüdenscheidt & Söhne",
              debtor_address: { street_name: "Königstraße", building_number: "5–7", postal_code: "80331", town_name: "München", country_code: "de" },
              invoice_numbers: ["RE_2026_000001"],
              remittance_information: "Abo „Größe L“ — März 2026: 49,90 €",
            }),
            transaction(2, { debtor_name: "Seán O’Brien", debtor_iban: "IE29AIBK93115212345678", debtor_bic: null }),
          ]),
        ],
        { initiating_party_name: "Café Ölmühle GmbH", creditor: { ...batch([]).creditor, name: "Café Ölmühle GmbH" } }
      ),
      "umlauts"
    )
    // Only printable ASCII remains in the whole file.
    expect(xml).toMatch(/^[\x20-\x7E\n]*$/)
    const { header, instructions } = parse(xml)
    expect(header.InitgPty.Nm).toBe("Cafe Oelmuehle GmbH")
    expect(instructions[0].Cdtr.Nm).toBe("Cafe Oelmuehle GmbH")
    const [first, second] = instructions[0].DrctDbtTxInf
    expect(first.Dbtr).toEqual({
      Nm: "Joerg Mueller-Luedenscheidt + Soehne",
      PstlAdr: { StrtNm: "Koenigstrasse", BldgNb: "5-7", PstCd: "80331", TwnNm: "Muenchen", Ctry: "DE" },
    })
    expect(first.RmtInf.Ustrd).toBe("RE-2026-000001 Abo Groesse L - Maerz 2026: 49,90 EUR")
    // The apostrophe is a SEPA character; the builder escapes it and a parser gets it back.
    expect(xml).toContain("<Nm>Sean O&apos;Brien</Nm>")
    expect(second.Dbtr.Nm).toBe("Sean O'Brien")
  })

  it("missing BICs become NOTPROVIDED for creditor and debtor agents", () => {
    const { xml } = buildAndValidate(
      batch([group([transaction(1, { debtor_bic: null }), transaction(2, { debtor_bic: undefined }), transaction(3)])], {
        creditor: { ...batch([]).creditor, bic: null },
      }),
      "no-bic"
    )
    const [pmtInf] = parse(xml).instructions
    const notProvided = { FinInstnId: { Othr: { Id: "NOTPROVIDED" } } }
    expect(pmtInf.CdtrAgt).toEqual(notProvided)
    expect(pmtInf.DrctDbtTxInf.map((tx: Node) => tx.DbtrAgt)).toEqual([notProvided, notProvided, { FinInstnId: { BICFI: "COBADEFFXXX" } }])
  })

  it.each<[string, string[], string]>([
    ["0.10 + 0.20", ["0.10", "0.20"], "0.30"],
    ["a hundred cents", Array.from({ length: 100 }, () => "0.01"), "1.00"],
    ["the maximum plus a cent", ["999999999.99", "0.01"], "1000000000.00"],
    ["0.07 × 3 (floats give 0.21000000000000002)", ["0.07", "0.07", "0.07"], "0.21"],
  ])("control sums are exact: %s", (label, amounts, expected) => {
    const transactions = amounts.map((amount, i) => transaction(i + 1, { amount }))
    const { xml } = buildAndValidate(batch([group(transactions)]), `sum-${label.replace(/\W+/g, "-")}`)
    const { header, instructions } = parse(xml)
    expect(header.CtrlSum).toBe(expected)
    expect(header.NbOfTxs).toBe(String(amounts.length))
    expect(instructions[0].CtrlSum).toBe(expected)
  })

  it("a B2B file with FNAL and OOFF groups and addresses without street", () => {
    const address = { town_name: "Wien", country_code: "AT" }
    const { xml } = buildAndValidate(
      batch([
        group([transaction(1, { debtor_iban: "AT611904300234573201", debtor_bic: null, debtor_address: address })], {
          sequence_type: "FNAL",
          local_instrument: "B2B",
          payment_information_id: "B2B-FINAL",
        }),
        group([transaction(2, { invoice_numbers: null, remittance_information: null })], {
          sequence_type: "OOFF",
          local_instrument: "B2B",
          collection_date: "2026-04-07",
        }),
      ]),
      "b2b"
    )
    const { instructions } = parse(xml)
    expect(instructions.map((pmtInf) => [pmtInf.PmtInfId, pmtInf.PmtTpInf.LclInstrm.Cd, pmtInf.PmtTpInf.SeqTp])).toEqual([
      ["B2B-FINAL", "B2B", "FNAL"],
      ["MSG-2026-03-02-001-2", "B2B", "OOFF"],
    ])
    expect(instructions[0].DrctDbtTxInf[0].Dbtr.PstlAdr).toEqual({ TwnNm: "Wien", Ctry: "AT" })
    expect(instructions[1].DrctDbtTxInf[0].RmtInf).toBeUndefined()
  })

  it("remittance: invoice numbers first, free text cut to the 140 characters left", () => {
    const { xml } = buildAndValidate(
      batch([
        group([
          transaction(1, { invoice_numbers: ["RE-2026-000001", "RE-2026-000002"], remittance_information: "Ä".repeat(200) }),
          transaction(2, { invoice_numbers: [], remittance_information: "Nur Text" }),
          transaction(3, { invoice_numbers: [`RE-${"9".repeat(137)}`], remittance_information: "zu lang" }),
        ]),
      ]),
      "remittance"
    )
    const ustrd = parse(xml).instructions[0].DrctDbtTxInf.map((tx: Node) => tx.RmtInf.Ustrd)
    expect(ustrd[0]).toBe(`RE-2026-000001, RE-2026-000002 ${"Ae".repeat(100)}`.slice(0, 140))
    expect(ustrd[0]).toHaveLength(140)
    expect(ustrd[1]).toBe("Nur Text")
    expect(ustrd[2]).toBe(`RE-${"9".repeat(137)}`)
  })

  it("uses the same element order as the corpus's golden file", () => {
    const golden = fs.readFileSync(GOLDEN_PAIN_008_001_08, "utf8")
    const { xml } = buildAndValidate(batch([group([transaction(1)])]), "order")
    for (const element of ["GrpHdr", "PmtInf", "PmtTpInf", "DrctDbtTxInf", "MndtRltdInf"]) {
      expect([element, childOrder(xml, element)]).toEqual([element, childOrder(golden, element)])
    }
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.08">')).toBe(true)
  })

  it("derives payment information ids within 35 characters from a long message id", () => {
    const messageId = "M".repeat(35)
    const groups = Array.from({ length: 12 }, (_, i) =>
      group([transaction(i + 1)], { collection_date: i % 2 === 0 ? "2026-03-16" : "2026-03-17" })
    )
    const { xml } = buildAndValidate(batch(groups, { message_id: messageId }), "long-ids")
    const ids = parse(xml).instructions.map((pmtInf) => pmtInf.PmtInfId as string)
    expect(ids[0]).toBe(`${"M".repeat(33)}-1`)
    expect(ids[11]).toBe(`${"M".repeat(32)}-12`)
    expect(new Set(ids).size).toBe(12)
  })
})

describe("buildPain008: input validation (nothing is built from invalid input)", () => {
  const four = () => [transaction(1), transaction(2), transaction(3), transaction(4)]

  function problems(input: Pain008Batch): string[] {
    return validatePain008Batch(input).map(formatFieldError)
  }

  it.each<[string, () => Pain008Batch, string]>([
    [
      "the corpus's creditor id",
      () => batch([group(four())], { creditor: { ...batch([]).creditor, creditor_id: "DE26ZZZ00000000000" } }),
      "creditor.creditor_id: DE26ZZZ00000000000 fails the checksum: the check digits for national identifier 00000000000 are 36, not 26",
    ],
    [
      "a debtor IBAN with wrong check digits",
      () => {
        const transactions = four()
        transactions[3] = transaction(4, { debtor_iban: "DE00370400440532013000" })
        return batch([group(transactions)])
      },
      "payment_groups[0].transactions[3].debtor_iban: DE00370400440532013000 is not a valid IBAN (the check digits do not match)",
    ],
    [
      "an umlaut in a mandate reference",
      () => batch([group([transaction(1, { mandate_reference: "MNDT-Jörg" })])]),
      'payment_groups[0].transactions[0].mandate_reference: contains "ö", which is not in the SEPA character set',
    ],
    [
      "a mandate signed after the creation date",
      () => batch([group([transaction(1, { mandate_signature_date: "2026-03-03" })])]),
      "payment_groups[0].transactions[0].mandate_signature_date: 2026-03-03 is after today (2026-03-02)",
    ],
    [
      "an invalid creditor IBAN",
      () => batch([group([transaction(1)])], { creditor: { ...batch([]).creditor, iban: "DE0212030000000020205" } }),
      "creditor.iban: DE0212030000000020205 is not a valid IBAN",
    ],
    [
      "an invalid creditor BIC",
      () => batch([group([transaction(1)])], { creditor: { ...batch([]).creditor, bic: "BYLA" } }),
      "creditor.bic: BYLA is not a valid BIC",
    ],
    ["an amount with one decimal", () => batch([group([transaction(1, { amount: "10.5" })])]), "transactions[0].amount: 10.5 must have exactly two decimals"],
    ["an amount without decimals", () => batch([group([transaction(1, { amount: "10" })])]), "transactions[0].amount: 10 must have exactly two decimals"],
    ["an amount of zero", () => batch([group([transaction(1, { amount: "0.00" })])]), "transactions[0].amount: 0.00 must be greater than 0"],
    ["a negative amount", () => batch([group([transaction(1, { amount: "-1.00" })])]), "transactions[0].amount: -1.00 must be greater than 0"],
    [
      "an amount above the maximum",
      () => batch([group([transaction(1, { amount: "1000000000.00" })])]),
      "transactions[0].amount: 1000000000.00 exceeds the SEPA maximum of 999999999.99",
    ],
    ["an amount in exponent notation", () => batch([group([transaction(1, { amount: "1e3" })])]), 'transactions[0].amount: "1e3" is not a decimal string'],
    ["an amount with a leading zero", () => batch([group([transaction(1, { amount: "010.00" })])]), "transactions[0].amount: 010.00 must not have leading zeros"],
    [
      "a duplicate end-to-end id",
      () => batch([group([transaction(1)]), group([transaction(2, { end_to_end_id: "E2E-2026-0001" })], { sequence_type: "FRST" })]),
      "payment_groups[1].transactions[0].end_to_end_id: E2E-2026-0001 is already used by payment_groups[0].transactions[0]",
    ],
    [
      "an end-to-end id with an umlaut",
      () => batch([group([transaction(1, { end_to_end_id: "Zahlung-März" })])]),
      'transactions[0].end_to_end_id: contains "ä", which is not in the SEPA character set',
    ],
    [
      "an end-to-end id of 36 characters",
      () => batch([group([transaction(1, { end_to_end_id: "E".repeat(36) })])]),
      "transactions[0].end_to_end_id: is 36 characters long, at most 35 are allowed",
    ],
    [
      "a debtor address without town",
      () => batch([group([transaction(1, { debtor_address: { street_name: "Heidestrasse", town_name: "", country_code: "DE" } })])]),
      "transactions[0].debtor_address.town_name: is required: banks reject addresses without town and country",
    ],
    [
      "a debtor address without country",
      () => batch([group([transaction(1, { debtor_address: { town_name: "Koeln", country_code: "" } })])]),
      "transactions[0].debtor_address.country_code: is required",
    ],
    [
      "no debtor address at all",
      () => batch([group([transaction(1, { debtor_address: undefined as never })])]),
      "transactions[0].debtor_address: is required (at least town_name and country_code)",
    ],
    [
      "an unknown country code",
      () => batch([group([transaction(1, { debtor_address: { town_name: "Koeln", country_code: "XX" } })])]),
      'transactions[0].debtor_address.country_code: "XX" is not an ISO 3166 country code',
    ],
    [
      "a postal code too long",
      () => batch([group([transaction(1, { debtor_address: { town_name: "Koeln", postal_code: "1".repeat(17), country_code: "DE" } })])]),
      "transactions[0].debtor_address.postal_code: is 17 characters long, at most 16 are allowed",
    ],
    [
      "a town name that grows too long by conversion",
      () => batch([group([transaction(1, { debtor_address: { town_name: "Ü".repeat(18), country_code: "DE" } })])]),
      "transactions[0].debtor_address.town_name: is 36 characters long, at most 35 are allowed",
    ],
    [
      "a creditor without postal address",
      () => batch([group([transaction(1)])], { creditor: { ...batch([]).creditor, postal_address: null as never } }),
      "creditor.postal_address: is required (at least town_name and country_code)",
    ],
    [
      "B2B mixed with CORE",
      () => batch([group([transaction(1)]), group([transaction(2)], { local_instrument: "B2B", sequence_type: "FRST" })]),
      "payment_groups[1].local_instrument: B2B cannot share a file with CORE: banks take CORE and B2B as separate orders",
    ],
    [
      "an unknown local instrument",
      () => batch([group([transaction(1)], { local_instrument: "COR1" as never })]),
      'payment_groups[0].local_instrument: "COR1" is none of CORE, B2B',
    ],
    [
      "an unknown sequence type",
      () => batch([group([transaction(1)], { sequence_type: "RPRE" as never })]),
      'payment_groups[0].sequence_type: "RPRE" is none of FRST, RCUR, FNAL, OOFF',
    ],
    [
      "a collection date on a Saturday",
      () => batch([group([transaction(1)], { collection_date: "2026-03-14" })]),
      "payment_groups[0].collection_date: 2026-03-14 is not a TARGET2 business day (Saturday)",
    ],
    [
      "a collection date on Good Friday",
      () => batch([group([transaction(1)], { collection_date: "2026-04-03" })]),
      "payment_groups[0].collection_date: 2026-04-03 is not a TARGET2 business day (Good Friday)",
    ],
    [
      "a collection date on the creation date",
      () => batch([group([transaction(1)], { collection_date: "2026-03-02" })]),
      "payment_groups[0].collection_date: 2026-03-02 is not after the creation date 2026-03-02",
    ],
    [
      "a collection date that is no date",
      () => batch([group([transaction(1)], { collection_date: "16.03.2026" })]),
      'payment_groups[0].collection_date: "16.03.2026" is not a date (YYYY-MM-DD)',
    ],
    ["a group without transactions", () => batch([group([])]), "payment_groups[0].transactions: is empty"],
    ["a file without groups", () => batch([]), "payment_groups: is empty: a file needs at least one collection"],
    [
      "a duplicate payment information id",
      () =>
        batch([
          group([transaction(1)], { payment_information_id: "PMT-1" }),
          group([transaction(2)], { payment_information_id: "PMT-1", sequence_type: "FRST" }),
        ]),
      "payment_groups[1].payment_information_id: PMT-1 is already used by payment_groups[0]",
    ],
    [
      "a payment information id with a double slash",
      () => batch([group([transaction(1)], { payment_information_id: "PMT//1" })]),
      'payment_groups[0].payment_information_id: must not contain "//"',
    ],
    ["a message id with an umlaut", () => batch([group([transaction(1)])], { message_id: "Lastschrift-März" }), 'message_id: contains "ä"'],
    [
      "a creation time without seconds",
      () => batch([group([transaction(1)])], { created_at: "2026-03-02T09:30" }),
      'created_at: "2026-03-02T09:30" is not an ISO date-time such as 2026-03-02T09:30:00',
    ],
    ["an empty initiating party", () => batch([group([transaction(1)])], { initiating_party_name: " " }), "initiating_party_name: is empty"],
    [
      "a creditor name without SEPA characters",
      () => batch([group([transaction(1)])], { creditor: { ...batch([]).creditor, name: "株式会社" } }),
      "creditor.name: has no characters left in the SEPA character set",
    ],
    [
      "two first collections under one mandate",
      () =>
        batch([
          group([transaction(1), transaction(2, { mandate_reference: "MNDT-1" })], { sequence_type: "FRST" }),
        ]),
      "payment_groups[0].transactions[1].mandate_reference: MNDT-1 already has a FRST collection in this file (payment_groups[0].transactions[0])",
    ],
    [
      "invoice numbers that do not fit into 140 characters",
      () => batch([group([transaction(1, { invoice_numbers: Array.from({ length: 10 }, (_, i) => `RE-2026-00000${i}`) })])]),
      "transactions[0].invoice_numbers: need 158 characters, more than the 140 of the remittance information: split the collection",
    ],
    [
      "the creditor's own id as the original creditor id",
      () => batch([group([transaction(1, { amendment: { original_creditor_id: "DE98ZZZ09999999999" } })])]),
      "transactions[0].amendment.original_creditor_id: equals creditor.creditor_id",
    ],
    [
      "an amendment naming both an old IBAN and a new bank",
      () =>
        batch([group([transaction(1, { amendment: { original_debtor_iban: "DE12500105170648489890", debtor_agent_changed: true } })])]),
      "transactions[0].amendment.original_debtor_iban: is for an account change within the same bank",
    ],
  ])("rejects %s", (_label, input, expected) => {
    const found = problems(input())
    expect(found).toEqual(expect.arrayContaining([expect.stringContaining(expected)]))
    expect(found).toHaveLength(1)
    let thrown: unknown
    try {
      buildPain008(input())
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SepaValidationError)
    expect((thrown as SepaValidationError).message).toContain(expected)
  })

  it("lists every problem at once, named by field and transaction index", () => {
    const input = batch(
      [
        group([
          transaction(1),
          transaction(2, { amount: "0.1" }),
          transaction(3),
          transaction(4, { debtor_iban: "DE00370400440532013000", mandate_reference: "M//4" }),
        ]),
      ],
      { creditor: { ...batch([]).creditor, creditor_id: "DE26ZZZ00000000000" } }
    )
    let thrown: SepaValidationError | undefined
    try {
      buildPain008(input)
    } catch (error) {
      thrown = error as SepaValidationError
    }
    expect(thrown?.errors.map((error) => error.field)).toEqual([
      "creditor.creditor_id",
      "payment_groups[0].transactions[1].amount",
      "payment_groups[0].transactions[3].mandate_reference",
      "payment_groups[0].transactions[3].debtor_iban",
    ])
    expect(thrown?.message.split("\n")[0]).toBe("4 problems:")
  })
})

describe("groupCollections", () => {
  const items = (spec: [string, string][]): CollectionItem[] =>
    spec.map(([sequence, date], i) => ({
      sequence_type: sequence as CollectionItem["sequence_type"],
      collection_date: date,
      transaction: transaction(i + 1),
    }))

  it.each<[string, [string, string][], [string, string, string[]][]]>([
    ["nothing to collect", [], []],
    ["one group", [["RCUR", "2026-03-16"], ["RCUR", "2026-03-16"]], [["RCUR", "2026-03-16", ["E2E-2026-0001", "E2E-2026-0002"]]]],
    [
      "by date first, then FRST, RCUR, FNAL, OOFF; input order kept inside a group",
      [
        ["OOFF", "2026-03-16"],
        ["RCUR", "2026-03-17"],
        ["FNAL", "2026-03-16"],
        ["RCUR", "2026-03-16"],
        ["FRST", "2026-03-16"],
        ["RCUR", "2026-03-16"],
      ],
      [
        ["FRST", "2026-03-16", ["E2E-2026-0005"]],
        ["RCUR", "2026-03-16", ["E2E-2026-0004", "E2E-2026-0006"]],
        ["FNAL", "2026-03-16", ["E2E-2026-0003"]],
        ["OOFF", "2026-03-16", ["E2E-2026-0001"]],
        ["RCUR", "2026-03-17", ["E2E-2026-0002"]],
      ],
    ],
    [
      "across the year end",
      [["RCUR", "2027-01-04"], ["RCUR", "2026-12-28"]],
      [
        ["RCUR", "2026-12-28", ["E2E-2026-0002"]],
        ["RCUR", "2027-01-04", ["E2E-2026-0001"]],
      ],
    ],
  ])("%s", (_label, spec, expected) => {
    const groups = groupCollections(items(spec))
    expect(groups.map((g) => [g.sequence_type, g.collection_date, g.transactions.map((t) => t.end_to_end_id)])).toEqual(expected)
    expect(groups.every((g) => g.local_instrument === "CORE")).toBe(true)
  })

  it("sets the local instrument from the options", () => {
    expect(groupCollections(items([["RCUR", "2026-03-16"]]), { local_instrument: "B2B" })[0].local_instrument).toBe("B2B")
  })

  it.each<[[string, string][], string]>([
    [[["RPRE", "2026-03-16"]], 'Unknown sequence type "RPRE"'],
    [[["RCUR", "2026-02-30"]], 'Invalid collection date "2026-02-30"'],
  ])("rejects %j", (spec, message) => {
    expect(() => groupCollections(items(spec))).toThrow(message)
  })
})
