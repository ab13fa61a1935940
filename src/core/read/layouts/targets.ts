// Plans and targets as the documents write them (docs/layouts.md, «Plans and targets»): the template's
// long table, an order's appendix keyed by organization name (`№ п/п | Название образовательной организации
// | Количество обучающихся … в 2021 году (чел.)`, closed by ИТОГО), and a programme's wide table
// (`№ | Региональный проект | Наименование показателя | 2022 г | 2023 г. | 2024 г.`, values as «35%»). Each
// is read into the template's columns, one row per organization, indicator and year, with issues at the
// user's cells; indicator sentences are read by what they name (indicators.ts).
import { type CellValue, type SheetInput, cellAddress, isBlank, isCellError } from "../../model/cells";
import { type ColumnSpec, TARGETS } from "../../model/columns";
import { type Dictionaries, INDICATORS, type IndicatorCode, UNIT, indexList } from "../../model/dictionaries";
import { fmtNumber } from "../../model/format";
import { HEADER_SCAN_ROWS, type LocatedSheet } from "../headers";
import { displayText, readNumber } from "../readers";
import { cleanText, nearest, quoted, valueKey } from "../../model/text";
import { EMPTY_ROW, type SheetView } from "../view";
import { isTotalCode } from "../orgname";
import { type ColumnOverrides, type FoundColumn, TARGET_FIELDS, matchFields } from "./fields";
import { type UnderstoodIndicator, understandIndicator } from "./indicators";
import { type LayoutRead, type PendingIssue, type PendingNote, describeColumns } from "./result";

type Key = (typeof TARGETS.columns)[number]["key"];
const KEYS = TARGETS.columns.map((c) => c.key) as Key[];
const POS = Object.fromEntries(KEYS.map((k, i) => [k, i])) as Record<Key, number>;
const specOf = (k: Key) => TARGETS.columns.find((c) => c.key === k)! as ColumnSpec<Key>;

export type TargetsLayout = "long" | "wide" | "by-name";

/** An indicator as the user wrote it and as it was understood; keyed by its worksheet row. */
export interface IndicatorText {
  readonly sheet: string;
  readonly row: number;
  readonly cell: string;
  /** The sentence (or list value) as written. */
  readonly text: string;
  readonly code: IndicatorCode;
  readonly by: UnderstoodIndicator["by"];
}

/** A column of the user's sheet: where it is and its header as written. */
type Column = { readonly index: number; readonly header: string };

interface YearColumn {
  readonly index: number;
  readonly year: number;
  readonly header: string;
}

export interface TargetTable {
  readonly sheet: SheetInput;
  readonly headerIndex: number;
  readonly kind: TargetsLayout;
  readonly found: ReadonlyMap<string, FoundColumn>;
  readonly years: readonly YearColumn[];
  /** By-name plans: the column of the counts (its header says what, which year, in what unit). */
  readonly count?: FoundColumn;
}

const text = (v: CellValue | undefined) => (v === undefined || v === null ? "" : displayText(v));

/** A year column's header: «2022», «2022 г», «2023 г.», «2024 год», «на 2022 год». */
export function yearOfHeader(header: string): number | null {
  const t = valueKey(cleanText(header)).replace(/\([^()]*\)/g, "").trim();
  const m = /^(?:на )?(20\d\d)(?: ?(?:г|г\.|год|года|гг\.?))?\.?$/.exec(t);
  const y = m ? Number(m[1]) : NaN;
  return y >= 2019 && y <= 2035 ? y : null;
}

/** The year a text names («… в 2021 году», «на 2021 год»), when it names one. */
export function yearInText(s: string): number | null {
  const m = /(?:^|[^\d])(20\d\d)(?:[^\d]|$)/.exec(s);
  const y = m ? Number(m[1]) : NaN;
  return y >= 2019 && y <= 2035 ? y : null;
}

/** The unit a header names: «(чел.)», «человек» → чел.; «%», «доля», «процент» → %. */
export function unitInText(s: string): string | null {
  const k = valueKey(s);
  if (/%|процент|(^|[^а-я])дол[яи]([^а-я]|$)/.test(k)) return UNIT.percent;
  if (/чел\.?|человек/.test(k)) return UNIT.persons;
  return null;
}

const COUNT_HEADER = /количеств|численност|охват|план/;

