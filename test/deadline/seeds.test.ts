// Every "Срок" cell of the roadmaps in the seed documents (shared/seeds 000, 002, 003, 004;
// 001 is a programme without a deadline column), typos included, with the reading a district
// specialist would give it. One row per cell, in document order.
import { parseDeadline, type DeadlineKind } from "../../src/core/roadmap/deadline";
import { readable } from "./helpers";

interface Expect {
  kind: DeadlineKind;
  due: string | null;
  start?: string | null;
  milestones?: string[];
  recurrence?: { every: "month" | "quarter" | "year"; day?: number; from?: string; until?: string };
  thenOngoing?: boolean;
  warnings?: string[];
}

type Row = [doc: string, item: string, text: string, expected: Expect];

const ONGOING: Expect = { kind: "ongoing", due: null, start: null };
const UNPARSED: Expect = { kind: "unparsed", due: null, start: null, warnings: ["unparsed-deadline"] };
const month = (first: string, last: string): Expect => ({ kind: "month", start: first, due: last });
const date = (iso: string, warnings: string[] = []): Expect => ({ kind: "date", start: null, due: iso, warnings });

const PLAN_YEAR: Record<string, number> = { "000": 2021, "002": 2022, "003": 2023, "004": 2021 };

const ROWS: Row[] = [
  // 000 — Бокситогорский район, распоряжение № 48 от 08.02.2021 (column "Сроки")
  ["000", "1.1", "01.01.2021 г.- 28.02.2021 г.", { kind: "range", start: "2021-01-01", due: "2021-02-28" }],
  ["000", "1.2", "15.02.2021 г.- 28.02.2021 г., далее - постоянно", { kind: "range", start: "2021-02-15", due: "2021-02-28", thenOngoing: true }],
  ["000", "1.3", "01.03.2021 г., 15.03.2021 г.", { kind: "dates", start: null, due: "2021-03-15", milestones: ["2021-03-01", "2021-03-15"] }],
  ["000", "2", "01.02.2021 г.- 31.03.2021 г.", { kind: "range", start: "2021-02-01", due: "2021-03-31" }],
  ["000", "3", "С 01.04.2021 года", { kind: "from", start: "2021-04-01", due: null }],
  // 2020 in a 2021 roadmap is probably a typo for 2021, but a year is never rewritten.
  ["000", "4.1", "С 01.05.2020 г.", { kind: "from", start: "2020-05-01", due: null }],
  ["000", "4.3", "С 31.05.2020 г., далее 1 раз в квартал", { kind: "recurring", start: "2020-05-31", due: null, recurrence: { every: "quarter", from: "2020-05-31" } }],

  // 002 — Петушинский район, приказ № 91 от 14.02.2022 (column "Сроки")
  ["002", "1", "14.02.022", date("2022-02-14", ["three-digit-year"])],
  ["002", "2", "14.02.2022", date("2022-02-14")],
  ["002", "3", "до 25.02.022", date("2022-02-25", ["three-digit-year"])],
  ["002", "4", "01.03.2022", date("2022-03-01")],
  ["002", "5", "01.03.2022", date("2022-03-01")],
  ["002", "6", "01.03.2022", date("2022-03-01")],
  ["002", "7", "на постоянной основе", ONGOING],
  ["002", "8", "01.03.2022", date("2022-03-01")],
  ["002", "9", "01.03.2022, далее на постоянной основе", { ...date("2022-03-01"), thenOngoing: true }],
  ["002", "10", "01.02.022, далее на постоянной основе", { ...date("2022-02-01", ["three-digit-year"]), thenOngoing: true }],
  ["002", "11", "25.02.2022", date("2022-02-25")],
  ["002", "12", "ежемесячно, на постоянной основе", { kind: "recurring", start: null, due: null, recurrence: { every: "month" } }],

  // 003 — МОУ «Лицей № 7», распоряжение № 348-р от 31.08.2023 (column "Сроки")
  ["003", "1", "Сентябрь 2023 г.", month("2023-09-01", "2023-09-30")],
  ["003", "2 (сбор данных)", "Сентябрь 2023 г.", month("2023-09-01", "2023-09-30")],
  ["003", "2 (база наставников)", "Сентябрь 2023 г.", month("2023-09-01", "2023-09-30")],
  ["003", "3", "Август 2023 г.", month("2023-08-01", "2023-08-31")],
  ["003", "4", "Сентябрь 2023 г. Октябрь 2023 г.", month("2023-09-01", "2023-10-31")],
  ["003", "4 (директор)", "Сентябрь 2023 г.", month("2023-09-01", "2023-09-30")],
  ["003", "4 (наставники)", "Сентябрь 2023 г.", month("2023-09-01", "2023-09-30")],
  ["003", "4 (психолог)", "Сентябрь 2023 г.", month("2023-09-01", "2023-09-30")],
  ["003", "5", "2023-2024 учебный год", { kind: "academic-year", start: "2023-09-01", due: "2024-08-31" }],
  ["003", "6", "Март 2024 г. Март 2024 г. Март 2024 г.", month("2024-03-01", "2024-03-31")],
  ["003", "6 (публикация)", "Март 2024 г.", month("2024-03-01", "2024-03-31")],

  // 004 — МБУ ДО ДДТ г.Горбатов, дорожная карта на 2021 год (column "Срок реализации")
  ["004", "1.1", "в течение всего периода реализации ЦМН", ONGOING],
  ["004", "1.2", "в течение календарного года", { kind: "range", start: "2021-01-01", due: "2021-12-31" }],
  ["004", "1.3", "до 30.12.2021", date("2021-12-30")],
  ["004", "2.1", "в течение всего периода реализации ЦМН", ONGOING],
  ["004", "2.2", "в течение всего периода реализации ЦМН", ONGOING],
  ["004", "2.3", "в течение всего периода реализации ЦМН", ONGOING],
  // The cell breaks across a page in the source; the line break is part of the cell text.
  ["004", "2.4", "по отдельному\nграфику", UNPARSED],
  ["004", "2.5", "в течение всего периода реализации ЦМН", ONGOING],
  ["004", "2.6", "в течение всего периода реализации ЦМН", ONGOING],
  ["004", "2.7", "в течение всего периода реализации ЦМН", ONGOING],
  ["004", "3.1", "в течение всего периода реализации ЦМН", ONGOING],
  ["004", "3.2", "в течение всего периода реализации ЦМН", ONGOING],
  ["004", "3.3", "апрель 2021", month("2021-04-01", "2021-04-30")],
  ["004", "3.4", "ежеквартально декабрь 2021", { kind: "recurring", start: null, due: "2021-12-31", recurrence: { every: "quarter", until: "2021-12-31" } }],
  ["004", "4.1", "в течение всего периода реализации ЦМН", ONGOING],
  ["004", "4.2", "в течение всего периода реализации ЦМН", ONGOING],
  ["004", "4.3", "в течение двух недель с даты определения модели", UNPARSED],
  ["004", "4.4", "в соответствии со сроками реализации программ наставничества", UNPARSED],
  ["004", "4.5", "Ежемесячно в течение всего периода внедрения ЦМН", { kind: "recurring", start: null, due: null, recurrence: { every: "month" } }],
  ["004", "4.6", "в соответствии со сроками реализации плана наставничества", UNPARSED],
  ["004", "5.1", "ежеквартально", { kind: "recurring", start: null, due: null, recurrence: { every: "quarter" } }],
  ["004", "5.2", "ежемесячно до 15 числа каждого месяца", { kind: "recurring", start: null, due: null, recurrence: { every: "month", day: 15 } }],
  [
    "004",
    "5.3",
    "ежеквартально 25.03.2021 25.06.2021 25.09.2021 25.12.2021",
    { kind: "dates", start: null, due: "2021-12-25", milestones: ["2021-03-25", "2021-06-25", "2021-09-25", "2021-12-25"] },
  ],
  ["004", "5.4", "декабрь 2021 г.", month("2021-12-01", "2021-12-31")],
  ["004", "5.5", "декабрь 2021 г.", month("2021-12-01", "2021-12-31")],
  ["004", "6.1.1", "с 1 января по 31 декабря 2021 г.", { kind: "range", start: "2021-01-01", due: "2021-12-31" }],
];

