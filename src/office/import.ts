// Writes a consolidation into the open district workbook by its sheet plans (core/consolidate/consolidate.ts), with
// the same result as the .xlsx path (xlsx/package/rows.ts): only the cells a plan names are touched — the
// owned cells of replaced rows are emptied, the new rows and header cells written — so the district's own
// rows, columns, formulas and formats stay where they are. Nothing is written when a target cell holds
// something: the district analysis is checked first, then the target cells as Excel holds them.
//
// Texts stay texts: a string cell gets the number format "@" in the same request, before its value, or
// Excel would read «=1+1» as a formula and «+7 …», «2021-09-01», «TRUE», «50%», « 007 » as numbers, dates,
// booleans. Dates go as serial numbers with a date format; numbers and booleans as they are (a cell left
// as text "@" by an earlier import gets "General" back, or the number would be stored as text).
//
// Cost: one sync to load the target cells' formats and formulas, one to write, whatever the size up to
// BLOCK_CELLS cells (on Excel on the web, one more sync per block beyond). An Excel table over the roster
// is not resized over the new rows (that needs ExcelApi 1.13): the rows below it are still read and checked.
import type { SheetResult, WorkbookAnalysis } from "../core/analyze";
import { type CellValue, cellAddress, isBlank } from "../core/model/cells";
import type { Consolidation, SheetPlan } from "../core/consolidate/consolidate";
import { dayFromDate, excelSerialOf } from "../core/model/dates";
import { DATE_FORMAT } from "../core/template/template";
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

export interface ImportWriteOutcome {
  /** What the user should know about the write (values kept in replaced rows, a table not resized). */
  readonly notes: string[];
}

/**
 * One cell of a block: the value to send (null leaves the cell alone, "" empties it) and what its number
 * format must be: text "@", a date format, not "@" (numbers, booleans, errors), or whatever it is.
 */
interface Put {
  readonly value: OfficeCell | null;
  readonly format: "text" | "date" | "notText" | null;
  /** The cell may hold something only when it is an owned cell of a replaced row. */
  readonly mayHold: boolean;
}

interface Block {
  readonly sheet: string;
  readonly row: number; // worksheet row number of the first row
  readonly col: number; // 0-based worksheet column of the first column
  readonly puts: Put[][];
  readonly headerRow: number;
}

const hasValue = (v: CellValue | undefined) => v !== undefined && !isBlank(v);

/** A number format that shows dates (as the .xlsx path tells a date style): d, m or y outside quotes and brackets. */
const isDateFormat = (f: unknown) => typeof f === "string" && /[dmy]/i.test(f.replace(/"[^"]*"|\[[^\]]*\]/g, ""));

function putOf(v: CellValue | undefined, emptyIt: boolean, mayHold: boolean): Put {
  if (v === null || v === undefined || v === "") return { value: emptyIt ? "" : null, format: null, mayHold };
  if (typeof v === "string") return { value: v, format: "text", mayHold };
  if (v instanceof Date) {
    const serial = officeValue(v);
    return serial === "" ? { value: emptyIt ? "" : null, format: null, mayHold } : { value: serial, format: "date", mayHold };
  }
  return { value: officeValue(v), format: "notText", mayHold };
}

const refused = (sheet: string, row: number, col: number, header: boolean) =>
  new Error(`Импорт остановлен, книга не изменена: ячейка ${cellAddress(row, col + 1)} на листе «${sheet}»${header ? " (строка заголовков)" : ""} уже заполнена`);

/**
 * The blocks of one plan, after checking against the district analysis that no target cell holds a value
 * (throws before anything is queued). A block is a run of consecutive rows with the same cells, and one
 * contiguous run of columns: owned columns split by a district column make two blocks per run of rows.
 */
function planBlocks(plan: SheetPlan, target: SheetResult<unknown, string>): Block[] {
  const sheet = target.located.sheet;
  const firstRow = sheet.firstRow ?? 1;
  const firstCol = (sheet.firstColumn ?? 1) - 1;
  const owned = new Set(plan.owned);
  const clear = new Set(plan.clear);
  const cells = new Map<number, Map<number, Put>>();
  const at = (row: number) => cells.get(row) ?? cells.set(row, new Map()).get(row)!;

  for (const row of plan.clear) for (const c of plan.owned) at(row).set(c, { value: "", format: null, mayHold: true });
  const put = (row: number, c: number, v: CellValue, header: boolean) => {
    const mayHold = owned.has(c) && clear.has(row);
    if (!mayHold && hasValue(sheet.rows[row - firstRow]?.[c])) throw refused(sheet.name, row, firstCol + c, header);
    at(row).set(c, putOf(v, mayHold, mayHold));
  };
  for (const w of plan.writes) for (const [c, v] of w.cells) put(w.row, c, v, false);
  for (const [c, header] of plan.addHeaders) put(plan.headerRow, c, header, true);

  const blocks: Block[] = [];
  const rows = [...cells.keys()].sort((a, b) => a - b);
  let i = 0;
  while (i < rows.length) {
    const cols = [...cells.get(rows[i])!.keys()].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const c of cols) {
      const last = runs[runs.length - 1];
      if (last && c === last[1] + 1) last[1] = c;
      else runs.push([c, c]);
    }
    const key = cols.join(",");
    const limit = Math.max(1, Math.min(BLOCK_ROWS, Math.floor(BLOCK_CELLS / cols.length)));
    let j = i + 1;
    while (j < rows.length && j - i < limit && rows[j] === rows[j - 1] + 1 && [...cells.get(rows[j])!.keys()].sort((a, b) => a - b).join(",") === key) j++;
    for (const [a, b] of runs) {
      const puts = rows.slice(i, j).map((r) => {
        const line = cells.get(r)!;
        const out: Put[] = [];
        for (let c = a; c <= b; c++) out.push(line.get(c)!);
        return out;
      });
      blocks.push({ sheet: sheet.name, row: rows[i], col: firstCol + a, puts, headerRow: plan.headerRow });
    }
    i = j;
  }
  return blocks;
}