function tableAt(sheet: SheetInput, i: number, overrides: ColumnOverrides | undefined): TargetTable | undefined {
  const row = sheet.rows[i];
  if (!row || row.length === 0) return undefined;
  const tries: { found: Map<string, FoundColumn>; lower: readonly CellValue[] }[] = [{ found: matchFields(TARGET_FIELDS, row, null, overrides), lower: row }];
  if (i > 0 && (sheet.rows[i - 1]?.length ?? 0) > 0) tries.push({ found: matchFields(TARGET_FIELDS, row, sheet.rows[i - 1], overrides), lower: row });
  for (const { found } of tries.sort((a, b) => b.found.size - a.found.size)) {
    const placed = new Set([...found.values()].map((f) => f.index));
    const years: YearColumn[] = [];
    row.forEach((c, idx) => {
      if (placed.has(idx)) return;
      const y = yearOfHeader(text(c));
      if (y !== null && !years.some((x) => x.year === y)) years.push({ index: idx, year: y, header: text(c) });
    });
    const has = (k: string) => found.has(k);
    if (has("indicator") && has("year") && has("plan") && has("unit")) return { sheet, headerIndex: i, kind: "long", found, years: [] };
    if (has("indicator") && years.length > 0) return { sheet, headerIndex: i, kind: "wide", found, years };
    if (has("orgCode") && !has("indicator")) {
      if (years.length > 0) return { sheet, headerIndex: i, kind: "by-name", found, years };
      const plan = found.get("plan");
      if (plan) return { sheet, headerIndex: i, kind: "by-name", found, years, count: plan };
      // The appendix's count column: «Количество обучающихся, охваченных … в 2021 году (чел.)».
      for (let idx = 0; idx < row.length; idx++) {
        const h = text(row[idx]);
        if (placed.has(idx) || h === "" || !COUNT_HEADER.test(valueKey(h))) continue;
        return { sheet, headerIndex: i, kind: "by-name", found, years, count: { index: idx, header: h, by: "header" } };
      }
    }
  }
  return undefined;
}

function mayBeHeader(row: readonly CellValue[] | undefined): boolean {
  if (!row) return false;
  let texts = 0;
  for (const v of row) {
    if (v === null || v === undefined) continue;
    if (typeof v !== "string") return false;
    if (!isBlank(v)) texts++;
  }
  return texts >= 2;
}

const filledCount = (row: readonly CellValue[]) => {
  let n = 0;
  for (const v of row) if (!isBlank(v)) n++;
  return n;
};

/**
 * The target tables of a sheet: the first header in its first ten rows, then any further header below it
 * (a plan and a targets table pasted one under the other). Each table is a slice of the sheet from its title
 * rows to the next table's title, so every address stays the user's. Empty when the sheet holds none.
 */
export function detectTargetTables(sheet: SheetInput, overrides: ColumnOverrides | undefined): TargetTable[] {
  let first: TargetTable | undefined;
  const limit = Math.min(HEADER_SCAN_ROWS, sheet.rows.length);
  for (let i = 0; i < limit && !first; i++) if (mayBeHeader(sheet.rows[i])) first = tableAt(sheet, i, overrides);
  if (!first) return [];
  const heads: TargetTable[] = [first];
  for (let i = first.headerIndex + 2; i < sheet.rows.length; i++) {
    // A header row is text only, in two cells or more: data rows (years, plans) are passed by at once.
    if (!mayBeHeader(sheet.rows[i])) continue;
    const t = tableAt(sheet, i, overrides);
    if (t && (t.kind !== first.kind || t.found.size >= 2)) {
      heads.push(t);
      i++;
    }
  }
  if (heads.length === 1) return heads;
  const base = sheet.firstRow ?? 1;
  // Title rows right above a header (one filled cell each) belong to that table.
  const startOf = (h: TargetTable, floor: number) => {
    let s = h.headerIndex;
    while (s - 1 > floor && filledCount(sheet.rows[s - 1] ?? []) <= 1) s--;
    return s;
  };
  const starts = heads.map((h, k) => (k === 0 ? 0 : startOf(h, heads[k - 1].headerIndex)));
  return heads.map((h, k) => {
    const from = starts[k];
    const to = starts[k + 1] ?? sheet.rows.length;
    const slice: SheetInput = { ...sheet, rows: sheet.rows.slice(from, to), firstRow: base + from };
    return { ...h, sheet: slice, headerIndex: h.headerIndex - from };
  });
}

