// Every text the add-in writes into the user's workbook stays text. The host takes values the way Excel
// does (catalogue rows V1–V7: «=1+1» a formula, «+7 …», «-», «- нет» formulas, «2021-09-01» a date,
// «TRUE» a boolean, «50%» 0.5, « 007 » and «007» the number 7), so a path that writes a string without
// the text format "@" first fails here. One describe per writing path: import of school rows, template
// headers / lists / settings, the report (a hand-made layout and organization names end to end), the
// highlight store, the settings the pane saves.
import type { WorkbookInput } from "../../src/core/model/cells";
import { type SheetLayout } from "../../src/core/report/layout";
import { renderReport } from "../../src/core/report/renderer";
import { templateModel } from "../../src/core/template/template";
import { HIGHLIGHT_STORE } from "../../src/office/highlight";
import { OfficeReportRenderer } from "../../src/office/report";
import { createService } from "../../src/office/service";
import { insertTemplate } from "../../src/office/template";
import { type TestHost, createHost } from "../../src/testhost";
import { cellName } from "../../src/testhost/address";
import { districtBase, schoolRoster, templateSchool } from "../../scripts/example/schools";
import { workbookInputOf } from "../../src/xlsx/read";
import { roundTrip } from "../helpers/xlsx";
import { NOW, ROSTER, exampleInput } from "./example";

const RISKY = ["=1+1", "+7 (912) 345-67-89", "-", "- нет", "2021-09-01", "TRUE", "50%", " 007 ", "007"];

/** The cell holds exactly this text, as text, and no formula. */
function expectText(host: TestHost, sheet: string, address: string, text: string): void {
  expect({ at: `${sheet}!${address}`, ...pick(host.sheet(sheet).cell(address)) }).toEqual({ at: `${sheet}!${address}`, value: text, valueType: "String", formula: null, numberFormat: "@" });
}
const pick = ({ value, valueType, formula, numberFormat }: ReturnType<ReturnType<TestHost["sheet"]>["cell"]>) => ({ value, valueType, formula, numberFormat });

test("the host really changes these values when they are written without «@» (the premise of this file)", async () => {
  const host = createHost();
  await host.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Лист1").getRange("A1:I1").values = [RISKY]));
  const row = RISKY.map((_, j) => host.sheet("Лист1").cell(cellName(0, j)));
  expect(row.filter((c, j) => c.valueType === "String" && c.value === RISKY[j])).toEqual([]);
});

describe("import of school rows", () => {
  test("each text of a school's row lands as the same text in the district roster", async () => {
    const host = createHost(workbookInputOf(await roundTrip(districtBase())));
    const people = schoolRoster("БДЮСШ", RISKY.length, 31)
      .slice(0, RISKY.length)
      .map((p, i) => ({ ...p, pair: RISKY[i] }));
    const bytes = new Uint8Array((await templateSchool(people).xlsx.writeBuffer()) as ArrayBuffer);
    const outcome = await createService(host.run, () => NOW).importSchools([{ name: "school.xlsx", bytes }], true);
    expect(outcome.summaries[0].added).toBe(RISKY.length);
    const s = host.sheet(ROSTER);
    const [pairHeader] = s.find("Пара/группа");
    const col = pairHeader.replace(/\d+$/, "");
    for (const p of people) {
      const [at] = s.find(p.fio as string);
      expect(at).toBeDefined();
      expectText(host, ROSTER, `${col}${at.replace(/^[A-Z]+/, "")}`, p.pair as string);
    }
  });
});

describe("template: headers, lists and settings", () => {
  test("headers of the data sheets, the lists of «Справочники» and the settings rows are written as text", async () => {
    const base = templateModel(2021);
    const [orgs, ...others] = base.dataSheets;
    const model = {
      ...base,
      dataSheets: [{ ...orgs, columns: orgs.columns.map((c, i) => ({ ...c, header: i < RISKY.length ? RISKY[i] : c.header })) }, ...others],
      lists: { ...base.lists, columns: base.lists.columns.map((c, i) => (i === 0 ? { ...c, values: RISKY } : c)) },
      settings: { ...base.settings, rows: [...base.settings.rows, ...RISKY.map((t) => [t, t] as [string, string])] },
    };
    const host = createHost();
    await host.run((ctx) => insertTemplate(ctx, model));
    const org = host.sheet(orgs.name);
    orgs.columns.slice(0, RISKY.length).forEach((_, i) => expectText(host, orgs.name, cellName(0, i), RISKY[i]));
    expect(org.tables[0].headers.slice(0, Math.min(RISKY.length, orgs.columns.length))).toEqual(RISKY.slice(0, orgs.columns.length));
    RISKY.forEach((t, i) => expectText(host, base.lists.name, `A${i + 2}`, t));
    const first = base.settings.rows.length + 1;
    RISKY.forEach((t, i) => {
      expectText(host, base.settings.name, `A${first + i}`, t);
      expectText(host, base.settings.name, `B${first + i}`, t);
    });
    // Numbers stay numbers: the plan year is 2021, not "2021".
    expect(host.sheet(base.settings.name).cell("B3")).toMatchObject({ value: 2021, valueType: "Double", numberFormat: "General" });
  });
});