/** Queues one operation per block, with a sync whenever the next block would pass `cellsPerSync` cells. */
async function inBatches<T>(ctx: Excel.RequestContext, blocks: readonly Block[], cellsPerSync: number | null, cost: number, queue: (b: Block) => T): Promise<T[]> {
  const out: T[] = [];
  let queued = 0;
  for (const b of blocks) {
    const n = b.puts.length * b.puts[0].length * cost;
    if (cellsPerSync !== null && queued > 0 && queued + n > cellsPerSync) {
      await ctx.sync();
      queued = 0;
    }
    out.push(queue(b));
    queued += n;
  }
  await ctx.sync();
  return out;
}

export async function writeImport(ctx: Excel.RequestContext, district: WorkbookAnalysis, c: Consolidation, cellsPerSync: number | null): Promise<ImportWriteOutcome> {
  if (!district.roadmap && c.newRoadmapSheet.length > 0) {
    throw new Error("В книге района нет листа «Дорожная карта»: вставьте шаблон, чтобы принять мероприятия школ");
  }
  const sheets = [...district.participants, ...(district.roadmap ? [district.roadmap] : [])];
  const notes: string[] = [];
  const blocks: Block[] = [];
  for (const plan of c.plans) {
    if (plan.writes.length === 0 && plan.clear.length === 0 && plan.addHeaders.length === 0) continue;
    const target = sheets.find((s) => s.located.sheet.name === plan.sheet);
    if (!target) throw new Error(`Импорт остановлен, книга не изменена: лист «${plan.sheet}» не найден`);
    blocks.push(...planBlocks(plan, target));
    for (const k of plan.keptInCleared) {
      notes.push(`Лист «${plan.sheet}», строка ${k.row}: строка заменена новым файлом, но в ней остались ваши значения (${k.columns.join(", ")}) — проверьте их`);
    }
    const sheet = target.located.sheet;
    const lastRow = (sheet.firstRow ?? 1) + sheet.rows.length - 1;
    if ((sheet.tables ?? []).length > 0 && plan.writes.some((w) => w.row > lastRow)) {
      notes.push(`Лист «${plan.sheet}»: таблица Excel не расширена на новые строки (для этого нужен ExcelApi 1.13) — строки ниже неё читаются и проверяются`);
    }
  }
  if (blocks.length === 0) return { notes };

  // The target cells as Excel holds them: a formula that shows nothing reads as empty in the analysis.
  const ranges = new Map<Block, Excel.Range>();
  const worksheets = new Map<string, Excel.Worksheet>();
  const loaded = await inBatches(ctx, blocks, cellsPerSync, 2, (b) => {
    if (!worksheets.has(b.sheet)) worksheets.set(b.sheet, ctx.workbook.worksheets.getItem(b.sheet));
    const r = worksheets.get(b.sheet)!.getRangeByIndexes(b.row - 1, b.col, b.puts.length, b.puts[0].length);
    ranges.set(b, r);
    return r.load("numberFormat,formulas");
  });
  blocks.forEach((b, k) => {
    const formulas = loaded[k].formulas;
    b.puts.forEach((line, i) =>
      line.forEach((p, j) => {
        if (!p.mayHold && formulas[i][j] !== "" && formulas[i][j] !== null) throw refused(b.sheet, b.row + i, b.col + j, b.row + i === b.headerRow);
      }),
    );
  });

  await inBatches(ctx, blocks, cellsPerSync, 2, (b) => {
    const range = ranges.get(b)!;
    const current = range.numberFormat;
    let formats = false;
    const numberFormat = b.puts.map((line, i) =>
      line.map((p, j) => {
        const f =
          p.format === "text" ? "@" : p.format === "date" ? (isDateFormat(current[i][j]) ? null : DATE_FORMAT) : p.format === "notText" && current[i][j] === "@" ? "General" : null;
        formats ||= f !== null;
        return f;
      }),
    );
    if (formats) range.numberFormat = numberFormat as string[][]; // null leaves a cell's format alone
    range.values = b.puts.map((line) => line.map((p) => p.value)) as OfficeCell[][]; // null leaves a cell alone
  });
  return { notes };
}
