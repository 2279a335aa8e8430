/**
 * The building blocks of the providers' credentials: environment variables and `serve`
 * flags that override a default, secrets kept `Redacted`.
 */
import { Options } from "@effect/cli"
import { Config, Option, Redacted, Schema } from "effect"

/** A field of the credentials file. */
export const NonEmpty = Schema.optional(Schema.NonEmptyString)

/** An environment variable that overrides one field, when set and not empty. */
export const variable = (name: string) => Config.option(Config.nonEmptyString(name)).pipe(Config.map(Option.getOrUndefined))

/** A `serve` flag for one field, falling back to its environment variable. */
export const flag = (name: string, variable: string, description: string) =>
  Options.text(name).pipe(
    Options.withDescription(`${description} (or ${variable}).`),
    Options.withFallbackConfig(Config.string(variable)),
    Options.optional,
    Options.map(Option.getOrUndefined)
  )

/** An override of a secret, or the secret it replaces. */
export const secret = (value: string | undefined, fallback: Redacted.Redacted<string>) =>
  value === undefined ? fallback : Redacted.make(value)
