// The consolidated report (Свод) written by the real command on the bundled example.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { buildExample } from "../scripts/example/workbook";
import { periodTitle, parsePeriod } from "../src/core/model/period";

const BIN = join(__dirname, "..", "dist", "src", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "mm-report-"));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

async function readBook(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

const SOURCE_SHEETS = ["Организации", "Целевые показатели", "Участники", "Дорожная карта", "Справочники", "Настройки"];

/** Every cell of a sheet as value + type + format + validation, to prove nothing changed. */
function snapshot(ws: ExcelJS.Worksheet) {
  const out: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (c, col) => out.push([r, col, c.type, c.value, c.numFmt, c.dataValidation])),
  );
  return out;
}

function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => out.push(String(c.text ?? ""))));
  return out;
}

let input: string;
let output: string;
let roster: ReturnType<typeof buildExample>["roster"];
beforeAll(async () => {
  const ex = buildExample();
  roster = ex.roster;
  // Text that looks like a formula must stay text in the report.
  const orgs = ex.workbook.getWorksheet("Организации")!;
  orgs.getCell("B7").value = '=HYPERLINK("http://example.invalid","Ефимовская ДМШ")';
  const rm = ex.workbook.getWorksheet("Дорожная карта")!;
  rm.getCell("B5").value = "+7 (81366) 2-14-35: формирование базы наставников";
  rm.getCell("C5").value = "@куратор";
  rm.getCell("A5").value = "-2";
  input = join(dir, "in.xlsx");
  await ex.workbook.xlsx.writeFile(input);
  output = join(dir, "out.xlsx");
  const r = cli("report", input, "--period", "2021-Q2", "--as-of", "2021-06-30", "-o", output);
  expect(r.code).toBe(0);
});

describe("the Свод sheet of the example", () => {
  it("is named «Свод 2021 Q2», activated, and holds the sections in order", async () => {
    const wb = await readBook(output);
    const ws = wb.getWorksheet("Свод 2021 Q2")!;
    expect(ws).toBeDefined();
    const t = texts(ws);
    expect(t[0]).toBe("Сводный отчёт о внедрении целевой модели наставничества");
    expect(t).toContain("Бокситогорский муниципальный район");
    expect(t).toContain(`Период: ${periodTitle(parsePeriod("2021-Q2")!)}`);
    expect(t).toContain("Период: II квартал 2021 г. (01.04.2021–30.06.2021)");
    const order = ["1. Охват", "2. Показатели", "3. Дорожная карта", "Просроченные мероприятия", "4. Качество данных"].map((p) =>
      t.findIndex((x) => x.startsWith(p)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("the coverage total row: the 1256 plan, covered = sum of organizations, percent from the sums", async () => {
    const ws = (await readBook(output)).getWorksheet("Свод 2021 Q2")!;
    let header = 0;
    ws.eachRow((row, r) => {
      if (!header && row.getCell(1).value === "Код") header = r;
    });
    const orgRows = [1, 2, 3, 4, 5, 6].map((i) => ws.getRow(header + i));
    const total = ws.getRow(header + 7);
    expect(total.getCell(2).value).toBe("ИТОГО по муниципалитету");
    expect(orgRows.map((r) => r.getCell(3).value)).toEqual([202, 350, 113, 480, 96, 15]);
    expect(total.getCell(3).value).toBe(1256);
    const covered = orgRows.reduce((s, r) => s + (r.getCell(4).value as number), 0);
    expect(total.getCell(4).value).toBe(covered);
    expect(total.getCell(5).value).toBeCloseTo(covered / 1256, 12);
    expect(total.getCell(5).numFmt).toBe("0.0%");
  });

  it("holds no roster name and no date of birth anywhere", async () => {
    const t = texts((await readBook(output)).getWorksheet("Свод 2021 Q2")!).join("\n");
    const names = roster.map((r) => r.fio).filter((f): f is string => typeof f === "string");
    expect(names.length).toBeGreaterThan(500);
    for (const n of names) expect(t).not.toContain(n.split(" ")[0] + " " + n.split(" ")[1]);
    const births = roster.map((r) => r.birthDate).filter((d): d is Date => d instanceof Date);
    for (const d of births.slice(0, 200)) {
      const ru = `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.${d.getUTCFullYear()}`;
      expect(t).not.toContain(ru);
    }
  });

  it("writes formula-like user text as text, never as a formula", async () => {
    const ws = (await readBook(output)).getWorksheet("Свод 2021 Q2")!;
    const found: ExcelJS.Cell[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === "string" && /^[=+\-@]/.test(c.value)) found.push(c);
        expect(c.formula).toBeUndefined();
      }),
    );
    expect(found.map((c) => c.value)).toEqual(
      expect.arrayContaining(['=HYPERLINK(«http://example.invalid»,«Ефимовская ДМШ»)', "-2", "+7 (81366) 2-14-35: формирование базы наставников", "@куратор"]),
    );
    for (const c of found) expect(c.master.type).toBe(ExcelJS.ValueType.String); // merged cells answer with their master
  });

  it("has data bars on % of plan, status colours, frozen title and landscape fit-to-width printing", async () => {
    const ws = (await readBook(output)).getWorksheet("Свод 2021 Q2")!;
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    expect(cf.some((c) => c.rules[0].type === "dataBar" && c.ref.startsWith("E"))).toBe(true);
    expect(cf.filter((c) => c.rules[0].type === "cellIs").length).toBeGreaterThanOrEqual(6);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, printTitlesRow: "1:4" });
  });
});

