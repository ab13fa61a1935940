import { parseDeadline, roadmapStatus, type RoadmapProgress } from "../../src/core/roadmap/deadline";
import { day, isoOrNull } from "./helpers";

/** Status of a deadline text at an as-of date, with Days as ISO strings. */
function status(text: string, progress: RoadmapProgress, completed: string | null, asOf: string, window = 14, planYear = 2021) {
  const r = roadmapStatus(parseDeadline(text, { planYear }), progress, completed === null ? null : day(completed), day(asOf), window);
  return { status: r.status, due: isoOrNull(r.due), daysOverdue: r.daysOverdue };
}

describe("one-off deadlines", () => {
  const DUE = "до 30.12.2021";

  it.each([
    ["2021-12-15", "on-track", null], // due = asOf + window + 1
    ["2021-12-16", "due-soon", null], // due = asOf + window
    ["2021-12-29", "due-soon", null],
    ["2021-12-30", "due-soon", null], // due today is not overdue yet
    ["2021-12-31", "overdue", 1],
    ["2022-01-30", "overdue", 31],
  ])("as of %s: %s", (asOf, want, days) => {
    expect(status(DUE, "В работе", null, asOf)).toEqual({ status: want, due: "2021-12-30", daysOverdue: days });
  });

  it("Выполнено is done, even when done after the due date; Отменено is cancelled", () => {
    expect(status(DUE, "Выполнено", "2022-01-10", "2022-01-30")).toEqual({ status: "done", due: "2021-12-30", daysOverdue: null });
    expect(status(DUE, "Выполнено", null, "2022-01-30").status).toBe("done");
    expect(status(DUE, "Отменено", null, "2022-01-30").status).toBe("cancelled");
    expect(status(DUE, "Не начато", null, "2021-12-31").status).toBe("overdue");
  });

  it("a window of 0 days: due today is due soon, tomorrow is on track", () => {
    expect(status(DUE, "Не начато", null, "2021-12-30", 0).status).toBe("due-soon");
    expect(status(DUE, "Не начато", null, "2021-12-29", 0).status).toBe("on-track");
  });

  it("ranges, months and academic years are due at their end", () => {
    expect(status("01.01.2021 г.- 28.02.2021 г.", "В работе", null, "2021-03-03")).toEqual({ status: "overdue", due: "2021-02-28", daysOverdue: 3 });
    expect(status("Сентябрь 2023 г.", "Не начато", null, "2023-09-20").status).toBe("due-soon");
    expect(status("Сентябрь 2023 г.", "Не начато", null, "2023-10-02")).toEqual({ status: "overdue", due: "2023-09-30", daysOverdue: 2 });
    expect(status("2023-2024 учебный год", "В работе", null, "2024-01-15")).toEqual({ status: "on-track", due: "2024-08-31", daysOverdue: null });
  });

  it("from / ongoing have no due date; unparsed has no date", () => {
    expect(status("С 01.04.2021 года", "В работе", null, "2021-01-01")).toEqual({ status: "ongoing", due: null, daysOverdue: null });
    expect(status("С 01.04.2021 года", "В работе", null, "2022-01-01").status).toBe("ongoing");
    expect(status("в течение всего периода реализации ЦМН", "Не начато", null, "2021-06-01").status).toBe("ongoing");
    expect(status("на постоянной основе", "Выполнено", null, "2021-06-01").status).toBe("done");
    expect(status("по отдельному графику", "В работе", null, "2021-06-01")).toEqual({ status: "no-date", due: null, daysOverdue: null });
    expect(status("по отдельному графику", "Выполнено", null, "2021-06-01").status).toBe("done");
    expect(status("по отдельному графику", "Отменено", null, "2021-06-01").status).toBe("cancelled");
  });

  it("`date, далее на постоянной основе`: after the date, work in progress is ongoing, never started is overdue", () => {
    const T = "01.03.2022, далее на постоянной основе";
    expect(status(T, "В работе", null, "2022-02-20").status).toBe("due-soon");
    expect(status(T, "В работе", null, "2022-03-10")).toEqual({ status: "ongoing", due: null, daysOverdue: null });
    expect(status(T, "Не начато", null, "2022-03-10")).toEqual({ status: "overdue", due: "2022-03-01", daysOverdue: 9 });
    expect(status(T, "Выполнено", "2022-03-01", "2022-03-10").status).toBe("done");
    // The same holds for a range followed by `далее - постоянно`.
    expect(status("15.02.2021 г.- 28.02.2021 г., далее - постоянно", "В работе", null, "2021-05-01").status).toBe("ongoing");
  });
});

