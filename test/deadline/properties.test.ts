// Properties of the grammar over generated input: it never throws, every Day it returns is a
// real calendar day, and the rules compose for any date, not just the ones in the seeds.
import fc from "fast-check";
import type { CellValue } from "../../src/core/model/cells";
import { type Day, dayFromYMD, daysInMonth, excelSerialOf, isValidYMD, lastDayOfMonth, ymdOf } from "../../src/core/model/dates";
import { type Deadline, parseDeadline } from "../../src/core/roadmap/deadline";

const ctx = { planYear: 2022 };
const RUNS = { numRuns: 500 };

// Words, numbers and marks the grammar knows, shuffled into random sentences: reaches deep rules
// far more often than random characters do.
const VOCAB = [
  "с", "со", "по", "до", "к", "далее", "-", "—", ",", "и", "г.", "года", "в", "в течение", "всего периода реализации ЦМН",
  "постоянно", "на постоянной основе", "ежемесячно", "ежеквартально", "ежегодно", "1 раз в квартал", "числа",
  "каждого месяца", "конца", "квартал", "полугодие", "учебный год", "календарного года", "I", "II", "IV",
  "января", "февраль", "марта", "сентябрь", "декабря", "сент.", "1", "15", "29", "31", "0", "99", "2021", "2022",
  "1899", "9999", "10000", "/", "01.01.2021", "31.02.2021", "29.02.2024", "14.02.022", "1.3.22", "2021-03-05", "00.00.0000",
  "31.12.9999", "01.01.1900", "отдельному", "графику", "\u00a0", "\u200b",
];
const sentence = fc.array(fc.constantFrom(...VOCAB), { maxLength: 10 }).map((ws) => ws.join(" "));

const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  sentence,
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.double(),
  fc.integer(),
  fc.date(), // includes Invalid Date
  fc.constantFrom<CellValue>(null, true, false, { error: "#REF!" }),
);

function isRealDay(d: Day): boolean {
  if (!Number.isInteger(d)) return false;
  const { y, m, d: dd } = ymdOf(d);
  return y >= 1900 && y <= 9999 && isValidYMD(y, m, dd) && dayFromYMD(y, m, dd) === d;
}

function daysOf(r: Deadline): Day[] {
  const opt = [r.start, r.due, r.recurrence?.from, r.recurrence?.until];
  return [...opt.filter((x): x is Day => x !== null && x !== undefined), ...r.milestones];
}

describe("parseDeadline on any input", () => {
  it("never throws and always returns a well-formed deadline", () => {
    fc.assert(
      fc.property(anyCell, fc.boolean(), (cell, date1904) => {
        const r = parseDeadline(cell, { ...ctx, date1904 });
        expect(typeof r.text).toBe("string");
        expect(daysOf(r).every(isRealDay)).toBe(true);
        // Unparsed means no dates at all, and always a warning saying so.
        const unparsed = r.kind === "unparsed";
        expect(unparsed).toBe(r.warnings.includes("unparsed-deadline") || r.warnings.includes("empty-deadline"));
        if (unparsed) expect(daysOf(r)).toEqual([]);
        if (r.start !== null && r.due !== null) expect(r.start).toBeLessThanOrEqual(r.due);
        expect([...r.milestones].sort((a, b) => a - b)).toEqual(r.milestones);
        if (r.kind === "dates") expect(r.due).toBe(r.milestones[r.milestones.length - 1]);
        if (r.recurrence?.day !== undefined) expect(r.recurrence.every).toBe("month");
      }),
      { numRuns: 3000 },
    );
  });

  it("survives hostile numbers, dates and plan years", () => {
    const cells: CellValue[] = [NaN, Infinity, -Infinity, -0, 1e308, 2958466, 2958465.9, 1, 60, 61, new Date(8.64e15), new Date(-8.64e15)];
    for (const cell of cells) {
      for (const planYear of [NaN, -1, 0, 1899, 2022, 9999, 1e9]) {
        expect(daysOf(parseDeadline(cell, { planYear })).every(isRealDay)).toBe(true);
        expect(daysOf(parseDeadline("в течение календарного года", { planYear })).every(isRealDay)).toBe(true);
      }
    }
  });
});

// A calendar day between 1900 and 9999 (`day`), with its year, month and day of month.
const calendarDay = fc
  .integer({ min: dayFromYMD(1900, 1, 1), max: dayFromYMD(9999, 12, 31) })
  .map((day) => ({ day, ...ymdOf(day) }));
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const dotted = (x: { y: number; m: number; d: number }) => `${pad(x.d)}.${pad(x.m)}.${x.y}`;
const suffix = fc.constantFrom("", " г.", "г.", " г", " года", " год");
const dash = fc.constantFrom("-", " - ", "\u2013", " \u2014 ", "\u2212", "г.-");

const GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];
const NOMINATIVE = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

