import type { OrganizationRow } from "../schemas";
import type { IssueSink, RowRecord } from "../table";
import { quoted, valueKey } from "../text";

type Key = keyof OrganizationRow;

/** Codes must be unique: the later row is the duplicate and names the earlier one. */
export function checkOrganizations(records: RowRecord<OrganizationRow, Key>[], sink: IssueSink<Key>): void {
  const seen = new Map<string, number>();
  for (const rec of records) {
    const code = rec.fields.code;
    if (typeof code !== "string" || code === "") continue;
    const k = valueKey(code);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, rec.row);
    else sink.onRecord(rec, "code", "duplicate-code", `Код «${quoted(code)}» уже указан в строке ${first}`);
  }
}
