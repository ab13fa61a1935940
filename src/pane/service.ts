// What the task pane (and the standalone page) can do, each action's flow written once over a workbook
// port (port.ts): read the workbook into an engine job, ask the engine (src/engine: a Web Worker in the
// pane, in-thread in jest and Node), write the outcome back through the port. The React app only ever
// sees MonitorService; which host is underneath is the port's business.
import type { CrossDuplicate, FileSummary } from "../core/consolidate/consolidate";
import type { CoverageResult } from "../core/coverage/coverage";
import type { SheetKind } from "../core/model/columns";
import { type Day, stampOf, todayDay } from "../core/model/dates";
import { isFixable } from "../core/model/issue-names";
import { parsePeriod } from "../core/model/period";
import { mappingSettingsRows } from "../core/read/layouts/mapping";
import type { SheetColumns } from "../core/read/layouts/result";
import { SETTING_LABELS, type Settings } from "../core/read/settings";
import type { RoadmapResult } from "../core/roadmap/roadmap";
import { type TemplateModel, templateModel } from "../core/template/template";
import { type CheckResult, type Mark, type PaneSettings, type WorkbookStatus, marksOf, settingCells } from "../engine/tasks";
import type { FixOutcome, Progress, RemarksOutcome, SchoolFile, SheetChange, TemplateOutcome, WorkbookPort, WorkbookRead } from "./port";
import { remarkRows } from "./remarks";

export type { CheckResult, PaneIssue, PaneSettings, WorkbookStatus } from "../engine/tasks";
export type { SheetColumns } from "../core/read/layouts/result";
export type { FixOutcome, Progress, ReadProgress, RemarksOutcome, SchoolFile, SheetChange, TemplateOutcome, WorkbookPort } from "./port";

/** A column the user placed in the pane's column mapping: its header as written and a field id (or "ignore"). */
export interface ColumnChoice {
  readonly header: string;
  readonly field: string;
}

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
  /** Checks the workbook and writes its roster issues as «Замечания для школ» (one school with `org`). */
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
   * anyone but the add-in itself; resolves once watching, to the function that stops it. A host whose
   * workbook changes only through this service watches nothing.
   */
  watch(onChange: (changes: readonly SheetChange[]) => void): Promise<() => void>;
  /**
   * The last check again after `changes`: only the changed rows are read, patched into the check's engine
   * job and analysed again. Null when there was no check to bring up to date (or the host has no edits).
   */
  recheck(changes: readonly SheetChange[], opts?: ActionOptions): Promise<CheckResult | null>;
}

export interface MonitorOptions {
  readonly now?: () => Date;
}

/** The template's «Настройки» rows carrying the settings the pane shows, instead of the template's defaults. */
function templateKeeping(model: TemplateModel, keep: PaneSettings | undefined): TemplateModel {
  if (!keep) return model;
  const values = settingCells(keep);
  const byLabel = new Map((Object.entries(SETTING_LABELS) as [keyof Settings, string][]).map(([k, label]) => [label, values[k]]));
  return { ...model, settings: { ...model.settings, rows: model.settings.rows.map((r) => (byLabel.has(String(r[0])) ? [r[0], byLabel.get(String(r[0]))!] : r)) } };
}

/** The settings as the «Настройки» sheet stores them: label → text (the as-of date as ДД.ММ.ГГГГ). */
export function settingValues(s: PaneSettings): [string, string][] {
  const values = settingCells(s);
  return (Object.entries(SETTING_LABELS) as [keyof Settings, string][]).map(([k, label]) => [label, String(values[k])]);
}

