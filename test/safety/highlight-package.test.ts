// Highlights written into the package (for a downloaded workbook, issue 16 point 3): the issue cells of
// the example, re-saved by three programs, get the tone fills while keeping their number formats; the
// original formats are saved in the add-in's hidden store sheet; clearing puts every cell's format back
// and removes the store; no value anywhere changes; parts other than the marked sheets, the styles and
// the workbook's own lists keep their exact bytes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/core/analyze";
import { PALETTE } from "../../src/core/report/layout";
import { HIGHLIGHT_STORE, STORE_HEADER } from "../../src/office/highlight";
import { STORE_COLUMNS, STORE_SHEET, clearHighlights, highlightCells } from "../../src/xlsx/package/highlight";
import { Package } from "../../src/xlsx/package/opc";
import { readZip } from "../../src/xlsx/package/zip";
import { WorkbookFileError, loadWorkbook, readWorkbook } from "../../src/xlsx/read";

const ROOT = join(__dirname, "..", "..");
const FIX = join(ROOT, "test", "fixtures", "writers");
const BOOKS: Record<string, string> = {
  "ExcelJS (the bundled example)": join(ROOT, "examples", "boksitogorsk-2021.xlsx"),
  "LibreOffice re-save": join(FIX, "example-libreoffice.xlsx"),
  "openpyxl re-save": join(FIX, "example-openpyxl.xlsx"),
  "LibreOffice, with a pivot, chart, image, note and link": join(FIX, "district-rich-libreoffice.xlsx"),
};

const values = (bytes: Uint8Array) => readWorkbook(bytes, "x.xlsx").input.sheets.map((s) => ({ name: s.name, rows: s.rows }));

/** Each cell's fill colour and number format as ExcelJS reads them back. */
async function looks(bytes: Uint8Array, sheet: string, cells: readonly string[]) {
  const wb = await loadWorkbook(bytes, "x.xlsx"); // ExcelJS, over a copy it can read (openpyxl's tables)
  const ws = wb.getWorksheet(sheet)!;
  return cells.map((c) => {
    const cell = ws.getCell(c);
    const fill = cell.fill as ExcelJS.FillPattern | undefined;
    return { cell: c, fill: fill?.type === "pattern" && fill.pattern === "solid" ? (fill.fgColor?.argb ?? "").slice(2) : "none", numFmt: cell.numFmt === "General" ? "" : (cell.numFmt ?? "") };
  });
}

test("the package store is the add-in's store: one sheet name, the add-in's columns first", () => {
  expect(STORE_SHEET).toBe(HIGHLIGHT_STORE);
  expect(STORE_COLUMNS.slice(0, STORE_HEADER.length)).toEqual(STORE_HEADER);
});

