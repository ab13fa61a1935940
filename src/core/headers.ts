// Finding a sheet's header row and its columns (SPEC §2): by table name, then sheet name, then headers
// in the first ten rows. Columns may come in any order, with extra columns beside them.
import { type CellValue, type SheetInput } from "./cells";
import type { ColumnSpec, SheetSpec } from "./columns";
import { headerKey, valueKey } from "./text";

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
 * The header row of a sheet: the first of the first ten rows holding every must-exist header;
 * failing that (a sheet found by its name), the row with the most headers, if it has at least two.
 */
export function findHeader<K extends string>(
  spec: SheetSpec<K>,
  sheet: SheetInput,
  allowPartial: boolean,
): { headerIndex: number; columnIndex: Partial<Record<K, number>>; missing: ColumnSpec<K>[] } | undefined {
  let best: { headerIndex: number; columnIndex: Partial<Record<K, number>>; count: number } | undefined;
  const limit = Math.min(HEADER_SCAN_ROWS, sheet.rows.length);
  for (let i = 0; i < limit; i++) {
    const columnIndex = matchHeaderRow(spec, sheet.rows[i]);
    const missing = missingOf(spec, columnIndex);
    if (missing.length === 0) return { headerIndex: i, columnIndex, missing };
    const count = Object.keys(columnIndex).length;
    if (!best || count > best.count) best = { headerIndex: i, columnIndex, count };
  }
  if (allowPartial && best && best.count >= 2) return { ...best, missing: missingOf(spec, best.columnIndex) };
  return undefined;
}

function nameMatches(spec: SheetSpec, name: string): boolean {
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
