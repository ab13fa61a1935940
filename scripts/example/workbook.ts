// Builds the bundled example workbook of the Бокситогорский district from the seed facts.
import ExcelJS from "exceljs";
import { DEFAULT_DICTIONARIES, DICTIONARY_HEADERS, INDICATORS, type ListName } from "../../src/core/model/dictionaries";
import { SETTINGS_SHEET, SETTING_LABELS } from "../../src/core/read/settings";
import { MUNICIPALITY, ORGANIZATIONS, PLAN_BASIS, PLAN_TOTAL, PLAN_YEAR, ROADMAP, SHARE_TARGETS, type SeedOrganization } from "./boksitogorsk";
import { type RosterRow, makeRoster } from "./roster";
import type { SeedRoadmap } from "./seed-roadmaps";

type Cell = ExcelJS.CellValue;

function addTableSheet(wb: ExcelJS.Workbook, sheet: string, table: string, headers: string[], rows: Cell[][], widths: number[]) {
  const ws = wb.addWorksheet(sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = widths.map((width) => ({ width }));
  ws.addTable({
    name: table,
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: headers.map((name) => ({ name, filterButton: true })),
    rows,
  });
  return ws;
}

/** The roster as a school sends it: a title, shuffled columns, an extra column, an empty row inside. */
export const ROSTER_LAYOUT: { header: string; key: keyof RosterRow | null }[] = [
  { header: "Ф.И.О.", key: "fio" },
  { header: "Код ОО", key: "orgCode" },
  { header: "Роль", key: "role" },
  { header: "Форма\nнаставничества", key: "form" },
  { header: "Категория", key: "category" },
  { header: "Пара/группа", key: "pair" },
  { header: "Дата начала", key: "start" },
  { header: "Дата окончания", key: "end" },
  { header: "Дата рождения", key: "birthDate" },
  { header: "Согласие на обработку ПД", key: "consent" },
  { header: "Примечание", key: null },
];
export const ROSTER_HEADER_ROW = 3;
/** The empty row left inside the data, as a worksheet row number. */
export const ROSTER_EMPTY_ROW = ROSTER_HEADER_ROW + 41;

export function writeRoster(wb: ExcelJS.Workbook, rows: RosterRow[], name = "Участники") {
  const ws = wb.addWorksheet(name);
  ws.getCell("A1").value = `Персонифицированный учёт участников целевой модели наставничества, ${PLAN_YEAR} год`;
  ws.getCell("A1").font = { bold: true, size: 13 };
  const header = ws.getRow(ROSTER_HEADER_ROW);
  ROSTER_LAYOUT.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  header.font = { bold: true };
  ws.columns = ROSTER_LAYOUT.map((c) => ({ width: c.key === "fio" ? 34 : 15 }));
  let r = ROSTER_HEADER_ROW + 1;
  for (const row of rows) {
    if (r === ROSTER_EMPTY_ROW) r++;
    const line = ws.getRow(r++);
    ROSTER_LAYOUT.forEach((c, i) => {
      if (!c.key || c.key === "planted") return;
      const v = row[c.key] as Cell;
      line.getCell(i + 1).value = v;
      if (v instanceof Date) line.getCell(i + 1).numFmt = "dd.mm.yyyy";
    });
  }
  return ws;
}

/** Worksheet row of roster row i as written by writeRoster. */
export function rosterRowNumber(i: number): number {
  const r = ROSTER_HEADER_ROW + 1 + i;
  return r >= ROSTER_EMPTY_ROW ? r + 1 : r;
}

export function writeOrganizations(wb: ExcelJS.Workbook, orgs: SeedOrganization[]) {
  addTableSheet(
    wb,
    "Организации",
    "Организации",
    ["Код", "Организация", "Тип", "Контингент", "Молодых педагогов"],
    // ДЮСШП's contingent arrives as text with a thousands space, as copied from a report.
    orgs.map((o) => [o.code, o.name, "ОДО", o.code === "ДЮСШП" ? "1 350" : o.contingent, o.youngTeachers]),
    [10, 90, 7, 12, 12],
  );
}

export function writeTargets(wb: ExcelJS.Workbook, orgs: SeedOrganization[], total = PLAN_TOTAL) {
  const count = INDICATORS["students-count"].name;
  addTableSheet(
    wb,
    "Целевые показатели",
    "ЦелевыеПоказатели",
    ["Код организации", "Показатель", "Год", "План", "Единица", "Основание"],
    [
      ...orgs.map((o) => [o.code, count, PLAN_YEAR, o.plan, "чел.", PLAN_BASIS]),
      ["ИТОГО", count, PLAN_YEAR, total, "чел.", PLAN_BASIS],
      ["ИТОГО", INDICATORS["students-share"].name, PLAN_YEAR, SHARE_TARGETS.students, "%", "По образцу муниципальной программы Боханского района (2022 г.: 35 %)"],
      ["ИТОГО", INDICATORS["young-teachers-share"].name, PLAN_YEAR, SHARE_TARGETS.youngTeachers, "%", "По образцу муниципальной программы Боханского района (2022 г.: 50 %)"],
    ],
    [16, 60, 8, 8, 9, 50],
  );
}

export function writeRoadmap(wb: ExcelJS.Workbook, items: SeedRoadmap["items"] = ROADMAP) {
  const ws = addTableSheet(
    wb,
    "Дорожная карта",
    "ДорожнаяКарта",
    ["№", "Мероприятие", "Ответственный", "Срок", "Статус", "Дата выполнения"],
    items.map((i) => [i.id, i.title, i.responsible, i.deadline, i.progress ?? null, i.completed ? toDate(i.completed) : null]),
    [6, 70, 32, 34, 12, 14],
  );
  ws.getColumn(6).numFmt = "dd.mm.yyyy";
}

function toDate(ru: string): Date {
  const [d, m, y] = ru.split(".").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function writeLists(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet("Справочники");
  (Object.keys(DICTIONARY_HEADERS) as ListName[]).forEach((l, i) => {
    ws.getCell(1, i + 1).value = DICTIONARY_HEADERS[l];
    DEFAULT_DICTIONARIES[l].forEach((v, r) => (ws.getCell(r + 2, i + 1).value = v));
    ws.getColumn(i + 1).width = 28;
  });
}

export function writeSettings(wb: ExcelJS.Workbook, period: string, asOf: Date, municipality = MUNICIPALITY, year = PLAN_YEAR) {
  const ws = wb.addWorksheet(SETTINGS_SHEET);
  ws.columns = [{ width: 40 }, { width: 36 }];
  ws.addRow(["Параметр", "Значение"]);
  ws.addRow([SETTING_LABELS.municipality, municipality]);
  ws.addRow([SETTING_LABELS.planYear, year]);
  ws.addRow([SETTING_LABELS.period, period]);
  ws.addRow([SETTING_LABELS.asOf, asOf]);
  ws.getCell("B5").numFmt = "dd.mm.yyyy";
  ws.addRow([SETTING_LABELS.dueSoonDays, 14]);
  ws.addRow([SETTING_LABELS.minMenteeAge, 10]);
}

/** The whole example: what `npm run demo` runs on. */
export function buildExample(): { workbook: ExcelJS.Workbook; roster: RosterRow[] } {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Mentorship Monitor (example)";
  const roster = makeRoster(ORGANIZATIONS);
  writeOrganizations(wb, ORGANIZATIONS);
  writeTargets(wb, ORGANIZATIONS);
  writeRoster(wb, roster);
  writeRoadmap(wb);
  writeLists(wb);
  writeSettings(wb, `${PLAN_YEAR}-Q2`, new Date(Date.UTC(PLAN_YEAR, 5, 30)));
  return { workbook: wb, roster };
}

/** A roadmap-only workbook of another seed document. */
export function buildSeedRoadmap(r: SeedRoadmap): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  writeRoadmap(wb, r.items);
  const [y, m, d] = r.asOf.split("-").map(Number);
  writeSettings(wb, `${r.planYear}-Q${Math.ceil(m / 3)}`, new Date(Date.UTC(y, m - 1, d)), r.municipality, r.planYear);
  return wb;
}
