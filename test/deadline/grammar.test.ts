// Forms outside the seed table, built from the same parts: the rules compose.
import { excelSerialOf } from "../../src/core/model/dates";
import { parseDeadline } from "../../src/core/roadmap/deadline";
import { day, readable } from "./helpers";

const ctx = { planYear: 2022 };
const parse = (text: string) => readable(parseDeadline(text, ctx));
const brief = (text: string) => {
  const r = parse(text);
  return [r.kind, r.start, r.due];
};

describe("composed forms", () => {
  it.each([
    ["до 15 марта 2022 г.", "date", null, "2022-03-15"],
    ["в срок до 08.09.2023 года", "date", null, "2023-09-08"],
    ["не позднее 01.09.2023", "date", null, "2023-09-01"],
    ["01.03.2021г.-15.03.2021г.", "range", "2021-03-01", "2021-03-15"],
    ["с 01.03.2021 г. по 15.03.2021 г.", "range", "2021-03-01", "2021-03-15"],
    ["в период с 01.03.2021 по 15.03.2021", "range", "2021-03-01", "2021-03-15"],
    ["с 1 по 15 марта 2022", "range", "2022-03-01", "2022-03-15"],
    ["1-15 марта 2022", "range", "2022-03-01", "2022-03-15"],
    ["с января по март 2022", "range", "2022-01-01", "2022-03-31"],
    ["I квартал 2022", "range", "2022-01-01", "2022-03-31"],
    ["в IV кв. 2021 г.", "range", "2021-10-01", "2021-12-31"],
    ["II полугодие 2022", "range", "2022-07-01", "2022-12-31"],
    ["в I квартале текущего года", "range", "2022-01-01", "2022-03-31"], // the plan year
    ["ежемесячно до конца 2022 года", "recurring", null, "2022-12-31"],
    ["до конца II квартала 2023 г.", "date", null, "2023-06-30"],
    ["к концу 2022 г.", "date", null, "2022-12-31"],
    ["до конца текущего года", "date", null, "2022-12-31"],
    ["в конце марта 2022", "date", null, "2022-03-31"],
    ["с 01.03.2021 до конца 2021 года", "range", "2021-03-01", "2021-12-31"],
    ["сентябрь-октябрь 2023", "month", "2023-09-01", "2023-10-31"],
    ["сентябрь, октябрь 2023", "month", "2023-09-01", "2023-10-31"],
    ["декабрь 2021 - январь 2022", "month", "2021-12-01", "2022-01-31"],
    ["декабрь - январь 2022", "month", "2021-12-01", "2022-01-31"], // December of the year before
    ["с 1 декабря по 31 января 2022", "range", "2021-12-01", "2022-01-31"],
    ["в марте 2022", "month", "2022-03-01", "2022-03-31"],
    ["в сентябре, октябре 2023", "month", "2023-09-01", "2023-10-31"],
    ["до 15 марта текущего года", "date", null, "2022-03-15"],
    ["сент. 2023", "month", "2023-09-01", "2023-09-30"],
    ["в течение 2021 года", "range", "2021-01-01", "2021-12-31"],
    ["2022 – 2024 годы", "range", "2022-01-01", "2024-12-31"],
    ["2021", "range", "2021-01-01", "2021-12-31"],
    ["2023/24 учебный год", "academic-year", "2023-09-01", "2024-08-31"],
    ["в течение 2023-2024 учебного года", "academic-year", "2023-09-01", "2024-08-31"],
    ["с апреля 2021", "from", "2021-04-01", null],
    ["C 01.04.2021", "from", "2021-04-01", null], // Latin C
    ["Срок – 01.03.2021 г.", "date", null, "2021-03-01"],
    ["постоянно", "ongoing", null, null],
    ["бессрочно", "ongoing", null, null],
    ["в период реализации программы наставничества", "ongoing", null, null],
    ["на протяжении всего срока действия программы", "ongoing", null, null],
  ])("%j", (text, kind, start, due) => {
    expect(brief(text)).toEqual([kind, start, due]);
  });

  it("lists of dates become milestones, in calendar order", () => {
    expect(parse("15.03.2021, 01.03.2021 и 01.04.2021")).toMatchObject({
      kind: "dates",
      due: "2021-04-01",
      milestones: ["2021-03-01", "2021-03-15", "2021-04-01"],
    });
    expect(parse("1, 15 марта 2022")).toMatchObject({ kind: "dates", milestones: ["2022-03-01", "2022-03-15"] });
    expect(parse("I квартал, II квартал 2022")).toMatchObject({ kind: "dates", milestones: ["2022-03-31", "2022-06-30"] });
  });

  it("recurrences take a day of the month, a start, an end or a span", () => {
    expect(parse("ежемесячно до 5-го числа").recurrence).toEqual({ every: "month", day: 5, from: null, until: null });
    expect(parse("до 10 числа каждого месяца").recurrence).toEqual({ every: "month", day: 10, from: null, until: null });
    expect(parse("раз в месяц")).toMatchObject({ kind: "recurring", recurrence: { every: "month" } });
    expect(parse("ежегодно")).toMatchObject({ kind: "recurring", recurrence: { every: "year" } });
    expect(parse("ежеквартально в течение календарного года")).toMatchObject({
      kind: "recurring",
      start: "2022-01-01",
      due: "2022-12-31",
      recurrence: { every: "quarter", from: "2022-01-01", until: "2022-12-31" },
    });
    // The final deadline is the last occurrence inside the bound, not the bound itself.
    expect(parse("ежемесячно до 15 числа до 30.06.2021")).toMatchObject({ due: "2021-06-15", recurrence: { day: 15, until: "2021-06-30" } });
    expect(parse("ежемесячно с 01.02.2022")).toMatchObject({ start: "2022-02-01", due: null, recurrence: { from: "2022-02-01" } });
  });

  it("`далее` continues a dated part as ongoing work or as a recurrence", () => {
    expect(parse("С 01.04.2021, далее постоянно")).toMatchObject({ kind: "from", start: "2021-04-01", thenOngoing: true });
    expect(parse("01.03.2021, далее ежемесячно")).toMatchObject({
      kind: "recurring",
      start: "2021-03-01",
      due: null,
      milestones: ["2021-03-01"],
      recurrence: { every: "month", from: "2021-03-01" },
    });
    expect(parse("до 31.12.2021, далее ежегодно")).toMatchObject({ kind: "recurring", recurrence: { every: "year", from: "2021-12-31" } });
  });

  it("typing noise does not matter: case, NBSP, zero-width characters, dash variants, look-alikes", () => {
    const clean = parseDeadline("15.02.2021 г.- 28.02.2021 г., далее - постоянно", ctx);
    const noisy = parseDeadline("15.02.2021\u00a0Г.\u2014\u200b28.02.2021 г. ,  ДАЛЕЕ \u2013 пoстoяннo", ctx);
    expect({ ...noisy, text: "" }).toEqual({ ...clean, text: "" });
    expect(brief("ЕЖЕКВАРТАЛЬНО  ДЕКАБРЬ\u00a02021")).toEqual(["recurring", null, "2021-12-31"]);
  });
});

