// Applying a consolidation's sheet plan (core/consolidate/consolidate.ts) to a worksheet part, as text: rows the plan
// does not touch are copied character for character; a touched row keeps its attributes and every cell
// outside the columns the import owns. The applier never overwrites a cell that holds something the plan
// did not expect to be there: it stops, and nothing is written.
import type { CellValue } from "../../core/model/cells";
import { cellAddress, columnLetter } from "../../core/model/cells";
import type { SheetPlan } from "../../core/consolidate/consolidate";
import { dayFromDate, excelSerialOf } from "../../core/model/dates";
import { type Element, attrsOf, elementAt, elementsIn, escapeAttr, escapeCellText, findElement, findTag, tags, withAttr, withoutAttr } from "./xml";

/** The plan would overwrite or break something of the user's: nothing is written. The message is Russian. */
export class UnsafeEditError extends Error {}

interface Cell {
  col: number; // 0-based
  xml: string;
  style: string | undefined;
  content: boolean;
  formula: boolean;
  sharedMaster: boolean;
}

interface RowEl {
  r: number;
  start: number;
  end: number;
}

export interface CellStyles {
  /** The cell format (xf index) for dates, appended to the styles when the plan writes a date. */
  dateXf(): number;
  /** Is this xf index a date format? (a date column's cell that already has one keeps it) */
  isDateXf(xf: number): boolean;
}

/** 'AB12' → 0-based column 27. */
export function columnIndexOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}
const rowOfRef = (ref: string) => Number(ref.replace(/^[A-Z]+/, ""));

/** A worksheet part's text with its sheetData, rows and column styles, found in one pass of the tag scanner. */
export interface SheetIndex {
  readonly xml: string;
  readonly sheetData: Element;
  readonly rows: readonly RowEl[];
  readonly byRow: ReadonlyMap<number, RowEl>;
  readonly colStyles: ReadonlyMap<number, string>;
}

/**
 * Finds the sheetData element and its rows in one pass over the tags (a 100 000-row part has millions):
 * a row ends at its own end tag, as rows do not nest. A part whose rows are not well formed (a row inside a
 * row, an end tag without its start, sheetData left open) is refused, in Russian, before anything is edited.
 */
export function indexSheet(xml: string): SheetIndex {
  const open = findTag(xml, "sheetData");
  if (!open) throw new UnsafeEditError("у листа нет области данных (sheetData)");
  const rows: RowEl[] = [];
  let sheetData: Element | undefined = open.kind === "empty" ? { tag: open, contentEnd: open.end, end: open.end } : undefined;
  let row: { r: number; start: number; name: string } | null = null;
  let prev = 0;
  if (sheetData === undefined) {
    for (const t of tags(xml, open.end)) {
      if (t.local === "row") {
        if (t.kind === "close") {
          if (row === null || t.name !== row.name) throw new UnsafeEditError(`строки листа записаны с ошибкой: конец строки без её начала после строки ${prev}`);
          rows.push({ r: row.r, start: row.start, end: t.end });
          row = null;
          continue;
        }
        if (row !== null) throw new UnsafeEditError(`строки листа записаны с ошибкой: строка внутри строки ${row.r}`);
        const r = Number(attrsOf(xml, t).get("r") ?? prev + 1); // a row without r follows the previous one
        if (t.kind === "empty") rows.push({ r, start: t.start, end: t.end });
        else row = { r, start: t.start, name: t.name };
        prev = r;
      } else if (t.kind === "close" && t.name === open.name) {
        if (row !== null) throw new UnsafeEditError(`строки листа записаны с ошибкой: строка ${row.r} не закрыта`);
        sheetData = { tag: open, contentEnd: t.start, end: t.end };
        break;
      }
    }
    if (sheetData === undefined) throw new UnsafeEditError("область данных листа (sheetData) не закрыта");
  }
  return { xml, sheetData, rows, byRow: new Map(rows.map((r) => [r.r, r])), colStyles: columnStyles(xml, sheetData.tag.start) };
}