describe.each(Object.entries(BOOKS))("%s", (_label, path) => {
  const original = new Uint8Array(readFileSync(path));
  const analysis = analyzeWorkbook(readWorkbook(original, "x.xlsx").input);
  const marks = analysis.issues
    .filter((i) => /^[A-Z]+\d+$/.test(i.cell))
    .map((i) => ({ sheet: i.sheet, cell: i.cell, tone: i.severity === "error" ? ("red" as const) : ("amber" as const) }));
  const pkg = new Package(original);
  const marked = highlightCells(pkg, marks);
  const highlighted = pkg.toBytes();

  test("marks every issue cell of the planted mistakes", () => {
    expect(marks.length).toBeGreaterThan(4);
    expect(marked).toBe(marks.length);
  });

  test("the issue cells take the tone fills and keep their number formats", async () => {
    for (const sheet of new Set(marks.map((m) => m.sheet))) {
      const mine = marks.filter((m) => m.sheet === sheet);
      const before = await looks(original, sheet, mine.map((m) => m.cell));
      const after = await looks(highlighted, sheet, mine.map((m) => m.cell));
      after.forEach((a, i) => {
        expect(a.fill).toBe(PALETTE.tones[mine[i].tone].fill);
        expect(a.numFmt).toBe(before[i].numFmt);
      });
    }
  });

  test("no value of any sheet changes, and the store is a hidden sheet listing the saved formats", async () => {
    const after = values(highlighted);
    expect(after.filter((s) => s.name !== STORE_SHEET)).toEqual(values(original));
    const store = after.find((s) => s.name === STORE_SHEET)!;
    expect(store.rows[0]).toEqual(["Лист", "Ячейка", "Узор", "Цвет", "Оттенок", "Стиль"]);
    expect(store.rows.slice(1).map((r) => `${r[0]}!${r[1]}`).sort()).toEqual(marks.map((m) => `${m.sheet}!${m.cell}`).sort());
    const wb = await loadWorkbook(highlighted, "x.xlsx");
    expect(wb.getWorksheet(STORE_SHEET)!.state).toBe("hidden");
  });

  test("only the marked sheets, the styles and the workbook's lists change", () => {
    const a = new Map(readZip(original).map((e) => [e.name, e]));
    const b = new Map(readZip(highlighted).map((e) => [e.name, e]));
    const changed = [...a.keys()].filter((n) => b.has(n) && Buffer.compare(Buffer.from(a.get(n)!.raw), Buffer.from(b.get(n)!.raw)) !== 0);
    const sheetParts = new Package(original).sheets().filter((s) => marks.some((m) => m.sheet === s.name)).map((s) => s.part!);
    const allowed = new Set([...sheetParts, "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]);
    expect(changed.filter((n) => !allowed.has(n))).toEqual([]);
    expect([...a.keys()].filter((n) => !b.has(n))).toEqual([]);
    expect([...b.keys()].filter((n) => !a.has(n))).toHaveLength(1); // the store sheet's part
  });

  test("clearing puts every format back and removes the store; a second cycle does the same", async () => {
    for (let round = 0; round < 2; round++) {
      const p = new Package(round === 0 ? highlighted : (() => {
        const q = new Package(highlighted);
        clearHighlights(q);
        highlightCells(q, marks);
        return q.toBytes();
      })());
      expect(clearHighlights(p)).toBe(marks.length);
      const cleared = p.toBytes();
      expect(values(cleared)).toEqual(values(original));
      expect(new Package(cleared).sheets().map((s) => s.name)).toEqual(new Package(original).sheets().map((s) => s.name));
      for (const sheet of new Set(marks.map((m) => m.sheet))) {
        const cells = marks.filter((m) => m.sheet === sheet).map((m) => m.cell);
        expect(await looks(cleared, sheet, cells)).toEqual(await looks(original, sheet, cells));
      }
    }
  });

  test("highlighting twice keeps the user's formats, not our fills, in the store", async () => {
    const p = new Package(highlighted);
    highlightCells(p, marks.slice(0, 3));
    clearHighlights(p);
    const cells = marks.filter((m) => m.sheet === marks[0].sheet).map((m) => m.cell);
    expect(await looks(p.toBytes(), marks[0].sheet, cells)).toEqual(await looks(original, marks[0].sheet, cells));
  });
});

test("a cell missing from the sheet's XML gets a cell of its own with the fill; the row's own format is saved", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Участники");
  ws.getCell("A1").value = "ФИО";
  ws.getCell("C1").value = "Дата";
  ws.getCell("C2").value = new Date(Date.UTC(2021, 8, 1));
  ws.getCell("C2").numFmt = "dd.mm.yyyy";
  ws.getCell("A2").value = "Иванова Анна";
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const pkg = new Package(bytes);
  highlightCells(pkg, [
    { sheet: "Участники", cell: "B2", tone: "red" },
    { sheet: "Участники", cell: "C2", tone: "amber" },
    { sheet: "Участники", cell: "D7", tone: "red" },
  ]);
  const out = pkg.toBytes();
  expect(await looks(out, "Участники", ["A2", "B2", "C2", "D7"])).toEqual([
    { cell: "A2", fill: "none", numFmt: "" },
    { cell: "B2", fill: PALETTE.tones.red.fill, numFmt: "" },
    { cell: "C2", fill: PALETTE.tones.amber.fill, numFmt: "dd.mm.yyyy" },
    { cell: "D7", fill: PALETTE.tones.red.fill, numFmt: "" },
  ]);
  expect(values(out)[0]).toEqual(values(bytes)[0]);
  const back = new Package(out);
  expect(clearHighlights(back)).toBe(3);
  expect(await looks(back.toBytes(), "Участники", ["B2", "C2", "D7"])).toEqual(await looks(bytes, "Участники", ["B2", "C2", "D7"]));
});

test("a store the add-in wrote in Excel (no «Стиль» column) is cleared from its colours: the user's blue back, no fill back", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Участники");
  ws.getCell("A1").value = "ФИО";
  for (const c of ["B2", "C2"]) {
    ws.getCell(c).value = "x";
    ws.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${PALETTE.tones.red.fill}` } }; // highlighted in Excel
  }
  ws.getCell("C2").numFmt = "@";
  const store = wb.addWorksheet("ММ_Выделение", { state: "veryHidden" });
  store.addRow([...STORE_HEADER]);
  store.addRow(["Участники", "B2", "Solid", "#0000FF", "0"]);
  store.addRow(["Участники", "C2", "None", "", ""]);
  const pkg = new Package(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  expect(clearHighlights(pkg)).toBe(2);
  const out = pkg.toBytes();
  expect(await looks(out, "Участники", ["B2", "C2"])).toEqual([
    { cell: "B2", fill: "0000FF", numFmt: "" },
    { cell: "C2", fill: "none", numFmt: "@" },
  ]);
  expect(new Package(out).sheets().map((s) => s.name)).toEqual(["Участники"]);
});

test("a mark on a sheet the package lacks is refused in Russian, before anything is written", async () => {
  const bytes = new Uint8Array(readFileSync(BOOKS["ExcelJS (the bundled example)"]));
  const pkg = new Package(bytes);
  expect(() => highlightCells(pkg, [{ sheet: "Участники", cell: "B2", tone: "red" }, { sheet: "Нет такого", cell: "A1", tone: "amber" }])).toThrow(
    new WorkbookFileError("Листа «Нет такого» нет в книге, поэтому его ячейки не подсвечены. Файл не изменён"),
  );
  expect(Buffer.compare(Buffer.from(pkg.toBytes()), Buffer.from(bytes))).toBe(0);
});
