// Syntax tree → Deadline: lends years to year-less parts, checks every date is real,
// and decides the kind. Nothing here guesses: a part that cannot be made a real date
// turns the whole text into `unparsed` with a warning saying why.
import { type Day, dayFromYMD, isValidYMD, lastDayOfMonth } from "../../model/dates";
import { lastOccurrence } from "./recurrence";
import type { Core, DayWhen, Frequency, PeriodWhen, Syntax, When } from "./syntax";
import type { Deadline, DeadlineKind, DeadlineWarning, Recurrence } from "./types";

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

class Unparsable extends Error {
  constructor(readonly warning: DeadlineWarning) {
    super(warning);
  }
}

interface Span {
  start: Day;
  end: Day;
}

function realDay(y: number, m: number, d: number): Day {
  if (y < MIN_YEAR || y > MAX_YEAR || !isValidYMD(y, m, d)) throw new Unparsable("invalid-date");
  return dayFromYMD(y, m, d);
}

function firstMonth(p: PeriodWhen): number {
  return p.unit === "month" ? p.n : p.unit === "quarter" ? 3 * p.n - 2 : p.unit === "half" ? 6 * p.n - 5 : 1;
}

function periodSpan(p: PeriodWhen): Span {
  const y = p.y ?? NaN;
  const m0 = firstMonth(p);
  const m1 = p.unit === "month" ? p.n : p.unit === "quarter" ? 3 * p.n : p.unit === "half" ? 6 * p.n : 12;
  const start = realDay(y, m0, 1);
  return { start, end: lastDayOfMonth(y, m1) };
}

function span(w: When): Span {
  if (w.k === "period") return periodSpan(w);
  if (w.k === "end") {
    const end = periodSpan(w.period).end;
    return { start: end, end };
  }
  const day = realDay(w.y ?? NaN, w.m ?? NaN, w.d);
  return { start: day, end: day };
}

function whensOf(core: Core | null): When[] {
  if (!core) return [];
  switch (core.c) {
    case "when":
    case "from":
      return [core.c === "when" ? core.w : core.a];
    case "range":
      return [core.a, core.b];
    case "list":
      return core.ws;
    default:
      return [];
  }
}

/**
 * Year-less parts take the year (and a bare day its month) of the nearest later part:
 * `с 1 января по 31 декабря 2021`. A part that would then fall after its lender belongs to the
 * year before (`декабрь - январь 2022` starts in December 2021).
 */
function lendYears(whens: When[]): void {
  let lender: Lender | null = null;
  for (const w of [...whens].sort((a, b) => b.pos - a.pos)) {
    const p: PeriodWhen | DayWhen = w.k === "end" ? w.period : w;
    if (p.k === "day") {
      if (p.m === null) {
        // A bare day (`с 1 по 15 марта`) takes month and year as they are, never the year before,
        // and only from a day written with a month name.
        if (!lender?.monthWord) throw new Unparsable("missing-year");
        p.m = lender.m;
        p.y = lender.y;
      } else if (p.y === null) {
        p.y = yearFrom(lender, p.m, p.d);
      }
      lender = { y: p.y, m: p.m, d: p.d, exact: true, monthWord: !p.numeric };
    } else {
      const m = firstMonth(p);
      if (p.y === null) p.y = yearFrom(lender, m, 1);
      lender = { y: p.y, m, d: 1, exact: p.unit === "month", monthWord: false };
    }
  }
}

interface Lender {
  y: number;
  m: number;
  d: number;
  exact: boolean; // a day or a month: precise enough to tell "before" from "after"
  monthWord: boolean; // a day with a month name: lends its month to a bare day
}

function yearFrom(lender: Lender | null, m: number, d: number): number {
  if (!lender) throw new Unparsable("missing-year");
  return lender.exact && m * 100 + d > lender.m * 100 + lender.d ? lender.y - 1 : lender.y;
}

interface Shape {
  kind: DeadlineKind;
  start: Day | null;
  due: Day | null;
  milestones: Day[];
}

const isMonth = (w: When) => w.k === "period" && w.unit === "month";