function cellsOf(rowXml: string): { open: string; cells: Cell[]; close: string } {
  const rowTag = tags(rowXml).next().value!;
  if (rowTag.kind === "empty") return { open: rowXml.replace(/\s*\/>$/, ">"), cells: [], close: `</${rowTag.name}>` };
  const el = elementAt(rowXml, rowTag);
  const cells: Cell[] = [];
  let prev = -1;
  const row: Element = el;
  for (const c of elementsIn(rowXml, row, "c")) {
    const a = attrsOf(rowXml, c.tag);
    const ref = a.get("r");
    const col = ref === undefined ? prev + 1 : columnIndexOf(ref);
    const xml = rowXml.slice(c.tag.start, c.end);
    const body = rowXml.slice(c.tag.end, c.contentEnd);
    cells.push({
      col,
      xml,
      style: a.get("s"),
      content: c.tag.kind === "open" && /<(?:\w+:)?(?:v|f|is)\b/.test(body),
      formula: /<(?:\w+:)?f\b/.test(body),
      sharedMaster: /<(?:\w+:)?f\b[^>]*\bt="shared"[^>]*\bref=/.test(body),
    });
    prev = col;
  }
  return { open: rowXml.slice(0, rowTag.end), cells, close: rowXml.slice(el.contentEnd) };
}

