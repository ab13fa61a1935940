import { isoOf } from "../../src/core/model/dates";
import { DEFAULT_DICTIONARIES, indexList } from "../../src/core/model/dictionaries";
import { CellProblem, readDate, readList, readNumber, readText } from "../../src/core/read/readers";
import { valueKey, headerKey } from "../../src/core/model/text";

const forms = DEFAULT_DICTIONARIES.forms;
const formIndex = indexList(forms);
const roles = indexList(DEFAULT_DICTIONARIES.roles);

describe("list values are matched tolerantly and read as the canonical value", () => {
  it.each([
    ["Ученик-ученик", "Ученик – ученик"],
    ["ученик — ученик", "Ученик – ученик"],
    ["  Учитель  -  Ученик ", "Учитель – ученик"],
    ["Cтудент – ученик", "Студент – ученик"], // Latin C
    ["Работодатель\u2011студент", "Работодатель – студент"], // non-breaking hyphen
  ])("form %j → %j", (input, expected) => {
    expect(readList(input, formIndex, forms)).toEqual(expected);
  });

  it("reads a role typed with Latin look-alikes (H, a, e) as «Наставляемый»", () => {
    expect(readList("Hаставляемый", roles, DEFAULT_DICTIONARIES.roles)).toEqual("Наставляемый");
    expect(readList("Hacтaвляeмый", roles, DEFAULT_DICTIONARIES.roles)).toEqual("Наставляемый");
  });

  it("reports a value that still matches nothing, with the nearest allowed value", () => {
    const r = readList("Обучающиеся", indexList(DEFAULT_DICTIONARIES.categories), DEFAULT_DICTIONARIES.categories);
    expect(r).toMatchObject({ code: "unknown-value", suggestion: "Обучающийся" });
  });

  it("does not invent a suggestion for a value far from every allowed one", () => {
    const r = readList("Директор школы", roles, DEFAULT_DICTIONARIES.roles);
    expect(r).toMatchObject({ code: "unknown-value" });
    expect(r instanceof CellProblem && r.suggestion).toBeFalsy();
  });
});

describe("numbers", () => {
  it.each([
    [202, 202],
    ["202", 202],
    [" 1 350 ", 1350],
    ["1\u00a0350", 1350],
    ["12,5", 12.5],
    ["35%", 35],
  ])("%j → %j", (input, expected) => {
    expect(readNumber(input)).toEqual(expected);
  });

  it.each(["двести", "12-15", "1.2.3"])("%j is invalid-number", (input) => {
    expect(readNumber(input)).toMatchObject({ code: "invalid-number" });
  });

  it("a formula error is formula-error, not a number problem", () => {
    expect(readNumber({ error: "#DIV/0!" })).toMatchObject({ code: "formula-error" });
  });
});

describe("dates", () => {
  const ok = (v: Parameters<typeof readDate>[0], iso: string, d1904 = false) => {
    const r = readDate(v, d1904);
    expect(typeof r === "number" ? isoOf(r) : r).toBe(iso);
  };
  it("accepts serials, Date cells and the three text forms", () => {
    ok(44197, "2021-01-01");
    ok(new Date(Date.UTC(2021, 2, 15)), "2021-03-15");
    ok("15.03.2021", "2021-03-15");
    ok("5.3.21", "2021-03-05");
    ok("2021-03-15", "2021-03-15");
    ok("15.03.2021 г.", "2021-03-15");
  });
  it("reads serials of 1904-system workbooks", () => ok(42735, "2021-01-01", true));
  it.each(["31.02.2021", "29.02.2021", "00.01.2021", "15.13.2021"])("%j does not exist: invalid-date", (v) => {
    expect(readDate(v)).toMatchObject({ code: "invalid-date" });
    expect((readDate(v) as { message: string }).message).toContain("не существует");
  });
  it.each(["март 2021", "15/03/2021", "вчера", "2021"])("%j is not a date: invalid-date", (v) => {
    expect(readDate(v)).toMatchObject({ code: "invalid-date" });
  });
  it("blank cells are blank, not errors", () => {
    expect(readDate("  \u00a0")).toBeNull();
    expect(readText("\u200b")).toBeNull();
  });
});

describe("keys", () => {
  it("header keys ignore dots, line breaks, case and ё", () => {
    expect(headerKey("Ф.И.О.")).toBe(headerKey("ФИО"));
    expect(headerKey("Форма\nнаставничества")).toBe(headerKey("форма наставничества"));
    expect(headerKey("Согласие на обработку ПД")).not.toBe(headerKey("Согласие"));
  });
  it("value keys unify ё/е, invisible characters and Latin look-alikes only inside Cyrillic words", () => {
    expect(valueKey("Семёнов\u00adа")).toBe(valueKey("семенова"));
    expect(valueKey("MBOU")).toBe("mbou");
  });
});
