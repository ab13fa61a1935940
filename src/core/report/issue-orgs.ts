// Which organization a roster issue belongs to: the code written on its row. Used to group issues the
// way a curator sends them back to schools (the pane, the report's data-quality section).
import type { WorkbookAnalysis } from "../analyze";
import type { Issue } from "../model/issues";

/** The organization code of the issue's roster row as written, "" when it has none; undefined off-roster. */
export function issueOrganizer(a: WorkbookAnalysis): (i: Issue) => string | undefined {
  // Records are in row order: a binary search per issue, rather than a key for each of 100 000 rows. Base
  // lists one under another on one sheet are read as blocks of it: their records are merged, in row order.
  const bySheet = new Map<string, (typeof a.participants)[number]["records"]>();
  for (const s of a.participants) {
    const name = s.located.sheet.name;
    const earlier = bySheet.get(name);
    bySheet.set(name, earlier === undefined ? s.records : [...earlier, ...s.records].sort((x, y) => x.row - y.row));
  }
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