export function createMonitorService(port: WorkbookPort, opts: MonitorOptions = {}): MonitorService {
  const now = opts.now ?? (() => new Date());
  const today = (): Day => todayDay(now());
  /** The last check's read, kept for live re-checks where the host has them. */
  let live: WorkbookRead | null = null;

  /** Reads the workbook where its analysis runs, then says the engine is at work. */
  const read = async (o: ActionOptions | undefined): Promise<WorkbookRead> => {
    const r = await port.read(o?.onProgress);
    o?.onProgress?.({ stage: "analyze" });
    return r;
  };
  /** Runs `work` over a fresh read, then frees it. */
  const withJob = async <T>(o: ActionOptions | undefined, work: (job: WorkbookRead) => Promise<T>): Promise<T> => {
    const job = await read(o);
    try {
      return await work(job);
    } finally {
      job.close();
    }
  };
  const highlight = (marks: Mark[], kind: "issues" | "roadmap", o?: ActionOptions) => {
    o?.onProgress?.({ stage: "write", done: 0, total: marks.length });
    return port.highlight(marks, kind);
  };

  const service: MonitorService = {
    insertTemplate: (year, keep) => port.insertTemplate(templateKeeping(templateModel(year), keep)),

    open: () => withJob(undefined, (job) => job.run("status", { today: today() })),

    loadSettings: () => service.open().then((s) => s.settings),

    saveSettings: async (s) => {
      if (!parsePeriod(s.period)) throw new Error(`Период «${s.period}» не распознан: выберите год и квартал`);
      await port.writeSettings(settingValues(s));
    },

    check: async (o) => {
      // A read the host can patch stays open after the check: a live re-check patches its rows (recheck).
      const job = await read(o);
      try {
        const r = await job.run("check", { today: today() });
        live?.close();
        live = job.live && port.patch ? job : null;
        if (!live) job.close();
        return { ...r, checkedAt: now().toISOString() };
      } catch (e) {
        job.close();
        throw e;
      }
    },

    highlightIssues: (o) => withJob(o, async (job) => highlight(await job.run("issueMarks", { today: today() }), "issues", o)),

    clearHighlights: () => port.clearHighlights(),

    selectCell: (sheet, cell) => port.selectCell(sheet, cell),

    fixCells: (fix) => {
      if (!isFixable({ code: "unknown-value", suggestion: fix.value, cell: fix.cells[0] ?? "" }) || fix.cells.some((c) => !/^[A-Z]+\d+$/.test(c))) {
        return Promise.reject(new Error("Исправление не выполнено: нужен адрес ячейки и значение"));
      }
      return port.writeTexts(fix.sheet, fix.cells, fix.value, fix.expected);
    },

    exportRemarks: (o) =>
      withJob(o, async (job) => {
        const check = await job.run("check", { today: today() });
        if (check.problems.length > 0) throw new Error(check.problems.join("\n"));
        const rows = remarkRows(check, o?.org);
        if (rows.length === 0) throw new Error(o?.org ? `По организации «${o.org}» замечаний нет: выгружать нечего.` : "В списках участников замечаний нет: выгружать нечего.");
        o?.onProgress?.({ stage: "write", done: 0, total: rows.length });
        const schools = new Set(rows.map((r) => r[0])).size;
        return port.writeRemarks(rows, `Проверка ${stampOf(now())}: замечаний — ${rows.length}, организаций — ${schools}. Отфильтруйте столбец «Код ОО», чтобы отправить школе её строки.`, o?.org);
      }),

    coverage: (period, o) => withJob(o, (job) => job.run("coverage", { today: today(), period })),

    roadmap: (asOf, o) => withJob(o, (job) => job.run("roadmap", { today: today(), asOf })),

    highlightRoadmap: (asOf, o) => withJob(o, async (job) => highlight(await job.run("roadmapMarks", { today: today(), asOf }), "roadmap", o)),

    importSchools: async (files, apply, o) => {
      const outcome = await port.importSchools(files, apply, today(), o?.onProgress);
      return { ...outcome, applied: apply, check: apply ? await service.check(o) : null };
    },

    generateReport: (period, asOf, o) =>
      withJob(o, async (job) => {
        const layout = await job.run("report", { today: today(), period, asOf, madeAt: stampOf(now()) });
        o?.onProgress?.({ stage: "write" });
        return { sheet: await port.writeReport(layout) };
      }),

    columns: (o) => withJob(o, (job) => job.run("columns", { today: today() })),

    saveColumnMapping: async (sheet, choices, kind) => {
      if (choices.length === 0) return;
      await port.writeMapping(mappingSettingsRows(sheet, choices, kind));
    },

    watch: async (onChange) => {
      if (!port.watch) return () => undefined;
      const stop = await port.watch((changes) => onChange(changes));
      return () => void stop();
    },

    recheck: async (changes, o) => {
      const at = live;
      if (!at?.live || !port.patch) return null;
      let r: CheckResult;
      if (await port.patch(at.live, changes)) {
        o?.onProgress?.({ stage: "analyze" });
        r = { ...(await at.run("check", { today: today() })), checkedAt: now().toISOString() };
      } else {
        // A change the patch cannot place (a new sheet, whole columns, rows above the header, a wider
        // block): the whole workbook is read again.
        r = await service.check(o);
      }
      // Highlights on: they follow the issues.
      const followed = live?.live && port.followIssues ? await port.followIssues(live.live, marksOf(r.issues), changes) : 0;
      return followed > 0 ? { ...r, highlightsChanged: followed } : r;
    },
  };
  return service;
}
