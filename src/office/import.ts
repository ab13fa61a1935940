// Writes a consolidation into the open district workbook: the roster and roadmap data regions are
// rewritten in place (kept rows with all their columns, then the imported rows), with a `Источник`
// column. Batched: one write per block of rows, a sync only when a block would pass the 5 MB limit.
import type { SheetResult, WorkbookAnalysis } from "../core/analyze";
import type { CellValue } from "../core/cells";
import { PARTICIPANTS, ROADMAP, type SheetSpec } from "../core/columns";
import { type Consolidation, type DistrictRow, SOURCE_HEADER, sourceColumn } from "../core/consolidate";
import { dayFromDate, excelSerialOf } from "../core/dates";
import { DATE_FORMAT } from "../core/template";
import { BLOCK_CELLS, BLOCK_ROWS } from "./run";

type OfficeCell = string | number | boolean;

/** Office takes dates as serial numbers and error values as their text. */
export function officeValue(v: CellValue | undefined): OfficeCell {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) {
    const d = dayFromDate(v);
    return d === null ? "" : excelSerialOf(d);
  }
  if (typeof v === "object") return v.error;
  return v;
}

async function writeRows(ctx: Excel.RequestContext, res: SheetResult<unknown, string>, spec: SheetSpec, rows: readonly DistrictRow[], cellsPerSync: number | null) {
  const { sheet, headerIndex, columnIndex } = res.located;
  const firstRow = (sheet.firstRow ?? 1) - 1;
  const firstCol = (sheet.firstColumn ?? 1) - 1;
  const usedWidth = Math.max(0, ...sheet.rows.map((r) => r.length));
  const src = sourceColumn(res) ?? usedWidth;
  const width = Math.max(usedWidth, src + 1);
  const ws = ctx.workbook.worksheets.getItem(sheet.name);
  const top = firstRow + headerIndex + 1;
  if (sourceColumn(res) === undefined) ws.getRangeByIndexes(top - 1, firstCol + src, 1, 1).values = [[SOURCE_HEADER]];

  const idx = columnIndex as Record<string, number | undefined>;
  const grid: OfficeCell[][] = rows.map((r) => {
    const kept = r.from && r.from.sheet === sheet.name ? sheet.rows[r.from.row - 1 - firstRow] : undefined;
    const line: OfficeCell[] = Array.from({ length: width }, (_, c) => officeValue(kept?.[c]));
    if (!kept) spec.columns.forEach((c, i) => idx[c.key] !== undefined && (line[idx[c.key]!] = officeValue(r.cells[i])));
    line[src] = r.source ?? "";
    return line;
  });
  // Rows the old data used and the new does not are cleared, so nothing stale stays below.
  const oldCount = sheet.rows.length - headerIndex - 1;
  while (grid.length < oldCount) grid.push(Array(width).fill(""));

  let queued = 0;
  for (let i = 0; i < grid.length; i += BLOCK_ROWS) {
    const block = grid.slice(i, i + BLOCK_ROWS);
    if (cellsPerSync !== null && queued > 0 && queued + block.length * width > cellsPerSync) {
      await ctx.sync();
      queued = 0;
    }
    ws.getRangeByIndexes(top + i, firstCol, block.length, width).values = block;
    queued += block.length * width;
  }
  for (const c of spec.columns) {
    const col = idx[c.key];
    if (c.type.kind === "date" && col !== undefined && rows.length > 0) {
      ws.getRangeByIndexes(top, firstCol + col, rows.length, 1).numberFormat = rows.map(() => [DATE_FORMAT]);
    }
  }
}

export async function writeImport(ctx: Excel.RequestContext, district: WorkbookAnalysis, c: Consolidation, cellsPerSync: number | null): Promise<void> {
  if (district.participants.length !== 1) {
    throw new Error("В книге района несколько листов участников: импорт пишет в один лист — объедините их или оставьте один");
  }
  if (!district.roadmap && c.roadmap.length > 0) {
    throw new Error("В книге района нет листа «Дорожная карта»: вставьте шаблон, чтобы принять мероприятия школ");
  }
  await writeRows(ctx, district.participants[0], PARTICIPANTS, c.participants, cellsPerSync);
  if (district.roadmap) await writeRows(ctx, district.roadmap, ROADMAP, c.roadmap, cellsPerSync);
  await ctx.sync();
}
