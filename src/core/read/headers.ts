// Finding a sheet's header row and its columns (SPEC §2): by table name, then sheet name, then headers
// in the first ten rows. Columns may come in any order, with extra columns beside them.
import { type CellValue, type SheetInput } from "../model/cells";
import type { ColumnSpec, SheetSpec } from "../model/columns";
import { headerKey, valueKey } from "../model/text";
import type { SheetView } from "./view";

export const HEADER_SCAN_ROWS = 10;

export interface LocatedSheet<K extends string = string> {
  readonly spec: SheetSpec<K>;
  readonly sheet: SheetInput;
  /** 0-based index into sheet.rows of the header row, or -1 when none was found. */
  readonly headerIndex: number;
  /** For each column key found: the 0-based index into a row. */
  readonly columnIndex: Partial<Record<K, number>>;
  /** Columns that must exist but were not found. */
  readonly missing: readonly ColumnSpec<K>[];
  readonly foundBy: "table" | "sheet-name" | "headers";
  /**
   * Set when the sheet is read through another layout than the template's (view.ts): its rows are then the
   * view's, and `columnIndex` holds only the columns that are one user column each (issues use the view).
   */
  readonly view?: SheetView<K>;
}

function headerText(v: CellValue): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

function keysOf<K extends string>(spec: SheetSpec<K>): Map<string, K> {
  const m = new Map<string, K>();
  for (const c of spec.columns) {
    for (const h of [c.header, ...(c.synonyms ?? [])]) if (!m.has(headerKey(h))) m.set(headerKey(h), c.key);
  }
  return m;
}

const keyCache = new WeakMap<SheetSpec, Map<string, string>>();
function headerKeys<K extends string>(spec: SheetSpec<K>): Map<string, K> {
  let m = keyCache.get(spec as SheetSpec);
  if (!m) keyCache.set(spec as SheetSpec, (m = keysOf(spec)));
  return m as Map<string, K>;
}

/** Which spec columns a row holds as headers; the first occurrence of a header wins. */
export function matchHeaderRow<K extends string>(spec: SheetSpec<K>, row: readonly CellValue[]): Partial<Record<K, number>> {
  const keys = headerKeys(spec);
  const found: Partial<Record<K, number>> = {};
  row.forEach((cell, i) => {
    const k = keys.get(headerKey(headerText(cell)));
    if (k !== undefined && found[k] === undefined) found[k] = i;
  });
  return found;
}

function missingOf<K extends string>(spec: SheetSpec<K>, idx: Partial<Record<K, number>>): ColumnSpec<K>[] {
  return spec.columns.filter((c) => c.mustExist && idx[c.key] === undefined);
}

/**
 * Which spec columns a header split over two rows holds. Real forms put a group title above a pair of
 * columns («Дата» merged over «начала» | «окончания») and merge single headers down over both rows. Per
 * column, the first of these that names a known header wins: the lower cell alone; the upper and lower
 * together; the upper alone when the lower is empty. An empty upper cell takes the nearest title to its
 * left, because a merged title may reach the adapter only in its first cell (Office.js gives "" for the
 * rest). Only exact header matches count, so a title row above an ordinary header changes nothing.
 */
export function matchHeaderRows<K extends string>(
  spec: SheetSpec<K>,
  upper: readonly CellValue[],
  lower: readonly CellValue[],
): Partial<Record<K, number>> {
  const keys = headerKeys(spec);
  const found: Partial<Record<K, number>> = {};
  let title = "";
  for (let i = 0; i < Math.max(upper.length, lower.length); i++) {
    const up = headerText(upper[i] ?? null).trim();
    const low = headerText(lower[i] ?? null).trim();
    if (up !== "") title = up;
    const tries = low === "" ? [up] : [low, `${up || title} ${low}`];
    for (const t of tries) {
      const k = t === "" ? undefined : keys.get(headerKey(t));
      if (k !== undefined && found[k] === undefined) {
        found[k] = i;
        break;
      }
    }
  }
  return found;
}

interface HeaderMatch<K extends string> {
  headerIndex: number;
  columnIndex: Partial<Record<K, number>>;
  missing: ColumnSpec<K>[];
}

/**
 * The header row of a sheet: the first of the first ten rows holding every must-exist header, alone or
 * together with the row above it (a header split over two rows; the combination wins only when it finds
 * more columns); failing that (a sheet found by its name), the row with the most headers, if it has at
 * least two. The header index is the lower row: data starts below it.
 */
export function findHeader<K extends string>(
  spec: SheetSpec<K>,
  sheet: SheetInput,
  allowPartial: boolean,
): HeaderMatch<K> | undefined {
  let best: { headerIndex: number; columnIndex: Partial<Record<K, number>>; count: number } | undefined;
  const limit = Math.min(HEADER_SCAN_ROWS, sheet.rows.length);
  for (let i = 0; i < limit; i++) {
    const candidates = [matchHeaderRow(spec, sheet.rows[i])];
    if (i > 0) candidates.push(matchHeaderRows(spec, sheet.rows[i - 1], sheet.rows[i]));
    let complete: Partial<Record<K, number>> | undefined;
    for (const columnIndex of candidates) {
      const count = Object.keys(columnIndex).length;
      if (missingOf(spec, columnIndex).length === 0 && (!complete || count > Object.keys(complete).length)) complete = columnIndex;
      if (!best || count > best.count) best = { headerIndex: i, columnIndex, count };
    }
    if (complete) return { headerIndex: i, columnIndex: complete, missing: [] };
  }
  if (allowPartial && best && best.count >= 2) return { ...best, missing: missingOf(spec, best.columnIndex) };
  return undefined;
}

export function nameMatches(spec: SheetSpec, name: string): boolean {
  const k = valueKey(name);
  return spec.sheetSynonyms.some((s) => valueKey(s) === k);
}

/**
 * Recognises the sheets of one kind. Table name first, then sheet name (a sheet found this way is
 * read even with columns missing, so the user hears which), then any other sheet whose headers fit.
 * `taken` holds sheets already claimed by another kind.
 */
export function locateSheets<K extends string>(
  spec: SheetSpec<K>,
  sheets: readonly SheetInput[],
  taken: ReadonlySet<SheetInput>,
  many: boolean,
): { located: LocatedSheet<K>[]; headerless: SheetInput[] } {
  const located: LocatedSheet<K>[] = [];
  const headerless: SheetInput[] = [];
  const tableKey = valueKey(spec.tableName);
  const tryNamed = (sheet: SheetInput, foundBy: "table" | "sheet-name") => {
    const h = findHeader(spec, sheet, true);
    if (h) located.push({ spec, sheet, foundBy, ...h });
    else headerless.push(sheet);
  };
  const free = sheets.filter((s) => !taken.has(s));
  for (const s of free) if (s.tables?.some((t) => valueKey(t) === tableKey)) tryNamed(s, "table");
  if (located.length === 0 && headerless.length === 0) {
    for (const s of free) if (nameMatches(spec, s.name)) tryNamed(s, "sheet-name");
  }
  if (many || (located.length === 0 && headerless.length === 0)) {
    for (const s of free) {
      if (located.some((l) => l.sheet === s) || headerless.includes(s)) continue;
      const h = findHeader(spec, s, false);
      if (h) located.push({ spec, sheet: s, foundBy: "headers", ...h });
    }
  }
  return { located: many ? located : located.slice(0, 1), headerless };
}
