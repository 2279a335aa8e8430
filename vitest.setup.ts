import { addEqualityTesters } from "@effect/vitest"
import { FastCheck } from "effect"

addEqualityTesters()

// Property tests are deterministic by default: one fixed seed for every run, so a CI
// failure reproduces. LEDGERKIT_PROP_SEED=<n> picks another seed (fast-check prints the
// seed of a failure), LEDGERKIT_PROP_SEED=random explores; LEDGERKIT_PROP_RUNS sets how
// many runs each property makes.
const seed = process.env.LEDGERKIT_PROP_SEED ?? "20261121"
if (seed !== "random") FastCheck.configureGlobal({ seed: Number(seed) })