/** One cell's XML. Texts are inline strings, so the user's shared strings part stays as it was. */
function cellXml(row: number, col: number, v: CellValue, style: string | undefined, date1904: boolean, styles: CellStyles): string | null {
  const r = cellAddress(row, col + 1);
  let s = style;
  if (v === null || (typeof v === "string" && v === "")) return s === undefined ? null : `<c r="${r}" s="${s}"/>`;
  if (v instanceof Date) {
    const day = dayFromDate(v);
    if (day === null) return null;
    if (s === undefined || !styles.isDateXf(Number(s))) s = String(styles.dateXf());
    const serial = excelSerialOf(day) - (date1904 ? 1462 : 0);
    return `<c r="${r}" s="${s}"><v>${serial}</v></c>`;
  }
  const sa = s === undefined ? "" : ` s="${s}"`;
  if (typeof v === "number") {
    return Number.isFinite(v) ? `<c r="${r}"${sa}><v>${v}</v></c>` : null;
  }
  if (typeof v === "boolean") return `<c r="${r}"${sa} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === "object") return `<c r="${r}"${sa} t="e"><v>${escapeAttr(v.error)}</v></c>`;
  const space = /^\s|\s$/.test(v) ? ' xml:space="preserve"' : "";
  return `<c r="${r}"${sa} t="inlineStr"><is><t${space}>${escapeCellText(v)}</t></is></c>`;
}

export interface AppliedPlan {
  readonly xml: string;
  /** A formula cell was emptied: the calculation chain, which lists formula cells, no longer fits. */
  readonly removedFormulas: boolean;
  /** The last row and column (1-based) the sheet now uses. */
  readonly lastRow: number;
  readonly lastColumn: number;
}

/**
 * Applies a plan to the worksheet part's text. A new cell takes the style of the cell it fills or of its
 * column; a date gets a date format unless that style has one.
 */
export function applyPlan(xml: string, plan: SheetPlan, date1904: boolean, styles: CellStyles): AppliedPlan {
  const { sheetData, rows, byRow, colStyles } = indexSheet(xml);
  const owned = new Set(plan.owned);
  const clear = new Set(plan.clear);
  const edits = new Map<number, (readonly [number, CellValue])[]>();
  for (const w of plan.writes) edits.set(w.row, [...w.cells]);
  for (const [col, header] of plan.addHeaders) {
    const e = edits.get(plan.headerRow) ?? [];
    e.push([col, header]);
    edits.set(plan.headerRow, e);
  }
  const touched = [...new Set([...clear, ...edits.keys()])].sort((a, b) => a - b);
  let lastRow = 0;
  let lastColumn = 0;
  let removedFormulas = false;

  const rowText = (r: number): string => {
    const el = byRow.get(r);
    const { open, cells, close } = el ? cellsOf(xml.slice(el.start, el.end)) : { open: `<row r="${r}">`, cells: [] as Cell[], close: "</row>" };
    const writes = new Map((edits.get(r) ?? []).map(([c, v]) => [c, v]));
    const headerCols = new Set(r === plan.headerRow ? plan.addHeaders.map(([c]) => c) : []);
    const out: { col: number; xml: string }[] = [];
    const present = new Set<number>();
    for (const cell of cells) {
      present.add(cell.col);
      const mine = owned.has(cell.col) && (clear.has(r) || writes.has(cell.col));
      if (writes.has(cell.col) || (mine && clear.has(r))) {
        if (cell.sharedMaster) throw new UnsafeEditError(`в ячейке ${cellAddress(r, cell.col + 1)} общая формула, от которой зависят другие ячейки`);
        // A cell may be written only where it is empty, or owned by the import in a row being replaced.
        if (cell.content && !(owned.has(cell.col) && clear.has(r))) {
          throw new UnsafeEditError(`ячейка ${cellAddress(r, cell.col + 1)}${headerCols.has(cell.col) ? " в строке заголовков" : ""} уже заполнена`);
        }
        if (cell.formula) removedFormulas = true;
        const v = writes.get(cell.col) ?? null;
        const x = cellXml(r, cell.col, v, cell.style ?? colStyles.get(cell.col), date1904, styles);
        if (x !== null) out.push({ col: cell.col, xml: x });
      } else out.push({ col: cell.col, xml: cell.xml });
    }
    for (const [col, v] of writes) {
      if (present.has(col)) continue;
      let style = colStyles.get(col);
      if (headerCols.has(col)) style = cells.filter((c) => c.col < col && c.style !== undefined).pop()?.style ?? style; // looks like its neighbours
      const x = cellXml(r, col, v, style, date1904, styles);
      if (x !== null) out.push({ col, xml: x });
    }
    out.sort((a, b) => a.col - b.col);
    if (out.length > 0) {
      lastRow = Math.max(lastRow, r);
      lastColumn = Math.max(lastColumn, out[out.length - 1].col + 1);
    }
    return `${withoutAttr(open, "spans")}${out.map((c) => c.xml).join("")}${close}`;
  };

  let out = spliceRows(xml, sheetData, rows, touched, rowText);

  // The dimension covers the new extent.
  const dim = findElement(out, "dimension");
  if (dim) {
    const ref = attrsOf(out, dim.tag).get("ref") ?? "A1";
    const [a, b = a] = ref.split(":");
    const maxRow = Math.max(rowOfRef(b) || 1, lastRow);
    const maxCol = Math.max(columnIndexOf(b) + 1, lastColumn);
    const next = `${a}:${columnLetter(maxCol)}${maxRow}`;
    if (next !== ref) out = out.slice(0, dim.tag.start) + withAttr(out.slice(dim.tag.start, dim.tag.end), "ref", next) + out.slice(dim.tag.end);
  }
  const lastExisting = rows.length > 0 ? rows[rows.length - 1].r : 0;
  return { xml: out, removedFormulas, lastRow: Math.max(lastRow, lastExisting), lastColumn };
}

/**
 * The sheet part with the `touched` rows (ascending) replaced by `rowText(r)`: untouched rows and whatever
 * sits between them are copied character for character; a touched row missing from the part is inserted
 * in row order.
 */
function spliceRows(xml: string, sheetData: Element, rows: readonly RowEl[], touched: readonly number[], rowText: (r: number) => string): string {
  const parts: string[] = [xml.slice(0, sheetData.tag.kind === "empty" ? sheetData.tag.start : sheetData.tag.end)];
  if (sheetData.tag.kind === "empty") parts.push(xml.slice(sheetData.tag.start, sheetData.tag.end).replace(/\s*\/>$/, ">"));
  let pos = sheetData.tag.end;
  let t = 0;
  for (const el of rows) {
    while (t < touched.length && touched[t] < el.r) parts.push(rowText(touched[t++]));
    if (t < touched.length && touched[t] === el.r) {
      parts.push(xml.slice(pos, el.start)); // whatever sits between rows (whitespace)
      parts.push(rowText(touched[t++]));
    } else parts.push(xml.slice(pos, el.end));
    pos = el.end;
  }
  while (t < touched.length) parts.push(rowText(touched[t++]));
  if (sheetData.tag.kind === "empty") parts.push(`</${sheetData.tag.name}>`, xml.slice(sheetData.end));
  else parts.push(xml.slice(pos));
  return parts.join("");
}

export interface RestyledCells {
  readonly xml: string;
  /** The style (xf index) each cell had: its own, else its row's (customFormat) or column's, else 0. */
  readonly original: ReadonlyMap<string, number>;
}

/** A1 addresses grouped by row, and by column within a row; an address that is no cell's is refused. */
function byRowAndColumn<T>(cells: ReadonlyMap<string, T>): Map<number, Map<number, T>> {
  const wanted = new Map<number, Map<number, T>>();
  for (const [ref, v] of cells) {
    const r = rowOfRef(ref);
    const c = columnIndexOf(ref);
    if (!(r >= 1) || c < 0) throw new UnsafeEditError(`неверный адрес ячейки «${ref}»`);
    const m = wanted.get(r) ?? new Map<number, T>();
    m.set(c, v);
    wanted.set(r, m);
  }
  return wanted;
}

/** Row r's cells as they are (none when the part has no such row), and the style a new cell there takes. */
function rowAt(index: SheetIndex, r: number): { open: string; present: Cell[]; close: string; newCellStyle: (col: number) => number } {
  const el = index.byRow.get(r);
  const { open, cells: present, close } = el ? cellsOf(index.xml.slice(el.start, el.end)) : { open: `<row r="${r}">`, cells: [] as Cell[], close: "</row>" };
  const ra = attrsOf(open, tags(open).next().value!);
  const rowStyle = ra.get("customFormat") === "1" || ra.get("customFormat") === "true" ? ra.get("s") : undefined;
  return { open, present, close, newCellStyle: (col) => Number(rowStyle ?? index.colStyles.get(col) ?? 0) };
}

/**
 * The style (xf index) each listed cell has: its own, else its row's (customFormat) or column's, else 0 —
 * what `restyleCells` reports as `original`, read without writing anything.
 */
export function cellStyles(index: SheetIndex, refs: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [r, cols] of byRowAndColumn(new Map([...refs].map((ref) => [ref, true])))) {
    const { present, newCellStyle } = rowAt(index, r);
    const seen = new Set<number>();
    for (const cell of present) {
      if (!cols.has(cell.col)) continue;
      seen.add(cell.col);
      out.set(cellAddress(r, cell.col + 1), Number(cell.style ?? 0));
    }
    for (const col of cols.keys()) if (!seen.has(col)) out.set(cellAddress(r, col + 1), newCellStyle(col));
  }
  return out;
}

/**
 * Gives the listed cells (A1 addresses) new styles, `restyle(old xf)` each, and nothing else: values,
 * formulas and every other cell and row stay as they were; a cell missing from the part is added empty
 * with the new style, in column order. Takes the part's text, or its index when the caller has one.
 */
export function restyleCells(part: string | SheetIndex, cells: ReadonlyMap<string, (xf: number) => number>): RestyledCells {
  const index = typeof part === "string" ? indexSheet(part) : part;
  const { xml, sheetData, rows } = index;
  const wanted = byRowAndColumn(cells);
  const original = new Map<string, number>();
  const rowText = (r: number): string => {
    const { open, present, close, newCellStyle } = rowAt(index, r);
    const want = wanted.get(r)!;
    const out: { col: number; xml: string }[] = [];
    const seen = new Set<number>();
    for (const cell of present) {
      seen.add(cell.col);
      const f = want.get(cell.col);
      // Every cell of a touched row gets its `r`: a cell inserted before one that has none would move it.
      const head = tags(cell.xml).next().value!;
      const ref = cellAddress(r, cell.col + 1);
      let tagText = withAttr(cell.xml.slice(0, head.end), "r", ref);
      if (f) {
        const old = Number(cell.style ?? 0);
        original.set(ref, old);
        tagText = withAttr(tagText, "s", String(f(old)));
      }
      out.push({ col: cell.col, xml: tagText + cell.xml.slice(head.end) });
    }
    for (const [col, f] of want) {
      if (seen.has(col)) continue;
      const old = newCellStyle(col);
      const ref = cellAddress(r, col + 1);
      original.set(ref, old);
      out.push({ col, xml: `<c r="${ref}" s="${f(old)}"/>` });
    }
    out.sort((a, b) => a.col - b.col);
    return `${withoutAttr(open, "spans")}${out.map((c) => c.xml).join("")}${close}`;
  };
  const touched = [...wanted.keys()].sort((a, b) => a - b);
  return { xml: spliceRows(xml, sheetData, rows, touched, rowText), original };
}

/**
 * Writes values into cells (A1 addresses), replacing what they held (a formula cell refused: its
 * dependants would silently change); each cell keeps its style unless `style` gives one for it. Every other
 * cell and row stays as it was. `style(ref, old)` may give a cell a new style (the text format).
 */
export function writeCells(xml: string, writes: ReadonlyMap<string, CellValue>, date1904: boolean, styles: CellStyles, style?: (ref: string, old: string | undefined) => string | undefined): string {
  const { sheetData, rows, byRow, colStyles } = indexSheet(xml);
  const wanted = new Map<number, Map<number, CellValue>>();
  for (const [ref, v] of writes) {
    const r = rowOfRef(ref);
    const m = wanted.get(r) ?? new Map<number, CellValue>();
    m.set(columnIndexOf(ref), v);
    wanted.set(r, m);
  }
  const rowText = (r: number): string => {
    const el = byRow.get(r);
    const { open, cells, close } = el ? cellsOf(xml.slice(el.start, el.end)) : { open: `<row r="${r}">`, cells: [] as Cell[], close: "</row>" };
    const want = wanted.get(r)!;
    const out: { col: number; xml: string }[] = [];
    const seen = new Set<number>();
    for (const cell of cells) {
      seen.add(cell.col);
      const ref = cellAddress(r, cell.col + 1);
      if (!want.has(cell.col)) {
        const head = tags(cell.xml).next().value!;
        out.push({ col: cell.col, xml: withAttr(cell.xml.slice(0, head.end), "r", ref) + cell.xml.slice(head.end) });
        continue;
      }
      if (cell.formula) throw new UnsafeEditError(`в ячейке ${ref} формула`);
      const old = cell.style ?? colStyles.get(cell.col);
      const x = cellXml(r, cell.col, want.get(cell.col)!, style?.(ref, old) ?? old, date1904, styles);
      if (x !== null) out.push({ col: cell.col, xml: x });
    }
    for (const [col, v] of want) {
      if (seen.has(col)) continue;
      const ref = cellAddress(r, col + 1);
      const old = colStyles.get(col);
      const x = cellXml(r, col, v, style?.(ref, old) ?? old, date1904, styles);
      if (x !== null) out.push({ col, xml: x });
    }
    out.sort((a, b) => a.col - b.col);
    return `${withoutAttr(open, "spans")}${out.map((c) => c.xml).join("")}${close}`;
  };
  return spliceRows(xml, sheetData, rows, [...wanted.keys()].sort((a, b) => a - b), rowText);
}

/** The default style of each column (`<col min max style>`), 0-based. */
/** The column styles of `<cols>`, which comes before sheetData (CT_Worksheet's order): searched only there. */
function columnStyles(xml: string, to: number): Map<number, string> {
  const m = new Map<number, string>();
  const cols = findElement(xml, "cols", 0, to);
  if (!cols) return m;
  for (const c of elementsIn(xml, cols, "col")) {
    const a = attrsOf(xml, c.tag);
    const style = a.get("style");
    if (style === undefined || style === "0") continue;
    const min = Number(a.get("min"));
    const max = Math.min(Number(a.get("max")), min + 16384);
    for (let i = min; i <= max; i++) m.set(i - 1, style);
  }
  return m;
}
