/**
 * `GET /__admin/records/:endpoint`: the truth, readable from any language. A client
 * written only from the provider docs (`support/client.ts`: fetch and each provider's
 * signature by hand, no code of this package or of the client package) walks every page
 * of two endpoints and finds exactly the records the admin API lists, each line of the
 * ndjson appearing byte for byte in the pages it was served in.
 */
import { describe, expect, layer } from "@effect/vitest"
import { Effect } from "effect"
import { Arbitraries, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const now = Date.UTC(2024, 5, 1)

// The truth, page by page through the Link header, as any HTTP client would read it.
const truth = (baseUrl: string, endpoint: string, limit: number) =>
  Effect.gen(function*() {
    const lines: Array<string> = []
    let next: string | undefined = `/__admin/records/${endpoint}?limit=${limit}`
    let total = -1
    while (next !== undefined) {
      const reply: Client.Reply = yield* Client.request(`${baseUrl}${next}`)
      expect(reply.status).toBe(200)
      expect(reply.headers["content-type"]).toMatch(/^application\/x-ndjson/)
      total = Number(reply.headers["x-total-count"])
      lines.push(...reply.text.split("\n").filter((l) => l !== ""))
      next = /<([^>]+)>; rel="next"/.exec(reply.headers.link ?? "")?.[1]
    }
    expect(lines).toHaveLength(total)
    return lines
  })

describe("the records, as they are", () => {
  layer(Testkit.layer({ now, datasets: Arbitraries.generate({ seed: 9, rows: 120, anchor: now }) }))("a generated dataset", (it) => {
    it.effect("Cryptomus: every cursor page of a doc-only client holds exactly the listed records, byte for byte", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const listed = yield* truth(baseUrl, "cryptomus.transactions", 37)
        const served: Array<string> = []
        const items: Array<unknown> = []
        let cursor: string | undefined
        do {
          const page = yield* Client.cryptomusPost(baseUrl, "{}", Client.keys.cryptomus, cursor)
          const body = page.body as { result: { items: Array<unknown>; paginate: { nextCursor: string | null } } }
          served.push(page.text)
          items.push(...body.result.items)
          cursor = body.result.paginate.nextCursor ?? undefined
        } while (cursor !== undefined)
        expect(items).toEqual(listed.map((l) => JSON.parse(l)))
        for (const line of listed) expect(served.some((text) => text.includes(line)), line).toBe(true)
      }))

    it.effect("Zenlayer: the pages' dataSet, amounts as the same number literals", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const listed = yield* truth(baseUrl, "zenlayer.recharge-refund", 1000)
        const texts: Array<string> = []
        const rows: Array<unknown> = []
        for (let pageNum = 1; rows.length < listed.length && pageNum < 100; pageNum++) {
          const page = yield* Client.zenlayerPost(baseUrl, { pageNum, pageSize: 50 }, Client.keys.zenlayer, now / 1000)
          texts.push(page.text)
          rows.push(...(page.body as { response: { dataSet: Array<unknown> } }).response.dataSet)
        }
        // The endpoint serves newest first, the truth lists oldest first.
        expect(rows.reverse()).toEqual(listed.map((l) => JSON.parse(l)))
        for (const line of listed) expect(texts.some((text) => text.includes(line)), line).toBe(true)
      }))

    it.effect("an unknown endpoint is 404", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        expect((yield* Client.request(`${baseUrl}/__admin/records/nowhere`)).status).toBe(404)
      }))
  })
})