function shapeOf(core: Core): Shape {
  switch (core.c) {
    case "ongoing":
      return { kind: "ongoing", start: null, due: null, milestones: [] };
    case "academic":
      return { kind: "academic-year", start: realDay(core.y, 9, 1), due: realDay(core.y + 1, 8, 31), milestones: [] };
    case "from":
      return { kind: "from", start: span(core.a).start, due: null, milestones: [] };
    case "when": {
      const s = span(core.w);
      if (core.w.k !== "period") return { kind: "date", start: null, due: s.end, milestones: [] };
      return { kind: isMonth(core.w) ? "month" : "range", start: s.start, due: s.end, milestones: [] };
    }
    case "range": {
      const start = span(core.a).start;
      const due = span(core.b).end;
      if (start > due) throw new Unparsable("reversed-range");
      const months = core.dashed && isMonth(core.a) && isMonth(core.b);
      return { kind: months ? "month" : "range", start, due, milestones: [] };
    }
    case "list": {
      const spans = core.ws.map(span);
      if (core.ws.every(isMonth)) {
        return { kind: "month", start: Math.min(...spans.map((s) => s.start)), due: Math.max(...spans.map((s) => s.end)), milestones: [] };
      }
      const milestones = [...new Set(spans.map((s) => s.end))].sort((a, b) => a - b);
      return { kind: "dates", start: null, due: milestones[milestones.length - 1], milestones };
    }
  }
}

function recurringDeadline(every: Frequency, day: number | null, bound: Core | null, text: string): Omit<Deadline, "warnings"> {
  const base = bound ? shapeOf(bound) : null;
  // `ежеквартально 25.03.2021 25.06.2021 …`: the dates are the schedule.
  if (base?.kind === "dates") return { ...base, text, recurrence: null, thenOngoing: false };
  const r: Recurrence = { every };
  if (day !== null) r.day = day;
  if (base && base.kind !== "ongoing") {
    // A month, a single date or `до …` ends the cycle; a longer span or `с …` also starts it.
    const startsIt = base.kind === "range" || base.kind === "academic-year" || base.kind === "from";
    if (startsIt && base.start !== null) r.from = base.start;
    if (base.due !== null) r.until = base.due;
  }
  const due = lastOccurrence(r);
  if (r.until !== undefined && due === null) throw new Unparsable("reversed-range"); // no occurrence fits
  return { kind: "recurring", text, start: r.from ?? null, due, milestones: [], recurrence: r, thenOngoing: false };
}

function plainDeadline(core: Core, then: null | "ongoing" | Frequency, text: string): Omit<Deadline, "warnings"> {
  const base = shapeOf(core);
  if (then === null || then === "ongoing" || base.kind === "ongoing") {
    return { ...base, text, recurrence: null, thenOngoing: then === "ongoing" && base.kind !== "ongoing" };
  }
  // `С 31.05.2020, далее 1 раз в квартал`: the cycle starts where the first part ends (or starts).
  const from = base.due ?? base.start;
  const r: Recurrence = { every: then };
  if (from !== null) r.from = from;
  const milestones = base.kind === "dates" ? base.milestones : base.due !== null ? [base.due] : [];
  return { kind: "recurring", text, start: from, due: null, milestones, recurrence: r, thenOngoing: false };
}

export type Interpretation = { ok: true; deadline: Deadline } | { ok: false; warning: DeadlineWarning };

export function interpret(tree: Syntax, text: string): Interpretation {
  const core = tree.s === "plain" ? tree.core : tree.bound;
  const whens = whensOf(core);
  try {
    lendYears(whens);
    const body =
      tree.s === "plain" ? plainDeadline(tree.core, tree.then, text) : recurringDeadline(tree.every, tree.day, tree.bound, text);
    const typo = whens.some((w) => w.k === "day" && w.threeDigitYear);
    return { ok: true, deadline: { ...body, warnings: typo ? ["three-digit-year"] : [] } };
  } catch (e) {
    if (e instanceof Unparsable) return { ok: false, warning: e.warning };
    throw e;
  }
}
