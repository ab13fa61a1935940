// What the task pane and the ribbon command do, each as one Excel batch over the core. The pane never
// calls Office.js itself; tests run the same service on the in-memory test host.
//
// Reading happens here (Office.js lives on the page); the analysis runs in the engine (src/engine): a
// Web Worker in the pane, in-thread in jest and Node. Each block of rows goes to the engine as soon as
// it is read. Actions report their stage and counts through `onProgress`.
import { analyzeWorkbook } from "../core/analyze";
import { type CrossDuplicate, type FileSummary, consolidate } from "../core/consolidate/consolidate";
import { type CoverageResult } from "../core/coverage/coverage";
import { type Day, stampOf, todayDay } from "../core/model/dates";
import { isFixable } from "../core/model/issue-names";
import { parsePeriod } from "../core/model/period";
import { displayText } from "../core/read/readers";
import { renderReport } from "../core/report/renderer";
import type { RoadmapResult } from "../core/roadmap/roadmap";
import { SETTINGS_SHEET, SETTING_LABELS, type Settings } from "../core/read/settings";
import { type TemplateModel, templateModel } from "../core/template/template";
import { headerKey } from "../core/model/text";
import type { SheetKind } from "../core/model/columns";
import { mappingSettingsRows } from "../core/read/layouts/mapping";
import type { SheetColumns } from "../core/read/layouts/result";
import { type Engine, type EngineJob, inThreadEngine } from "../engine/engine";
import { type CheckResult, type Mark, type PaneSettings, type WorkbookStatus, mappingWrites, marksOf, paneProblem, settingCells } from "../engine/tasks";
import { readSchoolBooks } from "../xlsx/read";
import { type HighlightKind, applyHighlights, clearHighlights, loadStore, planRefresh, refreshHighlights } from "./highlight";
import { writeImport } from "./import";
import { type ReadProgress, cellOf, readWorkbook } from "./read";
import { type RemarksOutcome, remarkRows, writeRemarks } from "./remarks";
import { OfficeReportRenderer } from "./report";
import { BLOCK_CELLS, type ExcelRun, officeRun } from "./run";
import { type TemplateOutcome, insertTemplate } from "./template";
import { type SheetChange, watchWorkbook } from "./watch";
import { HIGHLIGHT_STORE } from "./highlight";
import { REMARKS_SHEET } from "./remarks";
import type { WorkbookShape } from "../engine/engine";
import type { CellValue } from "../core/model/cells";

export type { CheckResult, PaneIssue, PaneSettings, WorkbookStatus } from "../engine/tasks";
export type { RemarksOutcome } from "./remarks";
export type { SheetChange } from "./watch";
export type { SheetColumns } from "../core/read/layouts/result";

/** A column the user placed in the pane's column mapping: its header as written and a field id (or "ignore"). */
export interface ColumnChoice {
  readonly header: string;
  readonly field: string;
}


/** Where an action is: reading a sheet (rows so far of its used rows), the engine at work, writing. */
export type Progress = ReadProgress | { readonly stage: "analyze" } | { readonly stage: "write"; readonly done?: number; readonly total?: number };

export interface ActionOptions {
  readonly onProgress?: (p: Progress) => void;
}

/** Cells to write a suggestion into: every one must still hold `expected`, the text the check saw. */
export interface CellFix {
  readonly sheet: string;
  readonly cells: readonly string[];
  readonly expected: string;
  readonly value: string;
}

export interface FixOutcome {
  /** Cells that now hold the value. */
  readonly written: readonly string[];
  /** Cells left alone because they changed after the check. */
  readonly changed: readonly string[];
}

