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
 * Past the saved fill, the store keeps the tone each cell was coloured (column G; F is the downloaded
 * workbook's «Стиль», src/xlsx/package/highlight.ts), under a header that says what was highlighted. A
 * live re-check brings only issue highlights up to date, and only in a store that says so.
 */
export const TONE_HEADERS = { issues: "Тон: замечания", roadmap: "Тон: дорожная карта" } as const;
export type HighlightKind = keyof typeof TONE_HEADERS;
const WIDTH = 7; // A–E the saved fill, F unused here, G the tone

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

type FillProps = { color?: string; pattern?: string; tintAndShade?: number | null } | undefined;

/** A store row: the cell, its fill before we coloured it (no fill: no tint), and the tone we coloured it. */
function storeRow(sheet: string, cell: string, p: FillProps, tone: StatusTone): string[] {
  const tint = p?.tintAndShade;
  const filled = typeof tint === "number";
  return [sheet, cell, filled ? String(p?.pattern ?? "Solid") : "None", filled ? String(p?.color ?? "") : "", filled ? String(tint) : "", "", tone];
}

const headerOf = (kind: HighlightKind) => [...STORE_HEADER, "", TONE_HEADERS[kind]];

/** Colours the marked cells (after restoring any earlier highlights). Five syncs at most in all. */
export async function applyHighlights(ctx: Excel.RequestContext, marks: readonly Mark[], kind: HighlightKind = "issues"): Promise<number> {
  await clearHighlights(ctx);
  if (marks.length === 0) return 0;
  const sheet = sheetGetter(ctx);
  const originals = marks.map((m) =>
    sheet(m.sheet).getRange(m.cell).getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } }),
  );
  await ctx.sync();
  const store = ctx.workbook.worksheets.add(HIGHLIGHT_STORE);
  const rows: string[][] = [headerOf(kind)];
  marks.forEach((m, i) => rows.push(storeRow(m.sheet, m.cell, originals[i].value[0][0].format?.fill, m.tone)));
  const saved = store.getRangeByIndexes(0, 0, rows.length, WIDTH);
  // Text first: a sheet named «2021» would otherwise be stored as the number 2021 and never restored.
  saved.numberFormat = rows.map((r) => r.map(() => "@"));
  saved.values = rows;
  store.visibility = "VeryHidden"; // string values, not the Excel enum: the test host has no global Excel
  for (const m of marks) sheet(m.sheet).getRange(m.cell).format.fill.color = `#${PALETTE.tones[m.tone].fill}`;
  await ctx.sync();
  return marks.length;
}

// ---- The live re-check (service.recheck): highlights follow the issues without a click. ----

/**
 * The store's rows as a re-check reads them, in the batch that reads the changed rows: one sync for both.
 * Only for a store known to exist (the check read it; «Подсветить» made it): a method of a null object
 * is not something to rely on in Office, so existence is never asked in the same batch.
 */
export function loadStore(ctx: Excel.RequestContext): () => string[][] {
  const used = ctx.workbook.worksheets.getItem(HIGHLIGHT_STORE).getUsedRangeOrNullObject(true);
  used.load("values");
  return () => (used.isNullObject ? [] : (used.values as unknown[][]).map((r) => r.map((v) => String(v ?? ""))));
}

const toneColor = (tone: StatusTone) => `#${PALETTE.tones[tone].fill}`.toUpperCase();
const paintCell = (fill: Excel.RangeFill, tone: StatusTone) => void (fill.color = `#${PALETTE.tones[tone].fill}`);

/** What a re-check changes in the highlights, cell by cell. */
export interface RefreshPlan {
  /** The store after the re-check, header first, one row per highlighted cell (new cells' rows wait for their fills). */
  readonly store: readonly string[][];
  /** How many rows the store had, header included: rows past the new end are emptied. */
  readonly before: number;
  /** Cells whose issues are gone: their saved fill goes back (their store rows). */
  readonly restore: readonly string[][];
  /** Cells still highlighted whose tone changed. */
  readonly paint: readonly Mark[];
  /** New issue cells: their fill is read and saved, then they are coloured. */
  readonly save: readonly Mark[];
  /**
   * Highlighted cells of the changed rows, kept or not: a paste may have brought a fill of its own over
   * ours, which then is the cell's fill to keep, never overwritten by the one saved before.
   */
  readonly check: readonly string[][];
}

/**
 * The issue highlights after a re-check, or null when the store holds none (roadmap highlights, or a store
 * of an earlier version or of the downloaded workbook, without tones). `rows` is the store as read,
 * `marks` the issue cells the check gives now (a cell's last mark is its tone, as applyHighlights paints
 * them in order), `changed` tells the cells of the rows the user changed, `sheets` the sheets the re-check
 * read (rows of other sheets stay as they are).
 */
