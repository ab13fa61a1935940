import { normalizeText, tokenize, type Token } from "../../src/core/roadmap/deadline";

const kinds = (text: string) =>
  tokenize(text).map((t: Token) =>
    t.type === "kw" ? `kw:${t.kw}` : t.type === "date" ? `date:${t.d}.${t.m}.${t.y}` : "value" in t ? `${t.type}:${t.value}` : `${t.type}:${t.text}`,
  );

describe("normalizeText", () => {
  it("lower-cases, folds ё, unifies dashes, drops zero-width characters and turns NBSP into a space", () => {
    expect(normalizeText("\u200bСЕНТЯБРЬ\u00a02023 г.\u2013Её")).toBe("сентябрь 2023 г.-ее");
    for (const dash of ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uff0d"]) {
      expect(normalizeText(`01.01.2021${dash}28.02.2021`)).toBe("01.01.2021-28.02.2021");
    }
  });

  it("maps Latin look-alikes inside Cyrillic words, and words made only of look-alikes", () => {
    expect(normalizeText("Cентябрь")).toBe("сентябрь"); // Latin C
    expect(normalizeText("ежемесячнo")).toBe("ежемесячно"); // Latin o
    expect(normalizeText("C 01.04.2021")).toBe("с 01.04.2021");
    expect(normalizeText("IV квартал")).toBe("iv квартал"); // roman numerals are not look-alikes
  });
});

describe("tokenize", () => {
  it("reads dates with their year suffix, a three-digit year and a two-digit year", () => {
    expect(kinds("01.01.2021 г.- 28.02.2021 г.")).toEqual(["date:1.1.2021", "dash:-", "date:28.2.2021"]);
    expect(tokenize("14.02.022")).toEqual([{ type: "date", y: 2022, m: 2, d: 14, threeDigitYear: true, text: "14.02.022" }]);
    expect(kinds("1.3.22")).toEqual(["date:1.3.2022"]);
    expect(kinds("2021-03-05")).toEqual(["date:5.3.2021"]);
  });

  it("reads month names in all cases and short forms, years, numbers and roman numerals", () => {
    expect(kinds("Сентябрь 2023 г. Октябрь 2023 года")).toEqual(["month:9", "year:2023", "month:10", "year:2023"]);
    expect(kinds("15 марта в мае сент. 2023")).toEqual(["num:15", "month:3", "kw:in", "month:5", "month:9", "year:2023"]);
    expect(kinds("II квартал, 1-й кв.")).toEqual(["roman:2", "kw:quarter", "comma:,", "num:1", "kw:quarter"]);
  });

  it("merges multi-word phrases into one keyword", () => {
    expect(kinds("С 31.05.2020 г., далее 1 раз в квартал")).toEqual(["kw:from", "date:31.5.2020", "comma:,", "kw:then", "kw:quarterly"]);
    expect(kinds("ежемесячно до 15 числа каждого месяца")).toEqual(["kw:monthly", "kw:until", "num:15", "kw:day-of-month", "kw:every-month"]);
    expect(kinds("Ежемесячно в течение всего периода внедрения ЦМН")).toEqual(["kw:monthly", "kw:ongoing"]);
    expect(kinds("на постоянной основе")).toEqual(["kw:ongoing"]);
    expect(kinds("в течение календарного года")).toEqual(["kw:during", "kw:calendar-year"]);
    expect(kinds("2023-2024 учебный год")).toEqual(["year:2023", "dash:-", "year:2024", "kw:academic-year"]);
  });

  it("drops filler and keeps unknown words, which later make the text unparsed", () => {
    expect(kinds("в срок до 08.09.2023 года")).toEqual(["kw:until", "date:8.9.2023"]);
    expect(kinds("по отдельному графику")).toEqual(["kw:to", "word:отдельному", "word:графику"]);
  });
});
