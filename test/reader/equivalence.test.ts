// The purpose-built reader (src/xlsx/reader) against the ExcelJS path (src/xlsx/read.ts: loadWorkbook +
// workbookInputOf) on the same bytes: every workbook here must give the same WorkbookInput sheet by sheet,
// cell by cell (row lengths included). Where the two differ on purpose, the case is in the second half
// with what the file says, what each reader gives, and why ours is right.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { ORGANIZATIONS } from "../../scripts/example/boksitogorsk";
import { writeOrganizations, writeTargets } from "../../scripts/example/workbook";
import { buildBenchWorkbook } from "../../scripts/bench/workbook";
import { analyzeWorkbook } from "../../src/core/analyze";
import type { CellValue, WorkbookInput } from "../../src/core/model/cells";
import { computeCoverage } from "../../src/core/coverage/coverage";
import { parsePeriod } from "../../src/core/model/period";
import { HEADERS, MENTOR, book, mentee, utc } from "../hard-input/helpers";
import { differences, handBook, viaExcelJS, viaReader } from "./helpers";

jest.setTimeout(120_000);

function xlsxFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? xlsxFiles(p) : f.endsWith(".xlsx") ? [p] : [];
    });
}

const bytesOf = async (wb: ExcelJS.Workbook, opts?: Partial<ExcelJS.XlsxWriteOptions>) => new Uint8Array((await wb.xlsx.writeBuffer(opts)) as ArrayBuffer);

async function expectSame(bytes: Uint8Array): Promise<WorkbookInput> {
  const expected = await viaExcelJS(bytes);
  const actual = viaReader(bytes).input;
  expect(differences(expected, actual)).toEqual([]);
  return actual;
}

const cell = (input: WorkbookInput, sheet: string, row: number, col: number): CellValue | undefined => input.sheets.find((s) => s.name === sheet)?.rows[row - 1]?.[col - 1];

