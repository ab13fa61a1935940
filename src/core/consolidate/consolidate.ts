// Consolidating school workbooks into the district workbook: which rows go in, which earlier rows they
// replace, which are left out and why, and where each one is written. Pure: the adapters read the files
// and apply the plan (the .xlsx one to the sheet's XML, the Office.js one through ranges).
//
// The plan never moves a row the district already has: its formulas, links, notes and formats stay where
// they are. Earlier imported rows that a new file replaces are emptied in the columns the import owns (the
// model's columns and `Источник`); the new file's rows take those places first and the rest go below the
// last filled row. Values the district typed in its own columns of a replaced row stay, and are reported.
//
// A school may name its organization instead of giving its code («МБОУ «СОШ № 5»», the full legal name):
// each written organization is matched to the district's `Организации` by the checker's own matcher
// (read/orgname.ts through analyze.ts's organizationResolver), and the row is written as the district's
// sheet writes organizations — its code, or its name where the district's roster holds names — with what
// the school wrote kept in `Источник`. A name that fits none or several is left out and reported per file
// with the nearest organizations.
import { type SheetResult, type WorkbookAnalysis, organizationResolver } from "../analyze";
import { type CellValue, isBlank } from "../model/cells";
import { PARTICIPANTS, ROADMAP, type SheetSpec } from "../model/columns";
import { isoOf } from "../model/dates";
import { fmtNumber, plural } from "../model/format";
import { type KnownOrganization, type OrgMatch, looksLikeName, orgLabel } from "../read/orgname";
import { displayText, readDate } from "../read/readers";
import { headerKey, quoted, valueKey } from "../model/text";
import { unknownOrganization } from "../validate/participants";

export const SOURCE_HEADER = "Источник";

/** A data row in the model's column order, with where it came from (null: typed in the district). */
export interface DistrictRow {
  readonly cells: CellValue[];
  readonly source: string | null;
  /** The organization as the school wrote it, when the row carries another spelling (the district's code or name). */
  readonly orgAsWritten?: string;
  /** For a row kept from the district workbook: where it was (sheet and worksheet row). */
  readonly from?: { readonly sheet: string; readonly row: number };
}

export interface SchoolBook {
  readonly file: string;
  readonly analysis: WorkbookAnalysis;
  /** A digest of the file's bytes, from the adapter: two files with one digest are one file sent twice. */
  readonly fingerprint?: string;
}

export interface Exclusion {
  readonly sheet: string;
  readonly row: number;
  readonly reason: string;
}

/** An organization a school file names that the district's list does not single out: its rows are left out. */
export interface UnmatchedOrganization {
  /** As the file writes it. */
  readonly written: string;
  /** Rows of the file that name it (all left out). */
  readonly rows: number;
  /** Fits several organizations of the district (else: none). */
  readonly ambiguous: boolean;
  /** The district's organizations it fits (ambiguous) or the nearest ones (up to three), as «код — краткое название». */
  readonly candidates: string[];
}

export interface FileSummary {
  readonly file: string;
  readonly read: number;
  readonly added: number;
  readonly replaced: number;
  readonly roadmapAdded: number;
  readonly excluded: Exclusion[];
  /** The district's codes of the organizations the file reports (written as codes or as names). */
  readonly organizations: string[];
  /** Organizations the file names that are not in the district's list or fit several of it, each once. */
  readonly unmatched: UnmatchedOrganization[];
  /** What the file is to earlier imports of a file of the same name, in words for the preview. */
  readonly relation: string;
  /** Why the whole file was left out, when it was (a copy of another file, the district's own book). */
  readonly refused?: string;
}

export interface CrossDuplicate {
  readonly person: string; // ФИО as written, with the date of birth when known
  readonly sources: readonly [string, string];
}

/** A value written into one cell of the district sheet: column index within the sheet's rows. */
export interface RowWrite {
  /** Worksheet row number. */
  readonly row: number;
  readonly cells: ReadonlyArray<readonly [column: number, value: CellValue]>;
}

