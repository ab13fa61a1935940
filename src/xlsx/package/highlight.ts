// Reversible highlights written into a user's package, for a workbook the user downloads (the standalone
// page) rather than one open in Excel. Each marked cell gets a copy of its own cell format with a solid
// tone fill, so its number format, font and borders stay; its former format is kept in the hidden sheet
// the add-in uses for the same purpose (same name and columns: «Лист», «Ячейка», «Узор», «Цвет»,
// «Оттенок», plus «Стиль», the former format's index), so both the add-in's «Убрать подсветку» and
// `clearHighlights` here put every cell back. What changes: the marked sheets' parts, the styles part, the workbook part,
// its relationships and the content types; every other part keeps its exact bytes.
import { cellAddress } from "../../core/model/cells";
import { PALETTE } from "../../core/report/layout";
import type { StatusTone } from "../../core/report/model";
import { WorkbookFileError } from "../read";
import { type Package, REL, type SheetEntry } from "./opc";
import { type SheetIndex, UnsafeEditError, cellStyles, indexSheet, restyleCells } from "./rows";
import { putSheet, removeSheet } from "./sheet";
import { fillOfXf, solidFillXfs } from "./styles";
import { escapeCellText, findElement, tags, attrsOf, withAttr } from "./xml";

/** The hidden sheet of saved formats; the add-in's `HIGHLIGHT_STORE` (test/safety/highlight-package.test.ts checks they agree). */
export const STORE_SHEET = "ММ_Выделение";
export const STORE_COLUMNS = ["Лист", "Ячейка", "Узор", "Цвет", "Оттенок", "Стиль"];

export interface CellMark {
  readonly sheet: string;
  readonly cell: string; // one cell, e.g. "E14"
  readonly tone: StatusTone;
}

// What cannot be highlighted is said to the user, as the other package edits say it (WorkbookFileError):
// the edit stops before anything is written, so the file is as it was.
function stylesPartOf(pkg: Package): string {
  const part = pkg.rels(pkg.workbookPart()).find((r) => r.type === REL.styles)?.part;
  if (!part || !pkg.has(part)) throw new WorkbookFileError("В книге нет части со стилями ячеек (xl/styles.xml), поэтому подсветить ячейки нельзя. Файл не изменён");
  return part;
}

function worksheet(pkg: Package, name: string): SheetEntry & { part: string } {
  const s = pkg.sheets().find((e) => e.name === name);
  if (!s) throw new WorkbookFileError(`Листа «${name}» нет в книге, поэтому его ячейки не подсвечены. Файл не изменён`);
  if (!s.part) throw new WorkbookFileError(`Лист «${name}» — не таблица с ячейками (например, лист диаграммы), поэтому его ячейки не подсвечены. Файл не изменён`);
  return s as SheetEntry & { part: string };
}

/** A marked sheet's index; a sheet whose rows cannot be edited safely stops the highlight, said in Russian. */
function indexOf(pkg: Package, sheet: string, part: string): SheetIndex {
  try {
    return indexSheet(pkg.text(part));
  } catch (e) {
    if (e instanceof UnsafeEditError) throw new WorkbookFileError(`Ячейки листа «${sheet}» не подсвечены: ${e.message}. Файл не изменён`);
    throw e;
  }
}

/** The store's rows (without its header), read from its inline or shared strings. */
function storeRows(pkg: Package, part: string): string[][] {
  const xml = pkg.text(part);
  const sst = pkg.rels(pkg.workbookPart()).find((r) => r.type === REL.sharedStrings)?.part;
  const shared: string[] = [];
  if (sst && pkg.has(sst)) {
    const t = pkg.text(sst);
    for (const m of t.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g)) shared.push([...m[1].matchAll(/<(?:\w+:)?t\b[^>]*>([^<]*)</g)].map((x) => x[1]).join(""));
  }
  const rows: string[][] = [];
  for (const row of xml.matchAll(/<(?:\w+:)?row\b[^>]*>([\s\S]*?)<\/(?:\w+:)?row>/g)) {
    const cells: string[] = [];
    for (const c of row[1].matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const body = c[2] ?? "";
      const text = /\bt="s"/.test(c[1]) ? (shared[Number(/<(?:\w+:)?v>(\d+)</.exec(body)?.[1])] ?? "") : [...body.matchAll(/<(?:\w+:)?[tv]\b[^>]*>([^<]*)</g)].map((x) => x[1]).join("");
      cells.push(text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&"));
    }
    rows.push(cells);
  }
  return rows.slice(1);
}

/**
 * Puts back the formats the store saved and removes the store. A row with «Стиль» (written here) gets its
 * cell's former format back exactly. A row without it (written by the add-in in Excel) gets its fill back
 * from «Цвет» on the cell's current format — a solid fill of that colour, or no fill — as the add-in's own
 * «Убрать подсветку» would. A row whose sheet is gone is skipped. Returns how many cells were restored.
 */
