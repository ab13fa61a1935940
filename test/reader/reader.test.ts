// The purpose-built reader on its own: limits and refusals, chunk boundaries anywhere, warnings, dates,
// and that it can run in a browser (no node: imports anywhere it reaches).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { Feeder } from "../../src/xlsx/reader/bytes";
import { ReaderError, messageOf } from "../../src/xlsx/reader/errors";
import { EMPTY_ROW, SheetScanner, isoToDate, serialToDate } from "../../src/xlsx/reader/sheet";
import { SharedStringsScanner } from "../../src/xlsx/reader/strings";
import { DATE_STYLE, PERCENT_STYLE, isBuiltinDate, isDateFormatCode, isPercentFormatCode, styleKinds } from "../../src/xlsx/reader/styles";
import { type ReadOptions, readWorkbookInput } from "../../src/xlsx/reader/workbook";
import { differences, handBook } from "./helpers";

const enc = new TextEncoder();
const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, m - 1, d, h, mi, s));

function refusal(bytes: Uint8Array, opts?: ReadOptions): ReaderError {
  try {
    readWorkbookInput(bytes, opts);
  } catch (e) {
    if (e instanceof ReaderError) return e;
    throw e;
  }
  throw new Error("the reader did not refuse the file");
}

const sheet = (data: string, after = "") => handBook({ sheets: [{ name: "Лист", data, after }] });
const rowsOf = (bytes: Uint8Array, opts?: ReadOptions) => readWorkbookInput(bytes, opts).input.sheets[0].rows.map((r) => [...r]);

describe("refusals: a clear error code, worded in Russian by messageOf", () => {
  it("a row numbered 2 000 000 000 (beyond Excel's 1 048 576)", () => {
    const e = refusal(sheet(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2000000000"><c r="A2000000000"><v>2</v></c></row>`));
    expect(e.code).toBe("row-out-of-range");
    expect(e.detail).toEqual({ sheet: "Лист", row: 2_000_000_000 });
    expect(messageOf(e, "книга.xlsx")).toBe("Лист «Лист» книги «книга.xlsx» содержит строку с номером 2000000000, а в Excel их не больше 1 048 576: файл повреждён");
  });

  it("row 0, a row after 1 048 576 without r, a column beyond XFD", () => {
    expect(refusal(sheet(`<row r="0"><c><v>1</v></c></row>`)).code).toBe("row-out-of-range");
    expect(refusal(sheet(`<row r="1048576"><c><v>1</v></c></row><row><c><v>2</v></c></row>`)).code).toBe("row-out-of-range");
    const e = refusal(sheet(`<row r="1"><c r="XFE1"><v>1</v></c></row>`));
    expect(e.code).toBe("column-out-of-range");
    expect(e.detail.column).toBe(16_385);
    // XFD itself is the last column: read.
    expect(rowsOf(sheet(`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`)).at(-1)!.length).toBe(16_384);
  });

  it("the cell-count limit, counted as the cells are read and before a merged area is filled", () => {
    const data = Array.from({ length: 10 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: 10 }, (_, c) => `<c><v>${c}</v></c>`).join("")}</row>`).join("");
    expect(rowsOf(sheet(data), { maxCells: 100 }).length).toBe(10);
    const e = refusal(sheet(data), { maxCells: 99 });
    expect(e.code).toBe("too-many-cells");
    expect(e.detail.limit).toBe(99);
    expect(messageOf(e, "x.xlsx")).toMatch(/больше 99 заполненных ячеек/);
    // Two values far apart, and a merge over them: 2 cells of data, 26 000 once filled.
    const sparse = sheet(`<row r="1"><c r="A1"><v>1</v></c></row><row r="1000"><c r="Z1000"><v>2</v></c></row>`, `<mergeCells><mergeCell ref="A1:Z1000"/></mergeCells>`);
    expect(refusal(sparse, { maxCells: 25_000 }).code).toBe("too-many-cells");
    expect(rowsOf(sparse, { maxCells: 26_002 })[999][25]).toBe(1); // the area counts whole, its two values again
  });

  it("the package limits of zip.ts: inflated size and entries", () => {
    const bytes = sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`);
    expect(refusal(bytes, { maxTotalSize: 1000 }).code).toBe("too-large");
    expect(refusal(bytes, { maxEntries: 3 }).code).toBe("too-large");
  });

  it("a part that inflates to more than the zip directory says is corrupt (a zip bomb cannot lie its way in)", () => {
    const bytes = sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`.repeat(50));
    // Patch the declared size of the worksheet in the central directory down to 10 bytes.
    const name = enc.encode("xl/worksheets/sheet1.xml");
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let patched = false;
    for (let p = 0; p + 46 < bytes.length; p++) {
      if (dv.getUint32(p, true) !== 0x02014b50 || dv.getUint16(p + 28, true) !== name.length) continue;
      if (!name.every((ch, k) => bytes[p + 46 + k] === ch)) continue;
      dv.setUint32(p + 24, 10, true);
      patched = true;
    }
    expect(patched).toBe(true);
    expect(refusal(bytes).code).toBe("corrupt");
  });

  it("empty, OLE (password or .xls), not a zip, a broken zip, no workbook, no worksheets", () => {
    expect(refusal(new Uint8Array(0)).code).toBe("empty");
    expect(refusal(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])).code).toBe("encrypted");
    expect(refusal(enc.encode("Ф.И.О.;Код ОО\n")).code).toBe("not-xlsx");
    const good = sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`);
    expect(refusal(good.subarray(0, good.length - 30)).code).toBe("corrupt");
    // A deflated part with its bytes overwritten in the middle.
    const damaged = good.slice();
    const at = damaged.length >> 1;
    damaged.fill(0xff, at - 40, at + 40);
    expect(["corrupt", "not-xlsx"]).toContain(refusal(damaged).code);
    const chartOnly = handBook({ sheets: [] });
    expect(refusal(chartOnly).code).toBe("no-sheets");
    expect(messageOf(refusal(chartOnly), "пусто.xlsx")).toBe("В книге «пусто.xlsx» нет ни одного листа");
  });
});

