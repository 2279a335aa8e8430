// Bundles each package's compiled `dist/bin.js` into one file beside the one its
// package.json `bin` names (`bin/<name>.cjs`), and makes that one the launcher
// (`bin-launcher.js`) that runs the bundle with V8's code cache. Loading one minified file
// instead of a thousand modules (effect, @effect/cli, @effect/platform-node and their
// barrels), and not compiling it again, is what makes the commands start in a blink.
// Runs after `tsc -b`: the bundle is made from the type-checked output. No source map:
// with the dependencies' sources it would weigh 12 MB; debug with the sources instead.
// CommonJS, the format V8 caches on Node 20: what a command loads with `import()` (the
// HTTP client, sync's SQL clients) stays in the file, compiled and run only when used.
import * as esbuild from "esbuild"
import * as fs from "node:fs"
import * as path from "node:path"

const packages = path.join(import.meta.dirname, "..", "packages")
const launcher = path.join(import.meta.dirname, "bin-launcher.js")

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
  const outfiles = [...new Set(Object.values(bins))].map((outfile) => path.join(packages, dir, outfile))
  // The folders hold nothing but what this writes: what an earlier build or run left
  // (chunks, code caches) goes.
  for (const outdir of new Set(outfiles.map((bin) => path.dirname(bin)))) {
    fs.rmSync(outdir, { recursive: true, force: true })
    fs.mkdirSync(outdir, { recursive: true })
    // What a run writes (its code cache) is not part of the package.
    fs.writeFileSync(path.join(outdir, ".npmignore"), "*.cache\n*.cache.*\n")
  }
  for (const bin of outfiles) {
    await esbuild.build({
      entryPoints: [path.join(packages, dir, "dist", "bin.js")],
      outfile: bin.replace(/\.js$/, ".cjs"),
      bundle: true,
      minify: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      // Native addons stay outside: better-sqlite3 finds its .node file next to itself.
      external: ["better-sqlite3"],
      plugins: [platformNodeWithoutUndici],
      logLevel: "warning"
    })
    fs.copyFileSync(launcher, bin)
    fs.chmodSync(bin, 0o755)
  }
}
