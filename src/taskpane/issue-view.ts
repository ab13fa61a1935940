// The check's issues as the pane lists them: filtered, grouped by school (roster sheets) or by sheet,
// identical problems folded into one line with their cells, flattened for a virtual list. Pure: no DOM.
import { ISSUE_NAMES, isFixable, plainMessage } from "../core/model/issue-names";
import type { IssueCode, Severity } from "../core/model/issues";
import type { PaneIssue } from "../engine/tasks";

export interface IssueFilter {
  readonly severity: "all" | Severity;
  readonly sheet: string; // "" for all
  readonly org: string; // "" for all; ORG_NONE for roster rows without a code
  readonly code: "" | IssueCode;
}

export const NO_FILTER: IssueFilter = { severity: "all", sheet: "", org: "", code: "" };
export const ORG_NONE = "\u0000none";

/** One line of the list: one problem, in one or more cells of one column. */
export interface IssueLine {
  readonly key: string;
  readonly sheet: string;
  readonly org: string | undefined;
  readonly code: IssueCode;
  readonly name: string;
  readonly severity: Severity;
  readonly column: string;
  readonly message: string;
  readonly suggestion?: string;
  /** The cells' text at the check; a fix writes only cells that still hold it. */
  readonly value?: string;
  readonly fixable: boolean;
  readonly cells: readonly string[];
}

export interface IssueGroup {
  readonly key: string;
  /** Roster: the organization code (ORG_NONE for none); other sheets: the sheet name. */
  readonly org: string | null;
  readonly sheet: string | null;
  readonly count: number;
  readonly errors: number;
  readonly lines: readonly IssueLine[];
}

export type ListItem = { readonly kind: "group"; readonly group: IssueGroup } | { readonly kind: "line"; readonly line: IssueLine; readonly group: IssueGroup; readonly ordinal: number };

export function matches(i: PaneIssue, f: IssueFilter): boolean {
  if (f.severity !== "all" && i.severity !== f.severity) return false;
  if (f.sheet !== "" && i.sheet !== f.sheet) return false;
  if (f.code !== "" && i.code !== f.code) return false;
  if (f.org !== "") {
    if (i.org === undefined) return false;
    if (f.org === ORG_NONE ? i.org !== "" : i.org !== f.org) return false;
  }
  return true;
}

const natural = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });

/**
 * Issues grouped as they are added: a long list can be grouped a slice at a time, between frames
 * (useIssueGroups in CheckTab), and gives the same groups as grouping it at once.
 */
export class IssueGrouper {
  private readonly groups = new Map<string, { org: string | null; sheet: string | null; lines: Map<string, { line: IssueLine; cells: string[] }>; count: number; errors: number }>();

  constructor(private readonly f: IssueFilter = NO_FILTER) {}

  add(issues: readonly PaneIssue[], from = 0, to = issues.length): void {
    const { groups, f } = this;
    for (let k = from; k < to; k++) {
      const i = issues[k];
      if (!matches(i, f)) continue;
      const gk = i.org === undefined ? `s|${i.sheet}` : `o|${i.org === "" ? ORG_NONE : i.org}`;
      let g = groups.get(gk);
      if (!g) groups.set(gk, (g = { org: i.org === undefined ? null : i.org === "" ? ORG_NONE : i.org, sheet: i.org === undefined ? i.sheet : null, lines: new Map(), count: 0, errors: 0 }));
      g.count++;
      if (i.severity === "error") g.errors++;
      const message = plainMessage(i);
      const fixable = isFixable(i) && i.value !== undefined;
      // Identical problems: same sheet, column, kind and words (and the same text to fix) fold into one line.
      const lk = `${i.sheet}|${i.column}|${i.code}|${message}|${i.suggestion ?? ""}|${fixable ? i.value : ""}`;
      const hit = g.lines.get(lk);
      if (hit) hit.cells.push(i.cell);
      else {
        const cells = [i.cell];
        g.lines.set(lk, {
          cells,
          line: { key: `${gk}|${lk}`, sheet: i.sheet, org: i.org, code: i.code, name: ISSUE_NAMES[i.code] ?? i.code, severity: i.severity, column: i.column, message, suggestion: i.suggestion, value: i.value, fixable, cells },
        });
      }
    }
  }

  /** Groups: the district's own sheets first (by name), then schools by code (СОШ2 before СОШ10), no code last. */
  result(): IssueGroup[] {
    const out: IssueGroup[] = [...this.groups].map(([key, g]) => ({
      key,
      org: g.org,
      sheet: g.sheet,
      count: g.count,
      errors: g.errors,
      // Errors before warnings, then in sheet order (the first cell's row), as a person fixes them.
      lines: [...g.lines.values()].map((x) => x.line).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1)),
    }));
    const rank = (g: IssueGroup) => (g.sheet !== null ? 0 : g.org === ORG_NONE ? 2 : 1);
    return out.sort((a, b) => rank(a) - rank(b) || natural.compare(a.sheet ?? a.org ?? "", b.sheet ?? b.org ?? ""));
  }
}

/** Groups: the district's own sheets first (by name), then schools by code (СОШ2 before СОШ10), no code last. */
export function groupIssues(issues: readonly PaneIssue[], f: IssueFilter = NO_FILTER): IssueGroup[] {
  const grouper = new IssueGrouper(f);
  grouper.add(issues);
  return grouper.result();
}

/** Headings and lines in one array, as the virtual list renders them. */
export function flatten(groups: readonly IssueGroup[]): ListItem[] {
  const items: ListItem[] = [];
  let ordinal = 0;
  for (const g of groups) {
    items.push({ kind: "group", group: g });
    for (const line of g.lines) items.push({ kind: "line", line, group: g, ordinal: ordinal++ });
  }
  return items;
}

/** The choices of each filter, with counts, from the whole list. */
export function filterChoices(issues: readonly PaneIssue[]) {
  const sheets = new Map<string, number>();
  const orgs = new Map<string, number>();
  const codes = new Map<IssueCode, number>();
  for (const i of issues) {
    sheets.set(i.sheet, (sheets.get(i.sheet) ?? 0) + 1);
    if (i.org !== undefined) orgs.set(i.org === "" ? ORG_NONE : i.org, (orgs.get(i.org === "" ? ORG_NONE : i.org) ?? 0) + 1);
    codes.set(i.code, (codes.get(i.code) ?? 0) + 1);
  }
  return {
    sheets: [...sheets].sort((a, b) => natural.compare(a[0], b[0])),
    orgs: [...orgs].sort((a, b) => (a[0] === ORG_NONE ? 1 : b[0] === ORG_NONE ? -1 : natural.compare(a[0], b[0]))),
    codes: [...codes].sort((a, b) => b[1] - a[1]),
  };
}
