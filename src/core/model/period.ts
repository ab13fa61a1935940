// Reporting periods: a year and a quarter (`2021-Q2`). Coverage is cumulative within the year.
import { type Day, dayFromYMD, lastDayOfMonth, ruOf, ymdOf } from "./dates";

export interface Period {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4;
}

export function parsePeriod(text: string): Period | null {
  const m = /^\s*(\d{4})\s*-?\s*[QqКк]([1-4])\s*$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, quarter: Number(m[2]) as Period["quarter"] };
}

export function periodCode(p: Period): string {
  return `${p.year}-Q${p.quarter}`;
}

export function yearStart(p: Period): Day {
  return dayFromYMD(p.year, 1, 1);
}

export function quarterStart(p: Period): Day {
  return dayFromYMD(p.year, p.quarter * 3 - 2, 1);
}

export function periodEnd(p: Period): Day {
  return lastDayOfMonth(p.year, p.quarter * 3);
}

export function periodOfDay(day: Day): Period {
  const { y, m } = ymdOf(day);
  return { year: y, quarter: Math.ceil(m / 3) as Period["quarter"] };
}

/** The share of the plan year elapsed by the period end, by quarters (Q2 → 0.5). */
export function yearShareElapsed(p: Period): number {
  return p.quarter / 4;
}

const ROMAN = ["I", "II", "III", "IV"];

/** `II квартал 2021 г.` */
export function quarterName(p: Period): string {
  return `${ROMAN[p.quarter - 1]} квартал ${p.year} г.`;
}

/** `I квартал 2021 г. (01.01.2021–31.03.2021)`: the quarter named the Russian way. */
export function periodTitle(p: Period): string {
  return `${quarterName(p)} (${ruOf(quarterStart(p))}–${ruOf(periodEnd(p))})`;
}
