// The standalone page's in-memory workbook (issue 16 point 2): it changes the user's file only through the
// package editor, as the command line does — the same bytes for the same edit — and keeps the original.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeWorkbook } from "../../src/core/analyze";
import { todayDay } from "../../src/core/model/dates";
import { readSettings } from "../../src/core/read/settings";
import { readZip } from "../../src/xlsx/package/zip";
import { readWorkbook } from "../../src/xlsx/read";
import { MemoryWorkbook } from "../../src/web/workbook";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "dist", "src", "cli", "main.js");
const FIX = join(ROOT, "test", "fixtures", "writers");
const EXAMPLE = join(ROOT, "examples", "boksitogorsk-2021.xlsx");
const dir = mkdtempSync(join(tmpdir(), "mm-web-"));
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

/** Names of the zip entries whose stored bytes differ between two packages. */
function changedParts(a: Uint8Array, b: Uint8Array): string[] {
  const x = new Map(readZip(a).map((e) => [e.name, e]));
  return readZip(b)
    .filter((e) => !x.has(e.name) || Buffer.compare(Buffer.from(x.get(e.name)!.raw), Buffer.from(e.raw)) !== 0)
    .map((e) => e.name)
    .sort();
}

test("consolidating school files gives byte for byte the command line's district book", async () => {
  const district = join(FIX, "district-rich-libreoffice.xlsx");
  const schools = [join(FIX, "schools-a", "отчёт.xlsx"), join(FIX, "schools-b", "отчёт.xlsx")];
  const out = join(dir, "район.xlsx");
  const r = spawnSync(process.execPath, [BIN, "consolidate", ...schools, "--into", district, "-o", out], { encoding: "utf8" });
  expect(r.stderr).toBe("");

  const book = new MemoryWorkbook("район.xlsx", bytesOf(district));
  const imported = await book.importSchools(schools.map((f) => ({ name: "отчёт.xlsx", bytes: bytesOf(f) })), true, todayDay(new Date()));
  expect(imported.failed).toEqual([]);
  expect(Buffer.compare(Buffer.from(book.bytes), readFileSync(out))).toBe(0);
  expect(Buffer.compare(Buffer.from(book.original), readFileSync(district))).toBe(0); // the original is kept
  expect(book.outputs.map((o) => [o.kind, o.fileName, o.what])).toEqual([["changed", "район (изменена).xlsx", expect.stringMatching(/^импортировано строк: \d+$/)]]);
});

test("settings are written as text into «Настройки» and read back; only that sheet and the styles change", async () => {
  const original = bytesOf(join(FIX, "example-openpyxl.xlsx"));
  const book = new MemoryWorkbook("книга.xlsx", original);
  await book.writeSettings([
    ["Муниципалитет", "Бокситогорский муниципальный район"],
    ["Отчётный период (ГГГГ-Qn)", "2021-Q3"],
    ["Дата отчёта", "30.09.2021"],
    ["Окно «скоро срок», дней", "14"],
  ]);
  const read = readWorkbook(book.bytes, "книга.xlsx");
  const input = read.input;
  const s = readSettings(input.sheets.find((x) => x.name === "Настройки"), read.date1904);
  expect(s.municipality).toBe("Бокситогорский муниципальный район");
  expect(s.period).toEqual({ year: 2021, quarter: 3 });
  expect(s.dueSoonDays).toBe(14);
  const settingsPart = readZip(original).find((e) => /sheet6\.xml$/.test(e.name))!.name;
  expect(changedParts(original, book.bytes)).toEqual([settingsPart, "xl/styles.xml"].sort());
  // Every other sheet reads as before.
  const before = readWorkbook(original, "x.xlsx").input.sheets.filter((x) => x.name !== "Настройки");
  expect(input.sheets.filter((x) => x.name !== "Настройки")).toEqual(before);
});

test("highlighting a workbook that is not .xlsx is refused in Russian, and the file is left as it was", async () => {
  const ods = bytesOf(join(FIX, "example-libreoffice.ods"));
  const book = new MemoryWorkbook("книга.ods", ods);
  expect((await book.load()).sheets.length).toBeGreaterThan(3); // it reads
  await expect(book.highlight([{ sheet: "Участники", cell: "A2", tone: "red" }])).rejects.toThrow(/не в формате \.xlsx.*Сохраните её как «Книга Excel \(\.xlsx\)»/);
  expect(book.bytes).toBe(ods);
  expect(book.outputs).toEqual([]);
});

test("the Свод and the highlights are each made from the user's data alone; the data never changes", async () => {
  const original = bytesOf(EXAMPLE);
  const book = new MemoryWorkbook("книга.xlsx", original);
  const issues = analyzeWorkbook(readWorkbook(original, "книга.xlsx").input).issues.filter((i) => /^[A-Z]+\d+$/.test(i.cell));
  expect(await book.highlight(issues.map((i) => ({ sheet: i.sheet, cell: i.cell, tone: "red" as const })))).toBe(issues.length);
  const highlighted = book.outputs.find((o) => o.kind === "highlight")!;
  expect(highlighted.fileName).toBe("книга (подсветка).xlsx");
  expect(readWorkbook(highlighted.bytes, "x.xlsx").input.sheets.map((s) => s.name)).toContain("ММ_Выделение");
  expect(book.bytes).toBe(original);

  // The highlighted copy, opened again, is cleared back to the user's workbook.
  const again = new MemoryWorkbook("книга (подсветка).xlsx", highlighted.bytes);
  expect(await again.clearHighlights()).toBe(issues.length);
  expect(readWorkbook(again.bytes, "x.xlsx").input).toEqual(readWorkbook(original, "x.xlsx").input);
  expect(again.outputs.map((o) => o.what)).toEqual([`подсветка убрана с ячеек: ${issues.length}`]);
  expect(await again.clearHighlights()).toBe(0);

  expect(await book.clearHighlights()).toBe(issues.length);
  expect(book.outputs).toEqual([]);
});
