// The zip container of an OOXML package, read and written so that an entry we do not change is copied
// as it was: its local header, compressed bytes and data descriptor go into the new file verbatim, so
// the user's part is byte-identical even in compressed form. Only changed or new entries are deflated
// (fflate: the same code in Node and in the browser). No zip library copies entries raw from one archive
// into another, which is why the container (APPNOTE.TXT §4.3) is read and written here; the compression
// itself is fflate's.
import { deflateSync, inflateSync } from "fflate";

/** A package that cannot be read as a zip: the adapters turn this into their own message. */
export class ZipError extends Error {}

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  /** The entry's bytes from its local header to the end of its data (and descriptor), as in the file. */
  readonly raw: Uint8Array;
  /** The central directory record, as in the file (offset patched on write). */
  readonly central: Uint8Array;
  /** Where the compressed data starts inside `raw`. */
  readonly dataStart: number;
}

export interface ZipLimits {
  /** Refuse a package whose entries inflate to more than this many bytes in all. */
  readonly maxTotalSize: number;
  readonly maxEntries: number;
}

export const DEFAULT_LIMITS: ZipLimits = { maxTotalSize: 2_000_000_000, maxEntries: 20_000 };

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const decoder = new TextDecoder("utf-8");
const cp437 = (bytes: Uint8Array) => String.fromCharCode(...bytes); // names without the UTF-8 flag are ASCII in practice

/** Reads the central directory of a zip. Entries keep their raw bytes for a verbatim copy. */
export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS): ZipEntry[] {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65 535 bytes, at the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("no end of central directory");
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError("zip64 packages are not supported");
  if (count > limits.maxEntries) throw new ZipError(`too many entries: ${count}`);
  if (cdOffset + cdSize > bytes.length) throw new ZipError("central directory out of range");
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (u32(bytes, p) !== 0x02014b50) throw new ZipError("bad central directory record");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const local = u32(bytes, p + 42);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? decoder.decode(nameBytes) : cp437(nameBytes);
    const central = bytes.subarray(p, p + 46 + nameLen + extraLen + commentLen);
    p += central.length;
    if (flags & 0x1) throw new ZipError("encrypted entry");
    if (u32(bytes, local) !== 0x04034b50) throw new ZipError("bad local header");
    const dataStart = 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    let end = local + dataStart + compressedSize;
    if (flags & 0x8) end += u32(bytes, end) === 0x08074b50 ? 16 : 12; // the data descriptor, signed or not
    if (end > bytes.length) throw new ZipError("entry out of range");
    total += size;
    if (total > limits.maxTotalSize) throw new ZipError(`inflated size over ${limits.maxTotalSize}`);
    entries.push({ name, method, crc, compressedSize, size, raw: bytes.subarray(local, end), central, dataStart });
  }
  return entries;
}

/** The entry's uncompressed bytes. */
export function inflateEntry(e: ZipEntry): Uint8Array {
  const data = e.raw.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === 0) return data;
  if (e.method !== 8) throw new ZipError(`compression method ${e.method} of ${e.name} is not supported`);
  const out = inflateSync(data, { out: new Uint8Array(e.size) });
  if (out.length !== e.size) throw new ZipError(`${e.name}: inflated size differs from the directory`);
  return out;
}

// CRC-32 (ISO 3309), table-driven.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of data given in pieces: start with 0, pass each piece with the previous result. */
export function crc32Update(crc: number, data: Uint8Array): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function crc32(data: Uint8Array): number {
  return crc32Update(0, data);
}

/** An entry to write: copied verbatim from a read package, or new content to deflate. */
export type OutEntry = { readonly copy: ZipEntry } | { readonly name: string; readonly data: Uint8Array };

const encoder = new TextEncoder();
// DOS date and time of 1980-01-01 00:00, as Excel writes for its parts: the output does not depend on the clock.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function put16(b: Uint8Array, o: number, v: number) {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
}
function put32(b: Uint8Array, o: number, v: number) {
  put16(b, o, v & 0xffff);
  put16(b, o + 2, (v >>> 16) & 0xffff);
}

/**
 * The local header (without the data) and the central directory record of a deflated entry (offset 0:
 * writeZip patches it).
 */
export function entryHeaders(name: string, crc: number, compressedSize: number, size: number): { header: Uint8Array; central: Uint8Array } {
  const nameBytes = encoder.encode(name);
  const header = new Uint8Array(30 + nameBytes.length);
  const central = new Uint8Array(46 + nameBytes.length);
  put32(header, 0, 0x04034b50);
  put32(central, 0, 0x02014b50);
  put16(central, 4, 20); // made by
  // From "version needed" on, the local header's fields are the central record's, two bytes further.
  for (const [b, o] of [
    [header, 4],
    [central, 6],
  ] as const) {
    put16(b, o, 20);
    put16(b, o + 2, 0x800); // names in UTF-8
    put16(b, o + 4, 8);
    put16(b, o + 6, DOS_TIME);
    put16(b, o + 8, DOS_DATE);
    put32(b, o + 10, crc);
    put32(b, o + 14, compressedSize);
    put32(b, o + 18, size);
    put16(b, o + 22, nameBytes.length);
  }
  header.set(nameBytes, 30);
  central.set(nameBytes, 46);
  return { header, central };
}

function newEntry(name: string, data: Uint8Array): { local: Uint8Array; central: Uint8Array } {
  const compressed = deflateSync(data, { level: 6 });
  const { header, central } = entryHeaders(name, crc32(data), compressed.length, data.length);
  const local = new Uint8Array(header.length + compressed.length);
  local.set(header);
  local.set(compressed, header.length);
  return { local, central };
}

/** Writes a zip: copied entries byte for byte, new ones deflated, in the order given. */
export function writeZip(entries: readonly OutEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    let local: Uint8Array;
    let central: Uint8Array;
    if ("copy" in e) {
      local = e.copy.raw;
      central = new Uint8Array(e.copy.central); // a copy: Buffer.prototype.slice would be a view of the input
    } else {
      ({ local, central } = newEntry(e.name, e.data));
    }
    put32(central, 42, offset);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
    if (offset > 0xfffffff0) throw new ZipError("package over 4 GB");
  }
  const cdSize = centrals.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const l of locals) {
    out.set(l, p);
    p += l.length;
  }
  for (const c of centrals) {
    out.set(c, p);
    p += c.length;
  }
  put32(out, p, 0x06054b50);
  put16(out, p + 8, entries.length);
  put16(out, p + 10, entries.length);
  put32(out, p + 12, cdSize);
  put32(out, p + 16, offset);
  return out;
}
