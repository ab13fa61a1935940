// What the pane asks of the engine, as pure functions of the workbook's cells: the same in the task
// pane's Web Worker and in-thread (jest, Node). Results are plain data (structured-clonable): no class
// instances, no functions, so they cross postMessage unchanged.
import { type WorkbookAnalysis, analyzeWorkbook } from "../core/analyze";
import { type CellValue, type WorkbookInput, cellAddress } from "../core/model/cells";
import { type CoverageResult, computeCoverage } from "../core/coverage/coverage";
import { type Day, isoOf, parseIsoDay, ymdOf } from "../core/model/dates";
import { issueOrganizer } from "../core/report/issue-orgs";
import { isFixable } from "../core/model/issue-names";
import type { Issue } from "../core/model/issues";
import { shortOrgName } from "../core/read/orgname";
import { type Period, parsePeriod, periodCode, periodEnd, periodOfDay } from "../core/model/period";
import { displayText } from "../core/read/readers";
import { type SheetLayout, layoutReport } from "../core/report/layout";
import type { ReadCache } from "../core/read/table";
import { type StatusTone, buildReport } from "../core/report/model";
import { type RoadmapResult, computeRoadmap } from "../core/roadmap/roadmap";
import { type Settings, roadmapPlanYear } from "../core/read/settings";
import { ORGANIZATIONS, PARTICIPANTS } from "../core/model/columns";
import { sheetColumns } from "../core/read/layouts/describe";
import type { SheetColumns } from "../core/read/layouts/result";
import { valueKey } from "../core/model/text";

export interface PaneSettings {
  readonly municipality: string;
  readonly planYear: number;
  readonly period: string; // 2021-Q2
  readonly asOf: string; // ISO
  readonly dueSoonDays: number;
  readonly minMenteeAge: number;
  /** Whether `Дата отчёта` is written in the workbook; when not, asOf is the period's end (not after today). */
  readonly asOfSet?: boolean;
}

/** An issue as the pane shows it. */
export interface PaneIssue extends Issue {
  /** The organization code written on the issue's roster row ("" when empty); absent off the roster. */
  readonly org?: string;
  /** The cell's text at the check, for issues whose suggestion may be written: a fix refuses a changed cell. */
  readonly value?: string;
}

export interface CheckResult {
  readonly issues: readonly PaneIssue[];
  readonly errors: number;
  readonly warnings: number;
  /** Workbook-level problems (missing sheets, no header row): one Russian message each, none naming a command. */
  readonly problems: readonly string[];
  /** Organization code → short name, for the list's headings. */
  readonly orgNames?: Readonly<Record<string, string>>;
  /** Roster rows read (all roster sheets, under their headers). */
  readonly rosterRows?: number;
  /** A hash of every cell read: equal fingerprints mean the same data. */
  readonly fingerprint?: string;
  /** When the check finished (ISO, local clock of the pane). */
  readonly checkedAt?: string;
  /** A live re-check with highlights on: how many cells it coloured or gave their fill back. */
  readonly highlightsChanged?: number;
}

export type Mark = { readonly sheet: string; readonly cell: string; readonly tone: StatusTone };

export interface WorkbookStatus {
  readonly settings: PaneSettings;
  /** Required sheets the workbook lacks: «Организации», «Участники». */
  readonly missingSheets: readonly string[];
}

export const ROADMAP_TONES = { overdue: "red", "due-soon": "amber", done: "green" } as const;

export function periodArg(text: string): Period {
  const p = parsePeriod(text);
  if (!p) throw new Error(`Период «${text}» не распознан: выберите год и квартал`);
  return p;
}

export function dayArg(text: string): Day {
  const d = parseIsoDay(text);
  if (d === null) throw new Error(`Дата «${text}» не распознана`);
  return d;
}

/** The as-of date when the workbook names none: the period's last day, but never a day still to come. */
export function defaultAsOf(period: Period, today: Day): Day {
  return Math.min(periodEnd(period), today);
}

/**
 * The settings as the «Настройки» sheet stores them, by key: the as-of date as ДД.ММ.ГГГГ, and empty when
 * the user never set one (it then keeps following the period's end).
 */
export function settingCells(s: PaneSettings): Record<keyof Settings, string | number> {
  return {
    municipality: s.municipality,
    planYear: s.planYear,
    period: s.period,
    asOf: s.asOfSet === false ? "" : s.asOf.split("-").reverse().join("."),
    dueSoonDays: s.dueSoonDays,
    minMenteeAge: s.minMenteeAge,
  };
}

