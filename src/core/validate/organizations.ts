import type { OrganizationRow } from "../read/schemas";
import type { IssueSink, RowRecord } from "../read/table";
import { quoted, valueKey } from "../model/text";

type Key = keyof OrganizationRow;

/**
 * Codes must be unique: the later row is the duplicate and names the earlier one. The organization of a
 * code is its first row: the roster rows of that code are counted there (nothing of theirs is lost), and
 * the duplicate row adds nothing, which its message says.
 */
export function checkOrganizations(records: RowRecord<OrganizationRow, Key>[], sink: IssueSink<Key>): void {
  const seen = new Map<string, number>();
  for (const rec of records) {
    const code = rec.fields.code;
    if (typeof code !== "string" || code === "") continue;
    const k = valueKey(code);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, rec.row);
    else {
      const msg = `Код «${quoted(code)}» уже указан в строке ${first}. Эта строка в охват не входит: участники с этим кодом учитываются за организацию из строки ${first}`;
      sink.onRecord(rec, "code", "duplicate-code", msg);
    }
  }
}
