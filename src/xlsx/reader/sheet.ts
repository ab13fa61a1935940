// One worksheet part scanned as bytes in chunks (see bytes.ts scanEntry): `<row>`, `<c>` and its `<v>`,
// `<f>`, `<is>`; `<mergeCell>` and `<tablePart>` after the data. Only cell texts are decoded. The rows come
// out as the core's SheetInput rows, with the adapter's semantics (src/xlsx/read.ts): row i is worksheet
// row i + 1, cell j column j + 1; every row without values is the one shared EMPTY_ROW; a merged area's
// value is in each of its cells; a formula gives its cached value.
import { type CellValue, cellAddress } from "../../core/model/cells";
import { Attributes, type ChunkScanner, GT, LT, SLASH, TagName, intOf, numberOf, skipMarkup, tagEnd, textOf, unescapeXstring } from "./bytes";
import { MAX_COLUMN, MAX_ROW, ReaderError } from "./errors";
import { RichTextReader, TextReader } from "./strings";
import { DATE_STYLE, PERCENT_STYLE } from "./styles";

/** Every row without values shares this one: a stray value at row 1 048 576 must not cost a million arrays. */
export const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);

/** The cell-count budget of one workbook, shared by its sheets. */
export interface CellBudget {
  used: number;
  readonly limit: number;
}

// Cell types (ECMA-376 Part 1, §18.18.11 ST_CellType).
const N = 0;
const S = 1;
const STR = 2;
const INLINE = 3;
const B = 4;
const E = 5;
const D = 6;

const DAY_MS = 86_400_000;

/** A serial number as a Date, exactly as ExcelJS's utils.excelToDate (1900 system: serial 25569 is 1970-01-01). */
export function serialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * DAY_MS));
}

