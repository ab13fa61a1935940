// Headers as real forms have them: merged cells, a header split over two rows, look-alike letters, and
// the sheets that have no usable header or no roster at all.
//
// Decision (headers.ts, matchHeaderRows): a header may span two rows. Per column, the lower cell alone,
// then the upper and lower cells together («Дата» over «начала» → «Дата начала»), then the upper cell alone
// when the lower one is empty (a header merged down over both rows). An empty upper cell takes the nearest
// title to its left, since Office.js delivers a merged title only in its first cell. The two-row reading
// wins over the lower row alone only when it finds more columns; data starts below the lower row.
import { analyzeWorkbook } from "../../src/core/analyze";
import type { CellValue, WorkbookInput } from "../../src/core/model/cells";
import { WorkbookFileError } from "../../src/xlsx/read";
import { requireRoster } from "../../src/xlsx/open";
import { HEADERS, MENTOR, analyzeBook, book, issueList, mentee, utc } from "./helpers";

const ROWS = [MENTOR, mentee("Зайцев Илья Олегович"), mentee("Борисова Софья Игоревна", { end: utc(2021, 5, 31) })];

describe("a header split over two rows under merged cells", () => {
  // Row 1 a title over the whole table; row 2 single headers merged down over rows 2–3, and «Дата» merged
  // across H–I as the title of «начала» | «окончания» in row 3. Data from row 4.
  const head = [
    ["Персонифицированный учёт участников ЦМН, 2021 год"],
    [...HEADERS.slice(0, 7), "Дата", null, HEADERS[9]],
    [null, null, null, null, null, null, null, "начала", "окончания", null],
  ];
  const merges = (ws: import("exceljs").Worksheet) => {
    ws.mergeCells("A1:J1");
    for (const c of "ABCDEFGJ") ws.mergeCells(`${c}2:${c}3`);
    ws.mergeCells("H2:I2");
  };

  it("combines the two rows: every column found, data read from row 4", async () => {
    const { analysis, coverage } = await analyzeBook(await book({ head, rows: ROWS, roster: merges }));
    const [p] = analysis.participants;
    expect(p.located.headerIndex + 1).toBe(3);
    expect(p.located.missing).toEqual([]);
    expect(p.located.columnIndex).toMatchObject({ fio: 0, start: 7, end: 8, consent: 9 });
    expect(issueList(analysis)).toEqual([]);
    expect(p.records.map((r) => r.row)).toEqual([4, 5, 6]);
    expect(coverage.rows).toEqual({ total: 3, counted: 3, outsidePeriod: 0, excluded: 0, blank: 0 });
  });

  it("reads the same when merged cells arrive empty except the first (as Office.js delivers them)", () => {
    const officeLike: CellValue[][] = [
      ["Персонифицированный учёт участников ЦМН, 2021 год", null, null, null, null, null, null, null, null, null],
      [...HEADERS.slice(0, 7), "Дата", null, HEADERS[9]],
      [null, null, null, null, null, null, null, "начала", "окончания", null],
      MENTOR as CellValue[],
    ];
    const wb: WorkbookInput = { sheets: [{ name: "Участники", rows: officeLike }] };
    const [p] = analyzeWorkbook(wb).participants;
    expect(p.located.headerIndex).toBe(2);
    expect(p.located.columnIndex).toMatchObject({ fio: 0, role: 3, start: 7, end: 8, consent: 9 });
  });

  it("prefers the two rows over the lower one when only together they name an optional column", async () => {
    // «Согласие на» / «обработку ПД» broken over two rows: row 2 alone has every required header but no consent.
    const head = [
      [null, null, null, null, null, null, null, null, null, "Согласие на"],
      [...HEADERS.slice(0, 9), "обработку ПД"],
    ];
    const { analysis } = await analyzeBook(await book({ head, rows: [...ROWS, mentee("Никитина Алиса Олеговна", { consent: "Нет" })] }));
    expect(analysis.participants[0].located.columnIndex.consent).toBe(9);
    expect(issueList(analysis)).toEqual(["no-consent@J6"]);
  });

  it("keeps an ordinary header under group titles merged across columns", async () => {
    const head = [["Сведения об участнике", null, null, "Участие в программе"], HEADERS];
    const roster = (ws: import("exceljs").Worksheet) => {
      ws.mergeCells("A1:C1");
      ws.mergeCells("D1:J1");
    };
    const { analysis, coverage } = await analyzeBook(await book({ head, rows: ROWS, roster }));
    expect(analysis.participants[0].located.headerIndex + 1).toBe(2);
    expect(coverage.rows.counted).toBe(3);
  });
});

describe("headers with look-alike letters and odd spelling", () => {
  it("recognises «ФИO» with a Latin O and «Poль» with a Latin P and o", async () => {
    const head = [["ФИO", ...HEADERS.slice(1, 3), "Poль", ...HEADERS.slice(4)]];
    const { analysis } = await analyzeBook(await book({ head, rows: ROWS }));
    expect(analysis.participants[0].located.missing).toEqual([]);
    expect(analysis.participants[0].located.columnIndex).toMatchObject({ fio: 0, role: 3 });
  });
});

describe("no usable header, no roster", () => {
  it("a roster sheet whose rows are data without a header: one Russian problem, exit 2 from the CLI", async () => {
    const { analysis } = await analyzeBook(await book({ head: [], rows: ROWS }));
    expect(analysis.participants).toEqual([]);
    expect(analysis.problems.map((p) => p.message)).toEqual([
      "Лист «Участники»: в первых 10 строках не найдена строка заголовков (ФИО, Код организации, Роль, Категория, Форма наставничества, Дата начала)",
    ]);
    expect(() => requireRoster(analysis, "книга.xlsx")).toThrow(WorkbookFileError);
  });

  it("a header below row 10 is not searched for", async () => {
    const head = [...Array.from({ length: 10 }, (_, i) => [`Пояснение ${i + 1}`]), HEADERS];
    const { analysis } = await analyzeBook(await book({ head, rows: ROWS }));
    expect(analysis.participants).toEqual([]);
    expect(analysis.problems[0].message).toContain("в первых 10 строках не найдена строка заголовков");
  });

  it("a workbook with no roster at all: no participants, and the CLI names the missing sheet", async () => {
    const { analysis, coverage } = await analyzeBook(await book({ head: [["Заметки"]], rows: [["ничего о наставничестве"]], sheetName: "Лист1" }));
    expect(analysis.participants).toEqual([]);
    expect(analysis.problems).toEqual([]);
    expect(coverage.rows).toEqual({ total: 0, counted: 0, outsidePeriod: 0, excluded: 0, blank: 0 });
    expect(() => requireRoster(analysis, "книга.xlsx")).toThrow(/нет листа «Участники»/);
  });

  it("a roster under another sheet name is found by its headers", async () => {
    const { analysis, coverage } = await analyzeBook(await book({ rows: ROWS, sheetName: "Лист1" }));
    expect(analysis.participants[0].located.foundBy).toBe("headers");
    expect(coverage.rows.counted).toBe(3);
  });
});
