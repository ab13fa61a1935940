// One pass over a workbook: recognise its sheets, read lists and settings, validate every sheet.
// Everything else (coverage, roadmap, report, the add-in's pane) starts from this result.
import type { SheetInput, WorkbookInput } from "./cells";
import { ORGANIZATIONS, PARTICIPANTS, ROADMAP, TARGETS, type SheetSpec } from "./columns";
import { DEFAULT_DICTIONARIES, DICTIONARIES_SHEET, DICTIONARY_HEADERS, type Dictionaries, type ListName } from "./dictionaries";
import { type LocatedSheet, locateSheets } from "./headers";
import { type Issue, compareIssues } from "./issues";
import { displayText } from "./readers";
import { type OrganizationRow, type ParticipantRow, ROW_TYPES, type RoadmapRow, type RowType, type TargetRow } from "./schemas";
import { DEFAULT_SETTINGS, SETTINGS_SHEET, type Settings, readSettings } from "./settings";
import { IssueSink, type ReadContext, type RowRecord, type TableResult, readTable } from "./table";
import { headerKey, valueKey } from "./text";
import { checkOrganizations } from "./validate/organizations";
import { PersonIndex } from "./validate/persons";
import { checkParticipants } from "./validate/participants";
import { checkTargets } from "./validate/targets";
import { checkRoadmap } from "./validate/roadmap";
import { roadmapPlanYear } from "./roadmap";
import { todayDay, ymdOf } from "./dates";


/** A problem with the workbook as a whole: the command line stops with exit code 2. */
export interface WorkbookProblem {
  readonly message: string;
}

export interface SheetResult<T, K extends string> extends TableResult<T, K> {
  readonly located: LocatedSheet<K>;
}

type Keys<T> = Extract<keyof T, string>;

export interface WorkbookAnalysis {
  readonly settings: Settings;
  readonly dictionaries: Dictionaries;
  readonly organizations: SheetResult<OrganizationRow, Keys<OrganizationRow>> | null;
  readonly targets: SheetResult<TargetRow, Keys<TargetRow>> | null;
  readonly participants: SheetResult<ParticipantRow, Keys<ParticipantRow>>[];
  readonly roadmap: SheetResult<RoadmapRow, Keys<RoadmapRow>> | null;
  /** Sheets found by name but without a recognisable header row. */
  readonly problems: WorkbookProblem[];
  /** All issues, by sheet and row. */
  readonly issues: Issue[];
  /** Organization codes by tolerant key → code as written. */
  readonly orgCodes: ReadonlyMap<string, string>;
  /** How many persons the roster checks numbered: every RowRecord.identity is below this. */
  readonly personCount: number;
}

export function readDictionaries(sheet: SheetInput | undefined): Dictionaries {
  if (!sheet || sheet.rows.length === 0) return DEFAULT_DICTIONARIES;
  const out: Record<ListName, readonly string[]> = { ...DEFAULT_DICTIONARIES };
  const header = sheet.rows[0];
  for (const [list, title] of Object.entries(DICTIONARY_HEADERS) as [ListName, string][]) {
    const col = header.findIndex((c) => headerKey(displayText(c)) === headerKey(title));
    if (col < 0) continue;
    const values = sheet.rows
      .slice(1)
      .map((r) => displayText(r[col] ?? null))
      .filter((v) => v !== "");
    if (values.length > 0) out[list] = values;
  }
  return out;
}

function headerlessProblem(spec: SheetSpec, sheet: SheetInput): WorkbookProblem {
  return {
    message: `Лист «${sheet.name}»: в первых 10 строках не найдена строка заголовков (${spec.columns
      .filter((c) => c.mustExist)
      .map((c) => c.header)
      .join(", ")})`,
  };
}

export interface AnalyzeOptions {
  /** Anchors the roadmap's plan year when the settings give none; defaults to today. */
  readonly today?: number;
}

