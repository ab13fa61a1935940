// The worksheet index every surgical edit starts from (src/xlsx/package/rows.ts): sheetData and its rows
// found in one pass of the tag scanner. It must find exactly the rows the generic element walk finds, on
// every worksheet part other programs wrote, and refuse a part whose rows are not well formed before
// anything is edited; `cellStyles` reads the formats `restyleCells` reports, without writing.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Package } from "../../src/xlsx/package/opc";
import { highlightCells } from "../../src/xlsx/package/highlight";
import { UnsafeEditError, applyPlan, cellStyles, indexSheet, restyleCells, writeCells } from "../../src/xlsx/package/rows";
import { attrsOf, elementsIn, findElement } from "../../src/xlsx/package/xml";
import { WorkbookFileError } from "../../src/xlsx/read";

const ROOT = join(__dirname, "..", "..");
const FIX = join(ROOT, "test", "fixtures", "writers");
const BOOKS = [
  join(ROOT, "examples", "boksitogorsk-2021.xlsx"),
  ...readdirSync(FIX)
    .filter((f) => f.endsWith(".xlsx"))
    .map((f) => join(FIX, f)),
  join(ROOT, "test", "fixtures", "writers", "schools-names-libreoffice", "пдши.xlsx"),
  join(ROOT, "test", "fixtures", "writers", "schools-names", "пдши.xlsx"),
];

/** Every worksheet part of a book: name and text. */
function worksheets(path: string): { name: string; xml: string }[] {
  const pkg = new Package(new Uint8Array(readFileSync(path)));
  return pkg
    .sheets()
    .filter((s) => s.part !== undefined && findElement(pkg.text(s.part!), "sheetData") !== undefined)
    .map((s) => ({ name: s.name, xml: pkg.text(s.part!) }));
}

describe.each(BOOKS.map((p) => [p.slice(ROOT.length + 1), p]))("%s", (_label, path) => {
  it("finds the rows the element walk finds, each from its start tag to its end tag", () => {
    const parts = worksheets(path);
    expect(parts.length).toBeGreaterThan(0);
    for (const { name, xml } of parts) {
      const sheetData = findElement(xml, "sheetData")!;
      const walked = elementsIn(xml, sheetData, "row").map((e) => ({ r: Number(attrsOf(xml, e.tag).get("r")), start: e.tag.start, end: e.end }));
      const index = indexSheet(xml);
      expect([name, index.sheetData]).toEqual([name, sheetData]);
      expect([name, index.rows]).toEqual([name, walked]);
    }
  });
});

describe("a part whose rows are not well formed is refused before any edit", () => {
  const head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const cell = '<c r="A1" t="inlineStr"><is><t>Иванов</t></is></c>';
  const cases: [string, string, string][] = [
    ["a row inside a row", `${head}<row r="1">${cell}<row r="2"></row></row></sheetData></worksheet>`, "строки листа записаны с ошибкой: строка внутри строки 1"],
    ["an end tag of a row without its start", `${head}<row r="1">${cell}</row></row></sheetData></worksheet>`, "строки листа записаны с ошибкой: конец строки без её начала после строки 1"],
    ["sheetData closed inside a row", `${head}<row r="1">${cell}</sheetData></row></worksheet>`, "строки листа записаны с ошибкой: строка 1 не закрыта"],
    ["sheetData never closed", `${head}<row r="1">${cell}</row></worksheet>`, "область данных листа (sheetData) не закрыта"],
  ];
  it.each(cases)("%s", (_label, xml, message) => {
    expect(() => indexSheet(xml)).toThrow(new UnsafeEditError(message));
    expect(() => restyleCells(xml, new Map([["A1", () => 5]]))).toThrow(UnsafeEditError);
    const styles = { dateXf: () => 1, isDateXf: () => false };
    expect(() => writeCells(xml, new Map([["B1", "Петров"]]), false, styles)).toThrow(UnsafeEditError);
    const plan = { sheet: "Участники", headerRow: 1, addHeaders: [], owned: [0], clear: [], writes: [{ row: 3, cells: [[0, "Петров"] as const] }], keptInCleared: [] };
    expect(() => applyPlan(xml, plan, false, styles)).toThrow(UnsafeEditError); // the import says it in Russian, the district book untouched
  });

  it("and the highlight of such a book changes none of its parts", () => {
    const pkg = new Package(new Uint8Array(readFileSync(join(ROOT, "examples", "boksitogorsk-2021.xlsx"))));
    const roster = pkg.sheets().find((s) => s.name === "Участники")!;
    const xml = pkg.text(roster.part!);
    const broken = xml.replace('<row r="5"', '<row r="4"><row r="5"');
    expect(broken).not.toBe(xml);
    pkg.set(roster.part!, broken);
    const before = new Map(pkg.sheets().map((s) => [s.name, pkg.text(s.part!)]));
    const touched = pkg.touched();
    expect(() => highlightCells(pkg, [{ sheet: "Участники", cell: "B5", tone: "red" }])).toThrow(
      new WorkbookFileError("Ячейки листа «Участники» не подсвечены: строки листа записаны с ошибкой: строка внутри строки 4. Файл не изменён"),
    );
    expect(pkg.touched()).toEqual(touched);
    for (const s of pkg.sheets()) expect(pkg.text(s.part!)).toBe(before.get(s.name));
  });
});

test("cellStyles reads what restyleCells reports as the cells' formats: own, the row's, the column's, or 0", () => {
  const xml =
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<cols><col min="3" max="4" style="7" width="12" customWidth="1"/></cols><sheetData>' +
    '<row r="2"><c r="A2" s="3"><v>1</v></c><c r="B2"><v>2</v></c></row>' +
    '<row r="3" s="9" customFormat="1"><c r="A3" s="4"><v>3</v></c></row>' +
    '<row r="4" s="11"><c r="A4"><v>4</v></c></row>' +
    "</sheetData></worksheet>";
  const refs = ["A2", "B2", "C2", "E2", "A3", "B3", "C3", "B4", "D4", "A9", "C9"];
  const styles = cellStyles(indexSheet(xml), refs);
  expect(Object.fromEntries(styles)).toEqual({ A2: 3, B2: 0, C2: 7, E2: 0, A3: 4, B3: 9, C3: 9, B4: 0, D4: 7, A9: 0, C9: 7 });
  expect(styles).toEqual(restyleCells(xml, new Map(refs.map((r) => [r, (xf: number) => xf]))).original);
});
