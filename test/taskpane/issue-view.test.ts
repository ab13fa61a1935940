// The issue list's grouping a slice at a time (CheckTab groups a district's thousands of issues between
// frames) gives exactly the groups of grouping them at once, under any filter.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { todayDay } from "../../src/core/model/dates";
import { IssueGrouper, NO_FILTER, ORG_NONE, groupIssues } from "../../src/taskpane/issue-view";
import { FileBook } from "../../src/web/book";
import type { PaneIssue } from "../../src/engine/tasks";

const ROOT = join(__dirname, "..", "..");

test("slices of any size group as the whole list does", () => {
  const book = FileBook.open(new Uint8Array(readFileSync(join(ROOT, "examples", "boksitogorsk-2021.xlsx"))), "x.xlsx");
  const base = book.run("check", { today: todayDay(new Date("2021-06-30T09:00:00Z")) }).issues;
  // A long list: the example's issues many times over, in other organizations and rows.
  const issues: PaneIssue[] = [];
  for (let k = 0; k < 300; k++) for (const i of base) issues.push({ ...i, org: i.org === undefined ? undefined : k % 7 === 0 ? "" : `${i.org}${k % 11}`, cell: `${i.cell.replace(/\d+$/, "")}${i.row + k}`, row: i.row + k });
  for (const filter of [NO_FILTER, { ...NO_FILTER, severity: "error" as const }, { ...NO_FILTER, org: ORG_NONE }, { ...NO_FILTER, sheet: "Участники" }]) {
    const whole = groupIssues(issues, filter);
    for (const size of [1, 997, 1500, issues.length]) {
      const g = new IssueGrouper(filter);
      for (let at = 0; at < issues.length; at += size) g.add(issues, at, Math.min(issues.length, at + size));
      expect(g.result()).toEqual(whole);
    }
  }
});