/** What the import does to one district sheet. Columns are 0-based indexes into the sheet's rows. */
export interface SheetPlan {
  readonly sheet: string;
  /** Worksheet row of the header. */
  readonly headerRow: number;
  /** Columns that get a header cell: `Источник`, and model columns the district sheet lacks but a school filled. */
  readonly addHeaders: ReadonlyArray<readonly [column: number, header: string]>;
  /** Columns the import owns in this sheet: it empties them in replaced rows and writes them in new ones. */
  readonly owned: readonly number[];
  /** Worksheet rows (earlier imports now replaced) whose owned cells are emptied. */
  readonly clear: readonly number[];
  readonly writes: readonly RowWrite[];
  /** Replaced rows that keep values in the district's own columns (not emptied, reported). */
  readonly keptInCleared: ReadonlyArray<{ readonly row: number; readonly columns: string[] }>;
}

export interface Consolidation {
  /** The district roster after the import: kept rows, then the imported ones (as the pane shows it). */
  readonly participants: DistrictRow[];
  readonly roadmap: DistrictRow[];
  readonly summaries: FileSummary[];
  readonly duplicates: CrossDuplicate[];
  readonly unknownOrganizations: string[];
  /**
   * What to do to each district sheet: the first roster sheet gets the new rows, every roster sheet
   * its replaced rows emptied, the roadmap sheet likewise (when the district has one).
   */
  readonly plans: SheetPlan[];
  /** Roadmap rows for a district workbook that has no roadmap sheet (the adapter adds one). */
  readonly newRoadmapSheet: DistrictRow[];
}

export const sourceLabel = (file: string, row: number) => `${file}, стр. ${row}`;
/** The `Источник` cell of an imported row: the file and row, and how the school wrote its organization when the row writes it otherwise. */
export const sourceText = (r: Pick<DistrictRow, "source" | "orgAsWritten">) =>
  r.source === null || r.orgAsWritten === undefined ? r.source : `${r.source} (организация в файле: «${quoted(r.orgAsWritten, 200)}»)`;
export const fileOf = (source: string) => source.replace(/, стр\. \d+(?: \(.*\))?$/, "");

/** The column of `Источник` in a located sheet's header row, if any. */
export function sourceColumn(sheet: SheetResult<unknown, string>): number | undefined {
  const header = sheet.located.sheet.rows[sheet.located.headerIndex] ?? [];
  const i = header.findIndex((c) => headerKey(displayText(c ?? null)) === headerKey(SOURCE_HEADER));
  return i < 0 ? undefined : i;
}

interface SourceRow {
  readonly row: number;
  readonly cells: CellValue[];
  readonly source: string | null;
}

/** Rows of a located sheet in the spec's column order, as written (nothing is converted). */
export function rowsOf(sheet: SheetResult<unknown, string> | null, spec: SheetSpec): SourceRow[] {
  if (!sheet) return [];
  const { located } = sheet;
  const first = located.sheet.firstRow ?? 1;
  const src = sourceColumn(sheet);
  const idx = located.columnIndex as Record<string, number | undefined>;
  return sheet.records.map((rec) => {
    const raw = located.sheet.rows[rec.row - first] ?? [];
    // A sheet read through a view (another layout, view.ts): its rows are in the spec's columns already.
    const viewed = located.view?.recordCells.get(rec);
    const cells = viewed ? [...viewed] : spec.columns.map((c) => (idx[c.key] === undefined ? null : raw[idx[c.key]!] ?? null));
    const s = src === undefined ? "" : displayText(raw[src] ?? null);
    return { row: rec.row, cells, source: s === "" ? null : s };
  });
}

const ORG = PARTICIPANTS.columns.findIndex((c) => c.key === "orgCode");
const FIO = PARTICIPANTS.columns.findIndex((c) => c.key === "fio");
const BIRTH = PARTICIPANTS.columns.findIndex((c) => c.key === "birthDate");

const codeOf = (cells: readonly CellValue[]) => (typeof cells[ORG] === "object" ? "" : displayText(cells[ORG]));

/**
 * How the district's roster writes organizations, to write imported rows alike: "name" when its rows
 * mostly name them, else "code"; a roster without rows goes by its header («Код …» a code, «Наименование
 * ОО», «Организация», «Учреждение» a name). A roster read through a view gets the model's code column.
 */
