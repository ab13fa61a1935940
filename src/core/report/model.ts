// The consolidated report (Свод, SPEC §6) as data: sections of tables with their formats and rules.
// Built from validation, coverage and roadmap results; holds aggregates only, never a person.
import type { WorkbookAnalysis } from "../analyze";
import { type CoverageResult, type IndicatorFact, type OrgCoverage, exclusionNotes, indicatorBaseText, rowsSummary } from "../coverage/coverage";
import { type Day, ruOf } from "../model/dates";
import type { Issue } from "../model/issues";
import { type Period, periodCode, periodTitle } from "../model/period";
import { type RoadmapResult, STATUS_RU, compareItems } from "../roadmap/roadmap";
import { valueKey } from "../model/text";
import { shortOrgName } from "../read/orgname";
import { COVERAGE_COLUMNS, type CoverageColumn } from "./columns";
import { issueOrganizer } from "./issue-orgs";

/** A cell of the report: text is always text (never a formula), numbers carry a format. */
export type ReportValue = string | number | null;

export type NumberFormat = "0" | "0.0%" | "dd.mm.yyyy" | "@";

export interface ReportColumn {
  readonly header: string;
  readonly width: number;
  readonly format?: NumberFormat;
  readonly wrap?: boolean;
}

export type StatusTone = "red" | "amber" | "green";

export interface ReportTable {
  readonly id: "coverage" | "indicators" | "roadmap-counts" | "roadmap-overdue" | "quality";
  readonly title: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportValue[][];
  readonly total?: readonly ReportValue[];
  /** What to print when there are no rows. */
  readonly emptyText: string;
  /** Column index that gets data bars (percent of plan). */
  readonly dataBarColumn?: number;
  /** Column index whose text values colour the cell. */
  readonly toneColumn?: { readonly index: number; readonly tones: Readonly<Record<string, StatusTone>> };
  /** Name of the Excel table to create over the rows (where the renderer supports tables). */
  readonly excelTable?: string;
}

export interface ReportChart {
  readonly title: string;
  readonly table: ReportTable["id"];
  readonly categoryColumn: number;
  readonly seriesColumns: readonly number[];
}

export interface ReportModel {
  readonly sheetName: string;
  readonly period: Period;
  /** Title block lines, the first one the heading. */
  readonly title: readonly string[];
  readonly sections: readonly ReportTable[];
  readonly chart: ReportChart;
  readonly notes: readonly string[];
}

export interface ReportInput {
  readonly analysis: WorkbookAnalysis;
  readonly coverage: CoverageResult;
  readonly roadmap: RoadmapResult | null;
  readonly asOf: Day;
  /** When the report was made, already formatted (`26.11.2026 14:55`): the core keeps no clock. */
  readonly madeAt: string;
}

export const COVERAGE_TONES: Record<string, StatusTone> = { выполнен: "green", "в графике": "amber", отстаёт: "red" };
const ROADMAP_TONES: Record<string, StatusTone> = { [STATUS_RU.overdue]: "red", [STATUS_RU["due-soon"]]: "amber", [STATUS_RU.done]: "green" };

export function reportSheetName(p: Period): string {
  return `Свод ${p.year} Q${p.quarter}`;
}

const pct = (x: number | null) => (x === null ? null : x / 100);

function coverageTable(c: CoverageResult, forms: readonly string[]): ReportTable {
  const cols: CoverageColumn[] = [...COVERAGE_COLUMNS.slice(0, -2), ...forms.map(formColumn), ...COVERAGE_COLUMNS.slice(-2)];
  const orgRow = (o: OrgCoverage) => cols.map((col) => col.value(o, o));
  return {
    id: "coverage",
    title: "1. Охват обучающихся наставничеством по организациям (нарастающим итогом с начала года)",
    columns: cols.map(({ header, width, format, wrap }) => ({ header, width, format, wrap })),
    rows: c.organizations.map(orgRow),
    total: cols.map((col) => col.value(c.total, null)),
    emptyText: "Организации не найдены",
    dataBarColumn: cols.findIndex((col) => col.key === "percentOfTarget"),
    toneColumn: { index: cols.findIndex((col) => col.key === "status"), tones: COVERAGE_TONES },
    excelTable: "СводОхват",
  };
}

function formColumn(form: string): CoverageColumn {
  return { key: `form:${form}`, header: `в т.ч. «${form}»`, width: 11, format: "0", wrap: true, value: (c) => c.byForm[form] ?? 0 };
}

function indicatorsTable(facts: readonly IndicatorFact[], c: CoverageResult): ReportTable {
  const nameOf = (code: string | null) =>
    code === null ? "Муниципалитет (итого)" : shortOrgName(c.organizations.find((o) => o.code === code)?.name ?? code);
  // The indicator as the workbook approves it (a programme's sentence), what it was understood as, and its base.
  return {
    id: "indicators",
    title: `2. Показатели эффективности против целей ${c.period.year} года`,
    columns: [
      { header: "Показатель (как утверждён)", width: 0, wrap: true },
      { header: "Понят как", width: 0, wrap: true },
      { header: "Организация", width: 0, wrap: true },
      { header: "База (доля от чего)", width: 0, wrap: true },
      { header: "План, %", width: 0, format: "0.0%" },
      { header: "Факт, %", width: 0, format: "0.0%" },
      { header: "Статус", width: 0 },
    ],
    rows: facts.map((f) => [f.text, f.text === f.understoodAs ? "—" : f.understoodAs, nameOf(f.orgCode), indicatorBaseText(f, c), pct(f.plan), pct(f.fact), f.status]),
    emptyText: "Целевые показатели в процентах на этот год не заданы",
    toneColumn: { index: 6, tones: COVERAGE_TONES },
  };
}