export function settingsOf(a: WorkbookAnalysis, today: Day): PaneSettings {
  const s: Settings = a.settings;
  const period = s.period ?? periodOfDay(s.asOf ?? today);
  return {
    municipality: s.municipality,
    planYear: s.planYear ?? period.year,
    period: periodCode(period),
    asOf: isoOf(s.asOf ?? defaultAsOf(period, today)),
    dueSoonDays: s.dueSoonDays,
    minMenteeAge: s.minMenteeAge,
    asOfSet: s.asOf !== null,
  };
}

/** Required sheets the workbook lacks, by their names in «ёлочки». */
export function missingSheets(a: WorkbookAnalysis): string[] {
  const missing: string[] = [];
  if (!a.organizations) missing.push("«Организации»");
  if (a.participants.length === 0) missing.push("«Участники»");
  return missing;
}

/** Where the pane sends the user for the sheets a book lacks (the standalone page says it its own way). */
export const TEMPLATE_ADVICE = "Откройте вкладку «Шаблон» и вставьте шаблон, затем вставьте данные.";

/**
 * Why the roster actions cannot run, in the pane's words: the core's headerless-sheet messages, or the
 * missing sheets and where to get them (the «Шаблон» tab; never a shell command).
 */
export function paneProblem(a: WorkbookAnalysis): string | null {
  if (a.problems.length > 0) return a.problems.map((p) => p.message).join("\n");
  const missing = missingSheets(a);
  if (missing.length === 0) return null;
  return `В книге нет ${missing.length > 1 ? "листов" : "листа"} ${missing.join(" и ")}. ${TEMPLATE_ADVICE}`;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** The cell an issue points at, from the input the check read; undefined when it is not a single cell. */
export function cellAt(input: WorkbookInput, sheet: string, cell: string): CellValue | undefined {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return undefined;
  const s = input.sheets.find((x) => x.name === sheet);
  if (!s) return undefined;
  const row = s.rows[Number(m[2]) - (s.firstRow ?? 1)];
  return row ? row[columnNumber(m[1]) - (s.firstColumn ?? 1)] ?? null : null;
}

// FNV-1a, 32 bits, over the UTF-16 units of strings and the bits of numbers: no string is built per cell.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const numberBits = new Float64Array(1);
const numberWords = new Int32Array(numberBits.buffer);

function mixText(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return Math.imul(h ^ 0x1f, FNV_PRIME); // a separator, so "ab","c" differs from "a","bc"
}

function mixNumber(h: number, n: number): number {
  numberBits[0] = n;
  h = Math.imul(h ^ numberWords[0], FNV_PRIME);
  return Math.imul(h ^ numberWords[1], FNV_PRIME);
}

/** A hash of one row's cells: each cell's kind and value. */
export function rowHash(row: readonly CellValue[]): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v === null || v === undefined) h = Math.imul(h ^ 1, FNV_PRIME);
    else if (typeof v === "string") h = mixText(Math.imul(h ^ 2, FNV_PRIME), v);
    else if (typeof v === "number") h = mixNumber(Math.imul(h ^ 3, FNV_PRIME), v);
    else if (typeof v === "boolean") h = Math.imul(h ^ (v ? 4 : 5), FNV_PRIME);
    else if (v instanceof Date) h = mixNumber(Math.imul(h ^ 6, FNV_PRIME), v.getTime());
    else h = mixText(Math.imul(h ^ 7, FNV_PRIME), v.error);
  }
  return h;
}

/**
 * Row hashes kept between fingerprints of one workbook that changes a few rows at a time (a live
 * re-check): a row that is the same array as before keeps its hash. Rows are never changed in place
 * (engine.ts), so the same array means the same cells.
 */
export class RowHashes {
  private readonly sheets = new Map<string, { rows: (readonly CellValue[] | undefined)[]; hashes: number[] }>();

  of(sheet: string, rows: ReadonlyArray<readonly CellValue[]>): (i: number) => number {
    let s = this.sheets.get(sheet);
    if (s === undefined) this.sheets.set(sheet, (s = { rows: [], hashes: [] }));
    const kept = s;
    if (kept.rows.length > rows.length) {
      kept.rows.length = rows.length;
      kept.hashes.length = rows.length;
    }
    return (i) => {
      const row = rows[i];
      if (kept.rows[i] === row) return kept.hashes[i];
      const h = rowHash(row);
      kept.rows[i] = row;
      kept.hashes[i] = h;
      return h;
    };
  }
}