// ---------------------------------------------------------------------------------------------------
// Reading a table into the template's columns.

export interface TargetsContext {
  readonly dictionaries: Dictionaries;
  /** `Год плана` of `Настройки`, for a by-name plan whose year is nowhere in the table. */
  readonly planYear: number | null;
}

export interface TargetsRead extends LayoutRead<Key> {
  readonly texts: readonly IndicatorText[];
  readonly kind: TargetsLayout;
  /** By-name plans: the organizations' names as written, for a workbook without `Организации`. */
  readonly nameColumn?: FoundColumn;
}

/**
 * A percentage target as typed: «35%», «35 %» and 35 are 35; 0,35 is 35 when its cell is percent-formatted
 * (the reader says so) and, when the format is unknown, when it is below 1 — no programme approves a target
 * under one per cent, while a share typed as a fraction is common (docs/layouts.md, «Percentages»).
 */
function percentPlan(v: CellValue, percentCell: boolean): { value: CellValue; converted: boolean; fraction: boolean } {
  const same = { value: v, converted: false, fraction: false };
  if (isBlank(v) || isCellError(v) || typeof v === "boolean" || v instanceof Date) return same;
  const n = readNumber(v);
  if (typeof n !== "number" || (typeof v === "string" && /%$/.test(cleanText(v)))) return same; // «35%», «35 %»: read as 35
  const hundredfold = Math.round(n * 1e9) / 1e7;
  if (percentCell && typeof v === "number") return { value: hundredfold, converted: true, fraction: false };
  if (n > 0 && n < 1) return { value: hundredfold, converted: true, fraction: true };
  return same;
}

