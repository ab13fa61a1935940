// Consolidating school workbooks into the district workbook (issue 7): which rows go in, which earlier
// rows they replace, which are left out and why. Pure: the adapters read and write the files.
import type { SheetResult, WorkbookAnalysis } from "./analyze";
import type { CellValue } from "./cells";
import { PARTICIPANTS, ROADMAP, type SheetSpec } from "./columns";
import { isoOf } from "./dates";
import { displayText, readDate } from "./readers";
import { headerKey, valueKey } from "./text";

export const SOURCE_HEADER = "Источник";

/** A data row in the district's column order, with where it came from (null: typed in the district). */
export interface DistrictRow {
  readonly cells: CellValue[];
  readonly source: string | null;
  /** For a row kept from the district workbook: where it was (sheet and worksheet row). */
  readonly from?: { readonly sheet: string; readonly row: number };
}

export interface SchoolBook {
  readonly file: string;
  readonly analysis: WorkbookAnalysis;
}

export interface Exclusion {
  readonly sheet: string;
  readonly row: number;
  readonly reason: string;
}

export interface FileSummary {
  readonly file: string;
  readonly read: number;
  readonly added: number;
  readonly replaced: number;
  readonly roadmapAdded: number;
  readonly excluded: Exclusion[];
}

export interface CrossDuplicate {
  readonly person: string; // ФИО as written, with the date of birth when known
  readonly sources: readonly [string, string];
}

export interface Consolidation {
  readonly participants: DistrictRow[];
  readonly roadmap: DistrictRow[];
  readonly summaries: FileSummary[];
  readonly duplicates: CrossDuplicate[];
  readonly unknownOrganizations: string[];
}

export const sourceLabel = (file: string, row: number) => `${file}, стр. ${row}`;
const fileOf = (source: string) => source.replace(/, стр\. \d+$/, "");

/** The column of `Источник` in a located sheet's header row, if any. */
export function sourceColumn(sheet: SheetResult<unknown, string>): number | undefined {
  const header = sheet.located.sheet.rows[sheet.located.headerIndex] ?? [];
  const i = header.findIndex((c) => headerKey(displayText(c ?? null)) === headerKey(SOURCE_HEADER));
  return i < 0 ? undefined : i;
}

/** Rows of a located sheet in the spec's column order, as written (nothing is converted). */
export function rowsOf(sheet: SheetResult<unknown, string> | null, spec: SheetSpec): { row: number; cells: CellValue[]; source: string | null }[] {
  if (!sheet) return [];
  const { located } = sheet;
  const first = located.sheet.firstRow ?? 1;
  const src = sourceColumn(sheet);
  return sheet.records.map((rec) => {
    const raw = located.sheet.rows[rec.row - first] ?? [];
    const idx = located.columnIndex as Record<string, number | undefined>;
    const cells = spec.columns.map((c) => (idx[c.key] === undefined ? null : raw[idx[c.key]!] ?? null));
    const s = src === undefined ? "" : displayText(raw[src] ?? null);
    return { row: rec.row, cells, source: s === "" ? null : s };
  });
}

const ORG = PARTICIPANTS.columns.findIndex((c) => c.key === "orgCode");
const FIO = PARTICIPANTS.columns.findIndex((c) => c.key === "fio");
const BIRTH = PARTICIPANTS.columns.findIndex((c) => c.key === "birthDate");

export function consolidate(district: WorkbookAnalysis, schools: readonly SchoolBook[]): Consolidation {
  const imported = new Set(schools.map((s) => s.file));
  const fromElsewhere = (r: DistrictRow) => r.source === null || !imported.has(fileOf(r.source));
  const located = (sheet: SheetResult<unknown, string> | null, spec: SheetSpec) =>
    rowsOf(sheet, spec).map((r) => ({ ...r, from: { sheet: sheet!.located.sheet.name, row: r.row } }));
  const existing = district.participants.flatMap((p) => located(p, PARTICIPANTS));
  const existingRoadmap = located(district.roadmap, ROADMAP);

  const participants: DistrictRow[] = existing.filter(fromElsewhere);
  const roadmap: DistrictRow[] = existingRoadmap.filter(fromElsewhere);
  const unknown = new Set<string>();
  const summaries = schools.map((school): FileSummary => {
    const excluded: Exclusion[] = [];
    let read = 0;
    let added = 0;
    for (const sheet of school.analysis.participants) {
      for (const r of rowsOf(sheet, PARTICIPANTS)) {
        read++;
        const code = displayText(r.cells[ORG]);
        const sheetName = sheet.located.sheet.name;
        if (code === "" || typeof r.cells[ORG] === "object") {
          excluded.push({ sheet: sheetName, row: r.row, reason: "не указан код организации" });
        } else if (!district.orgCodes.has(valueKey(code))) {
          unknown.add(code);
          excluded.push({ sheet: sheetName, row: r.row, reason: `организации «${code}» нет в списке района` });
        } else {
          participants.push({ cells: r.cells, source: sourceLabel(school.file, r.row) });
          added++;
        }
      }
    }
    const rm = rowsOf(school.analysis.roadmap, ROADMAP).map((r) => ({ cells: r.cells, source: sourceLabel(school.file, r.row) }));
    roadmap.push(...rm);
    const replaced = existing.filter((r) => r.source !== null && fileOf(r.source) === school.file).length;
    return { file: school.file, read, added, replaced, roadmapAdded: rm.length, excluded };
  });
  return { participants, roadmap, summaries, duplicates: crossDuplicates(participants), unknownOrganizations: [...unknown] };
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
