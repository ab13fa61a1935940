// The deadline grammar proper: tokens → a small syntax tree. Rules compose (a `when` is a day,
// a month, a quarter, a year or the end of one; ranges, lists and recurrences are built from
// whens), so forms that never appeared in the seeds parse as long as their parts are known.
//
//   deadline := recurring | core ("далее" "-"? (ongoing | frequency))?
//   recurring := frequency (dayOfMonth core? | core)?  |  dayOfMonth-with-"каждого месяца"
//   core     := ongoing | "с" when (("по"|"до"|"-") when)? | ("до"|"к") point
//             | ("в течение"|"в") (period | range | academic) | academic
//             | when "-" when | when+
//   when     := date | N month year? | N | month year? | (N|roman) (квартал|полугодие) year?
//             | year | "календарного года" | ("конец"|"конца") period
//   year     := 2021 | "календарного / текущего года" (the plan year)
import type { Keyword, Token } from "./tokens";

export type Unit = "month" | "quarter" | "half" | "year";
export type Frequency = "month" | "quarter" | "year";

/** A period of the calendar; `y` is null until a later token lends its year. */
export interface PeriodWhen {
  k: "period";
  pos: number;
  unit: Unit;
  n: number; // month 1–12, quarter 1–4, half 1–2; 1 for a year
  y: number | null;
}
/** A single day; month and year may be lent by a later token (`с 1 по 15 марта 2022`). */
export interface DayWhen {
  k: "day";
  pos: number;
  d: number;
  m: number | null;
  y: number | null;
  threeDigitYear: boolean;
  /** Written as `ДД.ММ.ГГГГ`: complete in itself, so it lends no month to a bare day. */
  numeric: boolean;
}
/** The last day of a period: `до конца II квартала 2023`. */
export interface EndWhen {
  k: "end";
  pos: number;
  period: PeriodWhen;
}
export type When = PeriodWhen | DayWhen | EndWhen;

export type Core =
  | { c: "when"; w: When; until: boolean } // until: introduced by `до` / `к` / `не позднее`
  | { c: "list"; ws: When[] }
  | { c: "range"; a: When; b: When; dashed: boolean }
  | { c: "from"; a: When }
  | { c: "academic"; y: number }
  | { c: "ongoing" };

export type Syntax =
  | { s: "plain"; core: Core; then: null | "ongoing" | Frequency }
  | { s: "recurring"; every: Frequency; day: number | null; bound: Core | null };

const FREQUENCY: Partial<Record<Keyword, Frequency>> = { monthly: "month", quarterly: "quarter", yearly: "year" };

/** How fine a `when` is: lists hold one grain; years only range with years. */
function grain(w: When): "day" | Unit {
  return w.k === "period" ? w.unit : "day";
}

function rangeable(a: When, b: When): boolean {
  return (grain(a) === "year") === (grain(b) === "year");
}

class Cursor {
  i = 0;
  constructor(private readonly toks: readonly Token[]) {}
  get done(): boolean {
    return this.i >= this.toks.length;
  }
  peek(offset = 0): Token | undefined {
    return this.toks[this.i + offset];
  }
  kw(...kws: Keyword[]): Keyword | null {
    const t = this.peek();
    if (t?.type === "kw" && kws.includes(t.kw)) {
      this.i++;
      return t.kw;
    }
    return null;
  }
  take<T extends Token["type"]>(type: T): Extract<Token, { type: T }> | null {
    const t = this.peek();
    if (t?.type !== type) return null;
    this.i++;
    return t as Extract<Token, { type: T }>;
  }
  /** Runs a rule; on failure (null) rewinds, so rules can be tried in order. */
  attempt<R>(rule: () => R | null): R | null {
    const at = this.i;
    const r = rule();
    if (r === null) this.i = at;
    return r;
  }
}

export function parseSyntax(tokens: readonly Token[], planYear: number): Syntax | null {
  // Commas only separate list items and clauses: they never change the meaning. A leading dash
  // is a label separator (`Срок – 01.03.2021`), as `срок` itself is filler.
  const meaningful = tokens.filter((t) => t.type !== "comma");
  while (meaningful[0]?.type === "dash") meaningful.shift();
  const cur = new Cursor(meaningful);
  const g = new Grammar(cur, planYear);
  const tree = cur.attempt(() => g.recurring()) ?? cur.attempt(() => g.plain());
  return tree && cur.done ? tree : null;
}

class Grammar {
  constructor(private readonly cur: Cursor, private readonly planYear: number) {}

  recurring(): Syntax | null {
    const cur = this.cur;
    const kw = cur.kw("monthly", "quarterly", "yearly");
    if (!kw) {
      // `до 15 числа каждого месяца` is monthly without saying `ежемесячно`.
      const day = this.dayOfMonth(true);
      return day === null ? null : { s: "recurring", every: "month", day, bound: this.rest() };
    }
    const every = FREQUENCY[kw] as Frequency;
    // A day of the month only makes sense for a monthly cycle.
    const day = every === "month" ? cur.attempt(() => this.dayOfMonth(false)) : null;
    return { s: "recurring", every, day, bound: this.rest() };
  }

  /** Whatever follows a frequency: nothing, or a core that bounds it. */
  private rest(): Core | null {
    if (this.cur.done) return null;
    return this.cur.attempt(() => {
      const bound = this.core();
      // `ежемесячно 01.03.2022` could mean from, until or on that day: a single day bounds only after `до`.
      const loneDay = bound?.c === "when" && bound.w.k !== "period" && !bound.until;
      return loneDay ? null : bound;
    });
  }

