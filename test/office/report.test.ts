// The Свод through the Office.js renderer on the host: totals, text safety, data bars and status
// formats, the chart, print setup, the marker name, and replacing only our own sheet.
import { PALETTE } from "../../src/core/report/layout";
import { createService } from "../../src/office/service";
import { type TestHost, createHost } from "../../src/testhost";
import { cellName, parseAddress } from "../../src/testhost/address";
import { NOW, ROSTER, exampleInput, snapshot } from "./example";

const SHEET = "Свод 2021 Q2";
const MARKER = "MentorshipMonitor_Свод_Свод_2021_Q2"; // the core's prefix + the sheet name
const FORMULA_LIKE = "=СУММ(A1:A9) «Ефимовская ДМШ»";

async function exampleHost(change?: Parameters<typeof exampleInput>[0]) {
  const host = createHost(await exampleInput(change));
  return { host, service: createService(host.run, () => NOW) };
}

/** Every cell of a sheet's used range. */
function cells(host: TestHost, sheet: string) {
  const s = host.sheet(sheet);
  const { rect } = parseAddress(s.usedAddress()!)!;
  const out = [];
  for (let r = rect.row; r < rect.row + rect.rows; r++) for (let c = rect.col; c < rect.col + rect.cols; c++) out.push(s.cell(cellName(r, c)));
  return out;
}

