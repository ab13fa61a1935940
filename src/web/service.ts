// The pane's service over the standalone page's in-memory workbook: the same interface the task pane
// uses over Office.js (MonitorService), the same engine tasks (src/engine), and every change made by the
// package editor into a file to download (workbook.ts), never into the user's file.
import { type Day, stampOf, todayDay } from "../core/model/dates";
import { isFixable } from "../core/model/issue-names";
import { mappingSettingsRows } from "../core/read/layouts/mapping";
import { parsePeriod } from "../core/model/period";
import { SETTING_LABELS, type Settings } from "../core/read/settings";
import { settingCells } from "../engine/tasks";
import { REMARKS_SHEET } from "../office/remarks";
import type { ActionOptions, MonitorService, PaneSettings } from "../office/service";
import type { BookHandle } from "./book-engine";
import type { MemoryWorkbook } from "./workbook";

export interface MemoryServiceOptions {
  readonly now?: () => Date;
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
  const today = (): Day => todayDay(now());
  const changed = () => opts.onChange?.();

  /** The workbook as the book's engine read it (once per version of the data: the read's progress first). */
  const withJob = async <T>(o: ActionOptions | undefined, work: (job: BookHandle) => Promise<T>): Promise<T> => {
    const job = await book.data(o?.onProgress);
    o?.onProgress?.({ stage: "analyze" });
    return work(job);
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
      withJob(o, async () => {
        const { rows, schools } = await book.writeRemarks(today(), o?.org);
        changed();
        return { sheet: REMARKS_SHEET, rows, schools };
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
      await book.data(o?.onProgress);
      if (apply) o?.onProgress?.({ stage: "write" });
      const { rows: _rows, ...r } = await book.importSchools(files, apply, today());
      if (apply) changed();
      return { ...r, applied: apply, check: apply ? await service.check(o) : null };
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