describe("the same input as ExcelJS", () => {
  const files = [...xlsxFiles("examples"), ...xlsxFiles("test/fixtures/writers")];

  it.each(files)("%s", async (file) => {
    await expectSame(new Uint8Array(readFileSync(file)));
  });

  it("a generated district of 3 000 roster rows (the benchmark's writer; several inflate chunks per sheet)", async () => {
    await expectSame(await bytesOf(buildBenchWorkbook(3000)));
  });

  const ERRORS = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA", "#SPILL!", "#CALC!"];

  /** One workbook with what the hard-input tests build, and more. */
  function everything(): ExcelJS.Workbook {
    const wb = new ExcelJS.Workbook();
    writeOrganizations(wb, ORGANIZATIONS);
    writeTargets(wb, ORGANIZATIONS);
    const ws = wb.addWorksheet("Участники");
    ws.addRow(["Реестр участников"]);
    ws.mergeCells("A1:J1"); // a title merged over the header's width
    ws.addRow(HEADERS);
    ws.addRow(MENTOR);
    ws.addRow(mentee("Зайцев Илья Олегович", { fio: { richText: [{ text: "Зайцев ", font: { bold: true } }, { text: "Илья Олегович" }] } }));
    ws.addRow(mentee("x", { fio: { text: "Борисова Софья Игоревна", hyperlink: "mailto:sofya@example.org" } }));
    ws.addRow(mentee("Никитина Алиса Олеговна", { org: null }));
    ws.addRow(mentee("Котов Павел Андреевич", { org: null }));
    ws.mergeCells("C6:C7"); // a code merged down two rows
    ws.mergeCells("K3:L4"); // an empty merged area inside the data's width? no: beyond it (K, L)
    ws.addRow([]);
    ERRORS.forEach((e, i) => {
      ws.getCell(10 + i, 1).value = { error: e } as ExcelJS.CellErrorValue;
      ws.getCell(10 + i, 2).value = { formula: "VLOOKUP(A2,Коды!A:B,2,FALSE)", result: { error: e } } as ExcelJS.CellFormulaValue;
    });
    // Numbers, booleans, texts, dates and times under several formats.
    const at = (r: number, c: number, value: ExcelJS.CellValue, numFmt?: string) => {
      const x = ws.getCell(r, c);
      x.value = value;
      if (numFmt) x.numFmt = numFmt;
    };
    at(21, 1, 42);
    at(21, 2, -0.1);
    at(21, 3, 1e21);
    at(21, 4, 0.1 + 0.2);
    at(21, 5, 123456789012345.67);
    at(21, 6, true);
    at(21, 7, false);
    at(21, 8, 0.35, "0%");
    at(21, 9, 1350, "# ##0");
    at(22, 1, utc(2021, 3, 15));
    at(22, 2, utc(2021, 3, 15), "dd.mm.yyyy");
    at(22, 3, utc(2021, 3, 15), "d-mmm-yy");
    at(22, 4, new Date(Date.UTC(2021, 2, 15, 10, 30)), "dd.mm.yyyy hh:mm");
    at(22, 5, new Date(Date.UTC(1899, 11, 30, 10, 30)), "h:mm");
    at(22, 6, 1.5, "[h]:mm:ss");
    at(22, 7, 44270, 'DD.MM.YYYY;@');
    at(22, 8, 44270, '[$-419]d mmmm yyyy "г."');
    at(22, 9, 44270, '0.00 "дней"'); // quoted letters: a number
    at(22, 10, 44270, "[Red]0.00"); // a colour: a number
    at(23, 1, "  пробелы по краям  ");
    at(23, 2, "строка\nс переводом");
    at(23, 3, "<&>\"'");
    at(23, 4, "=не формула");
    at(23, 5, "");
    at(23, 6, "😀 эмодзи");
    at(23, 7, "\u00ad\u200bневидимые");
    // Formulas: cached results of each type, shared formulas, a formula without a result.
    at(24, 1, { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue);
    at(24, 2, { formula: '"a"&"b"', result: "ab" } as ExcelJS.CellFormulaValue);
    at(24, 3, { formula: "TRUE()", result: true } as ExcelJS.CellFormulaValue);
    at(24, 4, { formula: "DATE(2021,3,15)", result: utc(2021, 3, 15) } as ExcelJS.CellFormulaValue, "dd.mm.yyyy");
    at(24, 5, { formula: "NOW()" } as ExcelJS.CellFormulaValue);
    at(25, 1, { formula: "A21*2", result: 84, shareType: "shared", ref: "A25:C25" } as unknown as ExcelJS.CellFormulaValue);
    at(25, 2, { sharedFormula: "A25", result: -0.2 } as unknown as ExcelJS.CellFormulaValue);
    at(25, 3, { sharedFormula: "A25", result: 2e21 } as unknown as ExcelJS.CellFormulaValue);
    // Out to the right and below: a sparse row.
    at(30, 26, "Z30");
    at(30, 2, "B30");
    const hidden = wb.addWorksheet("Скрытый", { state: "hidden" });
    hidden.addRow(["скрытый лист"]);
    const veryHidden = wb.addWorksheet("Очень скрытый", { state: "veryHidden" });
    veryHidden.addRow(["очень скрытый"]);
    wb.addWorksheet("Пустой");
    return wb;
  }

  it("merged cells, every error value, formulas, dates and numbers, rich text, links, hidden sheets (shared strings)", async () => {
    const input = await expectSame(await bytesOf(everything()));
    expect(cell(input, "Участники", 1, 10)).toBe("Реестр участников");
    expect(cell(input, "Участники", 7, 3)).toBe(cell(input, "Участники", 6, 3));
    expect(cell(input, "Участники", 10, 2)).toEqual({ error: "#N/A" });
    expect(input.sheets.map((s) => s.hidden)).toEqual([false, false, false, true, true, false]);
  });

  it("the same workbook with texts written inline (useSharedStrings: false)", async () => {
    await expectSame(await bytesOf(everything(), { useSharedStrings: false }));
  });

  // The workbooks of test/hard-input, built with its own builders.
  const HARD_ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"];
  const TEXT_DATES = ["05.03.2021", "5.3.21", "2021-3-5", "05.03.2021 г.", "05.03.2021\u00a0г.", "\u200b05.03.2021\u00ad", "\ufeff05.03.2021", "31.02.2021", "44260", "-", "нет"];
  const hardBooks: [string, () => Promise<ExcelJS.Workbook>][] = [
    ["every error as a value", () => book({ rows: [MENTOR, ...HARD_ERRORS.map((e, i) => mentee(`Участник ${i + 1}`, { org: { error: e } as ExcelJS.CellErrorValue }))] })],
    [
      "every error as a formula's cached result, and a formula without one",
      () =>
        book({
          rows: [
            MENTOR,
            ...HARD_ERRORS.map((e, i) => mentee(`Участник ${i + 1}`, { role: { formula: "VLOOKUP(A2,Коды!A:B,2,FALSE)", result: { error: e } } as ExcelJS.CellFormulaValue })),
            mentee("Зайцев Илья Олегович", { org: { formula: "VLOOKUP(A3,Коды!A:B,2,FALSE)" } as ExcelJS.CellFormulaValue }),
          ],
        }),
    ],
    ["dates typed as text", () => book({ rows: [MENTOR, ...TEXT_DATES.map((t, i) => mentee(`Участник ${i + 1}`, { start: t, birth: null }))] })],
    [
      "a header over two rows under merged cells",
      () =>
        book({
          head: [["Персонифицированный учёт участников ЦМН, 2021 год"], [...HEADERS.slice(0, 7), "Дата", null, HEADERS[9]], [null, null, null, null, null, null, null, "начала", "окончания", null]],
          rows: [MENTOR, mentee("Зайцев Илья Олегович")],
          roster: (ws) => {
            ws.mergeCells("A1:J1");
            for (const c of "ABCDEFGJ") ws.mergeCells(`${c}2:${c}3`);
            ws.mergeCells("H2:I2");
          },
        }),
    ],
    ["a hidden, protected roster with hidden rows", () => book({ rows: [MENTOR, mentee("Зайцев Илья Олегович")], roster: (ws) => { ws.state = "hidden"; ws.protect("пароль", {}); ws.getRow(3).hidden = true; } })],
  ];

  it.each(hardBooks)("hard input: %s", async (_name, make) => {
    await expectSame(await bytesOf(await make()));
  });

  it("the 1904 date system", async () => {
    const wb = await book({ rows: [MENTOR, mentee("Зайцев Илья Олегович")] });
    wb.properties.date1904 = true;
    const input = await expectSame(await bytesOf(wb));
    expect(input.date1904).toBe(true);
  });

  it("a value at row 1 048 576: one shared empty row for the gap", async () => {
    const wb = await book({ rows: [MENTOR], roster: (ws) => void (ws.getCell("Z1048576").value = "итог") });
    const input = await expectSame(await bytesOf(wb));
    const rows = input.sheets.find((s) => s.name === "Участники")!.rows;
    expect(rows.length).toBe(1_048_576);
    expect(new Set(rows).size).toBeLessThan(5);
  });

  it("Excel tables on several sheets", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Таблицы");
    ws.addTable({ name: "Первая", ref: "A1", columns: [{ name: "Код" }, { name: "План" }], rows: [["А", 1], ["Б", 2]] });
    ws.addTable({ name: "Вторая", ref: "E1", columns: [{ name: "Имя" }], rows: [["x"]] });
    const input = await expectSame(await bytesOf(wb));
    expect(input.sheets[0].tables).toEqual(["Первая", "Вторая"]);
  });
});

