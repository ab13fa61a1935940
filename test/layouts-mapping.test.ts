// The column mapping a user confirmed, kept in «Настройки» (docs/layouts.md, «Column mapping»): read by the
// core and used by every check, printed by the command line with how to change it, and offered to the pane
// (sheetColumns: what was placed, what was not, the fields left for the drop-downs).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { run } from "../src/cli/main";
import { analyzeWorkbook } from "../src/core/analyze";
import type { SheetInput, WorkbookInput } from "../src/core/model/cells";
import { computeCoverage } from "../src/core/coverage/coverage";
import { sheetColumns } from "../src/core/read/layouts/describe";
import { mappingSettingsRows, readMappingRows } from "../src/core/read/layouts/mapping";
import { parsePeriod } from "../src/core/model/period";
import { readWorkbook } from "../src/xlsx/read";

const DIR = join(__dirname, "fixtures", "layouts");
const FIXTURE = join(DIR, "roster-mapping.xlsx");
const expected = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8"));
const tmp = mkdtempSync(join(tmpdir(), "mm-mapping-"));
const Q2 = parsePeriod("2021-Q2")!;

const inputOf = (path: string) => readWorkbook(readFileSync(path), "book.xlsx").input;
/** The fixture with its `Настройки` rows changed: `edit` gets the mapping rows (label → field) to change. */
async function variant(name: string, edit: (rows: Map<string, string | null>) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(FIXTURE);
  const ws = wb.getWorksheet("Настройки")!;
  const rows = new Map<string, string | null>();
  ws.eachRow((r) => {
    const a = String(r.getCell(1).value ?? "");
    if (a.startsWith("Столбец:")) rows.set(a, String(r.getCell(2).value));
  });
  edit(rows);
  ws.eachRow((r) => {
    const a = String(r.getCell(1).value ?? "");
    if (!a.startsWith("Столбец:")) return;
    const v = rows.get(a);
    if (v === undefined || v === null) r.values = [];
    else r.getCell(2).value = v;
  });
  for (const [a, v] of rows) if (v !== null && ![...Array(ws.rowCount).keys()].some((i) => ws.getRow(i + 1).getCell(1).value === a)) ws.addRow([a, v]);
  const path = join(tmp, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe("a mapping in «Настройки»", () => {
  it("is read as rows «Столбец: <лист> / <заголовок>» → field, a «/» in the header kept", () => {
    const settings: SheetInput = { name: "Настройки", rows: [["Параметр", "Значение"], ["Столбец: Участники / Пара/группа (№)", "Пара/группа"], ["Столбец:Участники/ФИО наставляемого", "ФИО (наставляемый)"], ["Год плана", 2021]] };
    expect(readMappingRows(settings)).toEqual([
      { sheet: "Участники", header: "Пара/группа (№)", label: "Пара/группа", row: 2 },
      { sheet: "Участники", header: "ФИО наставляемого", label: "ФИО (наставляемый)", row: 3 },
    ]);
  });

  it("places the columns it names, and the sheet is read as the template's people", () => {
    const a = analyzeWorkbook(inputOf(FIXTURE));
    expect(a.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(computeCoverage(a, Q2).total.covered).toBe(expected.total.covered);
    const cols = a.columns.find((c) => c.sheet === "Участники")!;
    expect(cols.columns.find((c) => c.header === "Участник программы")).toMatchObject({ field: "fio", label: "ФИО", by: "settings", cell: "A1" });
    expect(cols.unplaced.map((c) => c.header)).toEqual(["Примечание"]); // «не использовать»
  });

  it("without it the same sheet cannot be read: one missing-column per field it lacks, every row excluded", async () => {
    const path = await variant("none.xlsx", (rows) => {
      for (const k of rows.keys()) rows.set(k, null);
    });
    const a = analyzeWorkbook(inputOf(path));
    const missing = a.issues.filter((i) => i.code === "missing-column").map((i) => i.column);
    expect(missing).toEqual(expect.arrayContaining(["ФИО", "Код организации", "Роль", "Форма наставничества", "Дата начала"]));
    expect(computeCoverage(a, Q2).rows.counted).toBe(0);
  });

  it("is used by every check: a column marked «не использовать» is not read", async () => {
    const path = await variant("no-role.xlsx", (rows) => rows.set("Столбец: Участники / Кто в паре", "не использовать"));
    const a = analyzeWorkbook(inputOf(path));
    expect(a.issues.filter((i) => i.code === "missing-column").map((i) => i.column)).toEqual(["Роль"]);
  });

  it("a mapping naming a header the sheet does not have is said, at its row of «Настройки»", async () => {
    const path = await variant("typo.xlsx", (rows) => rows.set("Столбец: Участники / Кто в группе", "Роль"));
    const a = analyzeWorkbook(inputOf(path));
    const note = a.notes.find((n) => n.code === "mapping-unused")!;
    expect(note).toMatchObject({ sheet: "Настройки" });
    expect(note.message).toBe("Сопоставление «Кто в группе» → «Роль» не применено: на листе «Участники» нет столбца с заголовком «Кто в группе»");
  });
});

describe("the command line", () => {
  it("prints what it mapped on each sheet not in the template's layout, and how to change it", async () => {
    const r = await run(["validate", FIXTURE]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Как прочитаны столбцы (заголовки не как в шаблоне):");
    expect(r.stdout).toContain("Лист «Участники», строка заголовков 1: «Участник программы» → ФИО (по «Настройкам»); «Д/р» → Дата рождения (по «Настройкам»);");
    expect(r.stdout).toContain("Не использованы: «Примечание».");
    expect(r.stdout).toContain("Лист «План», строка заголовков 3 (план по названиям организаций): «Название образовательной организации» → Организация (код или название)");
    expect(r.stdout).toContain("Чтобы изменить сопоставление, добавьте на лист «Настройки» строку «Столбец: <лист> / <заголовок>»");
    const cov = await run(["coverage", FIXTURE, "--period", "2021-Q2"]);
    expect(cov.stdout).toContain("«Участник программы» → ФИО (по «Настройкам»)");
  });

  it("prints the pair layout's reading: «ФИО наставляемого» → ФИО (наставляемый)", async () => {
    const r = await run(["validate", join(DIR, "roster-pairs.xlsx")]);
    expect(r.stdout).toContain("Лист «Пары», строка заголовков 2 (одна строка — пара: наставник и наставляемый; категория — по форме наставничества): «ФИО наставника» → ФИО (наставник); «ФИО наставляемого» → ФИО (наставляемый)");
    expect(r.stdout).toContain("Как понято (сведения, не ошибки)");
  });

  it("says nothing of columns for a workbook in the template's layout, and --json keeps its §7 shape", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Организации");
    ws.addRows([["Код", "Организация", "Тип"], ["БДШИ", "Бокситогорская ДШИ", "ОДО"]]);
    wb.addWorksheet("Участники").addRows([
      ["ФИО", "Дата рождения", "Код организации", "Роль", "Категория", "Форма наставничества", "Пара/группа", "Дата начала", "Дата окончания", "Согласие на обработку ПД"],
      ["Зайцев Илья Олегович", new Date(Date.UTC(2008, 3, 12)), "БДШИ", "Наставляемый", "Обучающийся", "Ученик – ученик", null, new Date(Date.UTC(2021, 1, 1)), null, "Да"],
    ]);
    const path = join(tmp, "template.xlsx");
    await wb.xlsx.writeFile(path);
    const r = await run(["validate", path]);
    expect(r.stdout).not.toContain("Как прочитаны столбцы");
    const j = JSON.parse((await run(["validate", FIXTURE, "--json"])).stdout);
    expect(Object.keys(j)).toEqual(["errors", "warnings", "issues"]);
  });
});

describe("for the pane: a sheet's columns and the rows that save a choice", () => {
  it("gives the placed columns, the unplaced headers and the fields still free", () => {
    const input = inputOf(join(DIR, "roster-pairs.xlsx"));
    const a = analyzeWorkbook(input);
    const cols = sheetColumns(input, a.columns, "Пары")!;
    expect(cols.kind).toBe("participants");
    expect(cols.columns.filter((c) => c.field !== null).map((c) => [c.cell, c.field])).toEqual([
      ["B2", "mentor:fio"], ["C2", "mentee:fio"], ["D2", "mentee:birthDate"], ["E2", "orgCode"], ["F2", "form"], ["G2", "start"], ["H2", "end"], ["I2", "consent"],
    ]);
    expect(cols.unplaced.map((c) => c.header)).toEqual(["№ п/п"]);
    expect(cols.candidates.map((c) => c.label)).toEqual(expect.arrayContaining(["Пара/группа", "Категория (наставник)", "Дата рождения (наставник)"]));
    expect(cols.candidates.map((c) => c.id)).not.toContain("mentee:fio");
  });

  it("a sheet the product could not read: its likeliest header row, nothing placed that it does not know", () => {
    const input: WorkbookInput = { sheets: [{ name: "Лист1", rows: [["Отчёт школы"], ["Участник", "Кто", "Откуда"], ["Зайцев Илья", "ученик", "БДШИ"]] }] };
    const cols = sheetColumns(input, analyzeWorkbook(input).columns, "Лист1")!;
    expect(cols.headerRow).toBe(2);
    expect(cols.unplaced.map((c) => c.header)).toEqual(["Участник", "Кто", "Откуда"]);
    expect(cols.missing).toEqual(expect.arrayContaining(["ФИО", "Роль", "Дата начала"]));
  });

  it("the rows a choice is saved as, which the next reading applies", () => {
    const rows = mappingSettingsRows("Лист1", [{ header: "Участник", field: "fio" }, { header: "Откуда", field: "orgCode" }, { header: "Кто", field: "ignore" }]);
    expect(rows).toEqual([
      ["Столбец: Лист1 / Участник", "ФИО"],
      ["Столбец: Лист1 / Откуда", "Организация (код или название)"],
      ["Столбец: Лист1 / Кто", "не использовать"],
    ]);
    const input: WorkbookInput = {
      sheets: [
        { name: "Организации", rows: [["Код", "Организация", "Тип"], ["БДШИ", "Бокситогорская ДШИ", "ОДО"]] },
        { name: "Лист1", rows: [["Участник", "Кто", "Откуда", "Роль", "Категория", "Форма", "Дата начала"], ["Зайцев Илья", "ученик", "БДШИ", "Наставляемый", "Обучающийся", "Ученик – ученик", "01.02.2021"]] },
        { name: "Настройки", rows: rows },
      ],
    };
    const a = analyzeWorkbook(input);
    expect(a.issues).toEqual([]);
    expect(computeCoverage(a, Q2).organizations[0].covered).toBe(1);
  });
});