function roadmapTables(r: RoadmapResult | null): ReportTable[] {
  if (!r) {
    return [{ id: "roadmap-counts", title: "3. Дорожная карта", columns: [{ header: "Статус", width: 0 }, { header: "Мероприятий", width: 0, format: "0" }], rows: [], emptyText: "Лист «Дорожная карта» не найден" }];
  }
  const order = ["overdue", "due-soon", "on-track", "ongoing", "no-date", "done", "cancelled"] as const;
  const overdue = r.items.filter((i) => i.status === "overdue").sort(compareItems);
  return [
    {
      id: "roadmap-counts",
      title: `3. Дорожная карта на ${ruOf(r.asOf)}: мероприятия по статусам`,
      columns: [{ header: "Статус", width: 0 }, { header: "Мероприятий", width: 0, format: "0" }],
      rows: order.map((s) => [STATUS_RU[s], r.counts[s]]),
      total: ["Всего", r.items.length],
      emptyText: "Мероприятий нет",
      toneColumn: { index: 0, tones: ROADMAP_TONES },
    },
    {
      id: "roadmap-overdue",
      title: "Просроченные мероприятия",
      columns: [
        { header: "№", width: 0 },
        { header: "Мероприятие", width: 0, wrap: true },
        { header: "Ответственный", width: 0, wrap: true },
        { header: "Срок (как в дорожной карте)", width: 0, wrap: true },
        { header: "Дней просрочки", width: 0, format: "0" },
      ],
      rows: overdue.map((i) => [i.id ?? "", i.title, i.responsible ?? "", i.deadline.text, i.daysOverdue]),
      emptyText: "Просроченных мероприятий нет",
    },
  ];
}

/** Errors and warnings per organization (roster rows) and per sheet (everything else). */
function qualityTable(a: WorkbookAnalysis, c: CoverageResult): ReportTable {
  const orgOf = issueOrganizer(a);
  const groups = new Map<string, { label: string; sheet: string; errors: number; warnings: number; excluded: number | null }>();
  const group = (key: string, label: string, sheet: string, excluded: number | null) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label, sheet, errors: 0, warnings: 0, excluded }));
    return g;
  };
  for (const o of c.organizations) group(`org|${valueKey(o.code)}`, o.name ? `${o.code} — ${shortOrgName(o.name)}` : o.code, "Участники", o.excludedRows);
  const unknownOrg = () => group("org|?", "Код организации не указан или неизвестен", "Участники", c.unattributedExcluded);
  if (c.unattributedExcluded > 0) unknownOrg(); // its excluded rows are in the total even without an issue of its own
  const count = (g: { errors: number; warnings: number }, i: Issue) => (i.severity === "error" ? g.errors++ : g.warnings++);
  // Issues come by sheet and row, and a school's rows together: the previous issue's organization is
  // usually this one's.
  let lastOrg: string | undefined;
  let lastGroup: { errors: number; warnings: number } | undefined;
  for (const i of a.issues) {
    const org = orgOf(i);
    if (org === undefined) count(group(`sheet|${i.sheet}`, `Лист «${i.sheet}»`, i.sheet, null), i);
    else {
      if (org !== lastOrg || lastGroup === undefined) {
        lastOrg = org;
        lastGroup = groups.get(`org|${valueKey(org)}`) ?? unknownOrg();
      }
      count(lastGroup, i);
    }
  }
  const rows = [...groups.values()].map((g) => [g.label, g.sheet, g.errors, g.warnings, g.excluded]);
  const sum = (k: 2 | 3 | 4) => rows.reduce((s, r) => s + ((r[k] as number | null) ?? 0), 0);
  return {
    id: "quality",
    title: "4. Качество данных: замечания проверки и исключённые строки",
    columns: [
      { header: "Организация / лист", width: 0, wrap: true },
      { header: "Лист", width: 0 },
      { header: "Ошибок", width: 0, format: "0" },
      { header: "Предупреждений", width: 0, format: "0" },
      { header: "Исключено строк", width: 0, format: "0" },
    ],
    rows,
    total: ["Итого", "", sum(2), sum(3), sum(4)], // = c.rows.excluded: per organization + without one
    emptyText: "Замечаний нет",
  };
}

export function buildReport(input: ReportInput): ReportModel {
  const { analysis: a, coverage: c } = input;
  const forms = a.dictionaries.forms.filter((f) => c.total.byForm[f] !== undefined);
  const municipality = a.settings.municipality || "Муниципалитет не указан (лист «Настройки»)";
  const cov = coverageTable(c, forms);
  return {
    sheetName: reportSheetName(c.period),
    period: c.period,
    title: [
      "Сводный отчёт о внедрении целевой модели наставничества",
      municipality,
      `Период: ${periodTitle(c.period)}`,
      `Дата отчёта: ${ruOf(input.asOf)}. Сформирован: ${input.madeAt}. Код периода: ${periodCode(c.period)}`,
    ],
    sections: [cov, indicatorsTable(c.indicators, c), ...roadmapTables(input.roadmap), qualityTable(a, c)],
    chart: { title: "План и охват по организациям, чел.", table: "coverage", categoryColumn: 0, seriesColumns: [2, 3] },
    notes: [
      rowsSummary(c.rows),
      ...exclusionNotes(c),
      "Лист содержит только сводные числа; персональные данные (ФИО, даты рождения) в него не переносятся.",
      "Строки с ошибками исключены из подсчёта; «% плана» и доли итога вычислены из сумм, а не как среднее процентов.",
    ],
  };
}
