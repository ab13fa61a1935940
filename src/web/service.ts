// The pane's service over the standalone page's in-memory workbook: the same interface the task pane
// uses over Office.js (MonitorService), the same engine tasks (src/engine), and every change made by the
// package editor into a file to download (workbook.ts), never into the user's file.
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../core/analyze";
import type { CellValue } from "../core/model/cells";
import { consolidate } from "../core/consolidate/consolidate";
import { type Day, stampOf, todayDay } from "../core/model/dates";
import { isFixable } from "../core/model/issue-names";
import { mappingSettingsRows } from "../core/read/layouts/mapping";
import { parsePeriod } from "../core/model/period";
import { SETTING_LABELS, type Settings } from "../core/read/settings";
import { type Engine, type EngineJob, inThreadEngine } from "../engine/engine";
import { paneProblem, settingCells } from "../engine/tasks";
import { REMARKS_SHEET, REMARK_HEADERS, remarkRows } from "../office/remarks";
import type { ActionOptions, MonitorService, PaneSettings } from "../office/service";
import { readSchoolBooks } from "../xlsx/read";
import { workbookBytes } from "../xlsx/template";
import type { MemoryWorkbook } from "./workbook";

export interface MemoryServiceOptions {
  readonly now?: () => Date;
  /** Where the analysis runs: the page's Web Worker when it can start one. */
  readonly engine?: Engine;
  /** Called after anything that made a file to download. */
  readonly onChange?: () => void;
}

/** The settings as the «Настройки» sheet stores them (text; the as-of date as ДД.ММ.ГГГГ). */
export function settingValues(s: PaneSettings): [string, string][] {
  const values = settingCells(s);
  return (Object.entries(SETTING_LABELS) as [keyof Settings, string][]).map(([k, label]) => [label, String(values[k])]);
}

export function createMemoryService(book: MemoryWorkbook, opts: MemoryServiceOptions = {}): MonitorService {
  const now = opts.now ?? (() => new Date());
  const engine = opts.engine ?? inThreadEngine;
  const today = (): Day => todayDay(now());
  const changed = () => opts.onChange?.();

  /** The workbook's cells handed to an engine job, sheet by sheet. */
  const withJob = async <T>(o: ActionOptions | undefined, work: (job: EngineJob) => Promise<T>): Promise<T> => {
    const { input } = book.read();
    const job = engine.job();
    try {
      input.sheets.forEach((s, i) => {
        o?.onProgress?.({ stage: "read", sheet: s.name, done: s.rows.length, total: s.rows.length });
        job.rows(i, s.rows as CellValue[][]);
      });
      job.finish({ sheets: input.sheets.map(({ rows: _rows, ...rest }) => rest), date1904: input.date1904 });
      o?.onProgress?.({ stage: "analyze" });
      return await work(job);
    } finally {
      job.close();
    }
  };

  const service: MonitorService = {
    insertTemplate: async () => {
      throw new Error("На этой странице шаблон не вставляется в открытую книгу: скачайте пустой шаблон (кнопка «Скачать пустой шаблон» вверху), перенесите в него данные и откройте его здесь.");
    },

    open: () => withJob(undefined, (job) => job.run("status", { today: today() })),

    loadSettings: () => service.open().then((s) => s.settings),

    saveSettings: async (s) => {
      if (!parsePeriod(s.period)) throw new Error(`Период «${s.period}» не распознан: выберите год и квартал`);
      await book.writeSettings(settingValues(s));
      changed();
    },

    check: (o) => withJob(o, async (job) => ({ ...(await job.run("check", { today: today() })), checkedAt: now().toISOString() })),

    highlightIssues: (o) =>
      withJob(o, async (job) => {
        const marks = await job.run("issueMarks", { today: today() });
        o?.onProgress?.({ stage: "write", done: 0, total: marks.length });
        const n = await book.highlight(marks);
        changed();
        return n;
      }),

    clearHighlights: async () => {
      const n = await book.clearHighlights();
      changed();
      return n;
    },

    // The page has no grid to select in: every issue shows its sheet, cell and value in the list itself.
    selectCell: async () => {},

    fixCells: async (fix) => {
      if (!isFixable({ code: "unknown-value", suggestion: fix.value, cell: fix.cells[0] ?? "" }) || fix.cells.some((c) => !/^[A-Z]+\d+$/.test(c))) {
        throw new Error("Исправление не выполнено: нужен адрес ячейки и значение");
      }
      const r = await book.writeTexts(fix.sheet, fix.cells, fix.value, fix.expected);
      changed();
      return r;
    },

    exportRemarks: (o) =>
      withJob(o, async (job) => {
        const check = await job.run("check", { today: today() });
        if (check.problems.length > 0) throw new Error(check.problems.join("\n"));
        const rows = remarkRows(check, o?.org);
        if (rows.length === 0) throw new Error(o?.org ? `По организации «${o.org}» замечаний нет: выгружать нечего.` : "В списках участников замечаний нет: выгружать нечего.");
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet(REMARKS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
        ws.addRow([...REMARK_HEADERS]).font = { bold: true };
        for (const r of rows) ws.addRow([...r]);
        ws.columns.forEach((c, i) => (c.width = [10, 28, 14, 8, 22, 28, 40, 40, 14][i] ?? 14));
        ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REMARK_HEADERS.length } };
        const schools = new Set(rows.map((r) => r[0])).size;
        const stem = book.fileName.replace(/\.[^.]*$/, "");
        book.setRemarks(`${stem} — замечания для школ${o?.org ? ` (${o.org})` : ""}.xlsx`, await workbookBytes(wb), `замечаний: ${rows.length}, организаций: ${schools}`);
        changed();
        return { sheet: REMARKS_SHEET, rows: rows.length, schools };
      }),

    coverage: (period, o) => withJob(o, (job) => job.run("coverage", { today: today(), period })),

    roadmap: (asOf, o) => withJob(o, (job) => job.run("roadmap", { today: today(), asOf })),

    highlightRoadmap: (asOf, o) =>
      withJob(o, async (job) => {
        const n = await book.highlight(await job.run("roadmapMarks", { today: today(), asOf }));
        changed();
        return n;
      }),

    importSchools: async (files, apply, o) => {
      const { schools, failed } = readSchoolBooks(files);
      const district = analyzeWorkbook(book.read().input, { today: today() });
      const problem = paneProblem(district);
      if (problem) throw new Error(problem);
      const plan = consolidate(district, schools);
      if (apply) o?.onProgress?.({ stage: "write" });
      const notes = apply ? await book.applyImport(plan) : [];
      if (apply) changed();
      const outcome = { summaries: plan.summaries, failed, unknownOrganizations: plan.unknownOrganizations, duplicates: plan.duplicates, applied: apply, notes };
      return { ...outcome, check: apply ? await service.check(o) : null };
    },

    generateReport: (period, asOf, o) =>
      withJob(o, async (job) => {
        const layout = await job.run("report", { today: today(), period, asOf, madeAt: stampOf(now()) });
        o?.onProgress?.({ stage: "write" });
        const sheet = await book.writeReport(layout);
        changed();
        return { sheet };
      }),

    columns: (o) => withJob(o, (job) => job.run("columns", { today: today() })),

    saveColumnMapping: async (sheet, choices, kind) => {
      if (choices.length === 0) return;
      await book.writeMapping(mappingSettingsRows(sheet, choices, kind));
      changed();
    },

    // The page's workbook changes only through this service (no live edits): nothing to watch.
    watch: async () => () => undefined,

    recheck: async () => null,
  };
  return service;
}
