// Validation issues (SPEC §3): stable codes, one cell each, a Russian message, maybe a suggestion.

export const ISSUE_CODES = [
  "missing-column",
  "missing-value",
  "unknown-value",
  "unknown-organization",
  "invalid-date",
  "invalid-number",
  "date-order",
  "formula-error",
  "duplicate-person",
  "duplicate-code",
  "no-consent",
  "age-out-of-range",
  "form-category-mismatch",
  "pair-without-mentor",
  "target-total-mismatch",
  "unparsed-deadline",
  "uncalculated-formula",
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type Severity = "error" | "warning";

const WARNINGS: ReadonlySet<IssueCode> = new Set<IssueCode>([
  "duplicate-person",
  "no-consent",
  "age-out-of-range",
  "form-category-mismatch",
  "pair-without-mentor",
  "unparsed-deadline",
]);

export function severityOf(code: IssueCode): Severity {
  return WARNINGS.has(code) ? "warning" : "error";
}

export interface Issue {
  readonly sheet: string;
  readonly cell: string;
  readonly row: number;
  readonly column: string;
  readonly severity: Severity;
  readonly code: IssueCode;
  readonly message: string;
  readonly suggestion?: string;
}

export function makeIssue(
  at: { sheet: string; cell: string; row: number; column: string },
  code: IssueCode,
  message: string,
  suggestion?: string,
): Issue {
  // Written out, not spread: one object of one shape per issue, and a roster may have tens of thousands.
  const issue: { -readonly [P in keyof Issue]: Issue[P] } = { sheet: at.sheet, cell: at.cell, row: at.row, column: at.column, severity: severityOf(code), code, message };
  if (suggestion !== undefined) issue.suggestion = suggestion;
  return issue;
}

/** Errors first, then by sheet, row and column: the order a person fixes them in. */
export function compareIssues(a: Issue, b: Issue): number {
  if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
  if (a.row !== b.row) return a.row - b.row;
  return a.cell.length - b.cell.length || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0);
}
