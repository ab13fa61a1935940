import { UNIT } from "../model/dictionaries";
import type { TargetRow } from "../read/schemas";
import type { IssueSink, RowRecord } from "../read/table";
import { valueKey } from "../model/text";
import { type OrgResolver, isTotalCode } from "../read/orgname";
import { unknownOrganization } from "./participants";

type Key = keyof TargetRow;

export interface TargetSheetOptions {
  /** Names written instead of codes (a plan keyed by name) are matched to the organizations. */
  readonly resolver?: OrgResolver;
  /** A plan keyed by names: its ИТОГО row only cross-checks the sum (a warning). */
  readonly totalsAreChecks?: boolean;
  readonly orgsWhere?: string;
}

export function checkTargets(
  records: RowRecord<TargetRow, Key>[],
  orgCodes: ReadonlyMap<string, string>,
  sink: IssueSink<Key>,
  opts: TargetSheetOptions = {},
): void {
  const seen = new Map<string, number>();
  const allCodes = [...orgCodes.values()];
  for (const rec of records) {
    const code = rec.fields.orgCode as string | null | undefined;
    if (typeof code === "string" && !isTotalCode(code) && !orgCodes.has(valueKey(code))) {
      const m = opts.resolver?.resolve(code);
      if (m?.kind === "match") {
        // A plan keyed by names: the row is the named organization's.
        (rec.fields as { orgCode: unknown }).orgCode = m.code;
        if (rec.value) (rec.value as { orgCode: string | null }).orgCode = m.code;
      } else {
        const u = unknownOrganization(code, allCodes, m, opts.orgsWhere);
        sink.onRecord(rec, "orgCode", u.code, u.message, u.suggestion);
        continue;
      }
    }
    const t = rec.value;
    if (!t) continue;
    const k = `${isTotalCode(t.orgCode) ? "" : valueKey(t.orgCode!)}|${t.indicator}|${t.year}`;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, rec.row);
    else sink.onRecord(rec, "orgCode", "duplicate-code", `Этот показатель на ${t.year} год для этой организации уже задан в строке ${first}`);
  }
  checkTotals(records, sink, opts.totalsAreChecks === true);
}

/**
 * An organization's target row in persons (or of a unit that cannot be read) with a cell that cannot be
 * read: its plan is unknown, so a sum over the organizations of its indicator and year is unknown too.
 * Its indicator and year, when readable, are in `fields`; callers match them (an unreadable one matches
 * any). An empty code is the total row, never a part.
 */
export function isUnreadablePart(rec: RowRecord<TargetRow, Key>): boolean {
  const f = rec.fields;
  if (rec.value !== null || typeof f.orgCode !== "string" || isTotalCode(f.orgCode)) return false;
  return f.unit === UNIT.persons || f.unit === null || f.unit === undefined;
}

/**
 * Per-organization plans in persons must add up to the municipal total row (the seed: 1256). A part that
 * cannot be read (a bad cell on an organization's row of that indicator and year, already an issue at its
 * cell) makes the sum unknown: then nothing is compared, so one bad cell is not also reported as a
 * mismatch on the total row, nor costs the total row its plan.
 */
function checkTotals(records: RowRecord<TargetRow, Key>[], sink: IssueSink<Key>, asCheck: boolean): void {
  const groups = new Map<string, { total?: RowRecord<TargetRow, Key>; sum: number; parts: number }>();
  const unreadable: { indicator: unknown; year: unknown }[] = [];
  for (const rec of records) {
    const t = rec.value;
    if (!t) {
      if (isUnreadablePart(rec)) unreadable.push({ indicator: rec.fields.indicator, year: rec.fields.year });
      continue;
    }
    if (rec.errors > 0 || t.unit !== UNIT.persons) continue;
    const k = `${t.indicator}|${t.year}`;
    const g = groups.get(k) ?? { sum: 0, parts: 0 };
    groups.set(k, g);
    if (isTotalCode(t.orgCode)) g.total ??= rec;
    else {
      g.sum += t.plan;
      g.parts++;
    }
  }
  // An unreadable indicator or year could be any group's: it leaves every group it may belong to open.
  const mayBelong = (u: { indicator: unknown; year: unknown }, t: TargetRow) =>
    (typeof u.indicator !== "string" || u.indicator === t.indicator) && (typeof u.year !== "number" || u.year === t.year);
  for (const g of groups.values()) {
    if (!g.total || g.parts === 0) continue;
    const t = g.total.value!;
    if (unreadable.some((u) => mayBelong(u, t))) continue;
    if (Math.abs(g.sum - t.plan) > 1e-9) {
      if (asCheck) {
        const msg = `Строка итога (${t.plan}) не равна сумме планов организаций (${g.sum}): план муниципалитета считается как сумма — ${g.sum}`;
        sink.onRecord(g.total, "plan", "plan-total-mismatch", msg, String(g.sum));
      } else {
        const msg = `Сумма планов организаций (${g.sum}) не равна итогу по муниципалитету (${t.plan})`;
        sink.onRecord(g.total, "plan", "target-total-mismatch", msg, String(g.sum));
      }
    }
  }
}
