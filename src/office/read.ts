// Reads every sheet's used range into the core's WorkbookInput: (1) sheet names, visibility, tables and
// the date system; (2) used-range bounds; (3) values and value types in blocks of rows. On desktop Excel that is
// three syncs whatever the size. Excel on the web answers at most 5 MB per sync, so there
// (`cellsPerSync` set) each BLOCK_CELLS cells beyond the first cost one more sync.
//
// The reader gives the page back between blocks (one task per sync and per block converted), reports
// progress per block, and can hand each block's rows to a sink (the engine's worker) instead of keeping
// them: then the returned sheets have no rows.
import type { CellValue, SheetInput, WorkbookInput } from "../core/model/cells";
import type { ReadProgress } from "../pane/port";
import { BLOCK_CELLS, BLOCK_ROWS, nextTask } from "./run";

type Cell = string | number | boolean;

/** Office delivers errors as their text with value type Error; empty cells as "" with type Empty. */
export function cellOf(value: Cell, type: Excel.RangeValueType | string): CellValue {
  switch (type) {
    case "Empty":
      return null;
    case "Error":
      return { error: String(value) };
    default:
      return value === "" ? null : value;
  }
}

export interface ReadOptions {
  readonly onProgress?: (p: ReadProgress) => void;
  /** Receives each block's rows as soon as it is read; the result's sheets then have no rows. */
  readonly sink?: { rows(sheet: number, rows: CellValue[][]): void };
}

function rowsOf(b: Excel.Range): CellValue[][] {
  const { values, valueTypes } = b;
  const rows: CellValue[][] = new Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const vr = values[r];
    const tr = valueTypes[r];
    const out: CellValue[] = new Array(vr.length);
    for (let c = 0; c < vr.length; c++) out[c] = cellOf(vr[c] as Cell, tr[c]);
    rows[r] = out;
  }
  return rows;
}

export async function readWorkbook(ctx: Excel.RequestContext, cellsPerSync: number | null = BLOCK_CELLS, opts: ReadOptions = {}): Promise<WorkbookInput> {
  const perSync = cellsPerSync ?? Infinity;
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  const tables = ctx.workbook.tables;
  tables.load("items/name,items/worksheet/name");
  // The workbook's date system, from Excel itself: DATE(1904; 1; 2) is serial 1 in the 1904 system and 1463
  // in the 1900 one (Functions, ExcelApi 1.2; Workbook.use1904DateSystem is still a preview API).
  const epoch = ctx.workbook.functions.date(1904, 1, 2);
  epoch.load("value");
  await ctx.sync();
  const date1904 = epoch.value === 1;

  const used = sheets.items.map((ws) => {
    const r = ws.getUsedRangeOrNullObject(true);
    r.load("rowIndex,columnIndex,rowCount,columnCount");
    return r;
  });
  await ctx.sync();

  // Each block: which sheet, and how many of its rows are read once it is in.
  const pending: { sheet: number; block: Excel.Range; upTo: number }[] = [];
  const rows: CellValue[][][] = sheets.items.map(() => []);
  const take = async () => {
    // One block converted per task, so a large read never holds the page for long.
    for (const p of pending.splice(0)) {
      await nextTask();
      const block = rowsOf(p.block);
      if (opts.sink) opts.sink.rows(p.sheet, block);
      else for (const r of block) rows[p.sheet].push(r);
      opts.onProgress?.({ stage: "read", sheet: sheets.items[p.sheet].name, done: p.upTo, total: used[p.sheet].rowCount });
    }
  };
  let queued = 0; // cells loaded since the last sync
  for (const [i, ws] of sheets.items.entries()) {
    const u = used[i];
    if (u.isNullObject) continue;
    const step = Math.max(1, Math.min(BLOCK_ROWS, Math.floor(BLOCK_CELLS / u.columnCount)));
    for (let top = 0; top < u.rowCount; top += step) {
      const n = Math.min(step, u.rowCount - top);
      if (queued > 0 && queued + n * u.columnCount > perSync) {
        await nextTask();
        await ctx.sync(); // a sync per full block, or the response exceeds 5 MB on the web
        queued = 0;
        await take();
      }
      const block = ws.getRangeByIndexes(u.rowIndex + top, u.columnIndex, n, u.columnCount);
      block.load("values,valueTypes");
      pending.push({ sheet: i, block, upTo: top + n });
      queued += n * u.columnCount;
    }
  }
  await nextTask();
  await ctx.sync();
  await take();

  const tableNames = new Map<string, string[]>();
  for (const t of tables.items) tableNames.set(t.worksheet.name, [...(tableNames.get(t.worksheet.name) ?? []), t.name]);

  const result: SheetInput[] = sheets.items.map((ws, i) => {
    const u = used[i];
    return {
      name: ws.name,
      rows: rows[i],
      firstRow: u.isNullObject ? 1 : u.rowIndex + 1,
      firstColumn: u.isNullObject ? 1 : u.columnIndex + 1,
      tables: tableNames.get(ws.name) ?? [],
      hidden: ws.visibility !== "Visible",
    };
  });
  return { sheets: result, date1904 };
}
