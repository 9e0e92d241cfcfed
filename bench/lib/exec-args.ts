/**
 * Options of a bench script run by `medusa exec FILE -- --name value`: yargs keeps what follows "--" out of the
 * positional `args` (they arrive as `[]`), so they are read from process.argv after "--"; positional
 * `name=value` arguments (which do reach `args`) work too, as does `--name=value`.
 */
export function execOptions(args: string[] | undefined) {
  const dashes = process.argv.indexOf("--")
  const list = [...(args ?? []), ...(dashes >= 0 ? process.argv.slice(dashes + 1) : [])]
    .filter((a) => a !== "--")
    .flatMap((a) => (/^\w[\w-]*=/.test(a) ? [`--${a.split("=")[0]}`, a.slice(a.indexOf("=") + 1)] : [a]))
  return {
    option(name: string): string | undefined {
      const i = list.indexOf(`--${name}`)
      if (i >= 0) return list[i + 1]
      const eq = list.find((a) => a.startsWith(`--${name}=`))
      return eq?.slice(eq.indexOf("=") + 1)
    },
    flag: (name: string) => list.includes(`--${name}`),
  }
}
