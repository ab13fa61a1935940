// The workbook port over Office.js: each primitive one Excel batch (Excel.run) on the open workbook. The
// pane's service (src/pane/service.ts) calls these; nothing else in the pane talks to Excel.
//
// Every batch but the check's read may write: while one runs (and a moment after) change events are taken
// for our own, on hosts that do not say so themselves (triggerSource, ExcelApi 1.14); see watch.ts.
import type { CellValue } from "../core/model/cells";
import { type Engine, inThreadEngine } from "../engine/engine";
import { displayText } from "../core/read/readers";
import { renderReport } from "../core/report/renderer";
import { SETTINGS_SHEET } from "../core/read/settings";
import { headerKey } from "../core/model/text";
import { mappingWrites } from "../engine/tasks";
import { planImport } from "../pane/import";
import type { LiveRead, SheetChange, WorkbookPort } from "../pane/port";
import { REMARKS_SHEET } from "../pane/remarks";
import { HIGHLIGHT_STORE, applyHighlights, clearHighlights, loadStore, planRefresh, refreshHighlights } from "./highlight";
import { writeImport } from "./import";
import { cellOf, readWorkbook } from "./read";
import { writeRemarks } from "./remarks";
import { OfficeReportRenderer } from "./report";
import { BLOCK_CELLS, type ExcelRun } from "./run";
import { insertTemplate } from "./template";
import { watchWorkbook } from "./watch";

export interface OfficePortOptions {
  /**
   * Excel on the web refuses requests and responses over 5 MB: reading then takes one sync per block of
   * cells. Desktop Excel has no such limit and reads any roster in a constant number of syncs.
   */
  readonly payloadLimited?: boolean;
  /** Where the analysis runs: the pane passes its Web Worker; the default runs it in-thread. */
  readonly engine?: Engine;
}

/** How long after an action of ours ends its change events may still arrive (hosts without triggerSource). */
const OWN_WRITE_GRACE_MS = 500;

/** Sheets the add-in writes for itself: never data, never watched. */
const isOwnSheet = (name: string) => name === HIGHLIGHT_STORE || name.startsWith(REMARKS_SHEET) || /^Свод \d{4} Q[1-4]/.test(name);

