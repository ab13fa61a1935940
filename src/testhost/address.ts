// A1 addresses ↔ zero-based rectangles on Excel's grid. Pure functions: the browser bundle and jest share them.

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A block of cells, zero-based like getRangeByIndexes. */
export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export function columnName(col0: number): string {
  let s = "";
  for (let n = col0 + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function cellName(row0: number, col0: number, absolute = false): string {
  return absolute ? `$${columnName(col0)}$${row0 + 1}` : `${columnName(col0)}${row0 + 1}`;
}

/** "A1" for one cell, "A1:C4" otherwise (what Range.address shows after the sheet part). */
export function rectAddress(r: Rect, absolute = false): string {
  const a = cellName(r.row, r.col, absolute);
  return r.rows === 1 && r.cols === 1 ? a : `${a}:${cellName(r.row + r.rows - 1, r.col + r.cols - 1, absolute)}`;
}

/** Excel quotes a sheet name in a reference unless it is a plain identifier. */
export function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const CELL = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Z]{1,3})$/;
const ROWS = /^\$?(\d{1,7})$/;

function letters(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** One end of an address: a cell, a whole column or a whole row. */
function part(p: string): { row: number | null; col: number | null } | null {
  const u = p.toUpperCase();
  let m = CELL.exec(u);
  if (m) return { row: Number(m[2]) - 1, col: letters(m[1]) };
  if ((m = COLS.exec(u))) return { row: null, col: letters(m[1]) };
  if ((m = ROWS.exec(u))) return { row: Number(m[1]) - 1, col: null };
  return null;
}

/** "A1", "$A$1:B2", "A:C", "1:3", optionally after "Sheet!" or "'My sheet'!". Null when malformed. */
export function parseAddress(text: string): { sheet: string | null; rect: Rect } | null {
  let sheet: string | null = null;
  let ref = text.trim();
  const bang = ref.lastIndexOf("!");
  if (bang >= 0) {
    const s = ref.slice(0, bang);
    sheet = s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
    ref = ref.slice(bang + 1);
  }
  const [a, b = a, extra] = ref.split(":");
  if (extra !== undefined) return null;
  const p = part(a);
  const q = part(b);
  if (!p || !q || (p.row === null) !== (q.row === null) || (p.col === null) !== (q.col === null)) return null;
  const r0 = p.row ?? 0;
  const r1 = q.row ?? MAX_ROWS - 1;
  const c0 = p.col ?? 0;
  const c1 = q.col ?? MAX_COLUMNS - 1;
  const rect = { row: Math.min(r0, r1), col: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 };
  return inGrid(rect) ? { sheet, rect } : null;
}

export function inGrid(r: Rect): boolean {
  return r.row >= 0 && r.col >= 0 && r.rows >= 1 && r.cols >= 1 && r.row + r.rows <= MAX_ROWS && r.col + r.cols <= MAX_COLUMNS;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.row >= outer.row && inner.col >= outer.col && inner.row + inner.rows <= outer.row + outer.rows && inner.col + inner.cols <= outer.col + outer.cols;
}
