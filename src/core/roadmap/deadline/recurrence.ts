// Occurrences of a recurrence: month ends, quarter ends, year ends, or a day of each month.
// Computed on demand around a given day, so open-ended recurrences need no list.
import { type Day, daysInMonth, dayFromYMD, ymdOf } from "../../model/dates";
import type { Recurrence, RecurrenceUnit } from "./types";

const STEP: Readonly<Record<RecurrenceUnit, number>> = { month: 1, quarter: 3, year: 12 };
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
// Any unit recurs at least once in 12 consecutive months; 13 covers the partial month at the edge.
const SEARCH_MONTHS = 13;

/** The occurrence in month (y, m), if the recurrence has one there (ignoring from/until). */
function inMonth(r: Recurrence, y: number, m: number): Day | null {
  if (y < MIN_YEAR || y > MAX_YEAR || m % STEP[r.every] !== 0) return null;
  const dim = daysInMonth(y, m);
  // `до 31 числа` in February means the last day of February.
  return dayFromYMD(y, m, r.day === undefined ? dim : Math.min(r.day, dim));
}

/** The latest occurrence strictly before `limit`, within [from, until]. */
export function occurrenceBefore(r: Recurrence, limit: Day): Day | null {
  const bound = r.until === undefined ? limit : Math.min(limit, r.until + 1);
  let { y, m } = ymdOf(bound);
  for (let k = 0; k < SEARCH_MONTHS && y >= MIN_YEAR; k++) {
    const c = inMonth(r, y, m);
    if (c !== null && c < bound) return r.from === undefined || c >= r.from ? c : null;
    [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
  }
  return null;
}

/** The earliest occurrence on or after `limit`, within [from, until]. */
export function occurrenceFrom(r: Recurrence, limit: Day): Day | null {
  const bound = r.from === undefined ? limit : Math.max(limit, r.from);
  let { y, m } = ymdOf(bound);
  for (let k = 0; k < SEARCH_MONTHS && y <= MAX_YEAR; k++) {
    const c = inMonth(r, y, m);
    if (c !== null && c >= bound) return r.until === undefined || c <= r.until ? c : null;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return null;
}

/** The last occurrence of a bounded recurrence (its final deadline), or null when open-ended or empty. */
export function lastOccurrence(r: Recurrence): Day | null {
  return r.until === undefined ? null : occurrenceBefore(r, r.until + 1);
}