export function clearHighlights(pkg: Package): number {
  const store = pkg.sheets().find((s) => s.name === STORE_SHEET);
  if (!store?.part) return 0;
  const rows = storeRows(pkg, store.part);
  const present = new Set(pkg.sheets().map((s) => s.name));
  const exact = new Map<string, Map<string, number>>();
  const byFill = new Map<string, Map<string, string | null>>();
  for (const [sheet, cell, pattern, color, tint, style] of rows) {
    if (!sheet || !cell || !present.has(sheet) || !/^[A-Z]+\d+$/.test(cell)) continue;
    if (style !== undefined && /^\d+$/.test(style)) {
      const m = exact.get(sheet) ?? new Map<string, number>();
      exact.set(sheet, m.set(cell, Number(style)));
    } else {
      // The add-in's rule: no fill when the tint is empty (its five-column store) or the pattern is None.
      const none = (tint !== undefined && rows[0]?.length >= 5 ? tint === "" : pattern === "None" || pattern === "") || !/^#[0-9A-Fa-f]{6}$/.test(color ?? "");
      const m = byFill.get(sheet) ?? new Map<string, string | null>();
      byFill.set(sheet, m.set(cell, none ? null : color!.slice(1)));
    }
  }
  let restored = 0;
  for (const [sheet, cells] of exact) {
    const ws = worksheet(pkg, sheet);
    pkg.set(ws.part, restyleCells(pkg.text(ws.part), new Map([...cells].map(([c, xf]) => [c, () => xf]))).xml);
    restored += cells.size;
  }
  if (byFill.size > 0) {
    const stylesPart = stylesPartOf(pkg);
    for (const [sheet, cells] of byFill) {
      const ws = worksheet(pkg, sheet);
      const now = restyleCells(pkg.text(ws.part), new Map([...cells.keys()].map((c) => [c, (xf: number) => xf]))).original;
      const refs = [...cells.keys()];
      const { xml, xfs } = solidFillXfs(pkg.text(stylesPart), refs.map((c) => ({ xf: now.get(c) ?? 0, rgb: cells.get(c)! })));
      pkg.set(stylesPart, xml);
      pkg.set(ws.part, restyleCells(pkg.text(ws.part), new Map(refs.map((c, i) => [c, () => xfs[i]]))).xml);
      restored += refs.length;
    }
  }
  removeSheet(pkg, STORE_SHEET);
  return restored;
}

/** Colours the marked cells (after restoring any earlier highlights); returns how many were marked. */
export function highlightCells(pkg: Package, marks: readonly CellMark[]): number {
  clearHighlights(pkg);
  if (marks.length === 0) return 0;
  const stylesPart = stylesPartOf(pkg);
  const bySheet = new Map<string, Map<string, StatusTone>>();
  for (const m of marks) {
    const cells = bySheet.get(m.sheet) ?? new Map<string, StatusTone>();
    cells.set(m.cell.replace(/\$/g, "").toUpperCase(), m.tone);
    bySheet.set(m.sheet, cells);
  }
  // First the formats the cells have now, then one toned copy per (format, tone).
  // Each sheet's part is scanned once: its index serves both the reading and the restyling.
  const indexes = new Map<string, { part: string; index: SheetIndex }>();
  const originals = new Map<string, ReadonlyMap<string, number>>();
  for (const [sheet, cells] of bySheet) {
    const ws = worksheet(pkg, sheet);
    const index = indexOf(pkg, sheet, ws.part);
    indexes.set(sheet, { part: ws.part, index });
    originals.set(sheet, cellStyles(index, cells.keys()));
  }
  const requests: { xf: number; rgb: string }[] = [];
  const key = (xf: number, tone: StatusTone) => `${xf}|${tone}`;
  const index = new Map<string, number>();
  for (const [sheet, cells] of bySheet) {
    for (const [cell, tone] of cells) {
      const xf = originals.get(sheet)!.get(cell) ?? 0;
      if (!index.has(key(xf, tone))) {
        index.set(key(xf, tone), requests.length);
        requests.push({ xf, rgb: PALETTE.tones[tone].fill });
      }
    }
  }
  const before = pkg.text(stylesPart);
  const { xml: styles, xfs } = solidFillXfs(before, requests);
  pkg.set(stylesPart, styles);
  const saved: string[][] = [STORE_COLUMNS];
  for (const [sheet, cells] of bySheet) {
    const old = originals.get(sheet)!;
    const restyle = new Map([...cells].map(([cell, tone]) => [cell, (xf: number) => xfs[index.get(key(xf, tone))!]]));
    const { part, index: sheetIndex } = indexes.get(sheet)!;
    pkg.set(part, restyleCells(sheetIndex, restyle).xml);
    for (const cell of cells.keys()) {
      const xf = old.get(cell) ?? 0;
      const fill = fillOfXf(before, xf);
      saved.push([sheet, cell, fill.pattern, fill.color, fill.tint, String(xf)]);
    }
  }
  putSheet(pkg, { xml: storeSheetXml(saved), styles: null, names: [] }, STORE_SHEET, null);
  hideSheet(pkg, STORE_SHEET);
  return marks.length;
}

/** A worksheet of inline texts: a sheet named «2021» stays a text, so its cells are found again. */
function storeSheetXml(rows: readonly string[][]): string {
  const body = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((v, c) => `<c r="${cellAddress(r + 1, c + 1)}" t="inlineStr"><is><t xml:space="preserve">${escapeCellText(v)}</t></is></c>`).join("")}</row>`)
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:F${rows.length}"/><sheetData>${body}</sheetData></worksheet>`
  );
}

function hideSheet(pkg: Package, name: string): void {
  const wbPart = pkg.workbookPart();
  const wb = pkg.text(wbPart);
  const sheetsEl = findElement(wb, "sheets")!;
  for (const t of tags(wb, sheetsEl.tag.end, sheetsEl.contentEnd)) {
    if (t.local === "sheet" && t.kind !== "close" && attrsOf(wb, t).get("name") === name) {
      pkg.set(wbPart, wb.slice(0, t.start) + withAttr(wb.slice(t.start, t.end), "state", "hidden") + wb.slice(t.end));
      return;
    }
  }
}
