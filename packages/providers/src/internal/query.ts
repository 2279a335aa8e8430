/**
 * Local validation of a provider query, before anything is sent: a schema over the
 * query's own (decoded) shape, and a start that is not after the end.
 */
import { Errors, Time } from "@ledgerkit/core"
import { DateTime, Either, ParseResult, Schema } from "effect"

/**
 * A validator: the query as given, or `InvalidRequest.localFailure` naming every problem.
 * `bounds` names the fields holding the start and the end of the time range.
 */
export const validator = <A, I>(
  source: string,
  schema: Schema.Schema<A, I>,
  bounds: { readonly start: keyof A; readonly end: keyof A }
) => {
  const validate = Schema.validateEither(Schema.typeSchema(schema), { errors: "all", onExcessProperty: "error" })
  return (query: A): Either.Either<A, Errors.InvalidRequest> =>
    Either.flatMap(
      Either.mapLeft(validate(query), (e) =>
        Errors.InvalidRequest.localFailure(source, ParseResult.TreeFormatter.formatErrorSync(e))),
      (valid) => {
        const start = valid[bounds.start]
        const end = valid[bounds.end]
        return DateTime.isDateTime(start) && DateTime.isDateTime(end) && DateTime.greaterThan(start, end)
          ? Either.left(notAfterFailure(source, start, end))
          : Either.right(valid)
      }
    )
}

/** The local failure for a range whose start is after its end. */
export const notAfterFailure = (source: string, start: DateTime.DateTime, end: DateTime.DateTime) =>
  Errors.InvalidRequest.localFailure(
    source,
    `the start ${Time.formatIso(DateTime.toUtc(start))} is after the end ${Time.formatIso(DateTime.toUtc(end))}`
  )
