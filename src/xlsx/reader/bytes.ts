// XML as bytes: the large parts (worksheets, shared strings) are scanned as Uint8Array, never as one
// string — a full sheet inflates to ~300 MB, more than a JS string may hold. Only the texts that become
// cell values are decoded. Everything here works the same in Node and in the browser (TextDecoder, fflate).
import { Inflate } from "fflate";
import type { ZipEntry } from "../package/zip";
import { ReaderError } from "./errors";

export const LT = 0x3c; // <
export const GT = 0x3e; // >
export const SLASH = 0x2f;
const QUOT = 0x22;
const APOS = 0x27;
const AMP = 0x26;
const CR = 0x0d;
const EQ = 0x3d;
const COLON = 0x3a;
const BANG = 0x21;
const QUESTION = 0x3f;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

// Not fatal: a malformed sequence becomes U+FFFD, as JSZip's decoding (ExcelJS) does. ignoreBOM keeps a
// U+FEFF that begins a cell's text (pasted from a text file): it is part of the text, not of the part.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** What the last rawOf saw: 1 a '&', 2 a CR, 4 a tab or LF. */
let flags = 0;

/** b[s, e) decoded as UTF-8, nothing undone; sets `flags`. */
function rawOf(b: Uint8Array, s: number, e: number): string {
  let ascii = true;
  let f = 0;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c >= 0x80) ascii = false;
    else if (c === AMP) f |= 1;
    else if (c === CR) f |= 2;
    else if (c === 0x0a || c === 0x09) f |= 4;
  }
  flags = f;
  // Short ASCII by concatenation (V8 makes strings under 13 characters flat); longer ones by the decoder,
  // which gives a flat string where concatenation would give a chain.
  if (ascii && e - s <= 12) {
    let t = "";
    for (let i = s; i < e; i++) t += String.fromCharCode(b[i]);
    return t;
  }
  return utf8.decode(b.subarray(s, e));
}

/** b[s, e) as a string (UTF-8), with CR/CRLF normalised to LF and entities undone, as an XML parser does. */
export function textOf(b: Uint8Array, s: number, e: number): string {
  let t = rawOf(b, s, e);
  const f = flags;
  if (f & 2) t = t.replace(/\r\n?/g, "\n"); // literal line ends only: a &#13; reference stays a CR
  return f & 1 ? unescapeEntities(t) : t;
}

/** An attribute value: as textOf, and literal tabs and line ends become spaces (XML 1.0 §3.3.3). */
export function attrTextOf(b: Uint8Array, s: number, e: number): string {
  let t = rawOf(b, s, e);
  const f = flags;
  if (f & 6) t = t.replace(/\r\n?/g, "\n").replace(/[\t\n]/g, " ");
  return f & 1 ? unescapeEntities(t) : t;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (m, e: string) => {
    if (e.charCodeAt(0) !== 0x23) return ENTITIES[e] ?? m;
    const cp = e.charCodeAt(1) === 0x78 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** ST_Xstring (ECMA-376 Part 1, §22.9.2.19): `_xHHHH_` is the character HHHH; `_x005F_` escapes a literal one. */
export function unescapeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The number in b[s, e), exactly as parseFloat reads its text. Plain decimals of up to 15 digits are read
 * here without a string: both the digits and the power of ten are exact doubles, so one division is the
 * correctly rounded value, which is what parseFloat returns. Anything else goes to parseFloat.
 */
export function numberOf(b: Uint8Array, s: number, e: number): number {
  let i = s;
  const neg = b[i] === 0x2d;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; i < e; i++) {
    const c = b[i];
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (dot) scale++;
    } else if (c === 0x2e && !dot) dot = true;
    else break;
  }
  if (i === e && digits > 0 && digits <= 15) {
    const v = scale ? m / POW10[scale] : m;
    return neg ? -v : v;
  }
  let t = "";
  for (let k = s; k < e; k++) t += String.fromCharCode(b[k]);
  return parseFloat(t);
}

/** parseInt(text, 10) of b[s, e) for the short integers of indexes and style ids. */
export function intOf(b: Uint8Array, s: number, e: number): number {
  let i = s;
  while (i < e && isSpace(b[i])) i++;
  let v = 0;
  let any = false;
  for (; i < e && i - s < 16; i++) {
    const c = b[i];
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
    any = true;
  }
  if (!any) return parseInt(textOf(b, s, e), 10);
  return v;
}

