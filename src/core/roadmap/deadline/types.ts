// The parsed form of a roadmap "Срок" cell. Pure data: the status rules (status.ts) read it
// together with the as-of date, so one parse serves any as-of date.
import type { Day } from "../../model/dates";

export type DeadlineKind =
  | "date"
  | "range"
  | "dates"
  | "month"
  | "from"
  | "recurring"
  | "academic-year"
  | "ongoing"
  | "unparsed";

export type RecurrenceUnit = "month" | "quarter" | "year";

/**
 * A repeating deadline. Occurrences fall on the last day of each month / quarter / year,
 * or on `day` of each month (clamped to the month's length), within [from, until].
 */
export interface Recurrence {
  every: RecurrenceUnit;
  day?: number;
  from?: Day;
  until?: Day;
}

export type DeadlineWarning =
  | "unparsed-deadline" // the text is not (fully) understood; kind is `unparsed`
  | "empty-deadline" // the cell is blank; kind is `unparsed`
  | "three-digit-year" // `14.02.022` read as 2022
  | "invalid-date" // an impossible date (`31.02.2021`) or a year outside 1900–9999
  | "reversed-range" // a range that ends before it starts
  | "missing-year"; // a day or month without any year to take

export interface Deadline {
  kind: DeadlineKind;
  /** The cell as text: strings verbatim, dates and serials as `ДД.ММ.ГГГГ`. */
  text: string;
  /** First day of the span, when the text gives one (range, month, from, academic year, bounded recurrence). */
  start: Day | null;
  /** The final deadline; null for from / ongoing / unparsed and for unbounded recurrences. */
  due: Day | null;
  /** Explicit dates to meet: every date of a `dates` list, or the first date before `далее …`. */
  milestones: Day[];
  recurrence: Recurrence | null;
  /** `…, далее - постоянно`: the work continues after `due`. */
  thenOngoing: boolean;
  warnings: DeadlineWarning[];
}

export interface DeadlineContext {
  /** The roadmap's plan year: anchors `в течение календарного года`. */
  planYear: number;
  /** The workbook uses the 1904 date system (serial numbers shift by 1462 days). */
  date1904?: boolean;
}
