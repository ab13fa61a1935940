// Entry point: a "Срок" cell (text, date or Excel serial) → Deadline. Never throws.
import { isCellError, type CellValue } from "../../model/cells";
import { type Day, dayFromDate, dayFromExcelSerial, ruOf, ymdOf } from "../../model/dates";
import { interpret } from "./interpret";
import { normalizeText } from "./normalize";
import { parseSyntax } from "./syntax";
import { tokenize } from "./tokens";
import type { Deadline, DeadlineContext, DeadlineWarning } from "./types";

export type { Deadline, DeadlineContext, DeadlineKind, DeadlineWarning, Recurrence } from "./types";

function unparsed(text: string, ...warnings: DeadlineWarning[]): Deadline {
  // A blank cell is not a text we failed to understand: it gets only `empty-deadline`.
  const all = warnings.includes("empty-deadline") ? warnings : [...new Set<DeadlineWarning>(["unparsed-deadline", ...warnings])];
  return { kind: "unparsed", text, start: null, due: null, milestones: [], recurrence: null, thenOngoing: false, warnings: all };
}

function single(day: Day): Deadline {
  return { kind: "date", text: ruOf(day), start: null, due: day, milestones: [], recurrence: null, thenOngoing: false, warnings: [] };
}

function fromDay(day: Day | null, text: string): Deadline {
  if (day === null) return unparsed(text, "invalid-date");
  const { y } = ymdOf(day);
  return y >= 1900 && y <= 9999 ? single(day) : unparsed(text, "invalid-date");
}

/** A whole number 1900–2100 in a cell is a year someone typed (`2021`), not the serial of a day in 1905. */
const looksLikeYear = (n: number) => Number.isInteger(n) && n >= 1900 && n <= 2100;

function fromText(text: string, ctx: DeadlineContext): Deadline {
  const tokens = tokenize(text);
  if (tokens.length === 0) return unparsed(text, normalizeText(text) === "" ? "empty-deadline" : "unparsed-deadline");
  const tree = parseSyntax(tokens, ctx.planYear);
  if (!tree) return unparsed(text);
  const r = interpret(tree, text);
  return r.ok ? r.deadline : unparsed(text, r.warning);
}

export function parseDeadline(cell: CellValue, ctx: DeadlineContext): Deadline {
  try {
    if (cell === null || cell === undefined) return unparsed("", "empty-deadline");
    if (cell instanceof Date) return fromDay(dayFromDate(cell), String(cell));
    if (typeof cell === "number") {
      if (looksLikeYear(cell)) return fromText(String(cell), ctx);
      return fromDay(dayFromExcelSerial(cell, ctx.date1904 ?? false), String(cell));
    }
    if (typeof cell === "boolean") return unparsed(String(cell));
    if (isCellError(cell)) return unparsed(cell.error);
    if (typeof cell === "string") return fromText(cell, ctx);
    return unparsed(String(cell));
  } catch {
    // A bug in a rule must cost one cell its parse, not the whole roadmap check.
    return unparsed(typeof cell === "string" ? cell : "");
  }
}
