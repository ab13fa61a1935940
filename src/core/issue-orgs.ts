// Which organization a roster issue belongs to: the code written on its row. Used to group issues the
// way a curator sends them back to schools (the pane, the report's data-quality section).
import type { WorkbookAnalysis } from "./analyze";
import type { Issue } from "./issues";

/** The organization code of the issue's roster row as written, "" when it has none; undefined off-roster. */
export function issueOrganizer(a: WorkbookAnalysis): (i: Issue) => string | undefined {
  // Records are in row order: a binary search per issue, rather than a key for each of 100 000 rows.
  const bySheet = new Map(a.participants.map((s) => [s.located.sheet.name, s.records]));
  return (i) => {
    const records = bySheet.get(i.sheet);
    if (!records) return undefined;
    let lo = 0;
    let hi = records.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const row = records[mid].row;
      if (row === i.row) {
        const code = records[mid].fields.orgCode;
        return typeof code === "string" ? code : "";
      }
      if (row < i.row) lo = mid + 1;
      else hi = mid - 1;
    }
    return "";
  };
}