const ISO = /^\s*(?:([+-]?\d{4,})-(\d\d)-(\d\d))?(?:T?(\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?)?(?:Z|[+-]\d\d(?::?\d\d)?)?\s*$/;

/**
 * A `t="d"` cell's ISO 8601 text (§18.17.4.1 ST_Xstring holding a date) as a Date, wall clock read as UTC
 * like every date the adapters give (a zone suffix is ignored: an Excel cell has no time zone); a time
 * alone is on Excel's day 0, 1899-12-30, as a time-formatted serial reads. null when it is no such date.
 */
export function isoToDate(text: string): Date | null {
  const m = ISO.exec(text);
  if (m === null || (m[1] === undefined && m[4] === undefined)) return null;
  const y = m[1] === undefined ? 1899 : Number(m[1]);
  const mo = m[1] === undefined ? 12 : Number(m[2]);
  const d = m[1] === undefined ? 30 : Number(m[3]);
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  if (mo < 1 || mo > 12 || d < 1 || h > 24 || mi > 59 || s > 60) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // setUTCFullYear, not Date.UTC: years 0–99 stay themselves
  date.setUTCHours(h, mi, s, ms);
  if (date.getUTCDate() !== d && h < 24) return null; // 2021-02-31
  return date;
}

export class SheetScanner implements ChunkScanner {
  /** Index i is worksheet row i + 1; EMPTY_ROW where a row has no values. */
  readonly rows: CellValue[][] = [];
  /** `<mergeCell ref>` in order. */
  readonly merges: string[] = [];
  /** `<tablePart r:id>` in order. */
  readonly tableRids: string[] = [];
  /** Formula cells without a cached value, by column. */
  readonly formulasWithoutValue = new Map<number, number>();

  private inData = false;
  /** The current row's number (1-based), 0 before the first `<row>`. */
  private rowNumber = 0;
  /** The current row had no `r`: its first cell's reference may give its number. */
  private rowImplicit = false;
  private rowHasCells = false;
  private cur: CellValue[] | null = null;
  /** The previous cell's column in this row (a cell without `r` is the next one). */
  private col = 0;
  private minCol = Infinity;
  private maxCol = 0;
  private firstRow = Infinity;
  /** A1 addresses of the number cells shown as percentages (SheetInput.percentCells). */
  readonly percentCells: string[] = [];

  private readonly name = new TagName();
  private readonly attrs = new Attributes();
  private readonly text = new TextReader();
  private readonly rich = new RichTextReader();
  // The cell being read.
  private cRow = 0;
  private cCol = 0;

  constructor(
    private readonly sheet: string,
    private readonly strings: readonly string[],
    private readonly styleKinds: Uint8Array,
    private readonly date1904: boolean,
    private readonly budget: CellBudget,
  ) {}

  scan(b: Uint8Array, n: number): number {
    const name = this.name;
    let i = 0;
    for (;;) {
      const lt = i < n && b[i] === LT ? i : b.indexOf(LT, i);
      if (lt < 0) return n;
      if (lt + 2 >= n) return lt;
      const c1 = b[lt + 1];
      // The hot path: an unprefixed <c …> among the data.
      if (c1 === 0x63 /* c */ && this.inData && isDelimiter(b[lt + 2])) {
        const end = this.cellAt(b, lt, n);
        if (end < 0) return lt; // the cell goes on in the next chunk: scan it again from its start
        i = end;
        continue;
      }
      if (c1 === SLASH) {
        if (lt + 5 < n && b[lt + 2] === 0x72 && b[lt + 3] === 0x6f && b[lt + 4] === 0x77 && b[lt + 5] === GT) {
          i = lt + 6; // </row>
          continue;
        }
        // End tags: only </sheetData> matters.
        const gt = tagEnd(b, lt, n);
        if (gt < 0) return lt;
        name.read(b, lt, n);
        if (name.is(b, "sheetData")) this.inData = false;
        i = gt + 1;
        continue;
      }
      const skip = skipMarkup(b, lt, n);
      if (skip < 0) return lt;
      if (skip > 0) {
        i = skip;
        continue;
      }
      const gt = tagEnd(b, lt, n);
      if (gt < 0) return lt;
      name.read(b, lt, n);
      if (this.inData) {
        if (name.is(b, "c")) {
          const end = this.cell(b, name.nameEnd, gt, n);
          if (end < 0) return lt;
          i = end;
          continue;
        }
        if (name.is(b, "row")) {
          this.row(b, name.nameEnd, gt);
          i = gt + 1;
          continue;
        }
      }
      if (name.is(b, "sheetData")) this.inData = b[gt - 1] !== SLASH;
      else if (name.is(b, "mergeCell")) {
        const a = this.attrs.reset(b, name.nameEnd, gt);
        while (a.next()) if (a.named("ref")) this.merges.push(a.value());
      } else if (name.is(b, "tablePart")) {
        const a = this.attrs.reset(b, name.nameEnd, gt);
        while (a.next()) if (a.prefixedLocal("id")) this.tableRids.push(a.value());
      }
      i = gt + 1;
    }
  }

  private row(b: Uint8Array, from: number, gt: number): void {
    let r = NaN;
    const a = this.attrs.reset(b, from, gt);
    while (a.next()) if (a.named("r")) r = intOf(b, a.valueStart, a.valueEnd);
    this.rowImplicit = Number.isNaN(r);
    if (this.rowImplicit) r = this.rowNumber + 1; // a row without r follows the previous one
    this.startRow(r);
  }

  private startRow(r: number): void {
    if (!(r >= 1 && r <= MAX_ROW)) {
      throw new ReaderError("row-out-of-range", `sheet ${this.sheet}: row ${r} is beyond ${MAX_ROW}`, { sheet: this.sheet, row: r });
    }
    this.rowNumber = r;
    this.cur = null;
    this.col = 0;
    this.rowHasCells = false;
  }

  /**
   * The cell at b[lt] (`<c` unprefixed): the start tag and its attributes in one pass, and the usual
   * content, `<v>…</v></c>`, recognised byte by byte; any other content goes to cell(). Returns the index
   * after the cell, or -1 when the buffer ends first.
   */
  private cellAt(b: Uint8Array, lt: number, n: number): number {
    let type = N;
    let style = 0;
    this.cRow = 0;
    this.cCol = 0;
    // No read past the buffer's end anywhere here: it would cost V8's optimised code (see bytes.ts).
    let i = lt + 2;
    for (;;) {
      let c = 0;
      while (i < n && ((c = b[i]) === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d)) i++;
      if (i >= n) return -1;
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= n) return -1;
        if (b[i + 1] !== GT) break;
        // <c …/>: a styled empty cell, no value; it still takes its column.
        this.settle(b, type, style, false, false, 0, 0, null, null);
        return i + 2;
      }
      const nameStart = i;
      while (i < n && (c = b[i]) !== 0x3d && c !== GT && c !== 0x22 && c !== 0x27) i++;
      if (i >= n) return -1;
      if (c !== 0x3d) return this.slowCell(b, lt, n); // not name="value": let the general reader decide
      const nameLen = i - nameStart;
      while (i < n && (c = b[i]) !== 0x22 && c !== 0x27) i++;
      if (i >= n) return -1;
      const valueStart = ++i;
      while (i < n && b[i] !== c) i++;
      if (i >= n) return -1;
      if (nameLen === 1) {
        const an = b[nameStart];
        if (an === 0x72 /* r */) this.reference(b, valueStart, i);
        else if (an === 0x74 /* t */) type = cellType(b, valueStart, i);
        else if (an === 0x73 /* s */) style = intOf(b, valueStart, i);
      }
      i++;
    }
    if (i + 2 >= n) return -1;
    if (b[i] === LT && b[i + 1] === 0x76 && b[i + 2] === GT) {
      const lt3 = b.indexOf(LT, i + 3);
      if (lt3 < 0 || lt3 + 7 >= n) return -1;
      if (b[lt3 + 1] === SLASH && b[lt3 + 2] === 0x76 && b[lt3 + 3] === GT && b[lt3 + 4] === LT && b[lt3 + 5] === SLASH && b[lt3 + 6] === 0x63 && b[lt3 + 7] === GT) {
        this.settle(b, type, style, false, true, i + 3, lt3, null, null);
        return lt3 + 8;
      }
    }
    return this.slowCell(b, lt, n);
  }

  private slowCell(b: Uint8Array, lt: number, n: number): number {
    const gt = tagEnd(b, lt, n);
    if (gt < 0) return -1;
    return this.cell(b, lt + 2, gt, n);
  }

  /**
   * Reads a cell: its start tag's attributes are b[from, gt), its content follows. Returns the index after
   * the cell, or -1 when the buffer ends first.
   */
  private cell(b: Uint8Array, from: number, gt: number, n: number): number {
    // Attributes: r (reference), t (type), s (style).
    let type = N;
    let style = 0;
    this.cRow = 0;
    this.cCol = 0;
    const a = this.attrs.reset(b, from, gt);
    while (a.next()) {
      if (a.nameEnd - a.nameStart !== 1) continue;
      const an = b[a.nameStart];
      if (an === 0x72 /* r */) this.reference(b, a.valueStart, a.valueEnd);
      else if (an === 0x74 /* t */) type = cellType(b, a.valueStart, a.valueEnd);
      else if (an === 0x73 /* s */) style = intOf(b, a.valueStart, a.valueEnd);
    }
    const empty = b[gt - 1] === SLASH;
    // Content: <f>, <v>, <is>, in any order; anything else is skipped.
    let formula = false;
    let hasV = false;
    let vStart = 0;
    let vEnd = 0;
    let vText: string | null = null;
    let inline: string | null = null;
    let end = gt + 1;
    let i = gt + 1;
    // The usual content, `<v>…</v></c>`, is recognised byte by byte.
    if (!empty && b[i] === LT && b[i + 1] === 0x76 && b[i + 2] === GT) {
      const lt3 = b.indexOf(LT, i + 3);
      if (lt3 < 0 || lt3 + 7 >= n) return -1;
      if (b[lt3 + 1] === SLASH && b[lt3 + 2] === 0x76 && b[lt3 + 3] === GT && b[lt3 + 4] === LT && b[lt3 + 5] === SLASH && b[lt3 + 6] === 0x63 && b[lt3 + 7] === GT) {
        hasV = true;
        vStart = i + 3;
        vEnd = lt3;
        end = lt3 + 8;
        i = -1;
      }
    }
    if (!empty && i >= 0) {
      const name = this.name;
      for (;;) {
        const lt2 = b.indexOf(LT, i);
        if (lt2 < 0) return -1;
        const skip = skipMarkup(b, lt2, n);
        if (skip < 0) return -1;
        if (skip > 0) {
          i = skip;
          continue;
        }
        const gt2 = tagEnd(b, lt2, n);
        if (gt2 < 0) return -1;
        name.read(b, lt2, n);
        if (name.close) {
          i = gt2 + 1;
          if (name.is(b, "c")) break;
          continue;
        }
        const emptyChild = b[gt2 - 1] === SLASH;
        if (name.is(b, "v")) {
          if (emptyChild) {
            hasV = true;
            vStart = vEnd = 0;
            i = gt2 + 1;
            continue;
          }
          // Fast path: `<v>digits</v>` read as bytes, no string.
          const lt3 = b.indexOf(LT, gt2 + 1);
          if (lt3 < 0 || lt3 + 1 >= n) return -1;
          if (b[lt3 + 1] === SLASH) {
            const gt3 = tagEnd(b, lt3, n);
            if (gt3 < 0) return -1;
            hasV = true;
            vStart = gt2 + 1;
            vEnd = lt3;
            vText = null;
            i = gt3 + 1;
          } else {
            const e2 = this.text.read(b, gt2 + 1, n);
            if (e2 < 0) return -1;
            hasV = true;
            vText = this.text.text;
            vStart = vEnd = 0;
            i = e2;
          }
          continue;
        }
        if (name.is(b, "f")) {
          // A formula, as ExcelJS tells one: a formula text, or a `t` (shared, array) on <f>.
          const fa = this.attrs.reset(b, name.nameEnd, gt2);
          while (fa.next()) if (fa.named("t")) formula = true;
          if (emptyChild) {
            i = gt2 + 1;
            continue;
          }
          const e2 = this.text.read(b, gt2 + 1, n);
          if (e2 < 0) return -1;
          if (!this.text.empty) formula = true;
          i = e2;
          continue;
        }
        if (name.is(b, "is")) {
          if (emptyChild) {
            inline = "";
            i = gt2 + 1;
            continue;
          }
          const e2 = this.rich.read(b, gt2 + 1, n, "is");
          if (e2 < 0) return -1;
          inline = this.rich.text;
          i = e2;
          continue;
        }
        i = gt2 + 1;
      }
      end = i;
    }

    this.settle(b, type, style, formula, hasV, vStart, vEnd, vText, inline);
    return end;
  }

  /** Puts the cell read (reference in cRow/cCol, content in the arguments) in its row. */
  private settle(b: Uint8Array, type: number, style: number, formula: boolean, hasV: boolean, vStart: number, vEnd: number, vText: string | null, inline: string | null): void {
    // Where the cell is.
    let col = this.cCol > 0 ? this.cCol : this.col + 1;
    if (this.rowNumber === 0 || (this.rowImplicit && !this.rowHasCells && this.cRow > 0)) {
      if (this.cRow === 0) return; // a cell outside any row, without a reference: nowhere to put it
      this.startRow(this.cRow);
      this.rowImplicit = false;
      col = this.cCol > 0 ? this.cCol : 1;
    }
    this.rowHasCells = true;
    this.col = col;

    // Its value.
    const vEmpty = vText === null ? vStart === vEnd : vText === "";
    let v: CellValue;
    if (formula) {
      if (hasV && !vEmpty) v = this.value(b, type, style, vStart, vEnd, vText, inline);
      else if (type === INLINE && inline) v = inline;
      else {
        v = null;
        // `<v></v>` of a text result (t="str") is a cached "" (a formula giving ""); otherwise an empty
        // or missing <v> is no cached value (openpyxl writes `<f>…</f><v></v>` for formulas it never ran).
        if (!hasV || type !== STR) this.formulasWithoutValue.set(col, (this.formulasWithoutValue.get(col) ?? 0) + 1);
      }
    } else if (type === INLINE && inline) v = inline;
    else if (hasV && !vEmpty) v = this.value(b, type === INLINE ? STR : type, style, vStart, vEnd, vText, inline);
    else return; // a styled empty cell: no value, as if it were not there
    this.put(col, v);
    if (typeof v === "number" && style < this.styleKinds.length && this.styleKinds[style] === PERCENT_STYLE) {
      this.percentCells.push(cellAddress(this.rowNumber, col));
    }
  }

  /** The cached or typed value of `<v>` by the cell's type. */
  private value(b: Uint8Array, type: number, style: number, vs: number, ve: number, vText: string | null, inline: string | null): CellValue {
    switch (type) {
      case S: {
        const idx = vText === null ? intOf(b, vs, ve) : parseInt(vText, 10);
        const s = this.strings[idx];
        return s === undefined ? null : s; // an index past the table: Excel would repair the file; we read nothing
      }
      case STR:
        return unescapeXstring(vText ?? textOf(b, vs, ve));
      case INLINE:
        return inline ?? unescapeXstring(vText ?? textOf(b, vs, ve));
      case B: {
        const t = vText ?? textOf(b, vs, ve);
        return parseInt(t, 10) !== 0; // ExcelJS's reading: "0" false, anything else true
      }
      case E:
        return { error: vText ?? textOf(b, vs, ve) };
      case D: {
        const t = vText ?? textOf(b, vs, ve);
        return isoToDate(t) ?? t;
      }
      default: {
        const x = vText === null ? numberOf(b, vs, ve) : parseFloat(vText);
        if (style < this.styleKinds.length && this.styleKinds[style] === DATE_STYLE) return serialToDate(x, this.date1904);
        return x;
      }
    }
  }

  /** Parses a cell reference (`AB12`) into cRow/cCol; absent parts stay 0. */
  private reference(b: Uint8Array, s: number, e: number): void {
    let i = s;
    let col = 0;
    for (; i < e; i++) {
      let c = b[i];
      if (c >= 0x61 && c <= 0x7a) c -= 0x20;
      if (c < 0x41 || c > 0x5a) break;
      col = col * 26 + (c - 0x40);
      if (col > MAX_COLUMN) {
        throw new ReaderError("column-out-of-range", `sheet ${this.sheet}: column ${textOf(b, s, e)} is beyond XFD`, { sheet: this.sheet, column: col });
      }
    }
    let row = 0;
    for (; i < e; i++) {
      const c = b[i];
      if (c < 0x30 || c > 0x39) break;
      if (row <= MAX_ROW) row = row * 10 + (c - 0x30);
    }
    this.cCol = col;
    this.cRow = row;
  }

  private put(col: number, v: CellValue): void {
    if (col > MAX_COLUMN) {
      throw new ReaderError("column-out-of-range", `sheet ${this.sheet}: column ${col} is beyond XFD`, { sheet: this.sheet, column: col });
    }
    if (++this.budget.used > this.budget.limit) {
      throw new ReaderError("too-many-cells", `more than ${this.budget.limit} cells`, { limit: this.budget.limit, sheet: this.sheet });
    }
    let cur = this.cur;
    if (cur === null) cur = this.cur = this.rowArray(this.rowNumber - 1);
    place(cur, col - 1, v);
    if (col < this.minCol) this.minCol = col;
    if (col > this.maxCol) this.maxCol = col;
    if (this.rowNumber - 1 < this.firstRow) this.firstRow = this.rowNumber - 1;
  }

  /** The array of row index `idx`, made when the row gets its first value (rows may come in any order). */
  private rowArray(idx: number): CellValue[] {
    const rows = this.rows;
    if (idx < rows.length) {
      const r = rows[idx];
      if (r !== EMPTY_ROW) return r;
      return (rows[idx] = []);
    }
    while (rows.length < idx) rows.push(EMPTY_ROW as CellValue[]);
    const r: CellValue[] = [];
    rows.push(r);
    return r;
  }

  /**
   * Fills each merged area's value into every cell of it, as the user sees it — but only over the rows and
   * columns that hold values: the area is clipped to the sheet's values first, so a merge over
   * A1:XFD1048576 costs what the data costs. Masters are read before any area is filled.
   */
  finish(): void {
    const rows = this.rows;
    if (rows.length === 0 || this.merges.length === 0) return;
    const areas = this.merges.map(parseRange).filter((x): x is Range => x !== null);
    const masters = areas.map((m) => rows[m.top - 1]?.[m.left - 1] ?? null);
    for (let k = 0; k < areas.length; k++) {
      const m = areas[k];
      const top = Math.max(m.top, this.firstRow + 1);
      const bottom = Math.min(m.bottom, rows.length);
      const left = Math.max(m.left, this.minCol);
      const right = Math.min(m.right, this.maxCol);
      if (top > bottom || left > right) continue;
      const area = (bottom - top + 1) * (right - left + 1);
      if ((this.budget.used += area) > this.budget.limit) {
        throw new ReaderError("too-many-cells", `more than ${this.budget.limit} cells`, { limit: this.budget.limit, sheet: this.sheet });
      }
      const v = masters[k];
      for (let r = top; r <= bottom; r++) {
        let row = rows[r - 1];
        if (row === EMPTY_ROW) row = rows[r - 1] = [];
        for (let c = left; c <= right; c++) if (r !== m.top || c !== m.left) place(row, c - 1, v);
      }
    }
  }
}

const isDelimiter = (c: number) => c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;

function place(row: CellValue[], idx: number, v: CellValue): void {
  const len = row.length;
  if (idx === len) row.push(v);
  else if (idx > len) {
    for (let k = len; k < idx; k++) row.push(null);
    row.push(v);
  } else row[idx] = v;
}

function cellType(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  const c = b[s];
  if (len === 1) return c === 0x73 ? S : c === 0x62 ? B : c === 0x65 ? E : c === 0x64 ? D : N;
  if (len === 3 && c === 0x73) return STR; // str
  if (len === 9 && c === 0x69) return INLINE; // inlineStr
  return N;
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `B2:D5` (either corner order) or `B2`; null when it is not a range of cells. */
export function parseRange(ref: string): Range | null {
  const m = /^\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?\s*$/.exec(ref);
  if (m === null) return null;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  if (r1 < 1 || r2 < 1) return null;
  return { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
}
