import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"

/** /work/main/src/domain/sepa/__tests__ → the project root, four levels up. */
export const PROJECT_ROOT = path.resolve(__dirname, "../../../..")
/** The public corpora, copied into the repository with their provenance (test-fixtures/corpora/README.md). */
export const PAIN_CORPUS = path.resolve(PROJECT_ROOT, "test-fixtures/corpora/pain")
export const PAIN_008_001_08_XSD = path.join(PAIN_CORPUS, "pain.008.001.08.xsd")
export const GOLDEN_PAIN_008_001_08 = path.join(PAIN_CORPUS, "python-sepaxml_pain.008.001.08_expected.xml")
export const VALIDATE_XSD_SCRIPT = path.join(PROJECT_ROOT, "scripts/validate-xsd.mjs")

export interface XsdResult {
  valid: boolean
  status: number
  output: string
  milliseconds: number
}

/**
 * Runs scripts/validate-xsd.mjs in a child Node process (libxml2-wasm is ESM-only with top-level await
 * and jest runs CommonJS here).
 */
export function validateFileAgainstXsd(xmlPath: string, xsdPath = PAIN_008_001_08_XSD): XsdResult {
  const started = process.hrtime.bigint()
  try {
    const stdout = execFileSync(process.execPath, [VALIDATE_XSD_SCRIPT, xsdPath, xmlPath], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    })
    return { valid: true, status: 0, output: stdout, milliseconds: elapsed(started) }
  } catch (error) {
    const failure = error as { status?: number; stderr?: string; stdout?: string }
    return {
      valid: false,
      status: failure.status ?? -1,
      output: `${failure.stdout ?? ""}${failure.stderr ?? ""}`,
      milliseconds: elapsed(started),
    }
  }
}

function elapsed(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6
}

/** Writes the XML to a temporary file, validates it and removes the file again. */
export function validateXmlAgainstXsd(xml: string, name: string, xsdPath = PAIN_008_001_08_XSD): XsdResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pain008-"))
  try {
    const file = path.join(dir, `${name}.xml`)
    fs.writeFileSync(file, xml, "utf8")
    return validateFileAgainstXsd(file, xsdPath)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