function districtWrites(district: WorkbookAnalysis, match: (text: string) => OrgMatch): "code" | "name" {
  const sheet = district.participants[0];
  if (!sheet) return "code";
  const { located } = sheet;
  const col = (located.columnIndex as Record<string, number | undefined>).orgCode;
  if (col === undefined || located.view) return "code";
  let byCode = 0;
  let byName = 0;
  for (const r of rowsOf(sheet, PARTICIPANTS)) {
    const text = codeOf(r.cells);
    if (text === "") continue;
    const m = match(text);
    if (m.kind !== "match") continue;
    if (m.by === "name") byName++;
    else byCode++;
  }
  if (byCode + byName > 0) return byName > byCode ? "name" : "code";
  const header = headerKey(displayText(located.sheet.rows[located.headerIndex]?.[col] ?? null));
  return !header.includes("код") && /наименован|назван|организац|учрежден/.test(header) ? "name" : "code";
}

interface Located extends SourceRow {
  readonly sheet: string;
}

export function consolidate(district: WorkbookAnalysis, schools: readonly SchoolBook[]): Consolidation {
  const located = (sheet: SheetResult<unknown, string> | null, spec: SheetSpec): Located[] =>
    rowsOf(sheet, spec).map((r) => ({ ...r, sheet: sheet!.located.sheet.name }));
  const existing = district.participants.flatMap((p) => located(p, PARTICIPANTS));
  const existingRoadmap = located(district.roadmap, ROADMAP);

  // The district's organizations, matched as its checker matches them: a code, or a full or short name.
  const resolver = organizationResolver(district);
  const allCodes = [...district.orgCodes.values()];
  const names = new Map<string, string>();
  for (const r of district.organizations?.records ?? []) {
    const { code, name } = r.fields;
    if (typeof code === "string" && code !== "" && !names.has(valueKey(code))) names.set(valueKey(code), typeof name === "string" ? name : "");
  }
  const writes = districtWrites(district, (text) => resolver.resolve(text));
  /** The organization key of a row: its district code's key when matched, else the text as written. */
  const orgKey = (cells: readonly CellValue[]) => {
    const text = codeOf(cells);
    if (text === "") return "";
    const m = resolver.resolve(text);
    return valueKey(m.kind === "match" ? m.code : text);
  };

  // Earlier imports by file name: which organizations their rows report.
  const earlierOrgs = new Map<string, Set<string>>();
  for (const r of existing) {
    if (r.source === null) continue;
    const f = fileOf(r.source);
    if (!earlierOrgs.has(f)) earlierOrgs.set(f, new Set());
    const key = orgKey(r.cells);
    if (key !== "") earlierOrgs.get(f)!.add(key);
  }

  const dropped = new Set<Located>(); // earlier rows replaced by a new file
  const newRows: { file: string; rows: DistrictRow[]; roadmap: DistrictRow[]; replaces: Located[] }[] = [];
  const unknown = new Set<string>();
  const fingerprints = new Map<string, string>();
  const summaries: FileSummary[] = [];

  // Who the district already has, apart from earlier imports of a file: a file whose rows are all there is
  // the district's own book (or a copy, a re-save, an export of it) picked by mistake.
  const personKey = (cells: readonly CellValue[]) => {
    const b = readDate(cells[BIRTH]);
    return `${orgKey(cells)}|${valueKey(displayText(cells[FIO]))}|${typeof b === "number" ? b : ""}`;
  };
  const districtPeople = new Map<string, Set<string | null>>();
  for (const r of existing) {
    const k = personKey(r.cells);
    if (!districtPeople.has(k)) districtPeople.set(k, new Set());
    districtPeople.get(k)!.add(r.source === null ? null : fileOf(r.source));
  }

  for (const school of schools) {
    const base = { file: school.file, read: 0, added: 0, replaced: 0, roadmapAdded: 0, excluded: [] as Exclusion[], organizations: [] as string[], unmatched: [] as UnmatchedOrganization[] };
    const twin = school.fingerprint === undefined ? undefined : fingerprints.get(school.fingerprint);
    if (twin !== undefined) {
      summaries.push({ ...base, relation: "", refused: `тот же файл, что и «${twin}» (одинаковое содержимое): пропущен` });
      continue;
    }
    if (school.fingerprint !== undefined) fingerprints.set(school.fingerprint, school.file);
    const sheets = school.analysis.participants.map((sheet) => ({ name: sheet.located.sheet.name, rows: rowsOf(sheet, PARTICIPANTS) }));
    const schoolRows = sheets.flatMap((s) => s.rows);
    const ownSources = schoolRows.some((r) => r.source !== null);
    // A book whose rows already carry their sources is a consolidation, not a school's file: importing it
    // would relabel other schools' rows as its own (and a district book into itself would double it).
    if (ownSources) {
      const refused = "это сводная книга (в ней уже есть столбец «Источник» с импортированными строками), а не файл школы: не импортирован";
      summaries.push({ ...base, relation: "", refused });
      continue;
    }
    const alreadyThere = (r: SourceRow) => [...(districtPeople.get(personKey(r.cells)) ?? [])].some((f) => f !== school.file);
    // «Every» within 5 %: cells a copy spells otherwise (an error value saved as its text by a CSV export).
    if (schoolRows.length >= 5 && schoolRows.filter(alreadyThere).length >= schoolRows.length * 0.95) {
      const refused = "все строки этого файла уже есть в книге района (это сама книга района или её копия): не импортирован";
      summaries.push({ ...base, read: schoolRows.length, relation: "", refused });
      continue;
    }
    const excluded: Exclusion[] = [];
    const rows: DistrictRow[] = [];
    const orgs = new Map<string, string>();
    const unmatched = new Map<string, { -readonly [K in keyof UnmatchedOrganization]: UnmatchedOrganization[K] }>();
    let read = 0;
    for (const { name: sheetName, rows: sheetRows } of sheets) {
      for (const r of sheetRows) {
        read++;
        const text = codeOf(r.cells);
        const m = text === "" ? null : resolver.resolve(text);
        if (m === null) {
          excluded.push({ sheet: sheetName, row: r.row, reason: "не указан код организации" });
        } else if (m.kind !== "match") {
          if (m.kind === "unknown") unknown.add(text);
          excluded.push({ sheet: sheetName, row: r.row, reason: exclusionReason(text, m) });
          const u = unmatched.get(text) ?? { written: text, rows: 0, ambiguous: m.kind === "ambiguous", candidates: candidatesOf(text, m, allCodes, names) };
          u.rows++;
          unmatched.set(text, u);
        } else {
          if (!orgs.has(valueKey(m.code))) orgs.set(valueKey(m.code), m.code);
          // Written as the district writes organizations; what the school wrote stays in «Источник».
          const as = writes === "name" ? names.get(valueKey(m.code)) || m.code : m.code;
          const keep = writes === "code" && m.by === "code"; // a code stays exactly as the school typed it
          const cells = keep ? r.cells : r.cells.map((v, i) => (i === ORG ? as : v));
          rows.push({ cells, source: sourceLabel(school.file, r.row), ...(keep || as === text ? {} : { orgAsWritten: text }) });
        }
      }
    }
    base.unmatched.push(...unmatched.values());
    // A file of a name imported before replaces the earlier rows of the organizations it reports; rows of
    // other organizations under that name stay (another school's file of the same name).
    const before = earlierOrgs.get(school.file);
    const replaces = existing.filter((r) => !dropped.has(r) && r.source !== null && fileOf(r.source) === school.file && orgs.has(orgKey(r.cells)));
    const sameSchool = before === undefined ? false : before.size === 0 || [...before].some((o) => orgs.has(o));
    const roadmapReplaces = sameSchool ? existingRoadmap.filter((r) => !dropped.has(r) && r.source !== null && fileOf(r.source) === school.file) : [];
    for (const r of [...replaces, ...roadmapReplaces]) dropped.add(r);
    // Rows of this file imported earlier in this same run are replaced too (the later file wins).
    for (const earlier of newRows) {
      if (earlier.file !== school.file) continue;
      const kept = earlier.rows.filter((r) => !orgs.has(orgKey(r.cells)));
      base.replaced += earlier.rows.length - kept.length;
      earlier.rows.splice(0, earlier.rows.length, ...kept);
    }
    const roadmap = rowsOf(school.analysis.roadmap, ROADMAP).map((r) => ({ cells: r.cells, source: sourceLabel(school.file, r.row) }));
    newRows.push({ file: school.file, rows, roadmap, replaces: [...replaces, ...roadmapReplaces] });
    const relation =
      before === undefined
        ? "новый источник"
        : replaces.length > 0 || (sameSchool && roadmapReplaces.length > 0)
          ? `заменяет ранее импортированный файл с тем же именем (${[...orgs.values()].join(", ")})`
          : `новый источник: файл с тем же именем прислан ранее по другим организациям (${[...before].map((k) => district.orgCodes.get(k) ?? k).join(", ")})`;
    summaries.push({
      ...base,
      read,
      added: rows.length,
      replaced: base.replaced + replaces.length,
      roadmapAdded: roadmap.length,
      excluded,
      organizations: [...orgs.values()],
      relation,
    });
  }

  const toDistrict = (r: Located): DistrictRow => ({ cells: r.cells, source: r.source, from: { sheet: r.sheet, row: r.row } });
  const participants = [...existing.filter((r) => !dropped.has(r)).map(toDistrict), ...newRows.flatMap((n) => n.rows)];
  const roadmapAll = [...existingRoadmap.filter((r) => !dropped.has(r)).map(toDistrict), ...newRows.flatMap((n) => n.roadmap)];

  const plans = district.participants.map((sheet, i) =>
    planSheet(sheet, PARTICIPANTS, newRows.map((n) => ({ rows: i === 0 ? n.rows : [], replaces: n.replaces.filter((r) => r.sheet === sheet.located.sheet.name && existing.includes(r)) }))),
  );
  if (district.roadmap) {
    const rm = district.roadmap;
    plans.push(planSheet(rm, ROADMAP, newRows.map((n) => ({ rows: n.roadmap, replaces: n.replaces.filter((r) => existingRoadmap.includes(r)) }))));
  }
  return {
    participants,
    roadmap: roadmapAll,
    summaries,
    duplicates: crossDuplicates(participants),
    unknownOrganizations: [...unknown],
    plans,
    newRoadmapSheet: district.roadmap ? [] : newRows.flatMap((n) => n.roadmap),
  };
}