describe("the first report", () => {
  let host: TestHost;
  let before: Record<string, unknown>;
  beforeAll(async () => {
    const ex = await exampleHost((wb) => void (wb.getWorksheet("Организации")!.getCell("B7").value = FORMULA_LIKE));
    host = ex.host;
    before = snapshot(host);
    expect(await ex.service.generateReport("2021-Q2", "2021-06-30")).toEqual({ sheet: SHEET });
  });

  test("creates «Свод 2021 Q2», activated, with the municipal plan of 1256", () => {
    expect(host.sheetNames()).toContain(SHEET);
    expect(host.activeSheet()).toBe(SHEET);
    const s = host.sheet(SHEET);
    expect(s.cell("A1").value).toBe("Сводный отчёт о внедрении целевой модели наставничества");
    expect(s.find(1256).length).toBeGreaterThan(0);
    expect(s.cell(s.find(1256)[0]).valueType).toBe("Double");
  });

  test("text stays text: formula-like names are stored with format «@», never as formulas", () => {
    const all = cells(host, SHEET);
    expect(all.filter((c) => c.formula !== null)).toEqual([]);
    const risky = all.filter((c) => typeof c.value === "string" && /^[=+\-@]/.test(c.value));
    expect(risky.map((c) => c.value)).toContain(FORMULA_LIKE);
    for (const c of risky) expect(c).toMatchObject({ numberFormat: "@", valueType: "String", formula: null });
  });

  test("aggregates only: no roster name appears on the sheet", () => {
    const names = new Set(host.sheet(ROSTER).values("A4:A620").map((r) => r[0]).filter((v) => typeof v === "string" && v.length > 10));
    expect(names.size).toBeGreaterThan(500);
    expect(cells(host, SHEET).filter((c) => names.has(c.value as string))).toEqual([]);
  });

  test("«% плана» has data bars, statuses are coloured by conditional formats", () => {
    const cfs = host.sheet(SHEET).conditionalFormats;
    const bars = cfs.filter((f) => f.type === "DataBar");
    expect(bars.length).toBeGreaterThan(0);
    expect(bars[0].dataBar).toMatchObject({ barDirection: "LeftToRight", lowerBoundRule: { type: "Number", formula: "0" }, upperBoundRule: { type: "Number", formula: "1" }, positiveFormat: { fillColor: `#${PALETTE.dataBar}` } });
    const tones = cfs.filter((f) => f.type === "CellValue");
    expect(tones.length).toBeGreaterThanOrEqual(3);
    const red = tones.find((f) => f.cellValue?.format.fill.color === `#${PALETTE.tones.red.fill}`)!;
    expect(red.cellValue).toMatchObject({ rule: { operator: "EqualTo" }, format: { font: { color: `#${PALETTE.tones.red.font}` } } });
    expect(red.cellValue!.rule!.formula1).toMatch(/^=".+"$/);
  });

  test("a plan-vs-covered chart over the coverage table", () => {
    const [chart, ...more] = host.sheet(SHEET).charts;
    expect(more).toEqual([]);
    expect(chart).toMatchObject({ type: "ColumnClustered", title: { text: "План и охват по организациям, чел." }, legend: { position: "Bottom" } });
    expect(chart.series).toHaveLength(2);
    for (const s of chart.series) {
      expect(s.values).toMatch(/^'Свод 2021 Q2'!/);
      expect(s.xValues).toMatch(/^'Свод 2021 Q2'!/);
    }
    expect(chart.position).not.toBeNull();
  });

  test("the coverage block is an Excel table; titles repeat on print; rows frozen; landscape", () => {
    const s = host.sheet(SHEET);
    expect(s.tables).toEqual([expect.objectContaining({ name: "СводОхват_Свод_2021_Q2", showFilterButton: false, style: "TableStyleLight9" })]);
    expect(s.freezeRows).toBe(4);
    expect(s.pageLayout).toEqual({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$1:$4" });
    expect(s.merges).toContain("A1:" + s.merges[0].split(":")[1]);
  });

  test("marked as ours by a defined name on A1", () => {
    expect(host.names()).toContainEqual(expect.objectContaining({ name: MARKER, formula: "='Свод 2021 Q2'!$A$1" }));
  });

  test("the source sheets are unchanged", () => {
    expect(snapshot(host, Object.keys(before))).toEqual(before);
  });
});

describe("regenerating", () => {
  test("replaces only our own sheet", async () => {
    const { host, service } = await exampleHost();
    await service.generateReport("2021-Q2", "2021-06-30");
    const sheets = host.sheetNames();
    expect(await service.generateReport("2021-Q2", "2021-06-30")).toEqual({ sheet: SHEET });
    expect(host.sheetNames()).toEqual(sheets);
    expect(host.names().filter((n) => n.name.startsWith("MentorshipMonitor_"))).toHaveLength(1);
    expect(host.tables().filter((t) => t.sheet === SHEET)).toHaveLength(1);
  });

  test("a user's sheet with that name is left alone; ours becomes «… (2)», and is the one replaced next time", async () => {
    const { host, service } = await exampleHost((wb) => void wb.addWorksheet(SHEET).addRow(["мой собственный свод", 42]));
    const mine = snapshot(host, [SHEET]);
    expect(await service.generateReport("2021-Q2", "2021-06-30")).toEqual({ sheet: `${SHEET} (2)` });
    expect(await service.generateReport("2021-Q2", "2021-06-30")).toEqual({ sheet: `${SHEET} (2)` });
    expect(snapshot(host, [SHEET])).toEqual(mine);
    expect(host.sheetNames().filter((n) => n.startsWith(SHEET))).toEqual([SHEET, `${SHEET} (2)`]);
  });

  test("the next quarter's report sits beside this one (table names are unique in a workbook)", async () => {
    const { host, service } = await exampleHost();
    await service.generateReport("2021-Q2", "2021-06-30");
    expect(await service.generateReport("2021-Q3", "2021-09-30")).toEqual({ sheet: "Свод 2021 Q3" });
    expect(host.tables().filter((t) => t.name.startsWith("СводОхват")).map((t) => t.sheet)).toEqual([SHEET, "Свод 2021 Q3"]);
  });

  test("after the user deleted our sheet by hand, its leftover =#REF! mark does not block a new report", async () => {
    const { host, service } = await exampleHost();
    await service.generateReport("2021-Q2", "2021-06-30");
    await host.run(async (ctx) => ctx.workbook.worksheets.getItem(SHEET).delete());
    expect(host.names().find((n) => n.name === MARKER)?.formula).toBe("=#REF!$A$1");
    expect(await service.generateReport("2021-Q2", "2021-06-30")).toEqual({ sheet: SHEET });
    expect(host.names().find((n) => n.name === MARKER)?.formula).toBe("='Свод 2021 Q2'!$A$1");
  });
});
