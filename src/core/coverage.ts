// Coverage per organization and for the municipality (SPEC §4).
import type { WorkbookAnalysis } from "./analyze";
import type { Day } from "./dates";
import { CATEGORY, type IndicatorCode, ROLE, UNIT, indicatorCodeOf } from "./dictionaries";
import { type Period, periodEnd, yearShareElapsed, yearStart } from "./period";
import { isTotalCode } from "./validate/targets";
import { keepShape } from "./shapes";
import { valueKey } from "./text";
import type { ParticipantRow } from "./schemas";
import type { RowRecord } from "./table";

export type CoverageStatus = "выполнен" | "в графике" | "отстаёт" | "нет плана";

export interface CoverageCounts {
  readonly target: number | null;
  readonly covered: number;
  readonly percentOfTarget: number | null;
  readonly contingent: number | null;
  readonly share: number | null;
  readonly mentors: number;
  readonly pairs: number;
  readonly excludedRows: number;
  /** Unique mentees per form of mentorship (a person in two forms counts in both). */
  readonly byForm: Readonly<Record<string, number>>;
  /** Unique mentees of category Молодой специалист or Педагог, and the denominator. */
  readonly youngTeachersCovered: number;
  readonly youngTeachers: number | null;
  readonly status: CoverageStatus;
}

export interface OrgCoverage extends CoverageCounts {
  readonly code: string;
  readonly name: string;
  readonly type: string;
}

export interface IndicatorFact {
  readonly code: IndicatorCode;
  readonly orgCode: string | null; // null: the municipality
  readonly plan: number | null;
  readonly unit: string;
  readonly fact: number | null;
  readonly status: CoverageStatus;
}

export interface RowAccounting {
  /** Valid rows whose participation overlaps the period. */
  readonly counted: number;
  /** Valid rows outside the period (started after it or ended before the year). */
  readonly outsidePeriod: number;
  /** Rows with at least one error. */
  readonly excluded: number;
  /** Empty rows inside the data, skipped. */
  readonly empty: number;
}

export interface CoverageResult {
  readonly period: Period;
  readonly from: Day;
  readonly to: Day;
  readonly organizations: OrgCoverage[];
  readonly total: CoverageCounts;
  /** Excluded rows whose organization code is unknown or missing. */
  readonly unattributedExcluded: number;
  readonly rows: RowAccounting;
  readonly indicators: IndicatorFact[];
}

export const percent = (num: number, den: number | null): number | null => (den ? (num / den) * 100 : null);

function statusOf(pct: number | null, period: Period): CoverageStatus {
  if (pct === null) return "нет плана";
  if (pct >= 100) return "выполнен";
  return pct >= yearShareElapsed(period) * 100 ? "в графике" : "отстаёт";
}

// Counts per organization. A person belongs to one organization (the organization is part of who they
// are), so "unique per organization" needs no set per organization: one flag per person and category
// says whether they were counted already. Person numbers are dense, so the flags are small typed arrays.
interface Acc {
  mentees: number;
  mentors: number;
  pairs: Set<string>;
  young: number;
  forms: Map<string, number>;
  excluded: number;
}
const newAcc = (): Acc => ({ mentees: 0, mentors: 0, pairs: new Set(), young: 0, forms: new Map(), excluded: 0 });

/** Marks person numbers; true the first time a number is marked. */
class Flags {
  private readonly seen: Uint8Array;
  constructor(size: number) {
    this.seen = new Uint8Array(size);
  }
  first(who: number): boolean {
    if (this.seen[who] === 1) return false;
    this.seen[who] = 1;
    return true;
  }
}

/**
 * Counts roster rows into their organizations. The per-row work is a method rather than the body of one
 * long loop, so V8 optimizes it once instead of recompiling the loop mid-run on every call.
 */
class RowCounter {
  readonly accs = new Map<string, Acc>();
  readonly rows = { counted: 0, outsidePeriod: 0, excluded: 0, empty: 0 };
  unattributed = 0;
  private readonly mentees: Flags;
  private readonly mentors: Flags;
  private readonly young: Flags;
  private readonly byForm = new Map<string, Flags>();
  private lastCode: string | undefined;
  private lastAcc: Acc | undefined;

  constructor(
    private readonly a: WorkbookAnalysis,
    private readonly from: number,
    private readonly to: number,
  ) {
    for (const key of a.orgCodes.keys()) this.accs.set(key, newAcc());
    this.mentees = new Flags(a.personCount);
    this.mentors = new Flags(a.personCount);
    this.young = new Flags(a.personCount);
  }

  row(rec: RowRecord<ParticipantRow, keyof ParticipantRow>): void {
    const p = rec.value;
    if (rec.errors > 0 || !p) {
      this.rows.excluded++;
      const code = rec.fields.orgCode;
      const acc = typeof code === "string" ? this.accs.get(valueKey(code)) : undefined;
      if (acc) acc.excluded++;
      else this.unattributed++;
      return;
    }
    if (p.start > this.to || (p.end !== null && p.end < this.from)) {
      this.rows.outsidePeriod++;
      return;
    }
    this.rows.counted++;
    // Rosters come grouped by organization: the previous row's is usually this row's.
    if (p.orgCode !== this.lastCode) {
      this.lastCode = p.orgCode;
      this.lastAcc = this.accs.get(valueKey(p.orgCode))!;
    }
    const acc = this.lastAcc!;
    const who = rec.identity; // the person's number, given by the roster checks to every valid row
    if (who === undefined) throw new Error(`coverage: row ${rec.row} has no person number`);
    if (p.pair) acc.pairs.add(valueKey(p.pair));
    if (p.role === ROLE.mentor) {
      if (this.mentors.first(who)) acc.mentors++;
      return;
    }
    if (p.category === CATEGORY.student && this.mentees.first(who)) acc.mentees++;
    if ((p.category === CATEGORY.youngSpecialist || p.category === CATEGORY.teacher) && this.young.first(who)) acc.young++;
    let f = this.byForm.get(p.form);
    if (!f) this.byForm.set(p.form, (f = new Flags(this.a.personCount)));
    if (f.first(who)) acc.forms.set(p.form, (acc.forms.get(p.form) ?? 0) + 1);
  }
}