export function readTargetTable(t: TargetTable, ctx: TargetsContext, foundBy: LocatedSheet<Key>["foundBy"]): TargetsRead {
  const { sheet, headerIndex, found } = t;
  const firstRow = sheet.firstRow ?? 1;
  const firstCol = sheet.firstColumn ?? 1;
  const headerRow = firstRow + headerIndex;
  const percentCells = new Set(sheet.percentCells ?? []);
  const notes: PendingNote[] = [];
  const issues: PendingIssue[] = [];
  const texts: IndicatorText[] = [];
  const at = (col: Column | undefined, row: number) => ({ row, col: firstCol + (col?.index ?? 0), header: col?.header ?? "" });
  const indicatorList = indexList(ctx.dictionaries.indicators);
  const unitList = indexList(ctx.dictionaries.units);
  const missing: ColumnSpec<Key>[] = [];

  // The whole table's indicator, year and unit for a by-name plan: from its count header, else the titles above it.
  let fixedIndicator: IndicatorCode | undefined;
  let fixedYear: number | null = null;
  let fixedUnit: string | null = null;
  if (t.kind === "by-name") {
    const above = sheet.rows.slice(0, headerIndex).flatMap((r) => r.map(text)).filter((s) => s !== "");
    const sources = [t.count?.header ?? "", ...above];
    fixedIndicator = sources.map((s) => understandIndicator(s)?.code).find((c) => c !== undefined) ?? "students-count";
    if (!found.has("year") && t.years.length === 0) {
      const y = sources.map(yearInText).find((x) => x !== null) ?? null;
      fixedYear = y ?? ctx.planYear;
      if (fixedYear === null) missing.push(specOf("year"));
    }
    if (!found.has("unit")) fixedUnit = sources.map(unitInText).find((u) => u !== null) ?? INDICATORS[fixedIndicator].unit;
    if (t.count && (fixedYear !== null || fixedUnit !== null)) {
      const what = [fixedYear !== null ? `год ${fixedYear}` : "", fixedUnit !== null ? `единица «${fixedUnit}»` : ""].filter((x) => x !== "").join(", ");
      const fromSettings = fixedYear !== null && sources.every((s) => yearInText(s) === null);
      notes.push({
        ...at(t.count, headerRow),
        code: "year-from-header",
        message: fromSettings
          ? `План на ${fixedYear} год — из «Год плана» листа «Настройки» (в заголовке года нет); единица «${fixedUnit}»`
          : `План прочитан как «${INDICATORS[fixedIndicator].name}»: ${what} — из заголовка «${quoted(t.count.header, 120)}»`,
      });
    }
  }

  const orgCol = found.get("orgCode");
  const indCol = found.get("indicator");
  const projCol = found.get("project");
  const unitCol = found.get("unit");
  const basisCol = found.get("basis");
  const yearCol = found.get("year");
  const planCol = t.kind === "by-name" ? t.count : found.get("plan");
  const yearColumns: readonly YearColumn[] = t.kind === "long" ? [] : t.years;

  const rows: (readonly CellValue[])[] = [];
  const rowNumbers: number[] = [];
  let project = "";
  let changed = t.kind !== "long";
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const src = sheet.rows[i];
    const rowNo = firstRow + i;
    const cell = (c: Column | undefined): CellValue => (c === undefined ? null : (src[c.index] ?? null));
    if (src.length === 0 || filledCount(src) === 0) {
      rows.push(EMPTY_ROW);
      rowNumbers.push(rowNo);
      continue;
    }
    // The indicator of the row: a list value, or a sentence read by what it says.
    let code: IndicatorCode | undefined = fixedIndicator;
    let indicatorValue: CellValue = code === undefined ? cell(indCol) : INDICATORS[code].name;
    const p = text(cell(projCol));
    if (p !== "") project = p; // a project cell merged over several rows reaches Office.js only in its first row
    if (indCol !== undefined) {
      const raw = cell(indCol);
      if (typeof raw === "string" && !isBlank(raw) && !indicatorList.has(valueKey(raw))) {
        changed = true;
        const sentence = cleanText(raw);
        const u = understandIndicator(sentence, project);
        if (u === undefined) {
          issues.push({
            ...at(indCol, rowNo),
            code: "unknown-indicator",
            message: `Показатель «${quoted(sentence, 150)}» не распознан: в нём не названы ни обучающиеся (общеобразовательных организаций или дополнительного образования), ни молодые педагоги. Эта цель в расчёт показателей не входит; выберите показатель из списка`,
            suggestion: nearest(sentence, ctx.dictionaries.indicators),
          });
          rows.push(EMPTY_ROW);
          rowNumbers.push(rowNo);
          continue;
        }
        code = u.code;
        indicatorValue = INDICATORS[u.code].name;
        texts.push({ sheet: sheet.name, row: rowNo, cell: cellAddress(rowNo, firstCol + indCol.index), text: sentence, code, by: u.by });
        notes.push({ ...at(indCol, rowNo), code: "indicator-understood", message: `Понят как «${INDICATORS[u.code].name}»` });
      } else if (typeof raw === "string" && !isBlank(raw)) {
        const listed = indicatorList.get(valueKey(raw))!;
        code = understandIndicator(listed)?.code;
        if (code) texts.push({ sheet: sheet.name, row: rowNo, cell: cellAddress(rowNo, firstCol + indCol.index), text: cleanText(raw), code, by: "list" });
      }
    }
    const unitOf = (): CellValue => {
      if (unitCol !== undefined) return cell(unitCol);
      if (fixedUnit !== null) return fixedUnit;
      return code === undefined ? null : INDICATORS[code].unit;
    };
    const unit = unitOf();
    const unitValue = typeof unit === "string" ? (unitList.get(valueKey(unit)) ?? unit) : unit;
    const percent = unitValue === UNIT.percent;
    const planOf = (c: Column | undefined): CellValue => {
      const v = cell(c);
      if (!percent || c === undefined) return v;
      const addr = cellAddress(rowNo, firstCol + c.index);
      const r = percentPlan(v, percentCells.has(addr));
      if (r.converted) changed = true;
      if (r.fraction) {
        const typed = String(readNumber(v)).replace(".", ",");
        notes.push({ ...at(c, rowNo), code: "percent-as-fraction", message: `${typed} прочитано как ${fmtNumber(r.value as number)} %: цель в процентах записана долей единицы` });
      }
      return r.value;
    };
    const base = (year: CellValue, plan: CellValue): CellValue[] => {
      const out = new Array<CellValue>(KEYS.length).fill(null);
      out[POS.orgCode] = cell(orgCol);
      out[POS.indicator] = indicatorValue;
      out[POS.year] = year;
      out[POS.plan] = plan;
      out[POS.unit] = unitValue;
      out[POS.basis] = cell(basisCol);
      return out;
    };
    if (yearColumns.length > 0) {
      let any = false;
      for (const y of yearColumns) {
        const v = cell(y);
        if (isBlank(v)) continue;
        rows.push(base(y.year, planOf(y)));
        rowNumbers.push(rowNo);
        any = true;
      }
      if (!any) {
        rows.push(EMPTY_ROW); // a sentence with no value for any year approves nothing
        rowNumbers.push(rowNo);
      }
    } else {
      rows.push(base(yearCol !== undefined ? cell(yearCol) : fixedYear, planOf(planCol)));
      rowNumbers.push(rowNo);
    }
  }

  const extra = [
    ...yearColumns.map((y) => ({ index: y.index, field: `year:${y.year}`, label: `План на ${y.year} год`, by: "year" as const })),
    ...(t.kind === "by-name" && t.count && t.count !== found.get("plan") ? [{ index: t.count.index, field: "plan", label: "План", by: "header" as const }] : []),
  ];
  const layout =
    t.kind === "wide"
      ? [`столбец на каждый год (${yearColumns.map((y) => y.year).join(", ")}), показатели — формулировками программы`]
      : t.kind === "by-name"
        ? [`план по названиям организаций${yearColumns.length > 0 ? `, столбец на каждый год (${yearColumns.map((y) => y.year).join(", ")})` : ""}`]
        : changed
          ? ["показатели записаны формулировками или доли — долями единицы"]
          : [];
  const columns = describeColumns(sheet, "targets", headerIndex, found, { layout, extra, missing: missing.map((c) => c.header) });
  const direct: Partial<Record<Key, number>> = {};
  for (const k of KEYS) if (found.has(k) && (t.kind === "long" || (k !== "plan" && k !== "year"))) direct[k] = found.get(k)!.index;
  if (t.kind === "long" && !changed) {
    return { located: { spec: TARGETS, sheet, headerIndex, columnIndex: direct, missing, foundBy }, notes, issues, columns, texts, kind: t.kind };
  }
  const yearByValue = new Map(yearColumns.map((y) => [y.year, y]));
  // A column the table lacks altogether (a year nowhere to be found) is one missing-column, not a blank cell per row.
  const columnIndex = Object.fromEntries(KEYS.filter((k) => !missing.some((c) => c.key === k)).map((k) => [k, POS[k]])) as Partial<Record<Key, number>>;
  const colOf = (c: Column | undefined) => (c === undefined ? undefined : { col: firstCol + c.index, header: c.header });
  const fallback = colOf(indCol) ?? colOf(orgCol) ?? colOf(planCol) ?? { col: firstCol, header: "" };
  const view: SheetView<Key> = {
    layout,
    rows,
    rowNumbers,
    columnIndex,
    dedupe: false,
    recordCells: new WeakMap(),
    planTotals: t.kind === "by-name" ? "warning" : undefined,
    locate(fields, key) {
      const yc = yearColumns.length > 0 ? (yearByValue.get(fields?.year as number) ?? yearColumns[0]) : undefined;
      switch (key) {
        case "orgCode":
          return colOf(orgCol) ?? fallback;
        case "indicator":
          return colOf(indCol) ?? colOf(planCol) ?? fallback;
        case "year":
          return colOf(yearCol) ?? colOf(yc) ?? colOf(planCol) ?? fallback;
        case "plan":
          return colOf(yc) ?? colOf(planCol) ?? fallback;
        case "unit":
          return colOf(unitCol) ?? colOf(yc) ?? colOf(planCol) ?? fallback;
        case "basis":
          return colOf(basisCol) ?? fallback;
        default:
          return { col: firstCol, header: "" };
      }
    },
  };
  return { located: { spec: TARGETS, sheet, headerIndex, columnIndex: direct, missing, foundBy, view }, notes, issues, columns, texts, kind: t.kind, nameColumn: t.kind === "by-name" ? orgCol : undefined };
}

/** Whether a by-name plan's name cell is the municipal total (ИТОГО, Итого, Всего). */
export const isTotalName = (v: CellValue): boolean => typeof v === "string" && isTotalCode(cleanText(v));
