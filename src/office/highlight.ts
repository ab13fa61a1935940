// Reversible highlights: before colouring a cell, its fill is saved in a very hidden sheet; «Снять
// выделение» puts every fill back and removes that sheet. Syncs stay constant whatever the count.
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
  const rows = used.isNullObject ? [] : (used.values as string[][]);
  for (const [name, cell, pattern, color] of rows.slice(1)) {
    if (!present.has(name)) continue; // the user removed that sheet meanwhile
    const fill = sheet(name).getRange(cell).format.fill;
    if (pattern === "None" || !color) fill.clear();
    else fill.color = color;
    restored++;
  }
  // Excel refuses to delete a very hidden sheet (office-js issue #365): it is made Hidden first, in the
  // same batch. This also repairs a store left very hidden by earlier versions, whose clearing failed.
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
    sheet(m.sheet).getRange(m.cell).getCellProperties({ format: { fill: { color: true, pattern: true } } }),
  );
  await ctx.sync();
  const store = ctx.workbook.worksheets.add(HIGHLIGHT_STORE);
  const rows: string[][] = [["Лист", "Ячейка", "Узор", "Цвет"]];
  marks.forEach((m, i) => {
    const p = originals[i].value[0][0].format?.fill;
    rows.push([m.sheet, m.cell, String(p?.pattern ?? "None"), String(p?.color ?? "")]);
  });
  const saved = store.getRangeByIndexes(0, 0, rows.length, 4);
  // Text first: a sheet named «2021» would otherwise be stored as the number 2021 and never restored.
  saved.numberFormat = rows.map(() => ["@", "@", "@", "@"]);
  saved.values = rows;
  store.visibility = "VeryHidden"; // string values, not the Excel enum: the test host has no global Excel
  for (const m of marks) sheet(m.sheet).getRange(m.cell).format.fill.color = `#${PALETTE.tones[m.tone].fill}`;
  await ctx.sync();
  return marks.length;
}
