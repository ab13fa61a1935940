// One pass over a workbook: recognise its sheets, read lists and settings, validate every sheet.
// Everything else (coverage, roadmap, report, the add-in's pane) starts from this result.
//
// Sheets in the template's layout are read as they are. Other layouts (docs/layouts.md) — plans keyed by
// organization name, targets with a column per year, rosters with ФИО in three columns, pair rows, base
// lists — are recognised once per sheet and read through a view (view.ts); a column mapping confirmed in
// `Настройки` (layouts/mapping.ts) places columns first.
import { type SheetInput, type WorkbookInput, cellAddress } from "./model/cells";
import { ORGANIZATIONS, PARTICIPANTS, ROADMAP, type SheetKind, type SheetSpec, TARGETS } from "./model/columns";
import { DEFAULT_DICTIONARIES, DICTIONARIES_SHEET, DICTIONARY_HEADERS, type Dictionaries, type ListName } from "./model/dictionaries";
import { HEADER_SCAN_ROWS, type LocatedSheet, locateSheets } from "./read/headers";
import { type Issue, type Note, compareIssues } from "./model/issues";
import { displayText } from "./read/readers";
import { type OrganizationRow, type ParticipantRow, ROW_TYPES, type RoadmapRow, type RowType, type TargetRow } from "./read/schemas";
import { DEFAULT_SETTINGS, SETTINGS_SHEET, type Settings, readSettings, roadmapPlanYear } from "./read/settings";
import { IssueSink, type ReadCache, type ReadContext, type RowRecord, type TableResult, readTable } from "./read/table";
import { headerKey, valueKey } from "./model/text";
import { keepShape } from "./read/shapes";
import { checkOrganizations } from "./validate/organizations";
import { PersonIndex } from "./validate/persons";
import { PairBook, type RosterSheetOptions, checkParticipants } from "./validate/participants";
import { checkTargets } from "./validate/targets";
import { checkRoadmap } from "./validate/roadmap";
import { todayDay, ymdOf } from "./model/dates";
import { OrgResolver } from "./read/orgname";
import { type FieldSpec, ORGANIZATION_FIELDS, type ColumnOverrides, matchFields } from "./read/layouts/fields";
import { type ColumnMapping, type MappingRow, readColumnMapping } from "./read/layouts/mapping";
import { type LayoutRead, type SheetColumns, describeColumns } from "./read/layouts/result";
import { detectRoster, readRosterLayout, rosterBlocks } from "./read/layouts/roster";
import { type IndicatorText, type TargetsRead, detectTargetTables, readTargetTable } from "./read/layouts/targets";
import { organizationsFromPlans, readOrganizationsLayout } from "./read/layouts/organizations";

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
  /** `Организации`, or, in a workbook without it, the organizations of its plan keyed by name. */
  readonly organizations: SheetResult<OrganizationRow, Keys<OrganizationRow>> | null;
  /** The first table of targets (the template's `Целевые показатели`); every table is in `targetTables`. */
  readonly targets: SheetResult<TargetRow, Keys<TargetRow>> | null;
  /** Every table of plans and targets: the template's, plans keyed by name, targets with a column per year. */
  readonly targetTables: SheetResult<TargetRow, Keys<TargetRow>>[];
  readonly participants: SheetResult<ParticipantRow, Keys<ParticipantRow>>[];
  readonly roadmap: SheetResult<RoadmapRow, Keys<RoadmapRow>> | null;
  /** Sheets found by name but without a recognisable header row. */
  readonly problems: WorkbookProblem[];
  /** All issues, by sheet and row. */
  readonly issues: Issue[];
  /** What was inferred and where (not issues: no error, no warning, nothing highlighted). */
  readonly notes: Note[];
  /** How the columns of each sheet read were placed (the command line prints those not in the template's layout). */
  readonly columns: SheetColumns[];
  /** Indicators as the targets tables write them, and as they were understood. */
  readonly indicatorTexts: IndicatorText[];
  /** The column mapping rows of `Настройки`. */
  readonly mapping: readonly MappingRow[];
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
  // Indicators mean what the code computes: a workbook's list may lack the newer ones (an older template).
  const own = new Set(out.indicators.map(valueKey));
  out.indicators = [...out.indicators, ...DEFAULT_DICTIONARIES.indicators.filter((i) => !own.has(valueKey(i)))];
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

