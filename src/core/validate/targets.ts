import { UNIT } from "../dictionaries";
import type { TargetRow } from "../schemas";
import type { IssueSink, RowRecord } from "../table";
import { nearest, quoted, valueKey } from "../text";

type Key = keyof TargetRow;

const TOTAL_WORDS = new Set(["итого", "всего", "итого по муниципалитету", "муниципалитет"]);

/** Empty code or `ИТОГО` marks the municipal total row of an indicator. */
export function isTotalCode(code: string | null): boolean {
  return code === null || code === "" || TOTAL_WORDS.has(valueKey(code));
}

export function checkTargets(
  records: RowRecord<TargetRow, Key>[],
  orgCodes: ReadonlyMap<string, string>,
  sink: IssueSink<Key>,
): void {
  const seen = new Map<string, number>();
  const allCodes = [...orgCodes.values()];
  for (const rec of records) {
    const code = rec.fields.orgCode as string | null | undefined;
    if (typeof code === "string" && !isTotalCode(code) && !orgCodes.has(valueKey(code))) {
      const s = nearest(code, allCodes);
      sink.onRecord(rec, "orgCode", "unknown-organization", `Организации с кодом «${quoted(code)}» нет на листе «Организации»`, s);
      continue;
    }
    const t = rec.value;
    if (!t) continue;
    const k = `${isTotalCode(t.orgCode) ? "" : valueKey(t.orgCode!)}|${t.indicator}|${t.year}`;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, rec.row);
    else sink.onRecord(rec, "orgCode", "duplicate-code", `Этот показатель на ${t.year} год для этой организации уже задан в строке ${first}`);
  }
  checkTotals(records, sink);
}

/** Per-organization plans in persons must add up to the municipal total row (the seed: 1256). */
function checkTotals(records: RowRecord<TargetRow, Key>[], sink: IssueSink<Key>): void {
  const groups = new Map<string, { total?: RowRecord<TargetRow, Key>; sum: number; parts: number }>();
  for (const rec of records) {
    const t = rec.value;
    if (!t || rec.errors > 0 || t.unit !== UNIT.persons) continue;
    const k = `${t.indicator}|${t.year}`;
    const g = groups.get(k) ?? { sum: 0, parts: 0 };
    groups.set(k, g);
    if (isTotalCode(t.orgCode)) g.total ??= rec;
    else {
      g.sum += t.plan;
      g.parts++;
    }
  }
  for (const g of groups.values()) {
    if (!g.total || g.parts === 0) continue;
    const total = g.total.value!.plan;
    if (Math.abs(g.sum - total) > 1e-9) {
      const msg = `Сумма планов организаций (${g.sum}) не равна итогу по муниципалитету (${total})`;
      sink.onRecord(g.total, "plan", "target-total-mismatch", msg, String(g.sum));
    }
  }
}