export interface MonitorService {
  /** The template; a new «Настройки» sheet gets `keep` (what the pane shows), so no setting changes by itself. */
  insertTemplate(year: number, keep?: PaneSettings): Promise<TemplateOutcome>;
  /** Settings and which required sheets are missing: what the pane opens with. */
  open(): Promise<WorkbookStatus>;
  loadSettings(): Promise<PaneSettings>;
  saveSettings(s: PaneSettings): Promise<void>;
  check(opts?: ActionOptions): Promise<CheckResult>;
  highlightIssues(opts?: ActionOptions): Promise<number>;
  clearHighlights(): Promise<number>;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Writes a shown suggestion (as text) into cells that still hold what the check saw. */
  fixCells(fix: CellFix): Promise<FixOutcome>;
  /** Checks the workbook and writes its roster issues as the «Замечания для школ» sheet (one school with `org`). */
  exportRemarks(opts?: ActionOptions & { readonly org?: string }): Promise<RemarksOutcome>;
  coverage(period: string, opts?: ActionOptions): Promise<CoverageResult | { problem: string }>;
  roadmap(asOf: string, opts?: ActionOptions): Promise<RoadmapResult | null>;
  highlightRoadmap(asOf: string, opts?: ActionOptions): Promise<number>;
  generateReport(period: string, asOf: string, opts?: ActionOptions): Promise<{ sheet: string }>;
  /** Reads school files (locally, in the pane) and consolidates them; writes only when `apply`. */
  importSchools(files: readonly SchoolFile[], apply: boolean, opts?: ActionOptions): Promise<ImportOutcome>;
  /** Each data sheet whose headers are not all the template's: what each column was taken for, the rest, the free fields. */
  columns(opts?: ActionOptions): Promise<SheetColumns[]>;
  /** Saves the user's choices for a sheet's columns as «Столбец: …» rows of «Настройки» (as text); other rows stay. */
  saveColumnMapping(sheet: string, choices: readonly ColumnChoice[], kind?: SheetKind): Promise<void>;
  /**
   * Calls `onChange` (coalesced, ~300 ms after the last event) when cells of the data sheets change by
   * anyone but the add-in itself; resolves once watching, to the function that stops it.
   */
  watch(onChange: (changes: readonly SheetChange[]) => void): Promise<() => void>;
  /**
   * The last check again after `changes`: only the changed rows are read (one sync), patched into the
   * check's engine job and analysed again. Null when there was no check to bring up to date.
   */
  recheck(changes: readonly SheetChange[], opts?: ActionOptions): Promise<CheckResult | null>;
}

export interface SchoolFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ImportOutcome {
  readonly summaries: readonly FileSummary[];
  readonly failed: readonly { file: string; message: string }[];
  readonly unknownOrganizations: readonly string[];
  readonly duplicates: readonly CrossDuplicate[];
  readonly applied: boolean;
  /** What the user should know about the write: values kept in replaced rows, a table not resized. */
  readonly notes: readonly string[];
  /** The district workbook re-checked after the import. */
  readonly check: CheckResult | null;
}

export interface ServiceOptions {
  /**
   * Excel on the web refuses requests and responses over 5 MB: reading then takes one sync per block of
   * cells. Desktop Excel has no such limit and reads any roster in a constant number of syncs.
   */
  readonly payloadLimited?: boolean;
  /** Where the analysis runs: the pane passes its Web Worker; the default runs it in-thread. */
  readonly engine?: Engine;
}

/** The template's «Настройки» rows carrying the settings the pane shows, instead of the template's defaults. */
function templateKeeping(model: TemplateModel, keep: PaneSettings | undefined): TemplateModel {
  if (!keep) return model;
  const values = settingCells(keep);
  const byLabel = new Map((Object.entries(SETTING_LABELS) as [keyof Settings, string][]).map(([k, label]) => [label, values[k]]));
  return { ...model, settings: { ...model.settings, rows: model.settings.rows.map((r) => (byLabel.has(String(r[0])) ? [r[0], byLabel.get(String(r[0]))!] : r)) } };
}

/** How long after an action of ours ends its change events may still arrive (hosts without triggerSource). */
const OWN_WRITE_GRACE_MS = 500;

/** Sheets the add-in writes for itself: never data, never watched. */
const isOwnSheet = (name: string) => name === HIGHLIGHT_STORE || name.startsWith(REMARKS_SHEET) || /^Свод \d{4} Q[1-4]/.test(name);

