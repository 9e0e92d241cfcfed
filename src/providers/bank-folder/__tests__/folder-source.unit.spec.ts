import fs from "fs"
import os from "os"
import path from "path"
import { FolderBankStatementSource } from ".."

describe("FolderBankStatementSource", () => {
  let folder: string
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "bank-folder-"))
  })
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }))

  it("lists complete files by name, reads CSV as CSV, and leaves dot files, partial files and folders alone", async () => {
    fs.writeFileSync(path.join(folder, "b.sta"), ":20:X")
    fs.writeFileSync(path.join(folder, "a.xml"), "<Document/>")
    fs.writeFileSync(path.join(folder, "c.CSV"), "x;y")
    fs.writeFileSync(path.join(folder, ".hidden"), "")
    fs.writeFileSync(path.join(folder, "d.xml.part"), "<Doc")
    fs.mkdirSync(path.join(folder, "done"))
    const files = await new FolderBankStatementSource(folder, { currency: "EUR" }).listNewStatements()
    expect(files.map((f) => [f.file_name, f.format ?? null, f.content.toString(), f.currency])).toEqual([
      ["a.xml", null, "<Document/>", "EUR"],
      ["b.sta", null, ":20:X", "EUR"],
      ["c.CSV", "csv", "x;y", "EUR"],
    ])
    expect(await new FolderBankStatementSource(path.join(folder, "missing")).listNewStatements()).toEqual([])
  })

  it("moves imported files to done/ (without overwriting) and refused ones to failed/ with the reason", async () => {
    const source = new FolderBankStatementSource(folder)
    fs.mkdirSync(path.join(folder, "done"))
    fs.writeFileSync(path.join(folder, "done", "ok.xml"), "earlier")
    fs.writeFileSync(path.join(folder, "ok.xml"), "<Document/>")
    fs.writeFileSync(path.join(folder, "bad.sta"), "garbage")
    const [bad, ok] = await source.listNewStatements()
    await source.acknowledge(ok, { imported: true, transactions_added: 3, duplicates_skipped: 0 })
    await source.acknowledge(bad, { imported: false, error: "bad.sta: line 1: no :20: tag; nothing was imported" })
    expect(fs.readdirSync(folder).sort()).toEqual(["done", "failed"])
    expect(fs.readdirSync(path.join(folder, "done")).sort()).toEqual(["ok.1.xml", "ok.xml"])
    expect(fs.readFileSync(path.join(folder, "done", "ok.1.xml"), "utf8")).toBe("<Document/>")
    expect(fs.readFileSync(path.join(folder, "failed", "bad.sta.error.txt"), "utf8")).toBe("bad.sta: line 1: no :20: tag; nothing was imported\n")
    expect(source.id).toBe(`folder:${path.resolve(folder)}`)
  })
})