export function officePort(excelRun: ExcelRun, opts: OfficePortOptions = {}): WorkbookPort {
  const cellsPerSync = opts.payloadLimited === false ? null : BLOCK_CELLS;
  const engine = opts.engine ?? inThreadEngine;
  let acting = 0;
  // Whether the highlight store exists, as far as this port knows: every read sees the sheets, and
  // «Подсветить» and «Убрать подсветку» make and remove it. A live re-check then reads it with the changed
  // rows (one sync), and `followIssues` uses what it read.
  let highlighted = false;
  let storeRead: string[][] | null | undefined;
  /** A batch that may write: its change events (and those a moment after) are our own. */
  const run: ExcelRun = (batch) => {
    acting++;
    return excelRun(batch).finally(() => setTimeout(() => acting--, OWN_WRITE_GRACE_MS));
  };

  return {
    // Each block of rows goes to the engine job as soon as it is read; the rows and block width of each
    // sheet are kept, for a live re-check to patch.
    read: (onProgress) =>
      excelRun(async (ctx) => {
        const job = engine.job();
        const rows: number[] = [];
        const widths: number[] = [];
        const sink = {
          rows(sheet: number, block: CellValue[][]) {
            rows[sheet] = (rows[sheet] ?? 0) + block.length;
            widths[sheet] = Math.max(widths[sheet] ?? 0, block[0]?.length ?? 0);
            job.rows(sheet, block);
          },
        };
        try {
          const input = await readWorkbook(ctx, cellsPerSync, { sink, onProgress });
          const shape = { sheets: input.sheets.map(({ rows: _rows, ...rest }) => rest), date1904: input.date1904 };
          job.finish(shape);
          highlighted = shape.sheets.some((s) => s.name === HIGHLIGHT_STORE);
          return { run: (task, args) => job.run(task, args), close: () => job.close(), live: { job, shape, rows, widths } };
        } catch (e) {
          job.close();
          throw e;
        }
      }),

    insertTemplate: (model) => run((ctx) => insertTemplate(ctx, model)),

    writeSettings: (values) =>
      run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
        await ctx.sync();
        if (ws.isNullObject) throw new Error("Нет листа «Настройки»: сначала вставьте шаблон");
        const labels = ws.getRange("A1:A30");
        labels.load("values");
        await ctx.sync();
        const rowOf = new Map(labels.values.map((r, i) => [headerKey(String(r[0] ?? "")), i]));
        let next = labels.values.findIndex((r) => r[0] === "" || r[0] === null);
        for (const [label, value] of values) {
          let r = rowOf.get(headerKey(label));
          if (r === undefined) {
            r = next++;
            ws.getRangeByIndexes(r, 0, 1, 1).values = [[label]];
          }
          const cell = ws.getRangeByIndexes(r, 1, 1, 1);
          cell.numberFormat = [["@"]]; // settings are stored as text the core reads tolerantly
          cell.values = [[value]];
        }
        await ctx.sync();
      }),

    writeMapping: (rows) =>
      run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
        await ctx.sync();
        if (ws.isNullObject) throw new Error("Нет листа «Настройки»: сначала вставьте шаблон (вкладка «Шаблон»)");
        const used = ws.getUsedRangeOrNullObject(true);
        used.load("rowIndex,rowCount");
        await ctx.sync();
        const last = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
        let labels: unknown[] = [];
        if (last > 0) {
          const a = ws.getRangeByIndexes(0, 0, last, 1);
          a.load("values");
          await ctx.sync();
          labels = a.values.map((r) => r[0]);
        }
        for (const w of mappingWrites(labels, rows)) {
          // Text first, as the settings are written: a header such as «2021» or «1.2» stays the text it is.
          if (w.isNew) {
            const a = ws.getRangeByIndexes(w.row, 0, 1, 1);
            a.numberFormat = [["@"]];
            a.values = [[w.label]];
          }
          const b = ws.getRangeByIndexes(w.row, 1, 1, 1);
          b.numberFormat = [["@"]];
          b.values = [[w.value]];
        }
        await ctx.sync();
      }),

    highlight: async (marks, kind) => {
      const n = await run((ctx) => applyHighlights(ctx, marks, kind));
      // Roadmap colours in the store: a re-check leaves them alone.
      highlighted = kind === "issues" && n > 0;
      return n;
    },

    clearHighlights: () => run((ctx) => clearHighlights(ctx)).finally(() => void (highlighted = false)),

    selectCell: (sheet, cell) =>
      run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await ctx.sync();
      }),

    writeTexts: (sheet, cells, value, expected) =>
      run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const ranges = cells.map((c) => {
          const r = ws.getRange(c);
          r.load("values,valueTypes");
          return r;
        });
        await ctx.sync();
        const written: string[] = [];
        const changed: string[] = [];
        ranges.forEach((r, i) => {
          // Only a cell that still holds what the check saw: never overwrite what the user typed since.
          const now = displayText(cellOf(r.values[0][0] as string, r.valueTypes[0][0]));
          if (now !== expected) {
            changed.push(cells[i]);
            return;
          }
          r.numberFormat = [["@"]]; // text first, so «…» stays text whatever it looks like
          r.values = [[value]];
          written.push(cells[i]);
        });
        if (written.length > 0) await ctx.sync();
        return { written, changed };
      }),

    writeRemarks: (rows, subtitle) => run((ctx) => writeRemarks(ctx, rows, subtitle)),

    writeReport: (layout) => run((ctx) => renderReport(layout, new OfficeReportRenderer(ctx))),

    importSchools: (files, apply, today, onProgress) =>
      run(async (ctx) => {
        // Consolidation and its write need the district's cells here, next to Office.js.
        const { district, plan, failed } = planImport(await readWorkbook(ctx, cellsPerSync, { onProgress }), files, today);
        if (apply) onProgress?.({ stage: "write" });
        const notes = apply ? (await writeImport(ctx, district, plan, cellsPerSync)).notes : [];
        return { summaries: plan.summaries, failed, unknownOrganizations: plan.unknownOrganizations, duplicates: plan.duplicates, notes };
      }),

    watch: (onChange) => watchWorkbook(excelRun, onChange, { watched: (sheet) => !isOwnSheet(sheet), muted: () => acting > 0 }),

    patch: async (live, changes) => {
      const withStore = highlighted;
      const patched = await excelRun((ctx) => patchLive(ctx, live, changes, withStore));
      storeRead = patched ? patched.store : undefined;
      return patched !== false;
    },

    followIssues: async (live, marks, changes) => {
      const store = storeRead;
      storeRead = undefined;
      if (!highlighted) return 0;
      // Read with the patch; after a whole re-read (the patch could not place the change), one sync more.
      const rows =
        store !== undefined
          ? store
          : await excelRun(async (ctx) => {
              const read = loadStore(ctx);
              await ctx.sync();
              return read();
            });
      if (rows === null) return 0;
      // Two syncs more at most (highlight.ts, refreshHighlights).
      const plan = planRefresh(rows, marks, changedCells(changes), new Set(live.shape.sheets.map((s) => s.name)));
      if (plan === null) return 0; // roadmap highlights, or a store without tones: left as they are
      return run((ctx) => refreshHighlights(ctx, plan));
    },
  };
}

