// The pane's column mapping over Office.js (issue 14 point 5), on the Excel test host: a roster whose headers
// the product cannot place is listed by `columns()` with its unplaced headers and the fields still free;
// `saveColumnMapping` writes «Столбец: …» rows into «Настройки» as text, below the rows already there and
// without touching them; the next check reads the roster through them; and the command line, given those
// very rows, prints the mapping and reads the sheet the same way.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { run as cli } from "../../src/cli/main";
import { analyzeWorkbook } from "../../src/core/analyze";
import type { SheetInput, WorkbookInput } from "../../src/core/model/cells";
import { readMappingRows } from "../../src/core/read/layouts/mapping";
import { createService } from "../../src/office/service";
import { readWorkbook as readHost } from "../../src/office/read";
import { createHost } from "../../src/testhost";
import { readWorkbook } from "../../src/xlsx/read";
import { NOW, ROSTER, exampleInput } from "./example";

const SETTINGS = "Настройки";
const tmp = mkdtempSync(join(tmpdir(), "mm-office-mapping-"));

/** The example with its roster's «Ф.И.О.» and «Код ОО» headers written as a school might: «ФИО ребёнка», «ОУ». */
async function foreignHeaders(): Promise<WorkbookInput> {
  const input = await exampleInput();
  return {
    ...input,
    sheets: input.sheets.map((s): SheetInput => {
      if (s.name !== ROSTER) return s;
      const h = s.rows.findIndex((r) => r.includes("Ф.И.О."));
      const header = s.rows[h].map((v) => (v === "Ф.И.О." ? "ФИО ребёнка" : v === "Код ОО" ? "ОУ" : v));
      return { ...s, rows: [...s.rows.slice(0, h), header, ...s.rows.slice(h + 1)] };
    }),
  };
}

/** «Настройки» as the host holds it: column A and B of every used row. */
const settingsRows = (host: ReturnType<typeof createHost>) => host.sheet(SETTINGS).values().map((r) => [r[0], r[1]]);

describe("a roster with headers the product cannot place", () => {
  let host: ReturnType<typeof createHost>;
  const service = () => createService(host.run, () => NOW);

  beforeAll(async () => {
    host = createHost(await foreignHeaders());
  });

  test("the check finds the two required columns missing and counts nobody", async () => {
    const r = await service().check();
    expect(r.issues.filter((i) => i.code === "missing-column").map((i) => i.column)).toEqual(["ФИО", "Код организации"]);
    const cov = await service().coverage("2021-Q2");
    if ("problem" in cov) throw new Error(cov.problem);
    expect(cov.total.covered).toBe(0);
  });

  test("columns() lists the roster: what it placed, the headers it could not, the fields left for the drop-downs", async () => {
    const sheets = await service().columns();
    const roster = sheets.find((c) => c.sheet === ROSTER)!;
    expect(roster.kind).toBe("participants");
    expect(roster.unplaced.map((c) => [c.cell, c.header])).toEqual([["A3", "ФИО ребёнка"], ["B3", "ОУ"], ["K3", "Примечание"]]);
    expect(roster.missing).toEqual(["ФИО", "Код организации"]);
    expect(roster.candidates.filter((c) => c.required).map((c) => [c.id, c.label])).toEqual([["fio", "ФИО"], ["orgCode", "Организация (код или название)"]]);
    expect(roster.columns.find((c) => c.header === "Роль")).toMatchObject({ field: "role", by: "template" });
    // The sheets in the template's own layout are not offered.
    expect(sheets.map((c) => c.sheet)).not.toContain("Организации");
    // Plain data: it crosses postMessage unchanged.
    expect(structuredClone(sheets)).toEqual(sheets);
  });

  test("saveColumnMapping writes the rows as text below the settings, leaving every other row as it was", async () => {
    const before = settingsRows(host);
    await service().saveColumnMapping(ROSTER, [
      { header: "ФИО ребёнка", field: "fio" },
      { header: "ОУ", field: "orgCode" },
      { header: "Примечание", field: "ignore" },
    ]);
    const after = settingsRows(host);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      ["Столбец: Участники / ФИО ребёнка", "ФИО"],
      ["Столбец: Участники / ОУ", "Организация (код или название)"],
      ["Столбец: Участники / Примечание", "не использовать"],
    ]);
    const first = before.length + 1;
    for (const a of [`A${first}`, `B${first}`, `B${first + 2}`]) expect(host.sheet(SETTINGS).cell(a).numberFormat).toBe("@");
  });

  test("the next check reads the roster through them: no missing column, coverage as with the template's headers", async () => {
    const r = await service().check();
    expect(r.issues.filter((i) => i.code === "missing-column")).toEqual([]);
    const original = createService(createHost(await exampleInput()).run, () => NOW);
    const [mine, theirs] = await Promise.all([service().coverage("2021-Q2"), original.coverage("2021-Q2")]);
    if ("problem" in mine || "problem" in theirs) throw new Error("no coverage");
    expect(theirs.total.covered).toBeGreaterThan(100);
    expect(mine.total.covered).toBe(theirs.total.covered);
    expect(mine.organizations.map((o) => [o.code, o.covered])).toEqual(theirs.organizations.map((o) => [o.code, o.covered]));
    // The same planted mistakes, cell for cell.
    const theirIssues = (await original.check()).issues.map((i) => `${i.cell} ${i.code}`);
    expect(r.issues.map((i) => `${i.cell} ${i.code}`)).toEqual(theirIssues);
  });

  test("analyzeWorkbook over the host's cells (the reading every later check does) uses the mapping", async () => {
    const a = analyzeWorkbook(await host.run((ctx) => readHost(ctx, null)));
    expect(a.mapping.map((m) => [m.sheet, m.header, m.label])).toEqual([
      ["Участники", "ФИО ребёнка", "ФИО"],
      ["Участники", "ОУ", "Организация (код или название)"],
      ["Участники", "Примечание", "не использовать"],
    ]);
    const roster = a.columns.find((c) => c.sheet === ROSTER)!;
    expect(roster.columns.filter((c) => c.by === "settings").map((c) => [c.cell, c.field])).toEqual([["A3", "fio"], ["B3", "orgCode"]]);
    expect(a.notes.filter((n) => n.code === "mapping-unused")).toEqual([]);
  });

  test("saving a sheet again changes its rows in place, never adds a second row for the same column", async () => {
    const rowsBefore = settingsRows(host).length;
    await service().saveColumnMapping(ROSTER, [{ header: "ОУ", field: "ignore" }]);
    const after = settingsRows(host);
    expect(after.length).toBe(rowsBefore);
    expect(after.filter((r) => String(r[0]).startsWith("Столбец: Участники / ОУ"))).toEqual([["Столбец: Участники / ОУ", "не использовать"]]);
    const r = await service().check();
    expect(r.issues.filter((i) => i.code === "missing-column").map((i) => i.column)).toEqual(["Код организации"]);
    await service().saveColumnMapping(ROSTER, [{ header: "ОУ", field: "orgCode" }]);
    expect((await service().check()).issues.filter((i) => i.code === "missing-column")).toEqual([]);
  });

  test("without a «Настройки» sheet it says what to do, and writes nothing", async () => {
    const input = await foreignHeaders();
    const bare = createHost({ ...input, sheets: input.sheets.filter((s) => s.name !== SETTINGS) });
    await expect(createService(bare.run, () => NOW).saveColumnMapping(ROSTER, [{ header: "ОУ", field: "orgCode" }])).rejects.toThrow("Нет листа «Настройки»: сначала вставьте шаблон");
    expect(bare.hasSheet(SETTINGS)).toBe(false);
  });
});

