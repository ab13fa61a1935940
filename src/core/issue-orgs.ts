// Which organization a roster issue belongs to: the code written on its row. Used to group issues the
// way a curator sends them back to schools (the pane, the report's data-quality section).
import type { WorkbookAnalysis } from "./analyze";
import type { Issue } from "./issues";

/** The organization code of the issue's roster row as written, "" when it has none; undefined off-roster. */
export function issueOrganizer(a: WorkbookAnalysis): (i: Issue) => string | undefined {
  const orgOfRow = new Map<string, string>();
  for (const s of a.participants) {
    for (const rec of s.records) {
      const code = rec.fields.orgCode;
      orgOfRow.set(`${s.located.sheet.name}|${rec.row}`, typeof code === "string" ? code : "");
    }
  }
  const rosterSheets = new Set(a.participants.map((s) => s.located.sheet.name));
  return (i) => (rosterSheets.has(i.sheet) ? orgOfRow.get(`${i.sheet}|${i.row}`) ?? "" : undefined);
}