/**
 * A hash of every sheet's name, origin and cells: the same data gives the same hash. Row by row, so that
 * with `kept` (the hashes of an earlier fingerprint of the same workbook) only new rows are hashed.
 */
export function fingerprintOf(input: WorkbookInput, kept?: RowHashes): string {
  let h = FNV_OFFSET;
  for (const s of input.sheets) {
    h = mixText(h, `${s.name}|${s.firstRow ?? 1}|${s.firstColumn ?? 1}|${s.rows.length}`);
    const hashOf = kept?.of(s.name, s.rows);
    for (let i = 0; i < s.rows.length; i++) {
      const r = hashOf === undefined ? rowHash(s.rows[i]) : hashOf(i);
      h = Math.imul(h ^ r, FNV_PRIME);
    }
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

export function checkOf(input: WorkbookInput, a: WorkbookAnalysis, hashes?: RowHashes): CheckResult {
  const problem = paneProblem(a);
  const orgOf = issueOrganizer(a);
  let errors = 0;
  const issues: PaneIssue[] = a.issues.map((i) => {
    if (i.severity === "error") errors++;
    const org = orgOf(i);
    const value = isFixable(i) ? cellAt(input, i.sheet, i.cell) : undefined;
    if (org === undefined && value === undefined) return i;
    const out: { -readonly [K in keyof PaneIssue]: PaneIssue[K] } = { ...i };
    if (org !== undefined) out.org = org;
    if (value !== undefined) out.value = displayText(value);
    return out;
  });
  const orgNames: Record<string, string> = {};
  for (const r of a.organizations?.records ?? []) {
    const code = r.fields.code;
    const name = r.fields.name;
    if (typeof code === "string" && code !== "" && !(code in orgNames)) orgNames[code] = typeof name === "string" && name !== "" ? shortOrgName(name) : "";
  }
  return {
    issues,
    errors,
    warnings: issues.length - errors,
    problems: problem ? [problem] : [],
    orgNames,
    rosterRows: a.participants.reduce((n, p) => n + p.records.length, 0),
    fingerprint: fingerprintOf(input, hashes),
  };
}

/** The cells «Подсветить» colours: every issue at one cell, red for an error, amber for a warning, in the issues' order. */
export function marksOf(issues: readonly Issue[]): Mark[] {
  return issues.filter((i) => /^[A-Z]+\d+$/.test(i.cell)).map((i) => ({ sheet: i.sheet, cell: i.cell, tone: i.severity === "error" ? "red" : "amber" }));
}

export function issueMarks(a: WorkbookAnalysis): Mark[] {
  return marksOf(a.issues);
}

export function roadmapOf(a: WorkbookAnalysis, asOf: Day): RoadmapResult | null {
  return a.roadmap ? computeRoadmap(a, asOf, roadmapPlanYear(a.settings, ymdOf(asOf).y)) : null;
}

export function roadmapMarks(a: WorkbookAnalysis, asOf: Day): Mark[] {
  const r = roadmapOf(a, asOf);
  if (!r || !a.roadmap) return [];
  const { sheet, columnIndex } = a.roadmap.located;
  const cols = Object.values(columnIndex) as number[];
  const first = sheet.firstColumn ?? 1;
  const marks: Mark[] = [];
  for (const item of r.items) {
    const tone = ROADMAP_TONES[item.status as keyof typeof ROADMAP_TONES];
    if (!tone) continue;
    for (const c of cols) marks.push({ sheet: sheet.name, cell: cellAddress(item.row, first + c), tone });
  }
  return marks;
}

export function coverageOf(a: WorkbookAnalysis, period: string): CoverageResult | { problem: string } {
  const problem = paneProblem(a);
  return problem ? { problem } : computeCoverage(a, periodArg(period));
}

export function reportLayout(a: WorkbookAnalysis, period: string, asOf: string, madeAt: string): SheetLayout {
  const problem = paneProblem(a);
  if (problem) throw new Error(problem);
  const day = dayArg(asOf);
  const coverage = computeCoverage(a, periodArg(period));
  return layoutReport(buildReport({ analysis: a, coverage, roadmap: roadmapOf(a, day), asOf: day, madeAt }));
}

/**
 * The column mapping the pane offers (Power Query's «выбор столбцов»): each data sheet read whose headers are
 * not all the template's (a header placed otherwise, a header left unplaced, a required field missing), and a
 * template-named roster or organizations sheet the analysis could not read at all (its likeliest header row).
 */
export function columnsOf(input: WorkbookInput, a: WorkbookAnalysis): SheetColumns[] {
  const out: SheetColumns[] = a.columns.filter((c) => !c.template || c.unplaced.length > 0 || c.missing.length > 0);
  for (const spec of [PARTICIPANTS, ORGANIZATIONS]) {
    if (a.columns.some((c) => c.kind === spec.kind)) continue;
    const sheet = input.sheets.find((s) => spec.sheetSynonyms.some((n) => valueKey(n) === valueKey(s.name)));
    const cols = sheet ? sheetColumns(input, a.columns, sheet.name, spec.kind) : null;
    if (cols) out.push(cols);
  }
  return out;
}

/**
 * Where each mapping row goes in «Настройки» (column A as written, 0-based row): a row already there for the
 * same label is updated in place, a new one goes below the last used row. Other rows are never touched.
 */
export function mappingWrites(existing: readonly unknown[], rows: readonly (readonly [string, string])[]): { row: number; label: string; value: string; isNew: boolean }[] {
  const rowOf = new Map<string, number>();
  existing.forEach((a, i) => {
    const text = typeof a === "string" ? a.trim() : "";
    if (text !== "" && !rowOf.has(valueKey(text))) rowOf.set(valueKey(text), i);
  });
  let next = existing.length;
  return rows.map(([label, value]) => {
    const at = rowOf.get(valueKey(label));
    if (at !== undefined) return { row: at, label, value, isNew: false };
    rowOf.set(valueKey(label), next);
    return { row: next++, label, value, isNew: true };
  });
}

/** The tasks by name, with their arguments: what crosses to the worker is the name and the arguments. */
export interface TaskArgs {
  status: { today: Day };
  check: { today: Day };
  issueMarks: { today: Day };
  coverage: { today: Day; period: string };
  roadmap: { today: Day; asOf: string };
  roadmapMarks: { today: Day; asOf: string };
  report: { today: Day; period: string; asOf: string; madeAt: string };
  columns: { today: Day };
}

export interface TaskResults {
  status: WorkbookStatus;
  check: CheckResult;
  issueMarks: Mark[];
  coverage: CoverageResult | { problem: string };
  roadmap: RoadmapResult | null;
  roadmapMarks: Mark[];
  report: SheetLayout;
  columns: SheetColumns[];
}

export type TaskName = keyof TaskArgs;

/** Runs one task; `analyze` gives the (memoized) analysis of the input at a date; `hashes` keeps row hashes for the fingerprint. */
export function runTask<K extends TaskName>(task: K, input: WorkbookInput, analyze: (today: Day) => WorkbookAnalysis, args: TaskArgs[K], hashes?: RowHashes): TaskResults[K] {
  const a = analyze(args.today);
  const any = args as TaskArgs[TaskName] & Partial<TaskArgs["report"]>;
  const out: { [T in TaskName]: () => TaskResults[T] } = {
    status: () => ({ settings: settingsOf(a, args.today), missingSheets: missingSheets(a) }),
    check: () => checkOf(input, a, hashes),
    issueMarks: () => issueMarks(a),
    coverage: () => coverageOf(a, any.period!),
    roadmap: () => roadmapOf(a, dayArg(any.asOf!)),
    roadmapMarks: () => roadmapMarks(a, dayArg(any.asOf!)),
    report: () => reportLayout(a, any.period!, any.asOf!, any.madeAt!),
    columns: () => columnsOf(input, a),
  };
  return out[task]() as TaskResults[K];
}

/** A memo of analyzeWorkbook per input and date; `cache` keeps row reads from an earlier analysis of the same workbook. */
export function analyzer(input: WorkbookInput, cache?: ReadCache): (today: Day) => WorkbookAnalysis {
  let last: { today: Day; a: WorkbookAnalysis } | null = null;
  return (today) => {
    if (last?.today !== today) last = { today, a: analyzeWorkbook(input, { today, cache }) };
    return last.a;
  };
}

