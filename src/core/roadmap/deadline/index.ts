// Public API of the deadline grammar (SPEC §5): parse a "Срок" cell, then rate it at an as-of date.
export { parseDeadline } from "./grammar";
export { roadmapStatus, isSeries } from "./status";
export type { RoadmapProgress, RoadmapStatus, StatusResult } from "./status";
export { occurrenceBefore, occurrenceFrom, lastOccurrence } from "./recurrence";
export { tokenize } from "./tokens";
export type { Token, Keyword } from "./tokens";
export { normalizeText } from "./normalize";
export type {
  Deadline,
  DeadlineContext,
  DeadlineKind,
  DeadlineWarning,
  Recurrence,
  RecurrenceUnit,
} from "./types";