describe("composition over any calendar day", () => {
  it("`d`, `до d`, `в срок до d года` are the date d", () => {
    fc.assert(
      fc.property(calendarDay, suffix, fc.constantFrom("", "до ", "в срок до ", "не позднее ", "Срок: "), (x, sfx, lead) => {
        const r = parseDeadline(`${lead}${dotted(x)}${sfx}`, ctx);
        expect([r.kind, r.due]).toEqual(["date", x.day]);
      }),
      RUNS,
    );
  });

  it("`d1 - d2` is a range due d2 when d1 ≤ d2, and unparsed (reversed) otherwise", () => {
    fc.assert(
      fc.property(calendarDay, calendarDay, dash, (a, b, sep) => {
        const r = parseDeadline(`${dotted(a)}${sep}${dotted(b)}`, ctx);
        if (a.day <= b.day) expect([r.kind, r.start, r.due]).toEqual(["range", a.day, b.day]);
        else expect(r.warnings).toEqual(["unparsed-deadline", "reversed-range"]);
      }),
      RUNS,
    );
  });

  it("`с d1 по d2`, `с d`, `d, далее - постоянно`", () => {
    fc.assert(
      fc.property(calendarDay, calendarDay, (a, b) => {
        const [lo, hi] = a.day <= b.day ? [a, b] : [b, a];
        expect(parseDeadline(`с ${dotted(lo)} по ${dotted(hi)}`, ctx)).toMatchObject({ kind: "range", start: lo.day, due: hi.day });
        expect(parseDeadline(`С ${dotted(a)} года`, ctx)).toMatchObject({ kind: "from", start: a.day, due: null });
        expect(parseDeadline(`${dotted(a)}, далее - постоянно`, ctx)).toMatchObject({ kind: "date", due: a.day, thenOngoing: true });
      }),
      RUNS,
    );
  });

  it("a list of dates gives sorted milestones and is due on the last", () => {
    fc.assert(
      fc.property(fc.array(calendarDay, { minLength: 2, maxLength: 5 }), fc.constantFrom(", ", " ", " и "), (xs, sep) => {
        const r = parseDeadline(xs.map(dotted).join(sep), ctx);
        const want = [...new Set(xs.map((x) => x.day))].sort((p, q) => p - q);
        expect(r).toMatchObject({ kind: "dates", milestones: want, due: want[want.length - 1] });
      }),
      RUNS,
    );
  });

  it("a day with a genitive month, and a month name with a year", () => {
    fc.assert(
      fc.property(calendarDay, suffix, (x, sfx) => {
        expect(parseDeadline(`до ${x.d} ${GENITIVE[x.m - 1]} ${x.y}${sfx}`, ctx)).toMatchObject({ kind: "date", due: x.day });
        const month = parseDeadline(`${NOMINATIVE[x.m - 1]} ${x.y}${sfx}`, ctx);
        expect(month).toMatchObject({ kind: "month", start: dayFromYMD(x.y, x.m, 1), due: lastDayOfMonth(x.y, x.m) });
      }),
      RUNS,
    );
  });

  it("a two-digit year is 20YY; a three-digit 0YY is 20YY with a warning", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (yy, m, d) => {
        const want = dayFromYMD(2000 + yy, m, d);
        expect(parseDeadline(`${d}.${m}.${pad(yy)}`, ctx)).toMatchObject({ kind: "date", due: want, warnings: [] });
        expect(parseDeadline(`${pad(d)}.${pad(m)}.0${pad(yy)}`, ctx)).toMatchObject({ kind: "date", due: want, warnings: ["three-digit-year"] });
      }),
      RUNS,
    );
  });

  it("an impossible day of a month is never a date", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3 }), (y, m, extra) => {
        const d = daysInMonth(y, m) + extra;
        if (d > 31) return;
        const r = parseDeadline(`до ${d}.${pad(m)}.${y}`, ctx);
        expect(r).toMatchObject({ kind: "unparsed", due: null, warnings: ["unparsed-deadline", "invalid-date"] });
      }),
      RUNS,
    );
  });

  it("`ежемесячно до N числа каждого месяца` recurs monthly on day N", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), (n) => {
        expect(parseDeadline(`ежемесячно до ${n} числа каждого месяца`, ctx)).toMatchObject({
          kind: "recurring",
          due: null,
          recurrence: { every: "month", day: n },
        });
      }),
      RUNS,
    );
  });

  it("Date cells and Excel serials are the day they hold", () => {
    fc.assert(
      fc.property(calendarDay, fc.double({ min: 0, max: 0.999, noNaN: true }), (x, time) => {
        const utc = new Date(0);
        utc.setUTCFullYear(x.y, x.m - 1, x.d); // Date.UTC maps years 0–99 to 1900–1999
        expect(parseDeadline(utc, ctx)).toMatchObject({ kind: "date", due: x.day });
        const serial = excelSerialOf(x.day);
        // Whole numbers 1900–2100 are read as years; serials that small are days in 1905.
        if (serial < 1900 || serial > 2100) {
          expect(parseDeadline(serial + time, ctx)).toMatchObject({ kind: "date", due: x.day });
        }
        // dates.ts rejects serials below 1 in both date systems.
        if (serial - 1462 >= 1 && (serial - 1462 < 1900 || serial - 1462 > 2100)) {
          expect(parseDeadline(serial - 1462, { ...ctx, date1904: true })).toMatchObject({ kind: "date", due: x.day });
        }
      }),
      RUNS,
    );
  });
});
