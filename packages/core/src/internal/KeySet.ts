/**
 * A set of strings kept outside the JavaScript heap: what a walk uses to deliver each
 * record once.
 *
 * A walk must remember every key it delivered (a record whose time is corrected into a
 * later window comes again), so its keys grow with the history. In a `Set<string>` a
 * 20-character key costs about 150 bytes of heap, and V8 sizes its collections by what
 * survives: a million keys made a long export's peak RSS grow by hundreds of MiB. Here a
 * key whose characters all fit in a byte costs its length plus 16 bytes, in typed arrays
 * the collector never scans; any other key goes to a plain `Set`. Exact: keys are compared
 * whole, the hash only picks where to look.
 */
export class KeySet {
  private bytes = new Uint8Array(1 << 16)
  private used = 0
  /** Entry i is `bytes[starts[i], starts[i + 1])`; `hashes[i]` its hash. */
  private starts = new Int32Array(1 << 10)
  private hashes = new Int32Array(1 << 10)
  private count = 0
  /** Open addressing: entry index + 1, 0 = empty; at most half full. */
  private slots = new Int32Array(1 << 11)
  private readonly wide = new Set<string>()

  get size(): number {
    return this.count + this.wide.size
  }

  /** Adds `key`; `false` when it was there already. */
  add(key: string): boolean {
    let hash = 0x811c9dc5 | 0
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i)
      if (c > 0xff) return this.addWide(key)
      hash = Math.imul(hash ^ c, 0x01000193)
    }
    const mask = this.slots.length - 1
    for (let slot = hash & mask;; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1
      if (entry < 0) {
        this.insert(key, hash, slot)
        return true
      }
      if (this.hashes[entry] === hash && this.equals(entry, key)) return false
    }
  }

  private addWide(key: string): boolean {
    if (this.wide.has(key)) return false
    this.wide.add(key)
    return true
  }

  private equals(entry: number, key: string): boolean {
    const start = this.starts[entry]!
    const end = entry + 1 < this.count ? this.starts[entry + 1]! : this.used
    if (end - start !== key.length) return false
    for (let i = 0; i < key.length; i++) {
      if (this.bytes[start + i] !== key.charCodeAt(i)) return false
    }
    return true
  }

  private insert(key: string, hash: number, slot: number): void {
    if (this.used + key.length > this.bytes.length) {
      this.bytes = grown(this.bytes, this.used + key.length)
    }
    for (let i = 0; i < key.length; i++) this.bytes[this.used + i] = key.charCodeAt(i)
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count + 1)
      this.hashes = grown(this.hashes, this.count + 1)
    }
    this.starts[this.count] = this.used
    this.hashes[this.count] = hash
    this.used += key.length
    this.count++
    this.slots[slot] = this.count
    if (this.count * 2 > this.slots.length) this.rehash()
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let entry = 0; entry < this.count; entry++) {
      let slot = this.hashes[entry]! & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = entry + 1
    }
    this.slots = slots
  }
}

const grown = <T extends Uint8Array | Int32Array>(array: T, needed: number): T => {
  let length = array.length * 2
  while (length < needed) length *= 2
  const next = new (array.constructor as new(length: number) => T)(length)
  next.set(array)
  return next
}