export function analyzeWorkbook(wb: WorkbookInput, opts: AnalyzeOptions = {}): WorkbookAnalysis {
  const byName = (n: string) => wb.sheets.find((s) => valueKey(s.name) === valueKey(n));
  const dictSheet = byName(DICTIONARIES_SHEET);
  const settingsSheet = byName(SETTINGS_SHEET);
  const dictionaries = readDictionaries(dictSheet);
  const settings = settingsSheet ? readSettings(settingsSheet, wb.date1904) : DEFAULT_SETTINGS;
  const ctx: ReadContext = { dictionaries, date1904: wb.date1904 ?? false };
  const taken = new Set<SheetInput>([dictSheet, settingsSheet].filter((s): s is SheetInput => !!s));
  const problems: WorkbookProblem[] = [];

  function read<T, K extends string>(spec: SheetSpec<K>, type: RowType<T>, many: boolean) {
    const { located, headerless } = locateSheets(spec, wb.sheets, taken, many);
    for (const s of headerless) problems.push(headerlessProblem(spec, s));
    return located.map((l) => {
      taken.add(l.sheet);
      const sink = new IssueSink<K>(l);
      return { located: l, ...readTable<T, K>(l, type, ctx, sink), sink };
    });
  }

  const [orgs] = read(ORGANIZATIONS, ROW_TYPES.organizations, false);
  const [targets] = read(TARGETS, ROW_TYPES.targets, false);
  const [roadmap] = read(ROADMAP, ROW_TYPES.roadmap, false);
  const participants = read(PARTICIPANTS, ROW_TYPES.participants, true);

  const orgCodes = new Map<string, string>();
  if (orgs) {
    checkOrganizations(orgs.records, orgs.sink);
    for (const r of orgs.records) {
      const code = r.fields.code;
      if (typeof code === "string" && code !== "" && !orgCodes.has(valueKey(code))) orgCodes.set(valueKey(code), code);
    }
  }
  if (targets) checkTargets(targets.records, orgCodes, targets.sink);
  const persons = new PersonIndex();
  participants.forEach((p, sheetNo) => {
    checkParticipants(p.records, orgCodes, settings, p.sink, p.located.columnIndex.consent !== undefined, persons, sheetNo);
  });
  if (roadmap) {
    const year = roadmapPlanYear(settings, ymdOf(opts.today ?? todayDay()).y);
    checkRoadmap(roadmap.records, year, ctx.date1904, roadmap.sink);
  }
  const results = [orgs, targets, ...participants, roadmap].filter((r) => r !== undefined);
  // Formulas saved without values (a script wrote the file, Excel never opened it): one issue at the
  // column's header instead of an empty cell on every row, and the way out.
  const uncalculated = new Set<string>();
  for (const gap of wb.uncalculated ?? []) {
    const r = results.find((x) => x.located.sheet.name === gap.sheet);
    if (!r) continue;
    const { located } = r;
    const idx = gap.column - (located.sheet.firstColumn ?? 1);
    const key = (Object.keys(located.columnIndex) as string[]).find((k) => (located.columnIndex as Record<string, number>)[k] === idx);
    if (key === undefined) continue;
    const header = located.spec.columns.find((c) => c.key === key)!.header;
    uncalculated.add(`${gap.sheet}|${header}`);
    const row = (located.sheet.firstRow ?? 1) + located.headerIndex;
    const n = gap.count;
    const formulas = n % 10 === 1 && n % 100 !== 11 ? "формула" : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? "формулы" : "формул";
    (r.sink as IssueSink<string>).at(row, key, "uncalculated-formula", `В столбце ${n} ${formulas} без сохранённых значений: откройте файл в Excel и сохраните его — Excel вычислит формулы, и строки будут проверены`);
  }
  const issues = results
    .flatMap((r) => r.sink.issues)
    .filter((i) => !(i.code === "missing-value" && uncalculated.has(`${i.sheet}|${i.column}`)))
    .sort(compareIssues);
  const strip = <T, K extends string>(r: (SheetResult<T, K> & { sink: unknown }) | undefined): SheetResult<T, K> | null => {
    if (!r) return null;
    const { sink: _sink, ...rest } = r;
    return rest;
  };
  return {
    settings,
    dictionaries,
    organizations: strip(orgs),
    targets: strip(targets),
    participants: participants.map((p) => strip(p)!),
    roadmap: strip(roadmap),
    problems,
    issues,
    orgCodes,
    personCount: persons.size,
  };
}

/** Rows that carry at least one error: excluded from every count. */
export function isExcluded(rec: RowRecord<unknown, string>): boolean {
  return rec.errors > 0 || rec.value === null;
}

/**
 * Why the roster commands cannot run on this workbook, or null: the participants and organizations
 * sheets must exist with a header row.
 */
export function rosterProblem(a: WorkbookAnalysis, fileName: string): string | null {
  if (a.problems.length > 0) return a.problems.map((p) => p.message).join("\n");
  const missing: string[] = [];
  if (!a.organizations) missing.push("«Организации»");
  if (a.participants.length === 0) missing.push("«Участники»");
  if (missing.length === 0) return null;
  return (
    `В книге «${fileName}» нет ${missing.length > 1 ? "листов" : "листа"} ${missing.join(" и ")} ` +
    "(ни по имени таблицы, ни по имени листа, ни по заголовкам). Вставьте шаблон: mentor-monitor template -o шаблон.xlsx"
  );
}