describe("every deadline cell of the seed roadmaps", () => {
  it.each(ROWS)("%s №%s: %j", (doc, _item, text, e) => {
    const got = readable(parseDeadline(text, { planYear: PLAN_YEAR[doc] }));
    expect(got.kind).toBe(e.kind);
    expect(got.due).toBe(e.due);
    if (e.start !== undefined) expect(got.start).toBe(e.start);
    expect(got.milestones).toEqual(e.milestones ?? []);
    expect(got.thenOngoing).toBe(e.thenOngoing ?? false);
    expect(got.warnings).toEqual(e.warnings ?? []);
    if (e.recurrence) {
      const r = e.recurrence;
      expect(got.recurrence).toEqual({ every: r.every, day: r.day ?? null, from: r.from ?? null, until: r.until ?? null });
    } else {
      expect(got.recurrence).toBeNull();
    }
  });

  it("covers the documents' cells: 7 + 12 + 11 + 26", () => {
    const perDoc = ROWS.reduce<Record<string, number>>((acc, [doc]) => ({ ...acc, [doc]: (acc[doc] ?? 0) + 1 }), {});
    expect(perDoc).toEqual({ "000": 7, "002": 12, "003": 11, "004": 26 });
  });

  it("keeps the cell text verbatim", () => {
    for (const [doc, , text] of ROWS) expect(parseDeadline(text, { planYear: PLAN_YEAR[doc] }).text).toBe(text);
  });
});
