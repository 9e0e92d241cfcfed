// `node scripts/validate-xsd.mjs SCHEMA.xsd [FILE.xml]` — validates an XML file (or XML on stdin when FILE
// is omitted or "-") against an XML Schema with libxml2 (WebAssembly, no native xmllint needed).
// Exit 0: valid. Exit 1: invalid or unparsable, with libxml2's messages on stderr. Exit 2: usage error.
// A plain script rather than a module import because libxml2-wasm is ESM-only with top-level await, and the
// jest tests here run as CommonJS: they call this through child_process.execFileSync.
import fs from "node:fs"
import path from "node:path"
import { XmlDocument, XmlLibError, XsdValidator } from "libxml2-wasm"
import { xmlRegisterFsInputProviders } from "libxml2-wasm/lib/nodejs.mjs"

const [schemaPath, xmlPath = "-"] = process.argv.slice(2)
if (!schemaPath) {
  process.stderr.write("usage: node scripts/validate-xsd.mjs SCHEMA.xsd [FILE.xml | -]\n")
  process.exit(2)
}

function describe(error, fallbackFile) {
  if (error instanceof XmlLibError && error.details.length > 0) {
    return error.details
      .map((d) => `${d.file ?? fallbackFile}:${d.line}:${d.col}: ${d.message.trim()}${d.xpath ? ` (${d.xpath})` : ""}`)
      .join("\n")
  }
  return `${fallbackFile}: ${error instanceof Error ? error.message : String(error)}`
}

// Lets a schema's xs:include/xs:import resolve relative to its own file.
xmlRegisterFsInputProviders()

const xmlLabel = xmlPath === "-" ? "<stdin>" : xmlPath
const disposables = []
// Which file a message without its own file name belongs to: the schema until it has compiled.
let stage = schemaPath
try {
  const schemaDoc = XmlDocument.fromBuffer(fs.readFileSync(schemaPath), { url: path.resolve(schemaPath) })
  disposables.push(schemaDoc)
  const validator = XsdValidator.fromDoc(schemaDoc)
  disposables.push(validator)
  stage = xmlLabel
  const doc = XmlDocument.fromBuffer(fs.readFileSync(xmlPath === "-" ? 0 : xmlPath), { url: xmlLabel })
  disposables.push(doc)
  validator.validate(doc)
  process.stdout.write(`${xmlLabel}: valid against ${schemaPath}\n`)
} catch (error) {
  process.stderr.write(`${describe(error, stage)}\n`)
  process.exitCode = 1
} finally {
  for (const d of disposables.reverse()) d.dispose()
}
