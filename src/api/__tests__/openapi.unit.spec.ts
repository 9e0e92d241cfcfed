import { readdirSync, readFileSync, writeFileSync } from "fs"
import { join, relative, sep } from "path"
import { buildOpenApiDocument, pluginVersion, routeDocs } from "../openapi"

const apiDir = join(__dirname, "..")
const docFile = join(__dirname, "../../../docs/openapi.json")

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      return entry.name === "__tests__" ? [] : routeFiles(path)
    }
    return entry.name === "route.ts" ? [path] : []
  })
}

function implementedRoutes() {
  return routeFiles(apiDir).flatMap((file) => {
    const urlPath =
      "/" + relative(apiDir, file).split(sep).slice(0, -1).map((part) => part.replace(/^\[(\w+)\]$/, "{$1}")).join("/")
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const handlers = require(file) as Record<string, unknown>
    return ["GET", "POST", "DELETE", "PUT", "PATCH"]
      .filter((method) => typeof handlers[method] === "function")
      .map((method) => `${method.toLowerCase()} ${urlPath}`)
  })
}

describe("OpenAPI document", () => {
  it("documents exactly the routes the plugin implements", () => {
    const documented = routeDocs.map((route) => `${route.method} ${route.path}`).sort()
    expect(documented).toEqual(implementedRoutes().sort())
  })

  it("is committed up to date (regenerate with npm run openapi)", () => {
    const generated = JSON.stringify(buildOpenApiDocument(pluginVersion()), null, 2) + "\n"
    if (process.env.UPDATE_OPENAPI === "1") {
      writeFileSync(docFile, generated)
    }
    expect(readFileSync(docFile, "utf8")).toBe(generated)
  })

  it("describes request bodies with their fields and strictness", () => {
    const doc = buildOpenApiDocument("test")
    const create = doc.paths["/admin/billing/contracts"].post as any
    const schema = create.requestBody.content["application/json"].schema
    expect(schema.required).toEqual(expect.arrayContaining(["project_id", "customer_id", "start_date", "interval_unit"]))
    expect(schema.additionalProperties).toBe(false)
  })
})