/** An organization a file names that the district's list does not single out, in words, with the candidates (the command line and the pane). */
export function unmatchedText(u: UnmatchedOrganization): string {
  const rows = `${fmtNumber(u.rows)} ${plural(u.rows, "строка", "строки", "строк")} не ${plural(u.rows, "добавлена", "добавлены", "добавлены")}`;
  const list = u.candidates.map((c) => `«${c}»`).join("; ");
  if (u.ambiguous) return `«${quoted(u.written)}» подходит к нескольким организациям района (${rows}): ${list}. Укажите в файле код или полное название.`;
  return `«${quoted(u.written)}» нет в списке организаций района (${rows})${list ? `. Похожие: ${list}` : ""}.`;
}

/** Why a row naming an organization the district's list does not single out is left out (short: the file's summary names the candidates). */
function exclusionReason(text: string, m: Exclude<OrgMatch, { kind: "match" }>): string {
  if (m.kind === "ambiguous") return `название «${quoted(text)}» подходит к нескольким организациям района`;
  return looksLikeName(text) ? `организация «${quoted(text)}» не найдена в списке района ни по коду, ни по названию` : `организации «${text}» нет в списке района`;
}

/** The district's organizations an unmatched name fits or is nearest to, as the checker names them («код — краткое название»). */
function candidatesOf(text: string, m: Exclude<OrgMatch, { kind: "match" }>, allCodes: readonly string[], names: ReadonlyMap<string, string>): string[] {
  const label = (code: string) => orgLabel({ code, name: names.get(valueKey(code)) ?? "" });
  if (m.kind === "ambiguous") return [...new Map(m.candidates.map((c: KnownOrganization) => [c.code, label(c.code)])).values()];
  if (m.nearest.length > 0) return m.nearest.map((c) => label(c.code));
  // A code-like text: the checker's nearest code, if any is near.
  const near = unknownOrganization(text, allCodes, m).suggestion;
  return near !== undefined && names.has(valueKey(near)) ? [label(near)] : [];
}