/** Whether a cell is in the rows a change names (any row of a sheet changed as a whole). */
function changedCells(changes: readonly SheetChange[]): (sheet: string, cell: string) => boolean {
  return (sheet, cell) => {
    const row = Number(/\d+$/.exec(cell)?.[0] ?? 0) - 1;
    return changes.some((c) => c.sheet === sheet && (c.rows === "all" || c.rows.some((s) => row >= s.first && row <= s.last)));
  };
}

/**
 * Reads only the changed rows of each changed sheet (one sync, with each sheet's used range and, when
 * `withStore`, the highlight store) and patches them into the live job. False when a change does not fit
 * the block the check read; else the store's rows (null: not read).
 */
async function patchLive(ctx: Excel.RequestContext, live: LiveRead, changes: readonly SheetChange[], withStore: boolean): Promise<false | { store: string[][] | null }> {
  const plans: { index: number; r0: number; c0: number; width: number; used: Excel.Range; blocks: { first: number; range: Excel.Range }[] }[] = [];
  let cells = 0;
  for (const c of changes) {
    const index = live.shape.sheets.findIndex((s) => s.name === c.sheet);
    if (index < 0 || c.rows === "all") return false;
    const s = live.shape.sheets[index];
    const r0 = (s.firstRow ?? 1) - 1;
    const c0 = (s.firstColumn ?? 1) - 1;
    const width = live.widths[index] ?? 0;
    if (width === 0) return false;
    const ws = ctx.workbook.worksheets.getItem(c.sheet);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    const blocks: { first: number; range: Excel.Range }[] = [];
    for (const span of c.rows) {
      if (span.first < r0) return false; // the header or what is above it changed
      const n = span.last - span.first + 1;
      cells += n * width;
      if (cells > BLOCK_CELLS) return false; // more than one response should carry: read it all
      const range = ws.getRangeByIndexes(span.first, c0, n, width);
      range.load("values,valueTypes");
      blocks.push({ first: span.first, range });
    }
    plans.push({ index, r0, c0, width, used, blocks });
  }
  const store = withStore ? loadStore(ctx) : null;
  await ctx.sync();
  for (const p of plans) {
    const u = p.used;
    if (u.isNullObject || u.rowIndex !== p.r0 || u.columnIndex !== p.c0 || u.columnCount !== p.width) return false;
  }
  for (const p of plans) {
    const total = p.used.rowCount;
    for (const b of p.blocks) {
      const at = b.first - p.r0;
      const keep = Math.max(0, Math.min(b.range.values.length, total - at));
      const rows: CellValue[][] = [];
      for (let i = 0; i < keep; i++) rows.push(b.range.values[i].map((v, j) => cellOf(v as string | number | boolean, b.range.valueTypes[i][j])));
      live.job.patch(p.index, at, rows, total);
    }
    if (p.blocks.length === 0) live.job.patch(p.index, 0, [], total);
    live.rows[p.index] = total;
  }
  return { store: store === null ? null : store() };
}