/**
 * Where the tag starting at b[lt] === '<' ends (the index of its '>'), skipping '>' inside quoted attribute
 * values; -1 when the buffer ends first.
 */
export function tagEnd(b: Uint8Array, lt: number, n: number): number {
  let q = 0;
  for (let i = lt + 1; i < n; i++) {
    const c = b[i];
    if (q) {
      if (c === q) q = 0;
    } else if (c === GT) return i;
    else if (c === QUOT || c === APOS) q = c;
  }
  return -1;
}

/** The end of the markup at b[lt] when it is a comment, CDATA, a declaration or a PI; 0 when it is an element tag, -1 when incomplete. */
export function skipMarkup(b: Uint8Array, lt: number, n: number): number {
  // Every read is inside the buffer: one read past its end makes V8 drop the optimised code.
  if (lt + 1 >= n) return -1;
  const c = b[lt + 1];
  if (c === QUESTION) {
    for (let i = lt + 2; i + 1 < n; i++) if (b[i] === QUESTION && b[i + 1] === GT) return i + 2;
    return -1;
  }
  if (c !== BANG) return 0;
  if (lt + 3 >= n) return -1;
  if (b[lt + 2] === 0x2d && b[lt + 3] === 0x2d) {
    for (let i = lt + 4; i + 2 < n; i++) if (b[i] === 0x2d && b[i + 1] === 0x2d && b[i + 2] === GT) return i + 3;
    return -1;
  }
  if (b[lt + 2] === 0x5b /* [ */) {
    for (let i = lt + 9; i + 2 < n; i++) if (b[i] === 0x5d && b[i + 1] === 0x5d && b[i + 2] === GT) return i + 3;
    return -1;
  }
  const end = tagEnd(b, lt, n);
  return end < 0 ? -1 : end + 1;
}

/**
 * A tag's name at b[lt]: sets `nameEnd` and `localStart` (after the prefix's colon) of the reused cursor.
 * `close` is true for an end tag.
 */
export class TagName {
  close = false;
  localStart = 0;
  nameEnd = 0;

  read(b: Uint8Array, lt: number, n: number): void {
    let i = lt + 1;
    this.close = b[i] === SLASH;
    if (this.close) i++;
    let local = i;
    for (; i < n; i++) {
      const c = b[i];
      if (c === COLON) local = i + 1;
      else if (isSpace(c) || c === GT || c === SLASH) break;
    }
    this.localStart = local;
    this.nameEnd = i;
  }

  is(b: Uint8Array, name: string): boolean {
    const len = this.nameEnd - this.localStart;
    if (len !== name.length) return false;
    for (let k = 0; k < len; k++) if (b[this.localStart + k] !== name.charCodeAt(k)) return false;
    return true;
  }
}

/**
 * The attributes of the tag b[from, gt) one by one, without strings: after next() returns true, the name is
 * b[nameStart, nameEnd) and the value b[valueStart, valueEnd) (still escaped).
 */
export class Attributes {
  private b!: Uint8Array;
  private i = 0;
  private end = 0;
  nameStart = 0;
  nameEnd = 0;
  valueStart = 0;
  valueEnd = 0;

  reset(b: Uint8Array, from: number, gt: number): this {
    this.b = b;
    this.i = from;
    this.end = gt;
    return this;
  }

  next(): boolean {
    const b = this.b;
    let i = this.i;
    const end = this.end;
    while (i < end && (isSpace(b[i]) || b[i] === SLASH)) i++;
    if (i >= end) return false;
    this.nameStart = i;
    while (i < end && b[i] !== EQ && !isSpace(b[i])) i++;
    this.nameEnd = i;
    while (i < end && b[i] !== QUOT && b[i] !== APOS) i++;
    if (i >= end) return false;
    const q = b[i];
    this.valueStart = ++i;
    while (i < end && b[i] !== q) i++;
    this.valueEnd = i;
    this.i = i + 1;
    return true;
  }

  /** The name is exactly `name` (prefix included). */
  named(name: string): boolean {
    const len = this.nameEnd - this.nameStart;
    if (len !== name.length) return false;
    for (let k = 0; k < len; k++) if (this.b[this.nameStart + k] !== name.charCodeAt(k)) return false;
    return true;
  }

