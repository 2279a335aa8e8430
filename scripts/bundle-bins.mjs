// Bundles each package's compiled `dist/bin.js` into the one file its package.json `bin`
// names. Loading one minified file instead of a thousand modules (effect, @effect/cli,
// @effect/platform-node and their barrels) is what makes the commands start in a blink.
// Runs after `tsc -b`: the bundle is made from the type-checked output. No source map:
// with the dependencies' sources it would weigh 12 MB; debug with the sources instead.
// What a command loads with `import()` (the HTTP client, sync's SQL clients) goes into
// chunks beside the bin (`bin/chunks/`), read only when the command runs.
import * as esbuild from "esbuild"
import * as fs from "node:fs"
import * as path from "node:path"

const packages = path.join(import.meta.dirname, "..", "packages")

// Some dependencies are CommonJS and `require` Node's modules; an ESM bundle has no
// `require` of its own.
const banner = "import { createRequire as __ledgerkitRequire } from \"node:module\";\n" +
  "const require = __ledgerkitRequire(import.meta.url);"

// @effect/platform-node's index re-exports undici (CommonJS, half a megabyte) whole, and
// esbuild cannot drop a CommonJS re-export: every bin importing the index would load it.
// The bins get the index without that one line; nothing in them uses its `Undici`
// namespace (a use would fail the build: no such export). Node's HTTP client still
// imports undici itself.
const platformNodeWithoutUndici = {
  name: "platform-node-without-undici",
  setup(build) {
    build.onResolve({ filter: /^@effect\/platform-node$/ }, async (args) => {
      if (args.pluginData === "resolving") return undefined
      const { path: index, errors } = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: "resolving" })
      return errors.length > 0 ? { errors } : { path: index, namespace: "platform-node-index" }
    })
    build.onLoad({ filter: /.*/, namespace: "platform-node-index" }, (args) => {
      const index = fs.readFileSync(args.path, "utf8")
      const contents = index.replace(/^export \* as Undici from "\.\/Undici\.js";$/m, "")
      if (contents === index) throw new Error(`${args.path} no longer re-exports Undici as expected`)
      return { contents, resolveDir: path.dirname(args.path), loader: "js" }
    })
  }
}

for (const dir of fs.readdirSync(packages)) {
  const manifest = path.join(packages, dir, "package.json")
  if (!fs.existsSync(manifest)) continue
  const bins = JSON.parse(fs.readFileSync(manifest, "utf8")).bin ?? {}
  for (const outfile of new Set(Object.values(bins))) {
    const outdir = path.join(packages, dir, path.dirname(outfile))
    // Chunks of an earlier build (their names carry a hash) would linger and be packed.
    fs.rmSync(path.join(outdir, "chunks"), { recursive: true, force: true })
    await esbuild.build({
      entryPoints: [{ in: path.join(packages, dir, "dist", "bin.js"), out: path.basename(outfile, ".js") }],
      outdir,
      chunkNames: "chunks/[name]-[hash]",
      splitting: true,
      bundle: true,
      minify: true,
      platform: "node",
      format: "esm",
      target: "node20",
      banner: { js: banner },
      // Native addons stay outside: better-sqlite3 finds its .node file next to itself.
      external: ["better-sqlite3"],
      plugins: [platformNodeWithoutUndici],
      logLevel: "warning"
    })
  }
}
