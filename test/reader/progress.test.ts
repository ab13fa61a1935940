// The reader's progress (the standalone page shows it while a district opens): per worksheet, rows read so
// far of the sheet's rows, growing, ending with the exact count.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { join } from "node:path";
import { type SheetProgress, readWorkbookInput } from "../../src/xlsx/reader/workbook";
import { readWorkbook } from "../../src/xlsx/read";
import { Package } from "../../src/xlsx/package/opc";

const ROOT = join(__dirname, "..", "..");
const bytesOf = (p: string) => new Uint8Array(readFileSync(p));

test("each sheet is reported in order, its rows growing to the exact count", () => {
  const bytes = bytesOf(join(ROOT, "examples", "boksitogorsk-2021.xlsx"));
  const seen: SheetProgress[] = [];
  const { input } = readWorkbookInput(bytes, { onProgress: (p) => seen.push(p), progressMs: 0 });
  const sheets = input.sheets.map((s) => s.name);
  expect([...new Set(seen.map((p) => p.sheet))]).toEqual(sheets);
  for (const s of input.sheets) {
    const mine = seen.filter((p) => p.sheet === s.name);
    expect(mine.map((p) => p.done)).toEqual([...mine.map((p) => p.done)].sort((a, b) => a - b));
    expect(mine[mine.length - 1]).toEqual({ sheet: s.name, done: s.rows.length, total: s.rows.length });
    for (const p of mine) expect(p.total).toBeGreaterThanOrEqual(p.done);
  }
});

describe("a roster of 40 000 rows", () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Участники");
    ws.addRow(["ФИО", "Дата рождения", "Код ОО", "Роль", "Форма"]);
    for (let i = 0; i < 40_000; i++) ws.addRow([`Иванов Иван ${i}`, new Date(Date.UTC(1980, 0, 1 + (i % 9000))), `СОШ${i % 30}`, i % 5 ? "Наставляемый" : "Наставник", "Учитель – учитель"]);
    bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }, 60_000);

  /** The reports before the sheet is read through, and the last one. */
  const reports = (b: Uint8Array) => {
    const seen: SheetProgress[] = [];
    readWorkbookInput(b, { onProgress: (p) => seen.push(p), progressMs: 0 });
    return seen;
  };

  test("the total is the sheet's declared rows from the first report on", () => {
    const seen = reports(bytes);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen[0].done).toBeLessThan(40_001);
    for (const p of seen) expect(p.total).toBe(40_001);
    expect(seen[seen.length - 1]).toEqual({ sheet: "Участники", done: 40_001, total: 40_001 });
  });

  test("without a <dimension>, the total is estimated from the bytes read, within a tenth", () => {
    const pkg = new Package(bytes);
    const part = pkg.sheets()[0].part!;
    pkg.set(part, pkg.text(part).replace(/<dimension\b[^>]*\/>/, ""));
    const seen = reports(pkg.toBytes());
    const early = seen.filter((p) => p.done < p.total);
    expect(early.length).toBeGreaterThan(1);
    for (const p of early) expect(Math.abs(p.total - 40_001)).toBeLessThan(4_000);
    expect(seen[seen.length - 1]).toEqual({ sheet: "Участники", done: 40_001, total: 40_001 });
  });
});

test("readWorkbook passes the progress on; the same input with and without it", () => {
  const bytes = bytesOf(join(ROOT, "test", "fixtures", "writers", "example-libreoffice.xlsx"));
  const seen: SheetProgress[] = [];
  const a = readWorkbook(bytes, "x.xlsx", { onProgress: (p) => seen.push(p) });
  expect(a.input).toEqual(readWorkbook(bytes, "x.xlsx").input);
  expect(seen.length).toBeGreaterThanOrEqual(a.input.sheets.length);
});