/** The report sheets this product writes (`Свод 2021 Q2`, `Свод 2021 Q2 (2)`): never data. */
const isReportSheet = (name: string) => /^свод \d{4} q[1-4]( \(\d+\))?$/.test(valueKey(name));

export interface AnalyzeOptions {
  /** Anchors the roadmap's plan year when the settings give none; defaults to today. */
  readonly today?: number;
  /**
   * Row reads kept from the previous analysis of the same workbook: rows whose cells are the same arrays
   * are not read again (the pane's live re-check, engine.ts). The result is the same with or without it;
   * the records of unchanged rows are the earlier analysis's, put back as read, so that one is no longer valid.
   */
  readonly cache?: ReadCache;
}

/** A template sheet read as it is: its columns as placed, nothing inferred. */
function asIs<K extends string>(located: LocatedSheet<K>, kind: SheetKind): LayoutRead<K> {
  const header = located.sheet.rows[located.headerIndex] ?? [];
  const upper = located.headerIndex > 0 ? (located.sheet.rows[located.headerIndex - 1] ?? []) : [];
  const found = new Map<string, { index: number; header: string; by: "header" }>();
  for (const c of located.spec.columns) {
    const i = (located.columnIndex as Record<string, number | undefined>)[c.key];
    if (i === undefined) continue;
    const low = displayText(header[i] ?? null);
    found.set(c.key, { index: i, header: low || displayText(upper[i] ?? null) || c.header, by: "header" });
  }
  return { located, notes: [], issues: [], columns: describeColumns(located.sheet, kind, located.headerIndex, found, { missing: located.missing.map((c) => c.header) }) };
}

/** A sheet the template's matcher found, re-read with the user's `Настройки` mapping for it. */
function withOverrides<K extends string>(located: LocatedSheet<K>, fields: readonly FieldSpec[], overrides: ColumnOverrides): LocatedSheet<K> {
  const { sheet, spec } = located;
  let best: { i: number; found: Map<string, unknown>; idx: Partial<Record<K, number>> } | undefined;
  for (let i = 0; i < Math.min(HEADER_SCAN_ROWS, sheet.rows.length); i++) {
    const found = matchFields(fields, sheet.rows[i], i > 0 ? sheet.rows[i - 1] : null, overrides);
    const idx: Partial<Record<K, number>> = {};
    for (const c of spec.columns) {
      const f = found.get(c.key);
      if (f) idx[c.key] = f.index;
    }
    if (!best || Object.keys(idx).length > Object.keys(best.idx).length) best = { i, found, idx };
  }
  if (!best || Object.keys(best.idx).length < Object.keys(located.columnIndex).length) return located;
  const missing = spec.columns.filter((c) => c.mustExist && best!.idx[c.key] === undefined);
  return { ...located, headerIndex: best.i, columnIndex: best.idx, missing };
}

/** The read context, made in one place: the one kept instance keeps its hidden class alive (shapes.ts). */
function readContext(dictionaries: Dictionaries, date1904: boolean): ReadContext {
  return { dictionaries, date1904 };
}
keepShape(readContext(DEFAULT_DICTIONARIES, false));