describe("analysis and coverage of the example: identical through both readers", () => {
  it("analyzeWorkbook + computeCoverage give the same JSON", async () => {
    const bytes = new Uint8Array(readFileSync("examples/boksitogorsk-2021.xlsx"));
    const run = (input: WorkbookInput) => {
      const analysis = analyzeWorkbook(input);
      const coverage = computeCoverage(analysis, parsePeriod("2021-Q2")!);
      return JSON.stringify({ analysis, coverage });
    };
    const viaOld = run(await viaExcelJS(bytes));
    const viaNew = run(viaReader(bytes).input);
    expect(viaNew.length).toBeGreaterThan(10_000);
    expect(viaNew).toBe(viaOld);
  });
});

/**
 * Where the readers differ on purpose. Each case is a hand-written package (ExcelJS never writes these)
 * or an ExcelJS workbook; `differences` lists ExcelJS's reading → ours, and the comment says why ours is
 * the right one. All of these are rare in files people send; none occurs in the fixtures above.
 */
describe("where the readers differ, and why ours is right", () => {
  async function both(b: Parameters<typeof handBook>[0]) {
    const bytes = handBook(b);
    const reader = viaReader(bytes).input;
    let exceljs: WorkbookInput | string;
    try {
      exceljs = await viaExcelJS(bytes);
    } catch (e) {
      exceljs = (e as Error).message;
    }
    return { reader, exceljs, diff: typeof exceljs === "string" ? exceljs : differences(exceljs, reader) };
  }
  const rows = (input: WorkbookInput, sheet = 0) => input.sheets[sheet].rows.map((r) => [...r]);

  it('t="d" cells (ISO 8601 dates, as strict OOXML and some writers store them) are dates', async () => {
    // ExcelJS has no t="d": it parseFloats "2021-03-15" to 2021, and under a date format turns 2021 into
    // the serial date 1905-07-13. The text is the date.
    const { reader, diff } = await both({ sheets: [{ name: "A", data: `<row r="1"><c r="A1" t="d"><v>2021-03-15</v></c><c r="B1" t="d" s="1"><v>2021-03-15T10:30:00</v></c></row>` }] });
    expect(diff).toEqual(["A!A1: 2021 → Date(2021-03-15T00:00:00.000Z)", "A!B1: Date(1905-07-13T00:00:00.000Z) → Date(2021-03-15T10:30:00.000Z)"]);
    expect(rows(reader)).toEqual([[utc(2021, 3, 15), new Date(Date.UTC(2021, 2, 15, 10, 30))]]);
  });

  it("inline strings: each escape undone once, phonetic runs left out", async () => {
    // _xHHHH_ (ST_Xstring) is undone once per <t>: `_x005F_x0041_` is the literal text `_x0041_`, and
    // `_x0001_` is U+0001. src/xlsx/package/normalize.ts turns inline escapes into character references for
    // ExcelJS but keeps control characters escaped (XML cannot hold them), and ExcelJS then undoes the
    // escapes of rich-text runs a second time (`xAy`). A <rPh> phonetic run is furigana over the text, not
    // part of it: ExcelJS's cell parser does not expect it inside <is> and loses the whole cell (and the
    // one after it).
    const { reader, diff } = await both({
      sheets: [
        {
          name: "A",
          data: `<row r="1"><c r="A1" t="inlineStr"><is><t>a_x0001_b</t></is></c><c r="B1" t="inlineStr"><is><r><t>x_x005F_x0041_</t></r><r><t>y</t></r></is></c><c r="C1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></is></c><c r="D1" t="inlineStr"><is><t>_x005F_x0041_</t></is></c></row>`,
        },
      ],
    });
    expect(diff).toEqual(['A!A1: "a_x0001_b" → "a\\u0001b"', 'A!B1: "xAy" → "x_x0041_y"', 'A!C1: null → "漢字"', 'A!D1: (none) → "_x0041_"']);
    expect(rows(reader)).toEqual([["a\u0001b", "x_x0041_y", "漢字", "_x0041_"]]);
  });

  it("shared strings: lowercase escapes (Excel writes `_x000a_`) and an empty <si/>", async () => {
    // ExcelJS undoes only uppercase hex digits; the escape is case-insensitive hex. An empty `<si/>` is
    // the empty text, which ExcelJS reads as an object and the adapter turns into "[object Object]".
    const { reader, diff } = await both({
      sharedStrings: [`<si><t>a_x000a_b</t></si>`, `<si/>`, `<si><t>A_x000D_B</t></si>`],
      sheets: [{ name: "A", data: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>` }],
    });
    expect(diff).toEqual(['A!A1: "a_x000a_b" → "a\\nb"', 'A!B1: "[object Object]" → ""']);
    expect(rows(reader)).toEqual([["a\nb", "", "A\rB"]]);
  });

  it('t="str" texts: references undone once, escapes undone', async () => {
    // ExcelJS decodes entities of t="str" values a second time (`&amp;lt;` — the text `&lt;` — becomes
    // `<`) and leaves their _xHHHH_ escapes (a <v> is ST_Xstring too). A cached "" (`<v></v>`) reads as
    // empty in both.
    const { reader, diff } = await both({ sheets: [{ name: "A", data: `<row r="1"><c r="A1" t="str"><v>&amp;lt;b&amp;gt;</v></c><c r="B1" t="str"><f>"x"</f><v>_x0041_</v></c><c r="C1" t="str"><f>""</f><v></v></c></row>` }] });
    expect(diff).toEqual(['A!A1: "<b>" → "&lt;b&gt;"', 'A!B1: "_x0041_" → "A"']);
    expect(rows(reader)).toEqual([["&lt;b&gt;", "A", null]]);
  });

  it("rows and cells without r, rows out of order: read where they are", async () => {
    // A row without r follows the previous row, a cell without r the previous cell (ECMA-376 makes r
    // optional). ExcelJS fails on them («повреждён»). Rows out of order go to their numbers.
    const { reader, diff } = await both({
      sheets: [{ name: "A", data: `<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="B2"><v>3</v></c><c><v>4</v></c></row><row r="5"><c><v>5</v></c></row><row r="4"><c r="A4"><v>6</v></c></row>` }],
    });
    expect(diff).toMatch(/повреждён/);
    expect(rows(reader)).toEqual([[1, 2], [null, 3, 4], [], [6], [5]]);
  });

  it("prefixed SpreadsheetML (`<x:worksheet>`, `<x:c>`): elements are known by their local names", async () => {
    // ExcelJS matches element names with their prefixes and fails; namespaces make them the same elements.
    const { reader, diff } = await both({
      sheets: [{ name: "A", xml: `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>7</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>т</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>` }],
    });
    expect(diff).toMatch(/повреждён/);
    expect(rows(reader)).toEqual([[7, "т"]]);
  });

  it("a merged area is filled only over the rows and columns that hold values", async () => {
    // ExcelJS creates every cell of a merged area, so a merge over A1:XFD1048576 is 17 billion cells.
    // Ours clips the area to the sheet's values first (here A1:B2): the rows below the data and the
    // columns right of it stay empty, as they are everywhere else.
    const { reader, diff } = await both({ sheets: [{ name: "A", data: `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>`, after: `<mergeCells><mergeCell ref="A1:D4"/></mergeCells>` }] });
    expect(diff).toEqual(["A: 4 rows → 2", ...["C1", "D1", "C2", "D2", "A3", "B3", "C3", "D3", "A4", "B4", "C4", "D4"].map((c) => `A!${c}: 1 → (none)`)]);
    expect(rows(reader)).toEqual([[1, 1], [1, 1]]);
  });

  it("overlapping merged areas are read, not refused", async () => {
    // ExcelJS throws «Cannot merge already merged cells» (the file reads as damaged); Excel repairs such a
    // file. Each area takes its own top-left value, read before any area is filled; later areas win.
    const { reader, diff } = await both({ sheets: [{ name: "A", data: `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c></row>`, after: `<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="A2:B2"/></mergeCells>` }] });
    expect(diff).toMatch(/повреждён/);
    expect(rows(reader)).toEqual([[1, 1], [1, 3]]);
  });

  it("a formula's cached text, error or boolean under a date format stays what it is", async () => {
    // ExcelJS turns every cached result of a date-formatted cell into a date: a text or an error becomes
    // an Invalid Date, TRUE the date 1899-12-31. Only a number is a serial date.
    const { reader, diff } = await both({ sheets: [{ name: "A", data: `<row r="1"><c r="A1" s="1" t="str"><f>TEXT(1,"0")</f><v>abc</v></c><c r="B1" s="1" t="e"><f>NA()</f><v>#N/A</v></c><c r="C1" s="1" t="b"><f>TRUE()</f><v>1</v></c></row>` }] });
    expect(diff).toEqual(['A!A1: Invalid Date → "abc"', 'A!B1: Invalid Date → {"error":"#N/A"}', "A!C1: Date(1899-12-31T00:00:00.000Z) → true"]);
    expect(rows(reader)).toEqual([["abc", { error: "#N/A" }, true]]);
  });

  it("a hyperlink changes nothing of a cell's value", async () => {
    // The adapter gives a hyperlink cell String(text): a linked number becomes the text "42", a linked date
    // its Date.toString(), a linked empty (styled) cell the text "undefined". Office.js gives the values.
    const { reader, diff } = await both({
      sheets: [
        {
          name: "A",
          data: `<row r="1"><c r="A1"><v>42</v></c><c r="B1" s="0"/><c r="C1" s="1"><v>44270</v></c></row>`,
          after: `<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="B1" r:id="rId1"/><hyperlink ref="C1" r:id="rId1"/></hyperlinks>`,
          rels: [{ id: "rId1", type: "hyperlink", target: 'https://example.org" TargetMode="External' }],
        },
      ],
    });
    expect(diff).toEqual(['A!A1: "42" → 42', 'A!B1: "undefined" → null', `A!C1: ${JSON.stringify(String(utc(2021, 3, 15)))} → Date(2021-03-15T00:00:00.000Z)`]);
    expect(rows(reader)).toEqual([[42, null, utc(2021, 3, 15)]]);
  });

  it("date formats: the East Asian built-ins, capitals, escaped letters; a cell without s uses xf 0", async () => {
    // Built-in 27 (and 28–36, 50–58) is a date in every Excel; ExcelJS knows no code for it. `YYYY` (as
    // LibreOffice writes codes) is a year; ExcelJS looks for lowercase letters and M only. `0\d` shows a
    // number followed by the letter d; ExcelJS drops the backslash and sees a day. A cell without s has
    // the format of xf 0 (ECMA-376 §18.3.1.4: s defaults to 0); ExcelJS gives it none.
    const a = await both({
      numFmts: `<numFmt numFmtId="164" formatCode="YYYY"/><numFmt numFmtId="165" formatCode="0\\d"/>`,
      cellXfs: `<xf numFmtId="0"/><xf numFmtId="27"/><xf numFmtId="164"/><xf numFmtId="165"/>`,
      sheets: [{ name: "A", data: `<row r="1"><c r="A1" s="1"><v>44270</v></c><c r="B1" s="2"><v>44270</v></c><c r="C1" s="3"><v>44270</v></c></row>` }],
    });
    expect(a.diff).toEqual(["A!A1: 44270 → Date(2021-03-15T00:00:00.000Z)", "A!B1: 44270 → Date(2021-03-15T00:00:00.000Z)", "A!C1: Date(2021-03-15T00:00:00.000Z) → 44270"]);
    const b = await both({ cellXfs: `<xf numFmtId="14"/>`, sheets: [{ name: "A", data: `<row r="1"><c r="A1"><v>44270</v></c></row>` }] });
    expect(b.diff).toEqual(["A!A1: 44270 → Date(2021-03-15T00:00:00.000Z)"]);
  });

  it('date1904="true" is the 1904 date system', async () => {
    // xsd:boolean allows "1" and "true"; ExcelJS takes "1" only and reads every date 4 years and a day early.
    const { reader, diff } = await both({ workbookPr: `<workbookPr date1904="true"/>`, sheets: [{ name: "A", data: `<row r="1"><c r="A1" s="1"><v>44270</v></c></row>` }] });
    expect(diff).toEqual(["date1904: false → true", "A!A1: Date(2021-03-15T00:00:00.000Z) → Date(2025-03-16T00:00:00.000Z)"]);
    expect(reader.date1904).toBe(true);
  });

  it("a worksheet part not named sheetN.xml is read", async () => {
    // ExcelJS finds worksheets by the name xl/worksheets/sheet<N>.xml and skips others (here: «no sheets»); the workbook's
    // relationships say where a sheet is.
    const { reader, diff } = await both({ sheets: [{ name: "A", part: "data.xml", data: `<row r="1"><c r="A1"><v>1</v></c></row>` }] });
    expect(diff).toMatch(/нет ни одного листа/);
    const input = reader;
    expect(input.sheets.map((s) => [s.name, s.rows])).toEqual([["A", [[1]]]]);
  });
});
