#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `bench/billing-run.ts --profile` or `node --cpu-prof`):
//   node bench/analyze-profile.mjs bench/.data/billing-run-10000.cpuprofile [top=25]
// Prints the sampled time by category (idle = waiting for PostgreSQL/IO, GC, program), by package or source
// file (self time), the top functions by self time, and the plugin's own functions by inclusive time
// (a function counts once per sample when it is anywhere on the stack; after an `await` V8 only sees the
// resumed part of an async function's stack, so inclusive times of async callers are lower bounds).
import fs from "node:fs"

const file = process.argv[2]
const top = Number(process.argv[3] ?? 25)
if (!file) {
  console.error("usage: node bench/analyze-profile.mjs FILE.cpuprofile [top]")
  process.exit(2)
}
const profile = JSON.parse(fs.readFileSync(file, "utf8"))
const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

// time per sample from timeDeltas (µs); the delta after sample i belongs to sample i
const samples = profile.samples
const deltas = profile.timeDeltas
const dt = samples.map((_, i) => (i + 1 < deltas.length ? deltas[i + 1] : 0))
const total = dt.reduce((a, b) => a + b, 0)

function where(node) {
  const url = node.callFrame.url || ""
  const fn = node.callFrame.functionName
  if (!url) {
    if (["(idle)", "(program)", "(garbage collector)", "(root)"].includes(fn)) return fn
    return "(native/builtin)"
  }
  const path = url.replace(/^file:\/\//, "")
  const nm = path.lastIndexOf("node_modules/")
  if (nm >= 0) {
    const rest = path.slice(nm + "node_modules/".length).split("/")
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  const src = path.indexOf("/src/")
  if (src >= 0) return path.slice(src + 1)
  if (path.startsWith("node:")) return "node:internal"
  return path.split("/").slice(-2).join("/")
}

const byWhere = new Map()
const bySelf = new Map()
const inclusive = new Map()
const add = (map, key, v) => map.set(key, (map.get(key) ?? 0) + v)
for (let i = 0; i < samples.length; i++) {
  const node = nodes.get(samples[i])
  add(byWhere, where(node), dt[i])
  const cf = node.callFrame
  add(bySelf, `${cf.functionName || "(anonymous)"}  ${where(node)}:${cf.lineNumber + 1}`, dt[i])
  const seen = new Set()
  for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
    const n = nodes.get(id)
    const url = n.callFrame.url || ""
    if (!url.includes("/src/") || url.includes("node_modules")) continue
    const key = `${n.callFrame.functionName || "(anonymous)"}  ${where(n)}:${n.callFrame.lineNumber + 1}`
    if (!seen.has(key)) {
      seen.add(key)
      add(inclusive, key, dt[i])
    }
  }
}

const s = (us) => `${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / total).toFixed(1).padStart(5)} %`
const print = (title, map, n = top) => {
  console.log(`\n${title}`)
  for (const [k, v] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${s(v)}  ${k}`)
}
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled, ${samples.length} samples`)
print("By package / source file (self time):", byWhere)
print("Top functions (self time):", bySelf)
print("Plugin functions (inclusive, lower bound for async callers):", inclusive)