describe("what a worksheet holds", () => {
  it("a merge over A1:XFD1048576 costs what the data costs", () => {
    const t0 = performance.now();
    const rows = rowsOf(sheet(`<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="C3"><v>2</v></c></row>`, `<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>`));
    expect(performance.now() - t0).toBeLessThan(1000);
    // Clipped to A1:C3, the value of A1 everywhere (C3's own value is covered by the merge, as in Excel).
    expect(rows).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
  });

  it("gaps share one empty row; a stray value at row 1 048 576 is one array", () => {
    const input = readWorkbookInput(sheet(`<row r="2"><c r="B2"><v>1</v></c></row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>итог</t></is></c></row>`)).input;
    const rows = input.sheets[0].rows;
    expect(rows.length).toBe(1_048_576);
    expect(rows[0]).toBe(EMPTY_ROW);
    expect(new Set(rows).size).toBe(3);
    expect(rows[1_048_575]).toEqual(["итог"]);
    expect(Object.isFrozen(EMPTY_ROW)).toBe(true);
  });

  it("rows out of order, a row given twice, cells out of order", () => {
    const rows = rowsOf(sheet(`<row r="3"><c r="C3"><v>3</v></c><c r="A3"><v>1</v></c></row><row r="1"><c r="A1"><v>0</v></c></row><row r="3"><c r="B3"><v>2</v></c></row>`));
    expect(rows).toEqual([[0], [], [1, 2, 3]]);
  });

  it("formula cells without cached values: null, and counted per sheet and column", () => {
    const bytes = handBook({
      sheets: [
        { name: "Один", data: `<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>NOW()</f></c><c r="C1"><f>X()</f><v></v></c></row><row r="2"><c r="B2"><f t="shared" si="0"/></c><c r="C2" t="str"><f>""</f><v></v></c></row>` },
        { name: "Два", data: `<row r="5"><c r="D5"><f>A1</f></c></row>` },
      ],
    });
    const r = readWorkbookInput(bytes);
    expect(r.input.sheets[0].rows).toEqual([[2, null, null], [null, null, null]]);
    expect(r.warnings).toEqual([
      { kind: "formula-without-value", sheet: "Один", column: 2, count: 2 },
      { kind: "formula-without-value", sheet: "Один", column: 3, count: 1 }, // openpyxl's `<v></v>`; C2's cached "" is a value
      { kind: "formula-without-value", sheet: "Два", column: 4, count: 1 },
    ]);
  });

  it("types: shared and inline strings with rich runs, phonetics, CDATA, entities, whitespace; b, e, n, d", () => {
    const bytes = handBook({
      sharedStrings: [
        `<si><t xml:space="preserve">  с пробелами  </t></si>`,
        `<si><r><rPr><b/></rPr><t>Зай</t></r><r><t xml:space="preserve">цев </t></r><rPh sb="0" eb="1"><t>ザイ</t></rPh><phoneticPr fontId="1"/></si>`,
        `<si><t><![CDATA[<&>]]> &amp; &#1060;&#x424;</t></si>`,
        `<si><t>строка\r\nперевод</t></si>`,
      ],
      sheets: [
        {
          name: "A",
          data: [
            `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>9</v></c></row>`,
            `<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#DIV/0!</v></c><c r="D2"><v>-1.5E-3</v></c><c r="E2" t="n"><v>007</v></c></row>`,
            `<row r="3"><c r="A3" t="d"><v>2021-03-15</v></c><c r="B3" t="d"><v>2021-02-31</v></c><c r="C3" t="d"><v>10:30:00</v></c><c r="D3" t="d"><v>2021-03-15T23:59:59.5+03:00</v></c></row>`,
            `<row r="4"><!-- a comment --><c r="A4" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c><c r="B4" t="inlineStr"><is/></c><c r="C4" s="1"><v>44270.5</v></c><?pi x?><c r="D4" s="2"><v>44270</v></c></row>`,
          ].join(""),
        },
      ],
    });
    const rows = rowsOf(bytes);
    expect(rows[0]).toEqual(["  с пробелами  ", "Зайцев ", "<&> & ФФ", "строка\nперевод", null]); // index 9: past the table
    expect(rows[1]).toEqual([true, false, { error: "#DIV/0!" }, -0.0015, 7]);
    expect(rows[2]).toEqual([utc(2021, 3, 15), "2021-02-31", utc(1899, 12, 30, 10, 30), new Date(Date.UTC(2021, 2, 15, 23, 59, 59, 500))]);
    expect(rows[3]).toEqual(["ab", null, utc(2021, 3, 15, 12), utc(2021, 3, 15)]); // an empty <is/> is no value
  });

  it("tables: names from the sheet's table parts, relative or absolute targets, name or displayName", () => {
    const bytes = handBook({
      sheets: [
        {
          name: "A",
          data: `<row r="1"><c r="A1"><v>1</v></c></row>`,
          after: `<tableParts count="2"><tablePart r:id="rId1"/><tablePart r:id="rId2"/></tableParts>`,
          rels: [
            { id: "rId1", type: "table", target: "../tables/table1.xml" },
            { id: "rId2", type: "table", target: "/xl/tables/t2.xml" },
          ],
        },
      ],
      parts: {
        "xl/tables/table1.xml": `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Первая" displayName="Первая" ref="A1:A1"/>`,
        "xl/tables/t2.xml": `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="2" displayName="Вторая" ref="B1:B1"/>`,
      },
    });
    expect(readWorkbookInput(bytes).input.sheets[0].tables).toEqual(["Первая", "Вторая"]);
  });

  it("hidden and very hidden sheets; sheet names with references", () => {
    const bytes = handBook({ sheets: [{ name: "Вид&amp;мый", data: "" }, { name: "H", state: "hidden" }, { name: "V", state: "veryHidden" }] });
    expect(readWorkbookInput(bytes).input.sheets.map((s) => [s.name, s.hidden])).toEqual([["Вид&мый", false], ["H", true], ["V", true]]);
  });

  it("stored (uncompressed) parts read the same as deflated ones", () => {
    const b = { sharedStrings: [`<si><t>т</t></si>`], sheets: [{ name: "A", data: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>44270</v></c></row>` }] };
    const a = readWorkbookInput(handBook(b)).input;
    const s = readWorkbookInput(handBook({ ...b, stored: true })).input;
    expect(differences(a, s)).toEqual([]);
    expect(s.sheets[0].rows).toEqual([["т", utc(2021, 3, 15)]]);
  });
});

describe("chunks split anywhere", () => {
  const xml = enc.encode(
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r"><sheetData>` +
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Ёлкина 😀 &amp; Ко</t></is></c><c r="B1" s="1"><v>44270</v></c><c r="C1" t="s"><v>1</v></c></row>` +
      `<!-- > --><row r="3" spans="1:3"><c r="A3"><f>A1&amp;"x"</f><v>7.25</v></c><c r="B3" t="str"><f>"a"</f><v><![CDATA[<b>]]></v></c><c r="C3" t="e"><v>#N/A</v></c></row>` +
      `<row r="4"><c r="B4" attr='>'><v>-2</v></c><c r="C4"/><c r="D4" t="b"><v>1</v></c></row>` +
      `</sheetData><mergeCells count="1"><mergeCell ref="B3:B4"/></mergeCells><tableParts><tablePart r:id="rId7"/></tableParts></worksheet>`,
  );
  const strings = ["ноль", "один"];
  const dates = Uint8Array.from([0, 1]);

  function scan(chunks: Uint8Array[]) {
    const s = new SheetScanner("A", strings, dates, false, { used: 0, limit: 1e9 });
    const f = new Feeder(s, "sheet");
    chunks.forEach((c, i) => f.feed(c, i === chunks.length - 1));
    s.finish();
    return { rows: s.rows.map((r) => [...r]), tables: s.tableRids, merges: s.merges };
  }

  it("the whole part in one chunk", () => {
    expect(scan([xml])).toEqual({
      rows: [["Ёлкина 😀 & Ко", utc(2021, 3, 15), "один"], [], [7.25, "<b>", { error: "#N/A" }], [null, "<b>", null, true]],
      tables: ["rId7"],
      merges: ["B3:B4"],
    });
  });

  it("split at every byte, in two and in pieces of 1–17 bytes: the same rows", () => {
    const whole = scan([xml]);
    for (let k = 1; k < xml.length; k++) expect(scan([xml.subarray(0, k), xml.subarray(k)])).toEqual(whole);
    for (let size = 1; size <= 17; size++) {
      const pieces: Uint8Array[] = [];
      for (let p = 0; p < xml.length; p += size) pieces.push(xml.subarray(p, p + size));
      expect(scan(pieces)).toEqual(whole);
    }
  });

  it("shared strings split at every byte", () => {
    const sst = enc.encode(`<sst><si><t>а&amp;б</t></si><si><r><t>Зай</t></r><rPh><t>x</t></rPh><r><t>цев</t></r></si><si/><si><t>😀</t></si></sst>`);
    const read = (chunks: Uint8Array[]) => {
      const s = new SharedStringsScanner();
      const f = new Feeder(s, "sst");
      chunks.forEach((c, i) => f.feed(c, i === chunks.length - 1));
      return s.strings;
    };
    expect(read([sst])).toEqual(["а&б", "Зайцев", "", "😀"]);
    for (let k = 1; k < sst.length; k++) expect(read([sst.subarray(0, k), sst.subarray(k)])).toEqual(["а&б", "Зайцев", "", "😀"]);
  });

  it("a part that ends inside an element is corrupt", () => {
    const s = new SheetScanner("A", [], new Uint8Array(0), false, { used: 0, limit: 1e9 });
    expect(() => new Feeder(s, "sheet").feed(enc.encode(`<sheetData><row r="1"><c r="A1"><v>1</v>`), true)).toThrow(ReaderError);
  });

  it("a large generated workbook: every cell the same as one read through ExcelJS", async () => {
    // 20 000 rows of mixed cells, inline strings: the sheet part inflates to several MB, many chunks.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Много");
    for (let r = 1; r <= 20_000; r++) ws.addRow([`Фамилия${r} Имя Отчество`, r * 1.5, new Date(Date.UTC(2021, r % 12, 1 + (r % 28))), r % 3 === 0, r % 7 === 0 ? { error: "#N/A" } : "код"]);
    ws.getColumn(3).numFmt = "dd.mm.yyyy";
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer({ useSharedStrings: false })) as ArrayBuffer);
    const { viaExcelJS } = await import("./helpers");
    expect(differences(await viaExcelJS(bytes), readWorkbookInput(bytes).input)).toEqual([]);
  });
});

describe("date formats and serials", () => {
  it.each([
    ["dd.mm.yyyy", true],
    ["DD.MM.YYYY", true],
    ["YYYY", true],
    ["[$-419]d mmmm yyyy", true],
    ["h:mm:ss", true],
    ["[h]:mm", true],
    ["mm:ss.0", true],
    ["General", false],
    ["0.00", false],
    ["#,##0 ₽", false],
    ['0 "дней"', false],
    ["[Red]0.00;[Blue]-0.00", false],
    ["0\\d", false],
    ["0_m", false],
    ["0*d", false],
    ["0.00E+00", false],
    ["@", false],
  ])("%s → %s", (code, date) => {
    expect(isDateFormatCode(code)).toBe(date);
  });

  it("built-in ids", () => {
    const dates = [...Array(82).keys()].filter(isBuiltinDate);
    expect(dates).toEqual([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
  });

  it("cellXfs only (not cellStyleXfs), a custom code for a built-in id wins", () => {
    const xml = `<styleSheet><numFmts><numFmt numFmtId="14" formatCode="0.00"/><numFmt numFmtId="170" formatCode="d/m"/></numFmts><cellStyleXfs><xf numFmtId="170"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/><xf numFmtId="22"/></cellXfs></styleSheet>`;
    expect([...styleKinds(xml)]).toEqual([0, 0, DATE_STYLE, DATE_STYLE]);
  });

  it("number cells shown as percentages are listed by address (SheetInput.percentCells), others not", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Целевые показатели");
    ws.addRow(["Показатель", "2022 г", "2023 г.", "2024 г."]);
    ws.addRow(["Доля обучающихся", 0.35, 0.5, 0.7]);
    ws.addRow(["Количество", 120, "35%", 1]);
    for (const c of ["B2", "C2", "D2", "D3"]) ws.getCell(c).numFmt = "0%";
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const sheet = readWorkbookInput(bytes).input.sheets[0];
    expect(sheet.percentCells).toEqual(["B2", "C2", "D2", "D3"]);
    expect(sheet.rows[1]).toEqual(["Доля обучающихся", 0.35, 0.5, 0.7]);
  });

  it("percentages: built-in 9 and 10, and a % outside quotes and escapes", () => {
    const xml = `<styleSheet><numFmts><numFmt numFmtId="170" formatCode="0.0%"/><numFmt numFmtId="171" formatCode='0" %"'/><numFmt numFmtId="172" formatCode="0\\%"/></numFmts><cellXfs><xf numFmtId="9"/><xf numFmtId="10"/><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="172"/><xf numFmtId="0"/></cellXfs></styleSheet>`;
    expect([...styleKinds(xml)]).toEqual([PERCENT_STYLE, PERCENT_STYLE, PERCENT_STYLE, 0, 0, 0]);
    expect(isPercentFormatCode("#,##0.00 %")).toBe(true);
    expect(isPercentFormatCode('"%"0')).toBe(false);
  });

  it("serials as ExcelJS turns them into dates, 1900 and 1904 systems", () => {
    expect(serialToDate(44270, false)).toEqual(utc(2021, 3, 15));
    expect(serialToDate(44270 - 1462, true)).toEqual(utc(2021, 3, 15));
    expect(serialToDate(0.4375, false)).toEqual(utc(1899, 12, 30, 10, 30));
  });

  it("ISO texts", () => {
    expect(isoToDate("2021-03-15")).toEqual(utc(2021, 3, 15));
    expect(isoToDate("2021-03-15T10:30")).toEqual(utc(2021, 3, 15, 10, 30));
    expect(isoToDate("2021-03-15T10:30:00Z")).toEqual(utc(2021, 3, 15, 10, 30));
    expect(isoToDate("0099-01-01")!.getUTCFullYear()).toBe(99);
    expect(isoToDate("2021-13-01")).toBeNull();
    expect(isoToDate("15.03.2021")).toBeNull();
    expect(isoToDate("")).toBeNull();
  });
});

describe("runs in a browser", () => {
  it("nothing the reader loads imports node: modules or Node globals", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, "utf8").replace(/^\s*\/\/.*$|\/\/ .*$|\/\*[\s\S]*?\*\//gm, ""); // code, not comments
      expect(src).not.toMatch(/from\s+["'](node:|fs|path|zlib|stream|buffer|os)["']|require\(|\bBuffer\b|\bprocess\./);
      for (const m of src.matchAll(/from\s+["'](\.[^"']+)["']/g)) visit(join(file, "..", `${m[1]}.ts`));
      for (const m of src.matchAll(/from\s+["']([^."'][^"']*)["']/g)) expect(["fflate"]).toContain(m[1]);
    };
    visit(join(__dirname, "../../src/xlsx/reader/workbook.ts"));
    expect([...seen].map((f) => f.replace(/.*src\//, "src/")).sort()).toEqual(
      ["src/core/model/cells.ts", "src/xlsx/package/opc.ts", "src/xlsx/package/xml.ts", "src/xlsx/package/zip.ts", ...["bytes", "errors", "parts", "sheet", "strings", "styles", "workbook"].map((f) => `src/xlsx/reader/${f}.ts`)].sort(),
    );
  });
});
