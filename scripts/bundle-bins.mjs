// Bundles each package's compiled `dist/bin.js` into the one file its package.json `bin`
// names. Loading one minified file instead of a thousand modules (effect, @effect/cli,
// @effect/platform-node and their barrels) is what makes the commands start in a blink.
// Runs after `tsc -b`: the bundle is made from the type-checked output. No source map:
// with the dependencies' sources it would weigh 12 MB; debug with the sources instead.
import * as esbuild from "esbuild"
import * as fs from "node:fs"
import * as path from "node:path"

const packages = path.join(import.meta.dirname, "..", "packages")

// Some dependencies are CommonJS and `require` Node's modules; an ESM bundle has no
// `require` of its own.
const banner = "import { createRequire as __ledgerkitRequire } from \"node:module\";\n" +
  "const require = __ledgerkitRequire(import.meta.url);"

for (const dir of fs.readdirSync(packages)) {
  const manifest = path.join(packages, dir, "package.json")
  if (!fs.existsSync(manifest)) continue
  const bins = JSON.parse(fs.readFileSync(manifest, "utf8")).bin ?? {}
  for (const outfile of new Set(Object.values(bins))) {
    await esbuild.build({
      entryPoints: [path.join(packages, dir, "dist", "bin.js")],
      outfile: path.join(packages, dir, outfile),
      bundle: true,
      minify: true,
      platform: "node",
      format: "esm",
      target: "node20",
      banner: { js: banner },
      // Native addons stay outside: better-sqlite3 finds its .node file next to itself.
      external: ["better-sqlite3"],
      logLevel: "warning"
    })
  }
}