const hasValue = (v: CellValue | undefined) => v !== undefined && !isBlank(v);

/** Where the new rows go in one district sheet, and which of its rows are emptied. */
function planSheet(target: SheetResult<unknown, string>, spec: SheetSpec, files: { rows: DistrictRow[]; replaces: Located[] }[]): SheetPlan {
  const { located } = target;
  const sheet = located.sheet;
  const firstRow = sheet.firstRow ?? 1;
  const idx = located.columnIndex as Record<string, number | undefined>;
  const header = sheet.rows[located.headerIndex] ?? [];
  let width = 0;
  for (const r of sheet.rows) for (let c = r.length - 1; c >= width; c--) if (hasValue(r[c])) (width = c + 1);

  // Columns: the model's columns the sheet has, then any a school filled that the sheet lacks, then Источник.
  const addHeaders: [number, string][] = [];
  const colOf = spec.columns.map((c, i) => {
    if (idx[c.key] !== undefined) return idx[c.key]!;
    if (!files.some((f) => f.rows.some((r) => hasValue(r.cells[i])))) return -1;
    addHeaders.push([width, c.header]);
    return width++;
  });
  let src = sourceColumn(target);
  const anything = files.some((f) => f.rows.length > 0 || f.replaces.length > 0);
  if (src === undefined && anything) {
    src = width++;
    addHeaders.push([src, SOURCE_HEADER]);
  }
  const owned = [...colOf.filter((c) => c >= 0), ...(src === undefined ? [] : [src])];
  const ownedSet = new Set(owned);

  const clear: number[] = [];
  const keptInCleared: { row: number; columns: string[] }[] = [];
  const free = new Map<DistrictRow[], number[]>();
  for (const f of files) {
    const slots: number[] = [];
    for (const r of f.replaces) {
      clear.push(r.row);
      const raw = sheet.rows[r.row - firstRow] ?? [];
      const others = raw.map((v, c) => (hasValue(v) && !ownedSet.has(c) ? c : -1)).filter((c) => c >= 0);
      if (others.length === 0) slots.push(r.row);
      else keptInCleared.push({ row: r.row, columns: others.map((c) => displayText(header[c] ?? null) || `столбец ${c + 1}`) });
    }
    free.set(f.rows, slots.sort((a, b) => a - b));
  }

  let last = firstRow + located.headerIndex;
  sheet.rows.forEach((r, i) => {
    if (r.some(hasValue)) last = Math.max(last, firstRow + i);
  });
  const writes: RowWrite[] = [];
  for (const f of files) {
    const slots = free.get(f.rows)!;
    for (const r of f.rows) {
      const row = slots.shift() ?? ++last;
      const cells: [number, CellValue][] = [];
      colOf.forEach((c, i) => c >= 0 && cells.push([c, r.cells[i]]));
      cells.push([src!, sourceText(r)]);
      writes.push({ row, cells: cells.sort((a, b) => a[0] - b[0]) });
    }
  }
  writes.sort((a, b) => a.row - b.row);
  return {
    sheet: sheet.name,
    headerRow: firstRow + located.headerIndex,
    addHeaders,
    owned,
    clear: clear.sort((a, b) => a - b),
    writes,
    keptInCleared,
  };
}

/** The same person (ФИО and date of birth) reported by two different sources: a warning naming both. */
function crossDuplicates(rows: readonly DistrictRow[]): CrossDuplicate[] {
  const first = new Map<string, string>();
  const seen = new Set<string>();
  const out: CrossDuplicate[] = [];
  for (const r of rows) {
    const fio = displayText(r.cells[FIO]);
    if (fio === "") continue;
    const b = readDate(r.cells[BIRTH]);
    const birth = typeof b === "number" ? isoOf(b) : "";
    const key = `${valueKey(fio)}|${birth}`;
    const src = r.source ?? "книга района";
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, src);
    else if (fileOf(earlier) !== fileOf(src) && !seen.has(`${key}|${fileOf(src)}`)) {
      seen.add(`${key}|${fileOf(src)}`);
      out.push({ person: birth ? `${fio} (${birth.split("-").reverse().join(".")})` : fio, sources: [earlier, src] });
    }
  }
  return out;
}