describe("report", () => {
  /** A small layout of the Свод's shape whose body cells are the risky texts, under formats the layout names for numbers. */
  function layout(): SheetLayout {
    const formats = [undefined, "0", "0.0%", "dd.mm.yyyy"] as const;
    return {
      name: "Свод проверка",
      cells: [
        { row: 1, col: 1, value: "Заголовок", style: "title" },
        ...RISKY.map((t, i) => ({ row: i + 2, col: 1, value: t, style: "body" as const, format: formats[i % formats.length] })),
        ...RISKY.map((_, i) => ({ row: i + 2, col: 2, value: i * 10, style: "body" as const, format: "0" as const })),
      ],
      merges: [],
      columnWidths: [30, 10],
      freezeRows: 1,
      conditional: [],
      tables: [],
      chart: null,
      print: { landscape: true, fitToWidth: 1, repeatRows: [1, 1] },
      rowHeights: {},
    };
  }

  test("texts of the layout are written as text whatever format the layout names; numbers stay numbers", async () => {
    const host = createHost();
    const name = await host.run((ctx) => renderReport(layout(), new OfficeReportRenderer(ctx)));
    RISKY.forEach((t, i) => expectText(host, name, `A${i + 2}`, t));
    expect(host.sheet(name).cell("B4")).toMatchObject({ value: 20, valueType: "Double", numberFormat: "0" });
  });

  test("organization names such as «=1+1», «TRUE», «2021-09-01», «50%», «007» reach the Свод as the same text", async () => {
    for (const names of [RISKY.slice(0, 6), RISKY.slice(6)]) {
      const host = createHost(await exampleInput((wb) => names.forEach((n, i) => void (wb.getWorksheet("Организации")!.getCell(`B${i + 2}`).value = n))));
      const { sheet } = await createService(host.run, () => NOW).generateReport("2021-Q2", "2021-06-30");
      const s = host.sheet(sheet);
      // The coverage table lists organizations in their order from row 8, column B (names trimmed by the core).
      names.forEach((n, i) => expectText(host, sheet, `B${8 + i}`, n.trim()));
      expect(s.values().flat().filter((v) => typeof v === "boolean")).toEqual([]);
    }
  });
});

describe("highlight store", () => {
  let input: WorkbookInput;
  beforeAll(async () => void (input = await exampleInput()));
  const SHEET_NAMES = RISKY.filter((n) => n.trim() === n); // a sheet name is kept without outer spaces

  test.each(SHEET_NAMES)("a roster sheet named «%s» is stored by its name and its fills come back", async (name) => {
    const host = createHost({ ...input, sheets: input.sheets.map((s) => (s.name === ROSTER ? { ...s, name } : s)) });
    host.sheet(name).setFill("G609", "#00B0F0");
    const service = createService(host.run, () => NOW);
    expect(await service.highlightIssues()).toBeGreaterThan(0);
    expectText(host, HIGHLIGHT_STORE, "A2", name);
    await service.clearHighlights();
    expect(host.sheet(name).cell("G609").fill).toEqual({ color: "#00B0F0", pattern: "Solid" });
    expect(host.sheet(name).cell("B612").fill).toBeNull();
  });
});

describe("settings the pane saves", () => {
  test.each(RISKY)("a municipality named «%s» is stored as that text", async (municipality) => {
    const host = createHost();
    const service = createService(host.run, () => NOW);
    await service.insertTemplate(2021);
    await service.saveSettings({ municipality, planYear: 2021, period: "2021-Q2", asOf: "2021-06-30", dueSoonDays: 14, minMenteeAge: 10 });
    const [label] = host.sheet("Настройки").find("Муниципалитет");
    expectText(host, "Настройки", label.replace(/^A/, "B"), municipality);
  });
});