/** The last check's job, kept for live re-checks, with what the read saw of each sheet. */
interface LiveCheck {
  readonly job: EngineJob;
  readonly shape: WorkbookShape;
  /** Rows read per sheet (its used range's rows) and the width of its block. */
  readonly rows: number[];
  readonly widths: number[];
}

export function createService(excelRun: ExcelRun = officeRun, now: () => Date = () => new Date(), opts: ServiceOptions = {}): MonitorService {
  const cellsPerSync = opts.payloadLimited === false ? null : BLOCK_CELLS;
  const engine = opts.engine ?? inThreadEngine;
  const today = (): Day => todayDay(now());
  // Every action but a check's read may write: while one runs (and a moment after) change events are
  // taken for our own, on hosts that do not say so themselves (triggerSource, ExcelApi 1.14).
  let acting = 0;
  const run: ExcelRun = (batch) => {
    acting++;
    return excelRun(batch).finally(() => setTimeout(() => acting--, OWN_WRITE_GRACE_MS));
  };
  let live: LiveCheck | null = null;
  // Whether the highlight store exists, as far as this service knows: the check reads every sheet, and
  // «Подсветить» and «Убрать подсветку» make and remove it. A re-check then reads it with the changed rows.
  let highlighted = false;

  /** Reads the workbook into an engine job (the rows go to the engine block by block). */
  const readJob = async (ctx: Excel.RequestContext, o?: ActionOptions): Promise<EngineJob> => {
    const job = engine.job();
    try {
      const shape = await readWorkbook(ctx, cellsPerSync, { sink: job, onProgress: o?.onProgress });
      job.finish(shape);
      o?.onProgress?.({ stage: "analyze" });
      return job;
    } catch (e) {
      job.close();
      throw e;
    }
  };
  /** Runs `work` over a fresh read, then frees the engine's copy. */
  const withJob = async <T>(ctx: Excel.RequestContext, o: ActionOptions | undefined, work: (job: EngineJob) => Promise<T>): Promise<T> => {
    const job = await readJob(ctx, o);
    try {
      return await work(job);
    } finally {
      job.close();
    }
  };
  const highlight = async (ctx: Excel.RequestContext, marks: Mark[], o?: ActionOptions, kind: HighlightKind = "issues") => {
    o?.onProgress?.({ stage: "write", done: 0, total: marks.length });
    return applyHighlights(ctx, marks, kind);
  };

  const service: MonitorService = {
    insertTemplate: (year, keep) => run((ctx) => insertTemplate(ctx, templateKeeping(templateModel(year), keep))),

    open: () => run((ctx) => withJob(ctx, undefined, (job) => job.run("status", { today: today() }))),

    loadSettings: () => service.open().then((s) => s.settings),

    saveSettings: (s) =>
      run(async (ctx) => {
        const period = parsePeriod(s.period);
        if (!period) throw new Error(`Период «${s.period}» не распознан: выберите год и квартал`);
        const ws = ctx.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
        await ctx.sync();
        if (ws.isNullObject) throw new Error("Нет листа «Настройки»: сначала вставьте шаблон");
        const labels = ws.getRange("A1:A30");
        labels.load("values");
        await ctx.sync();
        const values = settingCells(s);
        const rowOf = new Map(labels.values.map((r, i) => [headerKey(String(r[0] ?? "")), i]));
        let next = labels.values.findIndex((r) => r[0] === "" || r[0] === null);
        for (const [k, label] of Object.entries(SETTING_LABELS) as [keyof Settings, string][]) {
          let r = rowOf.get(headerKey(label));
          if (r === undefined) {
            r = next++;
            ws.getRangeByIndexes(r, 0, 1, 1).values = [[label]];
          }
          const cell = ws.getRangeByIndexes(r, 1, 1, 1);
          cell.numberFormat = [["@"]]; // settings are stored as text the core reads tolerantly
          cell.values = [[String(values[k])]];
        }
        await ctx.sync();
      }),

    check: (o) =>
      excelRun(async (ctx) => {
        // The job stays open after the check: a live re-check patches its rows (service.recheck).
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
          const shape = await readWorkbook(ctx, cellsPerSync, { sink, onProgress: o?.onProgress });
          job.finish(shape);
          o?.onProgress?.({ stage: "analyze" });
          const r = await job.run("check", { today: today() });
          live?.job.close();
          live = { job, shape, rows, widths };
          highlighted = shape.sheets.some((s) => s.name === HIGHLIGHT_STORE);
          return { ...r, checkedAt: now().toISOString() };
        } catch (e) {
          job.close();
          throw e;
        }
      }),

    highlightIssues: (o) =>
      run((ctx) =>
        withJob(ctx, o, async (job) => {
          const n = await highlight(ctx, await job.run("issueMarks", { today: today() }), o);
          highlighted = n > 0;
          return n;
        }),
      ),

    clearHighlights: () => run((ctx) => clearHighlights(ctx)).finally(() => void (highlighted = false)),

    selectCell: (sheet, cell) =>
      run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await ctx.sync();
      }),

    fixCells: (fix) =>
      run(async (ctx) => {
        if (!isFixable({ code: "unknown-value", suggestion: fix.value, cell: fix.cells[0] ?? "" }) || fix.cells.some((c) => !/^[A-Z]+\d+$/.test(c))) {
          throw new Error("Исправление не выполнено: нужен адрес ячейки и значение");
        }
        const ws = ctx.workbook.worksheets.getItem(fix.sheet);
        const ranges = fix.cells.map((c) => {
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
          if (now !== fix.expected) {
            changed.push(fix.cells[i]);
            return;
          }
          r.numberFormat = [["@"]]; // text first, so «…» stays text whatever it looks like
          r.values = [[fix.value]];
          written.push(fix.cells[i]);
        });
        if (written.length > 0) await ctx.sync();
        return { written, changed };
      }),

    exportRemarks: (o) =>
      run((ctx) =>
        withJob(ctx, o, async (job) => {
          const check = await job.run("check", { today: today() });
          if (check.problems.length > 0) throw new Error(check.problems.join("\n"));
          const rows = remarkRows(check, o?.org);
          if (rows.length === 0) throw new Error(o?.org ? `По организации «${o.org}» замечаний нет: выгружать нечего.` : "В списках участников замечаний нет: выгружать нечего.");
          o?.onProgress?.({ stage: "write", done: 0, total: rows.length });
          const schools = new Set(rows.map((r) => r[0])).size;
          return writeRemarks(ctx, rows, `Проверка ${stampOf(now())}: замечаний — ${rows.length}, организаций — ${schools}. Отфильтруйте столбец «Код ОО», чтобы отправить школе её строки.`);
        }),
      ),

    coverage: (period, o) => run((ctx) => withJob(ctx, o, (job) => job.run("coverage", { today: today(), period }))),

    roadmap: (asOf, o) => run((ctx) => withJob(ctx, o, (job) => job.run("roadmap", { today: today(), asOf }))),

    highlightRoadmap: (asOf, o) =>
      run((ctx) =>
        withJob(ctx, o, async (job) => {
          const n = await highlight(ctx, await job.run("roadmapMarks", { today: today(), asOf }), o, "roadmap");
          highlighted = false; // the store holds the roadmap's colours: a re-check leaves them alone
          return n;
        }),
      ),

    importSchools: async (files, apply, o) => {
      const { schools, failed } = readSchoolBooks(files);
      const c = await run(async (ctx) => {
        // Consolidation and its write need the district's analysis here, next to Office.js.
        const district = analyzeWorkbook(await readWorkbook(ctx, cellsPerSync, { onProgress: o?.onProgress }), { today: today() });
        const problem = paneProblem(district);
        if (problem) throw new Error(problem);
        const plan = consolidate(district, schools);
        if (apply) o?.onProgress?.({ stage: "write" });
        const written = apply ? await writeImport(ctx, district, plan, cellsPerSync) : { notes: [] };
        return { ...plan, notes: written.notes };
      });
      const outcome = { summaries: c.summaries, failed, unknownOrganizations: c.unknownOrganizations, duplicates: c.duplicates, applied: apply, notes: c.notes };
      return { ...outcome, check: apply ? await service.check(o) : null };
    },

    generateReport: (period, asOf, o) =>
      run((ctx) =>
        withJob(ctx, o, async (job) => {
          const layout = await job.run("report", { today: today(), period, asOf, madeAt: stampOf(now()) });
          o?.onProgress?.({ stage: "write" });
          const sheet = await renderReport(layout, new OfficeReportRenderer(ctx));
          return { sheet };
        }),
      ),

    columns: (o) => run((ctx) => withJob(ctx, o, (job) => job.run("columns", { today: today() }))),

    saveColumnMapping: (sheet, choices, kind) =>
      run(async (ctx) => {
        if (choices.length === 0) return;
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
        for (const w of mappingWrites(labels, mappingSettingsRows(sheet, choices, kind))) {
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

    watch: (onChange) =>
      watchWorkbook(excelRun, (changes) => onChange(changes), {
        watched: (sheet) => !isOwnSheet(sheet),
        muted: () => acting > 0,
      }).then((stop) => () => void stop()),

    recheck: async (changes, o) => {
      const at = live;
      if (!at) return null;
      // One sync: the changed rows, each sheet's used range, and the highlight store when there is one.
      const withStore = highlighted;
      const patched = await excelRun((ctx) => patchLive(ctx, at, changes, withStore));
      let r: CheckResult;
      let store: string[][] | null = null;
      if (patched) {
        o?.onProgress?.({ stage: "analyze" });
        r = { ...(await at.job.run("check", { today: today() })), checkedAt: now().toISOString() };
        store = patched.store;
      } else {
        // A change the patch cannot place (a new sheet, whole columns, rows above the header, a wider
        // block): the whole workbook is read again.
        r = await service.check(o);
        if (highlighted) {
          store = await excelRun(async (ctx) => {
            const read = loadStore(ctx);
            await ctx.sync();
            return read();
          });
        }
      }
      if (store === null || !live) return r;
      // Highlights on: they follow the issues — two syncs more at most (highlight.ts, refreshHighlights).
      const plan = planRefresh(store, marksOf(r.issues), changedCells(changes), new Set(live.shape.sheets.map((s) => s.name)));
      if (plan === null) return r; // roadmap highlights, or a store without tones: left as they are
      const changed = await run((ctx) => refreshHighlights(ctx, plan));
      return changed > 0 ? { ...r, highlightsChanged: changed } : r;
    },
  };
  return service;
}

/** Whether a cell is in the rows a change names (any row of a sheet changed as a whole). */
function changedCells(changes: readonly SheetChange[]): (sheet: string, cell: string) => boolean {
  return (sheet, cell) => {
    const row = Number(/\d+$/.exec(cell)?.[0] ?? 0) - 1;
    return changes.some((c) => c.sheet === sheet && (c.rows === "all" || c.rows.some((s) => row >= s.first && row <= s.last)));
  };
}

/**
 * Reads only the changed rows of each changed sheet (one sync, with each sheet's used range and the
 * highlight store) and patches them into the live job. False when a change does not fit the block the
 * check read; else the store's rows (null: no highlights).
 */
async function patchLive(ctx: Excel.RequestContext, live: LiveCheck, changes: readonly SheetChange[], withStore: boolean): Promise<false | { store: string[][] | null }> {
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

/**
 * The ribbon's «Сформировать свод»: the reporting period and as-of date of the workbook's settings,
 * or, where the settings give none, the current quarter at today's date.
 */
export async function generateReportForCurrentQuarter(service: MonitorService = createService()): Promise<{ sheet: string }> {
  const s = await service.loadSettings();
  return service.generateReport(s.period, s.asOf);
}

