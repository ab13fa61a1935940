// What the task pane and the ribbon command do, each as one Excel batch over the core. The pane never
// calls Office.js itself; tests run the same service on the in-memory test host.
import { type WorkbookAnalysis, analyzeWorkbook, rosterProblem } from "../core/analyze";
import { cellAddress } from "../core/cells";
import { issueOrganizer } from "../core/issue-orgs";
import { type CoverageResult, computeCoverage } from "../core/coverage";
import { type Day, isoOf, parseIsoDay, stampOf, todayDay, ymdOf } from "../core/dates";
import type { Issue } from "../core/issues";
import { type Period, parsePeriod, periodCode, periodOfDay } from "../core/period";
import { layoutReport } from "../core/report/layout";
import { buildReport } from "../core/report/model";
import { renderReport } from "../core/report/renderer";
import { type RoadmapResult, computeRoadmap, roadmapPlanYear } from "../core/roadmap";
import { SETTINGS_SHEET, SETTING_LABELS, type Settings } from "../core/settings";
import { templateModel } from "../core/template";
import { headerKey } from "../core/text";
import { type Mark, applyHighlights, clearHighlights } from "./highlight";
import { readWorkbook } from "./read";
import { OfficeReportRenderer } from "./report";
import { BLOCK_CELLS, type ExcelRun, officeRun } from "./run";
import { type TemplateOutcome, insertTemplate } from "./template";
import { type CrossDuplicate, type FileSummary, type SchoolBook, consolidate } from "../core/consolidate";
import { WorkbookFileError, readWorkbook as readWorkbookFile } from "../xlsx/read";
import { writeImport } from "./import";
import { crc32 } from "../xlsx/package/zip";

export interface PaneSettings {
  readonly municipality: string;
  readonly planYear: number;
  readonly period: string; // 2021-Q2
  readonly asOf: string; // ISO
  readonly dueSoonDays: number;
  readonly minMenteeAge: number;
}

export interface CheckResult {
  /** Roster issues carry the organization code written on their row. */
  readonly issues: readonly (Issue & { org?: string })[];
  readonly errors: number;
  readonly warnings: number;
  /** Workbook-level problems (missing sheets, no header row): one Russian message each. */
  readonly problems: readonly string[];
}

export interface MonitorService {
  insertTemplate(year: number): Promise<TemplateOutcome>;
  loadSettings(): Promise<PaneSettings>;
  saveSettings(s: PaneSettings): Promise<void>;
  check(): Promise<CheckResult>;
  highlightIssues(): Promise<number>;
  clearHighlights(): Promise<number>;
  selectCell(sheet: string, cell: string): Promise<void>;
  coverage(period: string): Promise<CoverageResult | { problem: string }>;
  roadmap(asOf: string): Promise<RoadmapResult | null>;
  highlightRoadmap(asOf: string): Promise<number>;
  generateReport(period: string, asOf: string): Promise<{ sheet: string }>;
  /** Reads school files (locally, in the pane) and consolidates them; writes only when `apply`. */
  importSchools(files: readonly SchoolFile[], apply: boolean): Promise<ImportOutcome>;
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


function settingsOf(a: WorkbookAnalysis, today: Day): PaneSettings {
  const s: Settings = a.settings;
  const period = s.period ?? periodOfDay(s.asOf ?? today);
  return {
    municipality: s.municipality,
    planYear: s.planYear ?? period.year,
    period: periodCode(period),
    asOf: isoOf(s.asOf ?? today),
    dueSoonDays: s.dueSoonDays,
    minMenteeAge: s.minMenteeAge,
  };
}

function periodArg(text: string): Period {
  const p = parsePeriod(text);
  if (!p) throw new Error(`Период «${text}» не распознан; ожидается ГГГГ-Qn, например 2021-Q2`);
  return p;
}

function dayArg(text: string): Day {
  const d = parseIsoDay(text);
  if (d === null) throw new Error(`Дата «${text}» не распознана`);
  return d;
}

const ROADMAP_TONES = { overdue: "red", "due-soon": "amber", done: "green" } as const;

export interface ServiceOptions {
  /**
   * Excel on the web refuses requests and responses over 5 MB: reading then takes one sync per block of
   * cells. Desktop Excel has no such limit and reads any roster in a constant number of syncs.
   */
  readonly payloadLimited?: boolean;
}

export function createService(run: ExcelRun = officeRun, now: () => Date = () => new Date(), opts: ServiceOptions = {}): MonitorService {
  const cellsPerSync = opts.payloadLimited === false ? null : BLOCK_CELLS;
  const analyze = (ctx: Excel.RequestContext) =>
    readWorkbook(ctx, cellsPerSync).then((wb) => analyzeWorkbook(wb, { today: todayDay(now()) }));
  const roadmapOf = (a: WorkbookAnalysis, asOf: Day) =>
    a.roadmap ? computeRoadmap(a, asOf, roadmapPlanYear(a.settings, ymdOf(asOf).y)) : null;

  const service: MonitorService = {
    insertTemplate: (year) => run((ctx) => insertTemplate(ctx, templateModel(year))),

    loadSettings: () => run(async (ctx) => settingsOf(await analyze(ctx), todayDay(now()))),

    saveSettings: (s) =>
      run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
        await ctx.sync();
        if (ws.isNullObject) throw new Error("Нет листа «Настройки»: сначала вставьте шаблон");
        const labels = ws.getRange("A1:A30");
        labels.load("values");
        await ctx.sync();
        const values: Record<keyof Settings, string | number> = {
          municipality: s.municipality,
          planYear: s.planYear,
          period: s.period,
          asOf: s.asOf.split("-").reverse().join("."),
          dueSoonDays: s.dueSoonDays,
          minMenteeAge: s.minMenteeAge,
        };
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

    check: () =>
      run(async (ctx) => {
        const a = await analyze(ctx);
        const problem = rosterProblem(a, "текущая книга");
        const orgOf = issueOrganizer(a);
        return {
          issues: a.issues.map((i) => {
            const org = orgOf(i);
            return org === undefined ? i : { ...i, org };
          }),
          errors: a.issues.filter((i) => i.severity === "error").length,
          warnings: a.issues.filter((i) => i.severity === "warning").length,
          problems: problem ? [problem] : [],
        };
      }),

    highlightIssues: () =>
      run(async (ctx) => {
        const a = await analyze(ctx);
        const marks: Mark[] = a.issues
          .filter((i) => /^[A-Z]+\d+$/.test(i.cell))
          .map((i) => ({ sheet: i.sheet, cell: i.cell, tone: i.severity === "error" ? "red" : "amber" }));
        return applyHighlights(ctx, marks);
      }),

    clearHighlights: () => run((ctx) => clearHighlights(ctx)),

    selectCell: (sheet, cell) =>
      run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await ctx.sync();
      }),