  private dayOfMonth(needEvery: boolean): number | null {
    const cur = this.cur;
    cur.kw("until");
    const n = cur.take("num");
    if (!n || n.value < 1 || n.value > 31 || !cur.kw("day-of-month")) return null;
    const every = cur.kw("every-month");
    return needEvery && !every ? null : n.value;
  }

  plain(): Syntax | null {
    const cur = this.cur;
    const core = this.core();
    if (!core) return null;
    if (!cur.kw("then")) return { s: "plain", core, then: null };
    cur.take("dash"); // `далее - постоянно`
    const next = cur.kw("ongoing", "monthly", "quarterly", "yearly");
    if (!next) return null;
    return { s: "plain", core, then: next === "ongoing" ? "ongoing" : (FREQUENCY[next] as Frequency) };
  }

  core(): Core | null {
    const cur = this.cur;
    if (cur.kw("ongoing")) return { c: "ongoing" };
    if (cur.kw("from")) return this.fromRest();
    if (cur.kw("until")) {
      // `до 15.03.2022`, `до конца марта`; but `до марта` is ambiguous (before or through March?).
      const w = this.when();
      return w && w.k !== "period" ? { c: "when", w, until: true } : null;
    }
    if (cur.kw("during", "in")) {
      // `в течение` / `в` introduce a span (`в марте 2022`, `в период с … по …`), never a bare day.
      const inner = this.core();
      const span =
        inner &&
        (inner.c === "range" ||
          inner.c === "academic" ||
          (inner.c === "when" && !inner.until && inner.w.k !== "day") ||
          (inner.c === "list" && inner.ws.every((w) => w.k === "period")));
      return span ? inner : null;
    }
    const academic = cur.attempt(() => this.academic());
    if (academic) return academic;
    const first = this.when();
    if (!first) return null;
    if (cur.take("dash")) {
      const b = this.when();
      return b && rangeable(first, b) ? { c: "range", a: first, b, dashed: true } : null;
    }
    const ws = [first];
    for (let w = cur.attempt(() => this.when()); w; w = cur.attempt(() => this.when())) ws.push(w);
    if (ws.length === 1) return { c: "when", w: first, until: false };
    // A list is several deadlines of one kind (days, or months, or quarters); `2022 14.02.2022`
    // or `марта 2023 2021` is more likely a mistake than a schedule.
    const g = grain(first);
    return g !== "year" && ws.every((w) => grain(w) === g) ? { c: "list", ws } : null;
  }

  private fromRest(): Core | null {
    const cur = this.cur;
    const a = this.when();
    if (!a) return null;
    if (!(cur.kw("to", "until") || cur.take("dash"))) return { c: "from", a };
    const b = this.when();
    return b && rangeable(a, b) ? { c: "range", a, b, dashed: false } : null;
  }

  /** `2023-2024 учебный год`, `2023/24 учебный год`, `учебный год 2023-2024`. */
  private academic(): Core | null {
    const cur = this.cur;
    const lead = cur.kw("academic-year") !== null;
    const y1 = cur.take("year");
    if (!y1 || !(cur.take("dash") || cur.take("slash"))) return null;
    const y2 = cur.take("year") ?? cur.take("num");
    if (!y2) return null;
    if (!lead && !cur.kw("academic-year")) return null;
    // An academic year spans two consecutive years: 2023-2024 or 2023/24.
    const ok = y2.type === "year" ? y2.value === y1.value + 1 : y2.text.length === 2 && y2.value === (y1.value + 1) % 100;
    return ok ? { c: "academic", y: y1.value } : null;
  }

  when(): When | null {
    const cur = this.cur;
    const pos = cur.i;
    const date = cur.take("date");
    if (date) return { k: "day", pos, d: date.d, m: date.m, y: date.y, threeDigitYear: date.threeDigitYear, numeric: true };
    if (cur.kw("end")) {
      const p = this.period();
      return p ? { k: "end", pos, period: p } : null;
    }
    const after = cur.peek(1);
    const ordinalOfPeriod = after?.type === "kw" && (after.kw === "quarter" || after.kw === "half-year");
    const num = ordinalOfPeriod ? null : cur.take("num");
    if (!num) return this.period();
    if (num.value < 1 || num.value > 31) return null;
    const month = cur.take("month");
    const y = month ? this.yearOf() : null;
    return { k: "day", pos, d: num.value, m: month?.value ?? null, y, threeDigitYear: false, numeric: false };
  }

  private period(): PeriodWhen | null {
    const cur = this.cur;
    const pos = cur.i;
    if (cur.kw("calendar-year")) return { k: "period", pos, unit: "year", n: 1, y: this.planYear };
    const year = cur.take("year");
    if (year) return { k: "period", pos, unit: "year", n: 1, y: year.value };
    const month = cur.take("month");
    if (month) return { k: "period", pos, unit: "month", n: month.value, y: this.yearOf() };
    const ordinal = cur.take("num") ?? cur.take("roman");
    const unit = ordinal && (cur.kw("quarter") ? "quarter" : cur.kw("half-year") ? "half" : null);
    if (!ordinal || !unit) return null;
    const max = unit === "quarter" ? 4 : 2;
    if (ordinal.value < 1 || ordinal.value > max) return null;
    return { k: "period", pos, unit, n: ordinal.value, y: this.yearOf() };
  }

  /** The year after a month or quarter: `2023`, or `календарного / текущего года` (the plan year). */
  private yearOf(): number | null {
    const year = this.cur.take("year");
    if (year) return year.value;
    return this.cur.kw("calendar-year") ? this.planYear : null;
  }
}