describe("recurring deadlines", () => {
  const MONTHLY_15 = "ежемесячно до 15 числа каждого месяца";

  it("overdue once the latest occurrence passed without a completion date on or after it", () => {
    expect(status(MONTHLY_15, "В работе", null, "2021-04-20")).toEqual({ status: "overdue", due: "2021-04-15", daysOverdue: 5 });
    expect(status(MONTHLY_15, "В работе", "2021-04-14", "2021-04-20")).toEqual({ status: "overdue", due: "2021-04-15", daysOverdue: 5 });
    // Выполнено does not cover later occurrences: the completion date says when it was last done.
    expect(status(MONTHLY_15, "Выполнено", "2021-03-15", "2021-04-20").status).toBe("overdue");
  });

  it("done for now when completed on or after the latest occurrence and the next is beyond the window", () => {
    expect(status(MONTHLY_15, "В работе", "2021-04-15", "2021-04-20")).toEqual({ status: "done", due: "2021-05-15", daysOverdue: null });
    expect(status(MONTHLY_15, "Выполнено", "2021-04-16", "2021-04-20").status).toBe("done");
  });

  it("due soon when the next occurrence is within the window, including today", () => {
    expect(status(MONTHLY_15, "В работе", "2021-04-16", "2021-05-05")).toEqual({ status: "due-soon", due: "2021-05-15", daysOverdue: null });
    expect(status(MONTHLY_15, "В работе", "2021-04-16", "2021-05-15")).toEqual({ status: "due-soon", due: "2021-05-15", daysOverdue: null });
    expect(status(MONTHLY_15, "В работе", "2021-04-16", "2021-05-16")).toEqual({ status: "overdue", due: "2021-05-15", daysOverdue: 1 });
    // Done ahead of the next occurrence (today) counts.
    expect(status(MONTHLY_15, "В работе", "2021-05-15", "2021-05-15").status).toBe("done");
  });

  it("month ends for `ежемесячно` without a day", () => {
    const T = "Ежемесячно в течение всего периода внедрения ЦМН";
    expect(status(T, "В работе", "2021-03-01", "2021-03-10")).toEqual({ status: "done", due: "2021-03-31", daysOverdue: null });
    expect(status(T, "В работе", "2021-03-01", "2021-03-20")).toEqual({ status: "due-soon", due: "2021-03-31", daysOverdue: null });
    expect(status(T, "В работе", "2021-03-01", "2021-04-02")).toEqual({ status: "overdue", due: "2021-03-31", daysOverdue: 2 });
  });

  it("quarter ends from a start date: nothing is due before the first one", () => {
    const T = "С 31.05.2020 г., далее 1 раз в квартал";
    expect(status(T, "Не начато", null, "2020-06-01")).toEqual({ status: "on-track", due: "2020-06-30", daysOverdue: null });
    expect(status(T, "Не начато", null, "2020-06-20")).toEqual({ status: "due-soon", due: "2020-06-30", daysOverdue: null });
    expect(status(T, "В работе", "2020-12-28", "2021-02-10")).toEqual({ status: "overdue", due: "2020-12-31", daysOverdue: 41 });
    expect(status(T, "В работе", "2021-01-05", "2021-02-10")).toEqual({ status: "done", due: "2021-03-31", daysOverdue: null });
  });

  it("a bounded recurrence ends: the last occurrence decides", () => {
    const T = "ежеквартально декабрь 2021";
    expect(status(T, "В работе", "2021-12-31", "2022-01-20")).toEqual({ status: "done", due: "2021-12-31", daysOverdue: null });
    expect(status(T, "Выполнено", null, "2022-01-20").status).toBe("done"); // finished and marked done
    expect(status(T, "В работе", null, "2022-01-20")).toEqual({ status: "overdue", due: "2021-12-31", daysOverdue: 20 });
    expect(status(T, "Выполнено", null, "2021-11-20")).toEqual({ status: "overdue", due: "2021-09-30", daysOverdue: 51 });
    expect(status(T, "Отменено", null, "2022-01-20").status).toBe("cancelled");
  });

  it("`далее` recurrences keep the first date as a milestone", () => {
    expect(status("01.03.2021, далее ежемесячно", "В работе", null, "2021-03-05")).toEqual({ status: "overdue", due: "2021-03-01", daysOverdue: 4 });
    expect(status("01.03.2021, далее ежемесячно", "В работе", "2021-03-01", "2021-03-05").status).toBe("done");
  });
});

describe("`dates` milestones", () => {
  const Q = "ежеквартально 25.03.2021 25.06.2021 25.09.2021 25.12.2021";

  it("due is the next milestone not yet passed", () => {
    expect(status(Q, "Не начато", null, "2021-03-01")).toEqual({ status: "on-track", due: "2021-03-25", daysOverdue: null });
    expect(status(Q, "Не начато", null, "2021-03-20")).toEqual({ status: "due-soon", due: "2021-03-25", daysOverdue: null });
    expect(status(Q, "В работе", "2021-03-25", "2021-04-01")).toEqual({ status: "done", due: "2021-06-25", daysOverdue: null });
  });

  it("overdue once a passed milestone is unfinished (completion date before it)", () => {
    expect(status(Q, "В работе", null, "2021-04-01")).toEqual({ status: "overdue", due: "2021-03-25", daysOverdue: 7 });
    expect(status(Q, "В работе", "2021-03-24", "2021-04-01")).toEqual({ status: "overdue", due: "2021-03-25", daysOverdue: 7 });
    expect(status(Q, "В работе", "2021-03-25", "2021-07-01")).toEqual({ status: "overdue", due: "2021-06-25", daysOverdue: 6 });
  });

  it("done after the last milestone", () => {
    expect(status(Q, "В работе", "2021-12-27", "2022-01-10")).toEqual({ status: "done", due: "2021-12-25", daysOverdue: null });
    expect(status("01.03.2021 г., 15.03.2021 г.", "Выполнено", "2021-03-16", "2021-04-01").status).toBe("done");
    expect(status("01.03.2021 г., 15.03.2021 г.", "Выполнено", "2021-03-10", "2021-04-01").status).toBe("overdue");
  });
});
