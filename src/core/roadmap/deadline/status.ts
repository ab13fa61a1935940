// Status of a roadmap item at an as-of date (SPEC §5). One-off deadlines compare `due` with the
// as-of date; series (recurring, `dates`) look at the occurrences around it and at the
// completion date, which for a series means "the last time it was done".
import type { Day } from "../../model/dates";
import { occurrenceBefore, occurrenceFrom } from "./recurrence";
import type { Deadline } from "./types";

export type RoadmapProgress = "Выполнено" | "В работе" | "Не начато" | "Отменено";
export type RoadmapStatus = "done" | "cancelled" | "overdue" | "due-soon" | "on-track" | "ongoing" | "no-date";

export interface StatusResult {
  status: RoadmapStatus;
  /** The due date that matters at asOf: the deadline, the missed occurrence or the next one. */
  due: Day | null;
  /** asOf − due, only when overdue (≥ 1); null otherwise. */
  daysOverdue: number | null;
}

const result = (status: RoadmapStatus, due: Day | null, daysOverdue: number | null = null): StatusResult => ({
  status,
  due,
  daysOverdue,
});

const maxOf = (a: Day | null, b: Day | null): Day | null => (a === null ? b : b === null ? a : Math.max(a, b));
const minOf = (a: Day | null, b: Day | null): Day | null => (a === null ? b : b === null ? a : Math.min(a, b));

export const isSeries = (d: Deadline): boolean => d.kind === "recurring" || d.kind === "dates";

/** Occurrences strictly before asOf have passed; one falling on asOf is still due (today). */
function around(d: Deadline, asOf: Day): { prev: Day | null; next: Day | null } {
  let prev: Day | null = null;
  let next: Day | null = null;
  for (const m of d.milestones) {
    if (m < asOf) prev = maxOf(prev, m);
    else next = minOf(next, m);
  }
  if (d.recurrence) {
    prev = maxOf(prev, occurrenceBefore(d.recurrence, asOf));
    next = minOf(next, occurrenceFrom(d.recurrence, asOf));
  }
  return { prev, next };
}

function seriesStatus(d: Deadline, progress: RoadmapProgress, completed: Day | null, asOf: Day, window: number): StatusResult {
  const { prev, next } = around(d, asOf);
  const covered = (x: Day) => completed !== null && completed >= x;
  if (prev !== null && !covered(prev)) {
    // A finished series marked Выполнено without a date is taken as done; a date before the
    // last occurrence says otherwise.
    if (progress === "Выполнено" && next === null && completed === null) return result("done", prev);
    return result("overdue", prev, asOf - prev);
  }
  if (next === null) return prev !== null || progress === "Выполнено" ? result("done", prev) : result("no-date", null);
  if (covered(next)) return result("done", next);
  if (next <= asOf + window) return result("due-soon", next);
  return prev !== null ? result("done", next) : result("on-track", next);
}

export function roadmapStatus(
  d: Deadline,
  progress: RoadmapProgress,
  completed: Day | null,
  asOf: Day,
  dueSoonDays: number,
): StatusResult {
  const window = Number.isFinite(dueSoonDays) ? Math.max(0, Math.floor(dueSoonDays)) : 0;
  if (progress === "Отменено") return result("cancelled", d.due);
  if (isSeries(d)) return seriesStatus(d, progress, completed, asOf, window);
  if (progress === "Выполнено") return result("done", d.due);
  if (d.kind === "unparsed") return result("no-date", null);
  if (d.due === null) return result("ongoing", null);
  if (d.due < asOf) {
    // `01.03.2022, далее на постоянной основе`: once the date has passed, work in progress is the
    // ongoing part; only an item never started is overdue.
    if (d.thenOngoing && progress === "В работе") return result("ongoing", null);
    return result("overdue", d.due, asOf - d.due);
  }
  return result(d.due <= asOf + window ? "due-soon" : "on-track", d.due);
}
