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
  // Layouts as the documents write them (docs/layouts.md):
  "ambiguous-organization", // a name that fits several organizations
  "plan-total-mismatch", // warning: the ИТОГО row of a plan table keyed by name is not the sum of its rows
  "unknown-indicator", // warning: an indicator sentence that names no known indicator; that target is left out
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
  "plan-total-mismatch",
  "unknown-indicator",
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

/**
 * How the product read something it had to infer (a layout other than the template's): not a problem, but
 * stated at the cell it concerns so the user can check it. Kept apart from the issues: notes never count as
 * errors or warnings, are not highlighted, and do not change `validate`'s exit code.
 */
export const NOTE_CODES = [
  "type-inferred", // an organization's type taken from its name
  "type-unknown", // no type column and none implied by the name: the organization is in no type-based indicator
  "indicator-understood", // an indicator sentence read as one of the indicators
  "percent-as-fraction", // 0,35 in a percentage target read as 35 %
  "year-from-header", // a plan's year (and unit) read from its column header or title
  "organizations-from-plan", // no «Организации» sheet: the organizations are the plan table's
  "role-from-title", // a base list's role taken from its sheet, table or block title
  "category-from-form", // a category taken from the form of mentorship (pair rows, base lists)
  "pair-from-row", // pair rows without a pair column: each row is one pair
  "mapping-unused", // a column mapping in «Настройки» names a header the sheet does not have
] as const;
export type NoteCode = (typeof NOTE_CODES)[number];

export interface Note {
  readonly sheet: string;
  readonly cell: string;
  readonly row: number;
  readonly column: string;
  readonly code: NoteCode;
  readonly message: string;
}
