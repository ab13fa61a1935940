// Dates as people type them (SPEC §2.3: Excel serials, ДД.ММ.ГГГГ, Д.М.ГГ, ГГГГ-ММ-ДД; a trailing «г.»),
// everything else as invalid-date at its cell, and workbooks in the 1904 date system.
import { excelSerialOf, isoOf } from "../../src/core/model/dates";
import { COL, MENTOR, analyzeBook, book, issueAt, issueList, mentee, rosterInput, utc } from "./helpers";
import type { Cell } from "./helpers";

const startOf = (a: Awaited<ReturnType<typeof analyzeBook>>["analysis"], row: number) => {
  const rec = a.participants[0].records.find((r) => r.row === row)!;
  return rec.value ? isoOf(rec.value.start) : null;
};

describe("accepted text dates", () => {
  const cases: [string, string][] = [
    ["05.03.2021", "2021-03-05"],
    ["5.3.2021", "2021-03-05"],
    ["05.03.21", "2021-03-05"],
    ["5.3.21", "2021-03-05"],
    ["2021-03-05", "2021-03-05"],
    ["2021-3-5", "2021-03-05"],
    ["05.03.2021 г.", "2021-03-05"],
    ["05.03.2021г.", "2021-03-05"],
    ["05.03.2021 г", "2021-03-05"],
    ["05.03.2021 года", "2021-03-05"],
    ["  05.03.2021  ", "2021-03-05"],
    ["05.03.2021\u00a0г.", "2021-03-05"], // non-breaking space before «г.»
    ["\u200b05.03.2021\u00ad", "2021-03-05"], // zero-width space, soft hyphen
    ["\ufeff05.03.2021", "2021-03-05"], // a byte-order mark pasted from a text file
    ["29.02.2024", "2024-02-29"], // a leap day
    ["01.01.49", "2049-01-01"], // two-digit years: 00–49 → 20xx
    ["01.01.50", "1950-01-01"], //                  50–99 → 19xx
  ];
  it.each(cases)("%j → %s, no issue", async (text, iso) => {
    const { analysis } = await analyzeBook(await book({ rows: [MENTOR, mentee("Зайцев Илья Олегович", { start: text, birth: null })] }));
    expect(issueList(analysis).filter((i) => i.startsWith("invalid-date"))).toEqual([]);
    expect(startOf(analysis, 3)).toBe(iso);
  });
});

describe("rejected text dates: invalid-date at the cell, row excluded, value untouched", () => {
  const cases: string[] = [
    "05/03/2021", "05-03-2021", "2021.03.05", "2021/03/05", "05,03,2021", "05..03.2021", "05.03", "2021", "03.2021",
    "5 марта 2021", "5 марта 2021 г.", "март 2021", "завтра", "-", "?", "нет",
    "31.02.2021", "29.02.2021", "00.03.2021", "05.00.2021", "05.13.2021", "32.01.2021", "2021-02-30", "2021-13-01",
    "05.03.202", "05.03.20211", "1899-12-31", "31.12.1899", "05.03.2021 10:00", "2021-03-05T00:00:00", "05.03.2021 гг.",
    "44260", // a serial typed as text: only real numbers are serials
  ];
  it.each(cases)("%j", async (text) => {
    const { analysis, input, coverage } = await analyzeBook(await book({ rows: [MENTOR, mentee("Зайцев Илья Олегович", { start: text })] }));
    expect(issueList(analysis)).toEqual([`invalid-date@${COL.start}3`]);
    expect(issueAt(analysis, `${COL.start}3`)!.message).toMatch(/не дата|не существует/);
    expect(coverage.rows.excluded).toBe(1);
    expect(rosterInput(input).rows[2][7]).toBe(text); // the adapter delivered the text as typed
  });
});

describe("the 1904 date system (old Mac workbooks)", () => {
  const FEB_1 = utc(2021, 2, 1);
  const serial1900 = excelSerialOf(Date.UTC(2021, 1, 1) / 86_400_000);

  async function analyze1904(start: Cell, date1904: boolean) {
    const wb = await book({ rows: [MENTOR, mentee("Зайцев Илья Олегович", { start, birth: null })] });
    wb.properties.date1904 = date1904;
    return analyzeBook(wb);
  }

  it("a date cell reads as the same calendar day", async () => {
    const { analysis, input } = await analyze1904(FEB_1, true);
    expect(input.date1904).toBe(true);
    expect(startOf(analysis, 3)).toBe("2021-02-01");
  });

  it("a bare serial counts from 1904: 1462 days less for the same day", async () => {
    const { analysis } = await analyze1904(serial1900 - 1462, true);
    expect(startOf(analysis, 3)).toBe("2021-02-01");
    const plain = await analyze1904(serial1900 - 1462, false);
    expect(startOf(plain.analysis, 3)).toBe("2017-01-31"); // the same number in a 1900 workbook
  });

  it("text dates do not depend on the date system", async () => {
    const { analysis } = await analyze1904("01.02.2021", true);
    expect(startOf(analysis, 3)).toBe("2021-02-01");
  });
});

describe("dates with a time of day, and numbers that are no dates", () => {
  it("a date-time (a Date or a fractional serial) is its calendar day", async () => {
    const rows = [
      MENTOR,
      mentee("Зайцев Илья Олегович", { start: new Date(Date.UTC(2021, 2, 15, 18, 30)) }),
      mentee("Борисова Софья Игоревна", { start: excelSerialOf(Date.UTC(2021, 2, 15) / 86_400_000) + 0.75 }),
    ];
    const { analysis } = await analyzeBook(await book({ rows }));
    expect([startOf(analysis, 3), startOf(analysis, 4)]).toEqual(["2021-03-15", "2021-03-15"]);
  });

  it.each([0, -1, 1e7, Number.MAX_SAFE_INTEGER])("the serial %d is invalid-date", async (n) => {
    const { analysis } = await analyzeBook(await book({ rows: [MENTOR, mentee("Зайцев Илья Олегович", { start: n })] }));
    expect(issueList(analysis)).toEqual([`invalid-date@${COL.start}3`]);
  });
});