describe("never guessed", () => {
  it.each([
    ["по отдельному графику", []],
    ["в соответствии со сроками реализации программ наставничества", []],
    ["в течение двух недель с даты определения модели", []],
    ["в течение года", []], // which year?
    ["в течение учебного года", []], // which academic year?
    ["до 15 числа", []], // of which month?
    ["до марта 2022", []], // before March or through March?
    ["до 2024 года", []],
    ["ежеквартально до 10 числа", []], // the 10th of which month of the quarter?
    ["5 квартал 2022", []],
    ["2023-2025 учебный год", []],
    ["01.03.2022 примерно", []],
    ["ежемесячно 01.03.2022", []], // from, until or on that day?
    ["2022 14.02.2022", []], // a list mixes one grain only: days, or months, or quarters
    ["март 2023 - 2024", []], // a year ranges only with a year
    ["с 1 по 15.03.2022", ["missing-year"]], // a bare day borrows only from a month name
    ["декабрь", ["missing-year"]],
    ["сентябрь, октябрь", ["missing-year"]],
    ["1 квартал", ["missing-year"]],
    ["31.02.2021", ["invalid-date"]],
    ["до 29.02.2021", ["invalid-date"]],
    ["32.01.2021", ["invalid-date"]],
    ["01.13.2021", ["invalid-date"]],
    ["01.01.1899", ["invalid-date"]],
    ["14.02.202", ["invalid-date"]], // a digit missing, not a leading zero: no way to tell the year
    ["31 февраля 2022", ["invalid-date"]],
    ["15.03.2021 - 01.03.2021", ["reversed-range"]],
    ["с 25 по 5 марта 2022", ["reversed-range"]],
  ])("%j is unparsed", (text, extra) => {
    const d = parseDeadline(text, ctx);
    expect(readable(d)).toEqual({
      kind: "unparsed",
      start: null,
      due: null,
      milestones: [],
      recurrence: null,
      thenOngoing: false,
      warnings: ["unparsed-deadline", ...extra],
    });
    expect(d.text).toBe(text);
  });

  it("accepts 29 February in a leap year", () => {
    expect(brief("до 29.02.2024")).toEqual(["date", null, "2024-02-29"]);
  });
});

