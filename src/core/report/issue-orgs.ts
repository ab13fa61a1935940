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
  // Issues come sorted by sheet and row: the next one's record is usually a few records further on, found
  // by stepping from the last one found rather than by a search across the whole sheet's records.
  let lastSheet: string | undefined;
  let lastRecords: (typeof a.participants)[number]["records"] | undefined;
  let at = 0;
  return (i) => {
    if (i.sheet !== lastSheet) {
      lastSheet = i.sheet;
      lastRecords = bySheet.get(i.sheet);
      at = 0;
    }
    const records = lastRecords;
    if (!records) return undefined;
    if (at < records.length && records[at].row <= i.row) {
      let k = at;
      const stop = Math.min(records.length, at + 16);
      while (k < stop && records[k].row < i.row) k++;
      // A row read as two records (a pair row's mentor and mentee) is left to the search, as before.
      if (k < records.length && records[k].row === i.row && records[k + 1]?.row !== i.row && records[k - 1]?.row !== i.row) {
        at = k;
        const code = records[k].fields.orgCode;
        return typeof code === "string" ? code : "";
      }
      else if (k < stop && records[k].row > i.row) {
        at = k;
        return "";
      }
    }
    let lo = 0;
    let hi = records.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const row = records[mid].row;
      if (row === i.row) {
        at = mid;
        const code = records[mid].fields.orgCode;
        return typeof code === "string" ? code : "";
      }
      if (row < i.row) lo = mid + 1;
      else hi = mid - 1;
    }
    return "";
  };
}