    coverage: (period) =>
      run(async (ctx) => {
        const a = await analyze(ctx);
        const problem = rosterProblem(a, "текущая книга");
        return problem ? { problem } : computeCoverage(a, periodArg(period));
      }),

    roadmap: (asOf) => run(async (ctx) => roadmapOf(await analyze(ctx), dayArg(asOf))),

    highlightRoadmap: (asOf) =>
      run(async (ctx) => {
        const a = await analyze(ctx);
        const r = roadmapOf(a, dayArg(asOf));
        if (!r || !a.roadmap) return 0;
        const { sheet, columnIndex } = a.roadmap.located;
        const cols = Object.values(columnIndex) as number[];
        const first = sheet.firstColumn ?? 1;
        const marks: Mark[] = [];
        for (const item of r.items) {
          const tone = ROADMAP_TONES[item.status as keyof typeof ROADMAP_TONES];
          if (!tone) continue;
          for (const c of cols) marks.push({ sheet: sheet.name, cell: cellAddress(item.row, first + c), tone });
        }
        return applyHighlights(ctx, marks);
      }),

    importSchools: async (files, apply) => {
      const schools: SchoolBook[] = [];
      const failed: { file: string; message: string }[] = [];
      for (const f of files) {
        try {
          // The same reader as the command line's: .xlsx, .ods, .xls, .xlsb, CSV, read here in the pane.
          const analysis = analyzeWorkbook(readWorkbookFile(f.bytes, f.name).input);
          schools.push({ file: f.name, analysis, fingerprint: `${f.bytes.length}-${crc32(f.bytes).toString(16)}` });
        } catch (e) {
          failed.push({ file: f.name, message: e instanceof WorkbookFileError ? e.message : `не удалось прочитать: ${String(e)}` });
        }
      }
      const c = await run(async (ctx) => {
        const district = await analyze(ctx);
        const problem = rosterProblem(district, "текущая книга");
        if (problem) throw new Error(problem);
        const plan = consolidate(district, schools);
        const written = apply ? await writeImport(ctx, district, plan, cellsPerSync) : { notes: [] };
        return { ...plan, notes: written.notes };
      });
      const outcome = { summaries: c.summaries, failed, unknownOrganizations: c.unknownOrganizations, duplicates: c.duplicates, applied: apply, notes: c.notes };
      return { ...outcome, check: apply ? await service.check() : null };
    },

    generateReport: (period, asOf) =>
      run(async (ctx) => {
        const a = await analyze(ctx);
        const problem = rosterProblem(a, "текущая книга");
        if (problem) throw new Error(problem);
        const day = dayArg(asOf);
        const coverage = computeCoverage(a, periodArg(period));
        const model = buildReport({ analysis: a, coverage, roadmap: roadmapOf(a, day), asOf: day, madeAt: stampOf(now()) });
        const sheet = await renderReport(layoutReport(model), new OfficeReportRenderer(ctx));
        return { sheet };
      }),
  };
  return service;
}

/**
 * The ribbon's «Сформировать свод»: the reporting period and as-of date of the workbook's settings,
 * or, where the settings give none, the current quarter at today's date.
 */
export async function generateReportForCurrentQuarter(service: MonitorService = createService()): Promise<{ sheet: string }> {
  const s = await service.loadSettings();
  return service.generateReport(s.period, s.asOf);
}
