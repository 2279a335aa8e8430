#!/usr/bin/env node
// A bin as `npm run build` installs it (scripts/bundle-bins.mjs copies this file to
// `bin/<name>.js`): runs the bundle beside it, `<name>.cjs`, with V8's code cache.
// Compiling the bundle is a third of a `--help`, and Node 20 has no compile cache of its
// own (22 has `module.enableCompileCache`). The cache, `<name>.cache` beside the bundle,
// is written at exit by a run that found none or one V8 refused (another Node version, a
// rebuilt bundle: V8 checks it against the source), where the folder is writable.
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as vm from "node:vm"

const bundle = fileURLToPath(import.meta.url).replace(/\.js$/, ".cjs")
const cache = bundle.replace(/\.cjs$/, ".cache")

const readCache = () => {
  try {
    return fs.readFileSync(cache)
  } catch {
    return undefined
  }
}

const cachedData = readCache()
// The bundle as a CommonJS module, wrapped as Node wraps one; esbuild keeps the entry's
// `#!` line, which is no JavaScript inside the wrapper.
const source = fs.readFileSync(bundle, "utf8").replace(/^#!.*/, "")
const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`
const script = new vm.Script(wrapped, { filename: bundle, cachedData })
const writable = (folder) => {
  try {
    fs.accessSync(folder, fs.constants.W_OK)
    return true
  } catch {
    return false
  }
}

if ((cachedData === undefined || script.cachedDataRejected === true) && writable(path.dirname(cache))) {
  // At exit: the cache then holds every function the run compiled. Written aside and
  // renamed, so that a concurrent run reads a whole cache or none.
  process.once("exit", () => {
    const aside = `${cache}.${process.pid}`
    try {
      fs.writeFileSync(aside, script.createCachedData())
      fs.renameSync(aside, cache)
    } catch {
      fs.rmSync(aside, { force: true })
    }
  })
}
const module = { exports: {} }
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle))