describe("the command line reads what the pane saved", () => {
  const FIXTURE = join(__dirname, "..", "fixtures", "layouts", "roster-mapping.xlsx");
  const isMapping = (v: unknown) => typeof v === "string" && v.startsWith("Столбец:");

  test("the fixture without its mapping rows, mapped in the pane on the host: the CLI prints and uses those rows", async () => {
    const original = readWorkbook(readFileSync(FIXTURE), "book.xlsx").input;
    const confirmed = readMappingRows(original.sheets.find((s) => s.name === SETTINGS));
    expect(confirmed.length).toBeGreaterThan(3);
    // What the school sent: «Настройки» without a mapping.
    const input: WorkbookInput = { ...original, sheets: original.sheets.map((s) => (s.name === SETTINGS ? { ...s, rows: s.rows.filter((r) => !isMapping(r[0])) } : s)) };
    const host = createHost(input);
    const service = createService(host.run, () => NOW);
    expect((await service.check()).issues.some((i) => i.code === "missing-column")).toBe(true);
    const roster = (await service.columns()).find((c) => c.sheet === "Участники")!;
    expect(roster.unplaced.map((c) => c.header)).toEqual(expect.arrayContaining(confirmed.map((m) => m.header)));
    // The user picks in the drop-downs what the district had confirmed (labels → field ids of the offer).
    const idOf = (label: string) => (label === "не использовать" ? "ignore" : roster.candidates.find((c) => c.label === label)!.id);
    await service.saveColumnMapping("Участники", confirmed.map((m) => ({ header: m.header, field: idOf(m.label) })));
    expect((await service.check()).issues.filter((i) => i.severity === "error")).toEqual([]);

    // The very rows the host now holds, written into the file the command line reads.
    const saved = settingsRowsOf(host).filter((r) => isMapping(r[0]));
    expect(saved.length).toBe(confirmed.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(FIXTURE);
    const ws = wb.getWorksheet(SETTINGS)!;
    ws.eachRow((r) => {
      if (isMapping(r.getCell(1).value)) r.values = [];
    });
    for (const [a, b] of saved) ws.addRow([a, b]);
    const path = join(tmp, "mapped-in-pane.xlsx");
    await wb.xlsx.writeFile(path);
    const r = await cli(["validate", path]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Как прочитаны столбцы (заголовки не как в шаблоне):");
    expect(r.stdout).toContain("«Участник программы» → ФИО (по «Настройкам»)");
    expect(r.stdout).toContain("Не использованы: «Примечание».");
  });
});

function settingsRowsOf(host: ReturnType<typeof createHost>) {
  return host.sheet(SETTINGS).values().map((r) => [r[0], r[1]] as const);
}