export function analyzeWorkbook(wb: WorkbookInput, opts: AnalyzeOptions = {}): WorkbookAnalysis {
  const byName = (n: string) => wb.sheets.find((s) => valueKey(s.name) === valueKey(n));
  const dictSheet = byName(DICTIONARIES_SHEET);
  const settingsSheet = byName(SETTINGS_SHEET);
  const dictionaries = readDictionaries(dictSheet);
  const settings = settingsSheet ? readSettings(settingsSheet, wb.date1904) : DEFAULT_SETTINGS;
  const mapping: ColumnMapping = readColumnMapping(settingsSheet);
  const ctx: ReadContext = readContext(dictionaries, wb.date1904 ?? false);
  const taken = new Set<SheetInput>([dictSheet, settingsSheet, ...wb.sheets.filter((s) => isReportSheet(s.name))].filter((s): s is SheetInput => !!s));
  const problems: WorkbookProblem[] = [];
  const notes: Note[] = [];
  const columns: SheetColumns[] = [];
  const free = () => wb.sheets.filter((s) => !taken.has(s));

  function finish<T, K extends string>(read: LayoutRead<K>, type: RowType<T>) {
    const l = read.located;
    const sink = new IssueSink<K>(l);
    for (const i of read.issues) sink.atColumn(i.row, i.col, i.header, i.code, i.message, i.suggestion);
    for (const n of read.notes) notes.push({ sheet: l.sheet.name, cell: cellAddress(n.row, n.col), row: n.row, column: n.header, code: n.code, message: n.message });
    columns.push(read.columns);
    return { located: l, ...readTable<T, K>(l, type, ctx, sink, opts.cache), sink };
  }

  // Organizations: the template's sheet (found by table, name or headers); a type column is optional on a
  // sheet found by its name or table.
  const orgLoc = locateSheets(ORGANIZATIONS, wb.sheets, taken, false);
  for (const s of orgLoc.headerless) problems.push(headerlessProblem(ORGANIZATIONS, s));
  let orgRead: LayoutRead<Keys<OrganizationRow>> | null = null;
  if (orgLoc.located[0]) {
    let l = orgLoc.located[0];
    taken.add(l.sheet);
    const ov = mapping.overridesFor(l.sheet.name, "organizations");
    if (ov) l = withOverrides(l, ORGANIZATION_FIELDS, ov);
    orgRead = readOrganizationsLayout(l);
  }

  // Plans and targets: every table of them, in any of their layouts; several sheets, several tables a sheet.
  const tLoc = locateSheets(TARGETS, wb.sheets, taken, false);
  const targetReads: TargetsRead[] = [];
  const tOrder = [...new Set([...tLoc.located.map((l) => l.sheet), ...tLoc.headerless, ...free()])];
  for (const s of tOrder) {
    if (taken.has(s)) continue;
    const named = tLoc.located.find((l) => l.sheet === s);
    const foundBy = named?.foundBy ?? (tLoc.headerless.includes(s) ? "sheet-name" : "headers");
    const tables = detectTargetTables(s, mapping.overridesFor(s.name, "targets"));
    if (tables.length > 0) {
      taken.add(s);
      for (const t of tables) targetReads.push(readTargetTable(t, { dictionaries, planYear: settings.planYear }, foundBy));
    } else if (named) {
      taken.add(s);
      targetReads.push({ ...asIs(named, "targets"), texts: [], kind: "long" });
    } else if (tLoc.headerless.includes(s)) problems.push(headerlessProblem(TARGETS, s));
  }
  // A workbook without `Организации`: its organizations are those of its plan keyed by name.
  const orgsFromPlan = orgRead === null ? organizationsFromPlans(targetReads) : null;
  if (orgsFromPlan) orgRead = orgsFromPlan;
  const orgsWhere = orgsFromPlan ? `листе «${orgsFromPlan.located.sheet.name}» (в таблице плана)` : "листе «Организации»";

  const orgs = orgRead ? finish(orgRead, ROW_TYPES.organizations) : undefined;
  const orgCodes = new Map<string, string>();
  if (orgs) {
    checkOrganizations(orgs.records, orgs.sink);
    for (const r of orgs.records) {
      const code = r.fields.code;
      if (typeof code === "string" && code !== "" && !orgCodes.has(valueKey(code))) orgCodes.set(valueKey(code), code);
    }
  }
  const resolver = resolverOf(orgs?.records ?? []);

  const targets = targetReads.map((r) => ({ ...finish(r, ROW_TYPES.targets), read: r }));
  for (const t of targets) checkTargets(t.records, orgCodes, t.sink, { resolver, totalsAreChecks: t.located.view?.planTotals === "warning", orgsWhere });

  const rmLoc = locateSheets(ROADMAP, wb.sheets, taken, false);
  for (const s of rmLoc.headerless) problems.push(headerlessProblem(ROADMAP, s));
  const roadmap = rmLoc.located[0] ? finish(asIs(rmLoc.located[0], "roadmap"), ROW_TYPES.roadmap) : undefined;
  if (roadmap) taken.add(roadmap.located.sheet);

  // Rosters: the template's layout as it is; any other layout through its view.
  const pLoc = locateSheets(PARTICIPANTS, wb.sheets, taken, true);
  const rosterReads: { read: LayoutRead<Keys<ParticipantRow>>; options: RosterSheetOptions }[] = [];
  const plainOptions = (l: LocatedSheet<Keys<ParticipantRow>>): RosterSheetOptions => {
    const consent = l.columnIndex.consent !== undefined;
    return { consentOf: { mentor: consent, mentee: consent }, mentorsRepeat: false, resolver, orgsWhere };
  };
  const addLayout = (d: NonNullable<ReturnType<typeof detectRoster>>, foundBy: LocatedSheet<string>["foundBy"]) => {
    const read = readRosterLayout(d, foundBy);
    const f = d.found;
    const consentOf = d.pairs ? { mentor: f.has("mentor:consent"), mentee: f.has("mentee:consent") || f.has("consent") } : { mentor: f.has("consent"), mentee: f.has("consent") };
    rosterReads.push({ read, options: { consentOf, mentorsRepeat: d.pairs, resolver, orgsWhere } });
  };
  const pOrder = [...new Set([...pLoc.located.map((l) => l.sheet), ...pLoc.headerless, ...free()])];
  for (const s of pOrder) {
    if (taken.has(s)) continue;
    const ov = mapping.overridesFor(s.name, "participants");
    const tmpl = pLoc.located.find((l) => l.sheet === s);
    if (tmpl && tmpl.missing.length === 0 && !ov) {
      taken.add(s);
      rosterReads.push({ read: asIs(tmpl, "participants"), options: plainOptions(tmpl) });
      continue;
    }
    const foundBy = tmpl?.foundBy ?? (pLoc.headerless.includes(s) ? "sheet-name" : "headers");
    const det = detectRoster(s, ov);
    if (det?.complete) {
      taken.add(s);
      const blocks = !det.pairs && !det.found.has("role") ? rosterBlocks(s) : null;
      if (!blocks) {
        addLayout(det, foundBy);
        continue;
      }
      for (const b of blocks) {
        const d = detectRoster(b, ov);
        if (d) addLayout(d, foundBy);
        else problems.push(headerlessProblem(PARTICIPANTS, b));
      }
      continue;
    }
    if (tmpl) {
      taken.add(s);
      if (det && det.score > Object.keys(tmpl.columnIndex).length) addLayout(det, tmpl.foundBy);
      else rosterReads.push({ read: asIs(tmpl, "participants"), options: plainOptions(tmpl) });
    } else if (pLoc.headerless.includes(s)) {
      taken.add(s);
      if (det) addLayout(det, "sheet-name");
      else problems.push(headerlessProblem(PARTICIPANTS, s));
    }
  }
  const participants = rosterReads.map((r) => ({ ...finish(r.read, ROW_TYPES.participants), options: r.options }));

  // One person and one pair are one in every roster sheet (base lists: mentors on one, mentees on another).
  const persons = new PersonIndex(participants.reduce((n, p) => n + p.records.length, 0));
  const pairs = new PairBook();
  participants.forEach((p, sheetNo) => {
    checkParticipants(p.records, orgCodes, settings, p.sink, { ...p.options, pairs }, persons, sheetNo);
  });
  pairs.report();
  if (roadmap) {
    const year = roadmapPlanYear(settings, ymdOf(opts.today ?? todayDay()).y);
    checkRoadmap(roadmap.records, year, ctx.date1904, roadmap.sink);
  }
  const results = [orgs, ...targets, ...participants, roadmap].filter((r) => r !== undefined);
  // Formulas saved without values (a script wrote the file, Excel never opened it): one issue at the
  // column's header instead of an empty cell on every row, and the way out.
  const uncalculated = new Set<string>();
  for (const gap of wb.uncalculated ?? []) {
    for (const r of results) {
      const { located } = r;
      if (located.sheet.name !== gap.sheet) continue;
      const placed = columns.find((c) => c.sheet === gap.sheet && c.headerRow === (located.sheet.firstRow ?? 1) + located.headerIndex)?.columns.find((c) => (located.sheet.firstColumn ?? 1) + c.index === gap.column);
      if (!placed || placed.field === null) continue;
      const key = located.spec.columns.find((c) => c.key === placed.field || (placed.field!.includes(":") && placed.field!.endsWith(`:${c.key}`)))?.key;
      const label = located.view ? placed.header : (located.spec.columns.find((c) => c.key === key)?.header ?? placed.header);
      uncalculated.add(`${gap.sheet}|${label}`);
      const row = (located.sheet.firstRow ?? 1) + located.headerIndex;
      const n = gap.count;
      const formulas = n % 10 === 1 && n % 100 !== 11 ? "формула" : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? "формулы" : "формул";
      (r.sink as IssueSink<string>).atColumn(row, gap.column, label, "uncalculated-formula", `В столбце ${n} ${formulas} без сохранённых значений: откройте файл в Excel и сохраните его — Excel вычислит формулы, и строки будут проверены`);
      break;
    }
  }
  // Mapping rows of `Настройки` that name no column of a sheet read: said, so a typo does not go unnoticed.
  for (const m of mapping.rows) {
    const read = columns.filter((c) => valueKey(c.sheet) === valueKey(m.sheet));
    if (read.some((c) => c.columns.some((col) => headerKey(col.header) === headerKey(m.header)))) continue;
    const where = read.length === 0 ? `листа «${m.sheet}» в книге нет или он не прочитан` : `на листе «${m.sheet}» нет столбца с заголовком «${m.header}»`;
    notes.push({ sheet: SETTINGS_SHEET, cell: cellAddress(m.row, (settingsSheet?.firstColumn ?? 1)), row: m.row, column: "", code: "mapping-unused", message: `Сопоставление «${m.header}» → «${m.label}» не применено: ${where}` });
  }
  const issues = results
    .flatMap((r) => r.sink.issues)
    .filter((i) => !(i.code === "missing-value" && uncalculated.has(`${i.sheet}|${i.column}`)))
    .sort(compareIssues);
  notes.sort((a, b) => (a.sheet !== b.sheet ? (a.sheet < b.sheet ? -1 : 1) : a.row - b.row || a.cell.length - b.cell.length || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0)));
  const strip = <T, K extends string>(r: (SheetResult<T, K> & { sink: unknown }) | undefined): SheetResult<T, K> | null => {
    if (!r) return null;
    const { located, records, emptyRows, issues } = r;
    return { located, records, emptyRows, issues };
  };
  const targetTables = targets.map((t) => strip(t)!);
  opts.cache?.settle();
  return {
    settings,
    dictionaries,
    organizations: strip(orgs),
    targets: targetTables[0] ?? null,
    targetTables,
    participants: participants.map((p) => strip(p)!),
    roadmap: strip(roadmap),
    problems,
    issues,
    notes,
    columns,
    indicatorTexts: targetReads.flatMap((r) => r.texts),
    mapping: mapping.rows,
    orgCodes,
    personCount: persons.size,
  };
}

/** The matcher of organization names over rows of `Организации` (or of a plan keyed by name): code first, then the name. */
function resolverOf(records: readonly RowRecord<OrganizationRow, string>[]): OrgResolver {
  return new OrgResolver(records.flatMap((r) => (typeof r.fields.code === "string" ? [{ code: r.fields.code, name: typeof r.fields.name === "string" ? r.fields.name : "" }] : [])));
}

/**
 * The workbook's organizations as its roster checks match a written organization (a code, or a full or
 * short name): the one matcher the checker uses, for anyone matching against this workbook (consolidation
 * matches school files against the district's organizations with it).
 */
export function organizationResolver(a: Pick<WorkbookAnalysis, "organizations">): OrgResolver {
  return resolverOf(a.organizations?.records ?? []);
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
