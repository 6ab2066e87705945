// Incremental MD5 (RFC 1321): files.upload needs the MD5 of each file before its bytes go out,
// and browsers' SubtleCrypto has no MD5. Fed slice by slice, so big files need little memory.
"use strict";

const MD5_SHIFTS = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
  5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
const MD5_K = Int32Array.from({ length: 64 }, (_, i) =>
  Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0);

class Md5 {
  constructor() {
    this.h = Int32Array.from([0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476]);
    this.pending = new Uint8Array(64);
    this.pendingLength = 0;
    this.total = 0;
    this.words = new Int32Array(16);
  }

  update(bytes) {
    let i = 0;
    this.total += bytes.length;
    if (this.pendingLength > 0) {
      const take = Math.min(64 - this.pendingLength, bytes.length);
      this.pending.set(bytes.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      i = take;
      if (this.pendingLength < 64) return this;
      this.block(this.pending, 0);
      this.pendingLength = 0;
    }
    for (; i + 64 <= bytes.length; i += 64) this.block(bytes, i);
    this.pending.set(bytes.subarray(i), 0);
    this.pendingLength = bytes.length - i;
    return this;
  }

  /** The digest as 32 lower-case hex digits. */
  hex() {
    const tail = new Uint8Array(this.pendingLength < 56 ? 64 : 128);
    tail.set(this.pending.subarray(0, this.pendingLength));
    tail[this.pendingLength] = 0x80;
    const bitsLow = (this.total % 0x20000000) * 8;
    const bitsHigh = Math.floor(this.total / 0x20000000);
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, bitsLow >>> 0, true);
    view.setUint32(tail.length - 4, bitsHigh >>> 0, true);
    for (let off = 0; off < tail.length; off += 64) this.block(tail, off);
    let out = "";
    for (const word of this.h) {
      for (let b = 0; b < 4; b++) out += ((word >>> (8 * b)) & 0xff).toString(16).padStart(2, "0");
    }
    return out;
  }

  block(bytes, off) {
    const w = this.words;
    for (let j = 0; j < 16; j++) {
      const k = off + 4 * j;
      w[j] = bytes[k] | (bytes[k + 1] << 8) | (bytes[k + 2] << 16) | (bytes[k + 3] << 24);
    }
    let [a, b, c, d] = this.h;
    for (let i = 0; i < 64; i++) {
      let f;
      let g;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      const x = (a + f + MD5_K[i] + w[g]) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << MD5_SHIFTS[i]) | (x >>> (32 - MD5_SHIFTS[i])))) | 0;
    }
    this.h[0] = (this.h[0] + a) | 0;
    this.h[1] = (this.h[1] + b) | 0;
    this.h[2] = (this.h[2] + c) | 0;
    this.h[3] = (this.h[3] + d) | 0;
  }
}

if (typeof module !== "undefined") module.exports = { Md5 };