describe("cells that are not text", () => {
  it("a Date is that date, an Excel serial is that date (1900 and 1904 systems)", () => {
    const d = day("2021-12-30");
    expect(readable(parseDeadline(new Date(Date.UTC(2021, 11, 30)), ctx))).toMatchObject({ kind: "date", due: "2021-12-30" });
    expect(parseDeadline(new Date(Date.UTC(2021, 11, 30)), ctx).text).toBe("30.12.2021");
    expect(parseDeadline(excelSerialOf(d), ctx)).toMatchObject({ kind: "date", due: d, text: "30.12.2021" });
    expect(parseDeadline(excelSerialOf(d) + 0.75, ctx)).toMatchObject({ kind: "date", due: d }); // a time part is ignored
    expect(parseDeadline(excelSerialOf(d) - 1462, { ...ctx, date1904: true })).toMatchObject({ kind: "date", due: d });
  });

  it("a whole number 1900–2100 is a typed year, not a serial in 1905", () => {
    expect(readable(parseDeadline(2021, ctx))).toMatchObject({ kind: "range", start: "2021-01-01", due: "2021-12-31" });
  });

  it("blank, invalid and error cells are unparsed", () => {
    expect(parseDeadline(null, ctx)).toMatchObject({ kind: "unparsed", text: "", warnings: ["empty-deadline"] });
    expect(parseDeadline(" \u00a0\u200b ", ctx)).toMatchObject({ kind: "unparsed", warnings: ["empty-deadline"] });
    expect(parseDeadline(new Date(NaN), ctx)).toMatchObject({ kind: "unparsed", warnings: ["unparsed-deadline", "invalid-date"] });
    expect(parseDeadline(-5, ctx)).toMatchObject({ kind: "unparsed", warnings: ["unparsed-deadline", "invalid-date"] });
    expect(parseDeadline(true, ctx)).toMatchObject({ kind: "unparsed", text: "true", warnings: ["unparsed-deadline"] });
    expect(parseDeadline({ error: "#N/A" }, ctx)).toMatchObject({ kind: "unparsed", text: "#N/A", warnings: ["unparsed-deadline"] });
  });

  it("`в течение календарного года` follows the plan year of the context", () => {
    expect(readable(parseDeadline("в течение календарного года", { planYear: 2025 }))).toMatchObject({ start: "2025-01-01", due: "2025-12-31" });
    expect(parseDeadline("в течение календарного года", { planYear: NaN })).toMatchObject({ kind: "unparsed" });
  });
});
