// Shared helpers for the deadline tests: ISO strings in, Days out, so expectations read like dates.
import { type Day, isoOf, parseIsoDay } from "../../src/core/model/dates";
import type { Deadline } from "../../src/core/roadmap/deadline";

export function day(iso: string): Day {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

export const isoOrNull = (d: Day | null | undefined): string | null => (d === null || d === undefined ? null : isoOf(d));

/** A deadline with every Day shown as ISO: readable diffs when an expectation fails. */
export function readable(d: Deadline) {
  return {
    kind: d.kind,
    start: isoOrNull(d.start),
    due: isoOrNull(d.due),
    milestones: d.milestones.map(isoOf),
    recurrence: d.recurrence && {
      every: d.recurrence.every,
      day: d.recurrence.day ?? null,
      from: isoOrNull(d.recurrence.from),
      until: isoOrNull(d.recurrence.until),
    },
    thenOngoing: d.thenOngoing,
    warnings: d.warnings,
  };
}
