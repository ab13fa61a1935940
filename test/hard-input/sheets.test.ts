// Whole-sheet oddities: a value at the last row Excel has, hidden and filtered rows, protected and hidden
// sheets, merged data cells, rich text and links. Hidden or filtered rows are data like any other
// (Excel's own COUNTIFS and Office.js's Range.values include them): they are counted, never dropped.
import { COL, MENTOR, analyzeBook, book, issueList, mentee, rosterInput } from "./helpers";

const ROWS = [MENTOR, mentee("Зайцев Илья Олегович"), mentee("Борисова Софья Игоревна"), mentee("Никитина Алиса Олеговна")];
const LAST_ROW = 1_048_576;

describe("a value at row 1 048 576 and data only at the top", () => {
  it("in a column the engine does not read: the rows below the data are not «empty rows inside the data»", async () => {
    const t0 = Date.now();
    const { analysis, input, coverage } = await analyzeBook(await book({ rows: ROWS, roster: (ws) => void (ws.getCell(`Z${LAST_ROW}`).value = "итог") }));
    expect(Date.now() - t0).toBeLessThan(15_000);
    const rows = rosterInput(input).rows;
    expect(rows.length).toBe(LAST_ROW);
    expect(new Set(rows).size).toBeLessThan(10); // the blank rows share one empty row: no million arrays
    expect(coverage.rows).toEqual({ total: 4, counted: 4, outsidePeriod: 0, excluded: 0, blank: 0 });
    expect(issueList(analysis)).toEqual([]);
  });

  it("in the ФИО column: that row is data with its errors, and the rows between are counted as skipped", async () => {
    const { analysis, coverage } = await analyzeBook(await book({ rows: ROWS, roster: (ws) => void (ws.getCell(`A${LAST_ROW}`).value = "Итого: 4") }));
    expect(issueList(analysis).filter((i) => i.endsWith(String(LAST_ROW)))).toEqual(
      ["missing-value@C", "missing-value@D", "missing-value@E", "missing-value@F", "missing-value@H"].map((x) => `${x}${LAST_ROW}`),
    );
    expect(coverage.rows).toEqual({ total: LAST_ROW - 1, counted: 4, outsidePeriod: 0, excluded: 1, blank: LAST_ROW - 6 });
  });
});

describe("hidden rows, filters, protection, hidden sheets", () => {
  it("hidden rows are counted", async () => {
    const { coverage } = await analyzeBook(await book({ rows: ROWS, roster: (ws) => void (ws.getRow(3).hidden = true) }));
    expect(coverage.rows.counted).toBe(4);
  });

  it("rows hidden by an AutoFilter are counted", async () => {
    const roster = (ws: import("exceljs").Worksheet) => {
      ws.autoFilter = "A1:J5";
      ws.getRow(4).hidden = true;
      ws.getRow(5).hidden = true;
    };
    const { coverage } = await analyzeBook(await book({ rows: ROWS, roster }));
    expect(coverage.rows.counted).toBe(4);
  });

  it("a protected sheet is read like any other", async () => {
    const { analysis, coverage } = await analyzeBook(await book({ rows: ROWS, roster: (ws) => ws.protect("пароль", { selectLockedCells: true }) }));
    expect(issueList(analysis)).toEqual([]);
    expect(coverage.rows.counted).toBe(4);
  });

  it("a hidden roster sheet is still the roster (the adapter marks it hidden)", async () => {
    const { input, coverage } = await analyzeBook(await book({ rows: ROWS, roster: (ws) => void (ws.state = "hidden") }));
    expect(rosterInput(input).hidden).toBe(true);
    expect(coverage.rows.counted).toBe(4);
  });
});

describe("merged data cells, rich text and links", () => {
  it("a code merged down over several rows belongs to each of them, as the sheet shows it", async () => {
    const rows = ROWS.map((r, i) => (i === 0 ? r : r.map((v, c) => (c === 2 ? null : v))));
    const { coverage } = await analyzeBook(await book({ rows, roster: (ws) => ws.mergeCells(`${COL.org}2:${COL.org}5`) }));
    expect(coverage.rows.counted).toBe(4);
    expect(coverage.organizations.find((o) => o.code === "ПДШИ")!.covered).toBe(3);
  });

  it("rich text and hyperlinks read as their text", async () => {
    const rows = [
      MENTOR,
      mentee("x", { fio: { richText: [{ text: "Зайцев ", font: { bold: true } }, { text: "Илья Олегович" }] } }),
      mentee("x", { fio: { text: "Борисова Софья Игоревна", hyperlink: "mailto:sofya@example.org" } }),
    ];
    const { analysis, coverage } = await analyzeBook(await book({ rows }));
    expect(issueList(analysis)).toEqual([]);
    expect(analysis.participants[0].records.map((r) => r.value?.fio)).toEqual(["Орлова Анна Сергеевна", "Зайцев Илья Олегович", "Борисова Софья Игоревна"]);
    expect(coverage.rows.counted).toBe(3);
  });
});
