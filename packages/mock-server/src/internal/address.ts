/**
 * The running server's address as a URL: as bound (`http://0.0.0.0:PORT`), or as a local
 * client reaches it (a wildcard bind answers on the loopback address).
 */
import type { HttpServer } from "@effect/platform"

export const urlOf = (server: HttpServer.HttpServer, local = true): string => {
  const address = server.address
  if (address._tag === "UnixAddress") return `http+unix://${address.path}`
  const wildcard = address.hostname === "::" || address.hostname === "0.0.0.0"
  const host = local && wildcard ? "127.0.0.1" : address.hostname
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`
}