describe("safety of the source workbook", () => {
  it("leaves every source sheet's values, formats and validation as they were", async () => {
    const before = await readBook(input);
    const after = await readBook(output);
    for (const name of SOURCE_SHEETS) expect(snapshot(after.getWorksheet(name)!)).toEqual(snapshot(before.getWorksheet(name)!));
  });

  it("regenerating twice leaves exactly one report sheet for the period", async () => {
    const second = join(dir, "second.xlsx");
    expect(cli("report", output, "--period", "2021-Q2", "--as-of", "2021-06-30", "-o", second).code).toBe(0);
    const third = join(dir, "third.xlsx");
    expect(cli("report", second, "--period", "2021-Q2", "--as-of", "2021-06-30", "-o", third).code).toBe(0);
    const wb = await readBook(third);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SOURCE_SHEETS, "Свод 2021 Q2"]);
    const before = await readBook(input);
    for (const name of SOURCE_SHEETS) expect(snapshot(wb.getWorksheet(name)!)).toEqual(snapshot(before.getWorksheet(name)!));
  });

  it("never replaces a user's sheet of the same name: the new one gets a suffix", async () => {
    const ex = buildExample();
    const mine = ex.workbook.addWorksheet("Свод 2021 Q2");
    mine.getCell("A1").value = "Мой собственный свод — не трогать";
    const path = join(dir, "user-sheet.xlsx");
    await ex.workbook.xlsx.writeFile(path);
    const out = join(dir, "user-sheet-out.xlsx");
    const r = cli("report", path, "--period", "2021-Q2", "--as-of", "2021-06-30", "-o", out, "--json");
    expect(JSON.parse(r.out).sheet).toBe("Свод 2021 Q2 (2)");
    const wb = await readBook(out);
    expect(wb.getWorksheet("Свод 2021 Q2")!.getCell("A1").value).toBe("Мой собственный свод — не трогать");
    const again = join(dir, "user-sheet-again.xlsx");
    expect(JSON.parse(cli("report", out, "--period", "2021-Q2", "--as-of", "2021-06-30", "-o", again, "--json").out).sheet).toBe("Свод 2021 Q2 (2)");
    expect((await readBook(again)).worksheets.filter((w) => w.name.startsWith("Свод")).length).toBe(2);
  });

  it("does not change the input file when the output is another file", async () => {
    const before = snapshot((await readBook(input)).getWorksheet("Участники")!);
    cli("report", input, "--period", "2021-Q3", "--as-of", "2021-09-30", "-o", join(dir, "q3.xlsx"));
    const wb = await readBook(input);
    expect(wb.worksheets.map((w) => w.name)).toEqual(SOURCE_SHEETS);
    expect(snapshot(wb.getWorksheet("Участники")!)).toEqual(before);
  });
});