keepShape(new Flags(0));
keepShape(new RowCounter({ orgCodes: new Map(), personCount: 0 } as unknown as WorkbookAnalysis, 0, 0));

export function computeCoverage(a: WorkbookAnalysis, period: Period): CoverageResult {
  const from = yearStart(period);
  const to = periodEnd(period);
  const counter = new RowCounter(a, from, to);
  for (const sheet of a.participants) {
    counter.rows.empty += sheet.emptyRows;
    const records = sheet.records;
    for (let i = 0; i < records.length; i++) counter.row(records[i]);
  }
  const { accs, rows } = counter;
  const unattributed = counter.unattributed;

  const plans = planTable(a, period.year);
  const organizations: OrgCoverage[] = [];
  for (const rec of a.organizations?.records ?? []) {
    const o = rec.value;
    const key = typeof rec.fields.code === "string" ? valueKey(rec.fields.code) : "";
    // Only the first row of a code carries the organization; a duplicate code row is an error already.
    if (!o || organizations.some((x) => valueKey(x.code) === key)) continue;
    const acc = accs.get(key)!;
    const target = plans.get(`students-count|${key}`) ?? null;
    const covered = acc.mentees;
    const pct = percent(covered, target);
    organizations.push({
      code: o.code,
      name: o.name,
      type: o.type,
      target,
      covered,
      percentOfTarget: pct,
      contingent: o.contingent,
      share: percent(covered, o.contingent),
      mentors: acc.mentors,
      pairs: acc.pairs.size,
      excludedRows: acc.excluded,
      byForm: Object.fromEntries(acc.forms),
      youngTeachersCovered: acc.young,
      youngTeachers: o.youngTeachers,
      status: statusOf(pct, period),
    });
  }

  const total = totalOf(organizations, plans.get("students-count|") ?? null, unattributed, period);
  return {
    period,
    from,
    to,
    organizations,
    total,
    unattributedExcluded: unattributed,
    rows,
    indicators: indicatorFacts(organizations, total, plans, period),
  };
}

const sumOrNull = (xs: (number | null)[]): number | null =>
  xs.some((x) => x !== null) ? xs.reduce<number>((s, x) => s + (x ?? 0), 0) : null;

/** Sums, and percents from the sums (never an average of percents). */
function totalOf(orgs: OrgCoverage[], totalRowPlan: number | null, unattributed: number, period: Period): CoverageCounts {
  const target = sumOrNull(orgs.map((o) => o.target)) ?? totalRowPlan;
  const covered = orgs.reduce((s, o) => s + o.covered, 0);
  const contingent = sumOrNull(orgs.map((o) => o.contingent));
  const youngTeachers = sumOrNull(orgs.map((o) => o.youngTeachers));
  const byForm: Record<string, number> = {};
  for (const o of orgs) for (const [f, n] of Object.entries(o.byForm)) byForm[f] = (byForm[f] ?? 0) + n;
  const pct = percent(covered, target);
  return {
    target,
    covered,
    percentOfTarget: pct,
    contingent,
    share: percent(covered, contingent),
    mentors: orgs.reduce((s, o) => s + o.mentors, 0),
    pairs: orgs.reduce((s, o) => s + o.pairs, 0),
    excludedRows: orgs.reduce((s, o) => s + o.excludedRows, 0) + unattributed,
    byForm,
    youngTeachersCovered: orgs.reduce((s, o) => s + o.youngTeachersCovered, 0),
    youngTeachers,
    status: statusOf(pct, period),
  };
}

/** Valid target rows of the plan year: `indicator|orgKey` → plan ('' for the municipal total row). */
function planTable(a: WorkbookAnalysis, year: number): Map<string, number> {
  const m = new Map<string, number>();
  for (const rec of a.targets?.records ?? []) {
    const t = rec.value;
    if (!t || rec.errors > 0 || t.year !== year) continue;
    const code = indicatorCodeOf(t.indicator);
    if (!code) continue;
    const key = `${code}|${isTotalCode(t.orgCode) ? "" : valueKey(t.orgCode!)}`;
    if (!m.has(key)) m.set(key, t.plan);
  }
  return m;
}

/** The percentage indicators against the year's targets, per organization and for the municipality. */
function indicatorFacts(orgs: OrgCoverage[], total: CoverageCounts, plans: Map<string, number>, period: Period): IndicatorFact[] {
  const out: IndicatorFact[] = [];
  const rows: [string | null, CoverageCounts][] = [[null, total], ...orgs.map((o) => [o.code, o] as [string, OrgCoverage])];
  for (const code of ["students-share", "young-teachers-share"] as const) {
    for (const [orgCode, c] of rows) {
      const plan = plans.get(`${code}|${orgCode === null ? "" : valueKey(orgCode)}`) ?? null;
      const fact = code === "students-share" ? c.share : percent(c.youngTeachersCovered, c.youngTeachers);
      if (plan === null && orgCode !== null) continue;
      out.push({ code, orgCode, plan, unit: UNIT.percent, fact, status: plan === null || fact === null ? "нет плана" : statusOf(plan ? (fact / plan) * 100 : 100, period) });
    }
  }
  return out;
}
