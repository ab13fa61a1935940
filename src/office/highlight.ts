// Reversible highlights: before colouring a cell, its fill is saved in a very hidden sheet; «Убрать
// подсветку» puts every fill back (a real white fill as white, no fill as no fill) and removes that
// sheet. Syncs stay constant whatever the count.
import { PALETTE } from "../core/report/layout";
import type { StatusTone } from "../core/report/model";

export const HIGHLIGHT_STORE = "ММ_Выделение";

export interface Mark {
  readonly sheet: string;
  readonly cell: string; // one cell, e.g. "E14"
  readonly tone: StatusTone;
}

function sheetGetter(ctx: Excel.RequestContext) {
  const cache = new Map<string, Excel.Worksheet>();
  return (name: string) => {
    let ws = cache.get(name);
    if (!ws) cache.set(name, (ws = ctx.workbook.worksheets.getItem(name)));
    return ws;
  };
}

/** The store's header row. Earlier versions wrote the first four columns only (no «Оттенок»). */
export const STORE_HEADER = ["Лист", "Ячейка", "Узор", "Цвет", "Оттенок"];

/**
 * Puts one saved fill back. Excel reads "no fill" as the colour #FFFFFF, like a real white fill, and
 * only tintAndShade tells them apart: null for no fill, a number for any fill (office-js #4900, #6218).
 * The store keeps the tint as text, "" for no fill. A row of an older store (four columns, no tint)
 * counts as no fill when its pattern was "None" or missing, as that version decided.
 */
function restoreFill(fill: Excel.RangeFill, row: readonly string[], withTint: boolean): void {
  const [, , pattern, color, tint] = row;
  const noFill = withTint ? tint === "" || tint === undefined : pattern === "None" || pattern === "" || !color;
  if (noFill || !color) {
    fill.clear();
    return;
  }
  fill.color = color;
  if (pattern && pattern !== "Solid" && pattern !== "None") fill.pattern = pattern as Excel.FillPattern;
  const t = Number(tint);
  if (withTint && Number.isFinite(t) && t !== 0) fill.tintAndShade = t;
}

/** Restores the saved fills; returns how many cells were restored. Three syncs at most. */
export async function clearHighlights(ctx: Excel.RequestContext): Promise<number> {
  const store = ctx.workbook.worksheets.getItemOrNullObject(HIGHLIGHT_STORE);
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await ctx.sync();
  if (store.isNullObject) return 0;
  const used = store.getUsedRangeOrNullObject(true);
  used.load("values");
  await ctx.sync();
  const present = new Set(sheets.items.map((s) => s.name));
  const sheet = sheetGetter(ctx);
  let restored = 0;
  const rows = used.isNullObject ? [] : (used.values as unknown[][]).map((r) => r.map((v) => String(v ?? "")));
  const withTint = rows[0]?.[4] === STORE_HEADER[4];
  for (const row of rows.slice(1)) {
    const [name, cell] = row;
    if (!present.has(name)) continue; // the user removed that sheet meanwhile
    restoreFill(sheet(name).getRange(cell).format.fill, row, withTint);
    restored++;
  }
  // Excel refuses to delete a very hidden sheet (office-js issue #365; Worksheet.delete's reference): it
  // is made Hidden first, in the same batch. This also repairs a store left very hidden by earlier
  // versions, whose clearing failed.
  store.visibility = "Hidden";
  store.delete();
  await ctx.sync();
  return restored;
}

/** Colours the marked cells (after restoring any earlier highlights). Five syncs at most in all. */
export async function applyHighlights(ctx: Excel.RequestContext, marks: readonly Mark[]): Promise<number> {
  await clearHighlights(ctx);
  if (marks.length === 0) return 0;
  const sheet = sheetGetter(ctx);
  const originals = marks.map((m) =>
    sheet(m.sheet).getRange(m.cell).getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } }),
  );
  await ctx.sync();
  const store = ctx.workbook.worksheets.add(HIGHLIGHT_STORE);
  const rows: string[][] = [STORE_HEADER];
  marks.forEach((m, i) => {
    const p = originals[i].value[0][0].format?.fill;
    const tint = p?.tintAndShade;
    const filled = typeof tint === "number";
    rows.push([m.sheet, m.cell, filled ? String(p?.pattern ?? "Solid") : "None", filled ? String(p?.color ?? "") : "", filled ? String(tint) : ""]);
  });
  const saved = store.getRangeByIndexes(0, 0, rows.length, STORE_HEADER.length);
  // Text first: a sheet named «2021» would otherwise be stored as the number 2021 and never restored.
  saved.numberFormat = rows.map((r) => r.map(() => "@"));
  saved.values = rows;
  store.visibility = "VeryHidden"; // string values, not the Excel enum: the test host has no global Excel
  for (const m of marks) sheet(m.sheet).getRange(m.cell).format.fill.color = `#${PALETTE.tones[m.tone].fill}`;
  await ctx.sync();
  return marks.length;
}