export function planRefresh(rows: readonly (readonly string[])[], marks: readonly Mark[], changed: (sheet: string, cell: string) => boolean, sheets: ReadonlySet<string>): RefreshPlan | null {
  if (rows[0]?.[WIDTH - 1] !== TONE_HEADERS.issues) return null;
  const now = new Map<string, Mark>();
  for (const m of marks) now.set(`${m.sheet}!${m.cell}`, m);
  const seen = new Set<string>();
  const store: string[][] = [headerOf("issues")];
  const restore: string[][] = [];
  const paint: Mark[] = [];
  const check: string[][] = [];
  for (const raw of rows.slice(1)) {
    const r = Array.from({ length: WIDTH }, (_, i) => raw[i] ?? "");
    const key = `${r[0]}!${r[1]}`;
    if (r[0] === "" || seen.has(key)) continue; // a cell with several issues had a row per issue, all alike
    seen.add(key);
    if (!sheets.has(r[0])) {
      store.push(r);
      continue;
    }
    const m = now.get(key);
    const touched = changed(r[0], r[1]);
    if (touched) check.push(r);
    if (m === undefined) {
      if (!touched) restore.push(r);
      continue;
    }
    store.push([...r.slice(0, WIDTH - 1), m.tone]);
    if (!touched && r[WIDTH - 1] !== m.tone) paint.push(m);
  }
  const save: Mark[] = [];
  for (const [key, m] of now) if (!seen.has(key)) save.push(m);
  return { store, before: rows.length, restore, paint, save, check };
}

/**
 * Brings the issue highlights up to date after a re-check, in two syncs at most: one reads the fills of new
 * issue cells and of highlighted cells in the changed rows, one writes the fills and the store. Returns
 * how many cells changed colour.
 */
export async function refreshHighlights(ctx: Excel.RequestContext, plan: RefreshPlan): Promise<number> {
  const { restore, paint, save, check } = plan;
  if (restore.length + paint.length + save.length + check.length === 0) return 0;
  const sheet = sheetGetter(ctx);
  const fillOf = (name: string, cell: string) => sheet(name).getRange(cell).getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } });
  const saved = save.map((m) => fillOf(m.sheet, m.cell));
  const checked = check.map((r) => fillOf(r[0], r[1]));
  if (saved.length + checked.length > 0) await ctx.sync();
  const rows = plan.store.map((r) => r.slice());
  const at = new Map(rows.map((r, i) => [`${r[0]}!${r[1]}`, i]));
  let changed = 0;
  check.forEach((r, i) => {
    const p = checked[i].value[0][0].format?.fill as FillProps;
    const was = r[WIDTH - 1] as StatusTone;
    const ours = p?.tintAndShade === 0 && String(p?.color ?? "").toUpperCase() === toneColor(was);
    const k = at.get(`${r[0]}!${r[1]}`);
    if (k === undefined) {
      // No issue there any more: the saved fill goes back while ours is still there; a pasted one stays.
      if (ours) {
        restoreFill(sheet(r[0]).getRange(r[1]).format.fill, r, true);
        changed++;
      }
      return;
    }
    const tone = rows[k][WIDTH - 1] as StatusTone;
    if (!ours) rows[k] = storeRow(r[0], r[1], p, tone); // the pasted fill is what clearing gives back
    if (!ours || was !== tone) {
      paintCell(sheet(r[0]).getRange(r[1]).format.fill, tone);
      changed++;
    }
  });
  for (const r of restore) restoreFill(sheet(r[0]).getRange(r[1]).format.fill, r, true);
  for (const m of paint) paintCell(sheet(m.sheet).getRange(m.cell).format.fill, m.tone);
  save.forEach((m, i) => {
    rows.push(storeRow(m.sheet, m.cell, saved[i].value[0][0].format?.fill, m.tone));
    paintCell(sheet(m.sheet).getRange(m.cell).format.fill, m.tone);
  });
  changed += restore.length + paint.length + save.length;
  const ws = ctx.workbook.worksheets.getItem(HIGHLIGHT_STORE);
  const block = ws.getRangeByIndexes(0, 0, rows.length, WIDTH);
  block.numberFormat = rows.map((r) => r.map(() => "@"));
  block.values = rows;
  if (plan.before > rows.length) {
    const n = plan.before - rows.length;
    ws.getRangeByIndexes(rows.length, 0, n, WIDTH).values = Array.from({ length: n }, () => Array<string>(WIDTH).fill(""));
  }
  await ctx.sync();
  return changed;
}