  /** A prefixed name whose local part is `local` (`r:id` for "id"). */
  prefixedLocal(local: string): boolean {
    const b = this.b;
    let colon = -1;
    for (let k = this.nameStart; k < this.nameEnd; k++) if (b[k] === COLON) colon = k;
    if (colon < 0 || this.nameEnd - colon - 1 !== local.length) return false;
    for (let k = 0; k < local.length; k++) if (b[colon + 1 + k] !== local.charCodeAt(k)) return false;
    return true;
  }

  value(): string {
    return attrTextOf(this.b, this.valueStart, this.valueEnd);
  }
}

/** A consumer of a part's bytes: scans what it can and returns how much it used; the rest comes back with the next chunk. */
export interface ChunkScanner {
  scan(b: Uint8Array, n: number, final: boolean): number;
}

/** Compressed bytes pushed per step: at most ~64 MB out even for deflate's maximal ratio (1032:1). */
const IN_STEP = 64 * 1024;
const STORED_STEP = 1024 * 1024;
/** One element that does not end within this many bytes is not a worksheet element. */
const MAX_CARRY = 64 * 1024 * 1024;
/** How much of the next chunk is joined to a carried element at first. */
const HEAD = 64 * 1024;

/**
 * Hands a part's chunks to a scanner, the incomplete tail of each carried into the next (copied, so the
 * chunk itself can go). Refuses more bytes than `declared` (the zip directory's size).
 */
export class Feeder {
  private carry: Uint8Array | null = null;
  total = 0;

  constructor(
    private readonly scanner: ChunkScanner,
    private readonly part: string,
    private readonly declared = Infinity,
  ) {}

  feed(chunk: Uint8Array, final: boolean): void {
    this.total += chunk.length;
    if (this.total > this.declared) throw new ReaderError("corrupt", `${this.part}: inflates to more than the ${this.declared} bytes declared`);
    let buf = chunk;
    const carry = this.carry;
    this.carry = null;
    if (carry !== null) {
      // The carried element ends early in this chunk, nearly always: join the carry to the chunk's start
      // only, and scan the rest of the chunk where it is, rather than copy the whole chunk.
      const head = Math.min(chunk.length, Math.max(HEAD, carry.length));
      const joined = new Uint8Array(carry.length + head);
      joined.set(carry);
      joined.set(chunk.subarray(0, head), carry.length);
      const used = this.scanner.scan(joined, joined.length, final && head === chunk.length);
      if (used > carry.length || head === chunk.length) {
        if (head === chunk.length) return this.rest(joined, used, final);
        buf = chunk.subarray(used - carry.length);
      } else {
        buf = new Uint8Array(carry.length + chunk.length); // an element longer than HEAD: the whole chunk it is
        buf.set(carry);
        buf.set(chunk, carry.length);
      }
    }
    this.rest(buf, this.scanner.scan(buf, buf.length, final), final);
  }

  /** Keeps what the scanner did not use of buf for the next chunk. */
  private rest(buf: Uint8Array, used: number, final: boolean): void {
    if (used >= buf.length) return;
    if (final) throw new ReaderError("corrupt", `${this.part}: ends inside an element`);
    if (buf.length - used > MAX_CARRY) throw new ReaderError("corrupt", `${this.part}: an element over ${MAX_CARRY} bytes`);
    this.carry = buf.slice(used); // a copy: the chunk itself can go
  }
}

/** Feeds an entry's bytes to a scanner in chunks, inflating as it goes (fflate's streaming Inflate). */
export function scanEntry(e: ZipEntry, scanner: ChunkScanner): void {
  const feeder = new Feeder(scanner, e.name, e.size);
  const data = e.raw.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === 0) {
    if (data.length === 0) feeder.feed(data, true);
    for (let p = 0; p < data.length; p += STORED_STEP) feeder.feed(data.subarray(p, p + STORED_STEP), p + STORED_STEP >= data.length);
  } else if (e.method === 8) {
    let ended = false;
    const inflate = new Inflate((chunk, final) => {
      if (ended) return;
      ended = final;
      feeder.feed(chunk, final);
    });
    if (data.length === 0) inflate.push(data, true);
    for (let p = 0; p < data.length; p += IN_STEP) inflate.push(data.subarray(p, p + IN_STEP), p + IN_STEP >= data.length);
    if (!ended) throw new ReaderError("corrupt", `${e.name}: the deflate stream ends early`);
  } else throw new ReaderError("corrupt", `${e.name}: compression method ${e.method} is not supported`);
  if (feeder.total !== e.size) throw new ReaderError("corrupt", `${e.name}: inflated ${feeder.total} bytes, the directory says ${e.size}`);
}
