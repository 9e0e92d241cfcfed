import { execFileSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import {
  GOLDEN_PAIN_008_001_08,
  PAIN_008_001_08_XSD,
  PAIN_CORPUS,
  PROJECT_ROOT,
  VALIDATE_XSD_SCRIPT,
  validateFileAgainstXsd,
  validateXmlAgainstXsd,
} from "./corpora"

const golden = fs.readFileSync(GOLDEN_PAIN_008_001_08, "utf8")

describe("paths to the project and the shared corpora", () => {
  it("finds the project root four levels above this folder and the corpora beside it", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { name: string }
    expect(manifest.name).toBe("medusa-subscription-billing")
    expect(path.relative(PROJECT_ROOT, PAIN_CORPUS)).toBe(path.join("test-fixtures", "corpora", "pain"))
    expect(fs.existsSync(PAIN_008_001_08_XSD)).toBe(true)
    expect(fs.existsSync(GOLDEN_PAIN_008_001_08)).toBe(true)
    expect(fs.existsSync(VALIDATE_XSD_SCRIPT)).toBe(true)
  })
})

describe("scripts/validate-xsd.mjs", () => {
  it("accepts the corpus's golden pain.008.001.08 file (exit 0)", () => {
    const result = validateFileAgainstXsd(GOLDEN_PAIN_008_001_08)
    expect(result).toMatchObject({ valid: true, status: 0 })
    expect(result.output).toContain("valid against")
  })

  it("reads the XML from stdin when no file is given", () => {
    const stdout = execFileSync(process.execPath, [VALIDATE_XSD_SCRIPT, PAIN_008_001_08_XSD], {
      input: golden,
      encoding: "utf8",
    })
    expect(stdout).toContain("<stdin>: valid")
  })

  it.each([
    ["a sequence type outside the enumeration", golden.replace("<SeqTp>FRST</SeqTp>", "<SeqTp>FIRST</SeqTp>"), "FIRST"],
    ["a missing required element", golden.replace(/<ReqdColltnDt>[^<]*<\/ReqdColltnDt>/, ""), "ReqdColltnDt"],
    [
      "elements out of order",
      golden.replace("<PmtMtd>DD</PmtMtd>\n      <BtchBookg>true</BtchBookg>", "<BtchBookg>true</BtchBookg>\n      <PmtMtd>DD</PmtMtd>"),
      "This element is not expected",
    ],
    ["a lower-case IBAN", golden.replace("<IBAN>NL50BANK1234567890</IBAN>", "<IBAN>nl50bank1234567890</IBAN>"), "nl50bank1234567890"],
    ["a negative amount", golden.replace('Ccy="EUR">10.12<', 'Ccy="EUR">-10.12<'), "-10.12"],
    ["an amount with six decimals", golden.replace('Ccy="EUR">10.12<', 'Ccy="EUR">10.123456<'), "10.123456"],
    ["a name longer than 140 characters", golden.replace("<Nm>TestCreditor</Nm>", `<Nm>${"x".repeat(141)}</Nm>`), "maxLength"],
    ["a wrong namespace", golden.replace("pain.008.001.08", "pain.008.001.02"), "No matching global declaration"],
    ["malformed XML (cut off)", golden.slice(0, golden.indexOf("</CstmrDrctDbtInitn>")), "Premature end of data"],
  ])("rejects %s (exit 1 with libxml2's message)", (_label, xml, expected) => {
    expect(xml).not.toBe(golden)
    const result = validateXmlAgainstXsd(xml, "broken")
    expect(result.valid).toBe(false)
    expect(result.status).toBe(1)
    expect(result.output).toContain(expected)
  })

  it("rejects pain.008.001.02 against the 001.08 schema", () => {
    const result = validateFileAgainstXsd(path.join(PAIN_CORPUS, "python-sepaxml_pain.008.001.02_expected.xml"))
    expect(result).toMatchObject({ valid: false, status: 1 })
  })

  it("exits 2 with a usage line when the schema is missing from the command line", () => {
    let status: number | undefined
    try {
      execFileSync(process.execPath, [VALIDATE_XSD_SCRIPT], { stdio: "pipe" })
    } catch (error) {
      status = (error as { status?: number }).status
    }
    expect(status).toBe(2)
  })
})
