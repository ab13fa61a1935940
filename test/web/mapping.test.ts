// The column mapping on the standalone page's in-memory workbook (issue 14 point 5): saving it changes only
// «Настройки» (rows added below, as text), the bytes after saving are read by the command line's reader
// through the mapping, and the real command line on those bytes prints it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/core/analyze";
import { computeCoverage } from "../../src/core/coverage/coverage";
import { parsePeriod } from "../../src/core/model/period";
import { createMemoryService } from "../../src/web/port";
import { MemoryWorkbook } from "../../src/web/workbook";
import { Package } from "../../src/xlsx/package/opc";
import { PackageStyles } from "../../src/xlsx/package/styles";
import { readWorkbook } from "../../src/xlsx/read";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "dist", "src", "cli", "main.js");
const EXAMPLE = join(ROOT, "examples", "boksitogorsk-2021.xlsx");
const dir = mkdtempSync(join(tmpdir(), "mm-webmap-"));
const NOW = () => new Date("2021-06-30T09:00:00Z");
const Q2 = parsePeriod("2021-Q2")!;
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
const sheetXml = (bytes: Uint8Array, name: string) => {
  const pkg = new Package(bytes);
  return pkg.text(pkg.sheets().find((s) => s.name === name)!.part!);
};

/** The bundled example with the roster's «Ф.И.О.» and «Код ОО» headers as a school writes them. */
async function schoolHeaders(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE);
  let renamed = 0;
  wb.getWorksheet("Участники")!.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value === "Ф.И.О.") (cell.value = "ФИО ребёнка"), renamed++;
      else if (cell.value === "Код ОО") (cell.value = "ОУ"), renamed++;
    }),
  );
  expect(renamed).toBe(2);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("saveColumnMapping on the in-memory workbook", () => {
  let original: Uint8Array;
  let book: MemoryWorkbook;
  let changes = 0;
  let service: ReturnType<typeof createMemoryService>;

  beforeAll(async () => {
    original = await schoolHeaders();
    book = new MemoryWorkbook("Школа.xlsx", original);
    service = createMemoryService(book, { now: NOW, onChange: () => changes++ });
  });

  test("before: the roster cannot be read, and columns() offers its unplaced headers", async () => {
    const r = await service.check();
    expect(r.issues.filter((i) => i.code === "missing-column").map((i) => i.column)).toEqual(["ФИО", "Код организации"]);
    const roster = (await service.columns()).find((c) => c.sheet === "Участники")!;
    expect(roster.unplaced.map((c) => c.header)).toEqual(["ФИО ребёнка", "ОУ", "Примечание"]);
    expect(roster.candidates.map((c) => c.id)).toEqual(expect.arrayContaining(["fio", "orgCode"]));
  });

  test("after: only «Настройки» changed, the rows are text, and the bytes are read through the mapping", async () => {
    await service.saveColumnMapping("Участники", [
      { header: "ФИО ребёнка", field: "fio" },
      { header: "ОУ", field: "orgCode" },
    ]);
    expect(changes).toBe(1);
    const bytes = book.bytes;
    expect(bytes).not.toBe(original);
    // Every other sheet byte-identical.
    for (const s of new Package(original).sheets()) if (s.name !== "Настройки") expect(sheetXml(bytes, s.name)).toBe(sheetXml(original, s.name));
    expect(book.outputs.map((o) => o.what)).toEqual(["сопоставление столбцов сохранено на листе «Настройки»"]);

    const before = readWorkbook(original, "a.xlsx").input.sheets.find((s) => s.name === "Настройки")!;
    const input = readWorkbook(bytes, "b.xlsx").input;
    const after = input.sheets.find((s) => s.name === "Настройки")!;
    expect(after.rows.slice(0, before.rows.length)).toEqual(before.rows);
    expect(after.rows.slice(before.rows.length).map((r) => r.slice(0, 2))).toEqual([
      ["Столбец: Участники / ФИО ребёнка", "ФИО"],
      ["Столбец: Участники / ОУ", "Организация (код или название)"],
    ]);

    // Both cells of each new row carry the text format («@»), as the settings are written.
    const xf = new PackageStyles(new Package(bytes)).textXf();
    const xml = sheetXml(bytes, "Настройки");
    const first = (before.firstRow ?? 1) + before.rows.length;
    for (const ref of [`A${first}`, `B${first}`, `A${first + 1}`, `B${first + 1}`]) expect(xml).toMatch(new RegExp(`<c r="${ref}" s="${xf}"`));

    const a = analyzeWorkbook(input);
    expect(a.issues.filter((i) => i.code === "missing-column")).toEqual([]);
    const theirs = computeCoverage(analyzeWorkbook(readWorkbook(readFileSync(EXAMPLE), "ex.xlsx").input), Q2);
    const mine = computeCoverage(a, Q2);
    expect(theirs.total.covered).toBeGreaterThan(100);
    expect(mine.total.covered).toBe(theirs.total.covered);
    expect((await service.check()).issues.some((i) => i.code === "missing-column")).toBe(false);
  });

  test("the real command line on those bytes prints the mapping and counts the same coverage", () => {
    const path = join(dir, "Школа (изменена).xlsx");
    writeFileSync(path, book.bytes);
    const v = cli("validate", path);
    expect(v.stdout).toContain("Как прочитаны столбцы (заголовки не как в шаблоне):");
    expect(v.stdout).toContain("«ФИО ребёнка» → ФИО (по «Настройкам»); «ОУ» → Организация (код или название) (по «Настройкам»)");
    expect(v.stdout).not.toContain("Нет обязательного столбца");
    const mine = JSON.parse(cli("coverage", path, "--period", "2021-Q2", "--json").stdout) as { total: { covered: number } };
    const theirs = JSON.parse(cli("coverage", EXAMPLE, "--period", "2021-Q2", "--json").stdout) as { total: { covered: number } };
    expect(mine.total.covered).toBe(theirs.total.covered);
  });

  test("a second save of the same column replaces its row", async () => {
    await service.saveColumnMapping("Участники", [{ header: "ОУ", field: "ignore" }]);
    const rows = readWorkbook(book.bytes, "c.xlsx").input.sheets.find((s) => s.name === "Настройки")!.rows.filter((r) => String(r[0] ?? "").startsWith("Столбец:"));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ["Столбец: Участники / ФИО ребёнка", "ФИО"],
      ["Столбец: Участники / ОУ", "не использовать"],
    ]);
    expect((await service.check()).issues.filter((i) => i.code === "missing-column").map((i) => i.column)).toEqual(["Код организации"]);
  });
});
