// Coverage per organization and for the municipality (SPEC §4).
import type { WorkbookAnalysis } from "./analyze";
import type { Day } from "./dates";
import { CATEGORY, type IndicatorCode, ROLE, UNIT, indicatorCodeOf } from "./dictionaries";
import { type Period, periodEnd, yearShareElapsed, yearStart } from "./period";
import { personKey } from "./validate/participants";
import { isTotalCode } from "./validate/targets";
import { valueKey } from "./text";

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

interface Acc {
  mentees: Set<string>;
  mentors: Set<string>;
  pairs: Set<string>;
  young: Set<string>;
  forms: Map<string, Set<string>>;
  excluded: number;
}
const newAcc = (): Acc => ({ mentees: new Set(), mentors: new Set(), pairs: new Set(), young: new Set(), forms: new Map(), excluded: 0 });

export function computeCoverage(a: WorkbookAnalysis, period: Period): CoverageResult {
  const from = yearStart(period);
  const to = periodEnd(period);
  const accs = new Map<string, Acc>();
  for (const key of a.orgCodes.keys()) accs.set(key, newAcc());
  let counted = 0, outsidePeriod = 0, excluded = 0, empty = 0, unattributed = 0;

  for (const sheet of a.participants) {
    empty += sheet.emptyRows;
    for (const rec of sheet.records) {
      const p = rec.value;
      if (rec.errors > 0 || !p) {
        excluded++;
        const code = rec.fields.orgCode;
        const acc = typeof code === "string" ? accs.get(valueKey(code)) : undefined;
        if (acc) acc.excluded++;
        else unattributed++;
        continue;
      }
      if (p.start > to || (p.end !== null && p.end < from)) {
        outsidePeriod++;
        continue;
      }
      counted++;
      const acc = accs.get(valueKey(p.orgCode))!;
      const who = rec.identity ?? personKey(p); // built once by the roster checks
      if (p.pair) acc.pairs.add(valueKey(p.pair));
      if (p.role === ROLE.mentor) {
        acc.mentors.add(who);
        continue;
      }
      if (p.category === CATEGORY.student) acc.mentees.add(who);
      if (p.category === CATEGORY.youngSpecialist || p.category === CATEGORY.teacher) acc.young.add(who);
      let f = acc.forms.get(p.form);
      if (!f) acc.forms.set(p.form, (f = new Set()));
      f.add(who);
    }
  }

  const plans = planTable(a, period.year);
  const organizations: OrgCoverage[] = [];
  for (const rec of a.organizations?.records ?? []) {
    const o = rec.value;
    const key = typeof rec.fields.code === "string" ? valueKey(rec.fields.code) : "";
    // Only the first row of a code carries the organization; a duplicate code row is an error already.
    if (!o || organizations.some((x) => valueKey(x.code) === key)) continue;
    const acc = accs.get(key)!;
    const target = plans.get(`students-count|${key}`) ?? null;
    const covered = acc.mentees.size;
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
      mentors: acc.mentors.size,
      pairs: acc.pairs.size,
      excludedRows: acc.excluded,
      byForm: Object.fromEntries([...acc.forms].map(([f, s]) => [f, s.size])),
      youngTeachersCovered: acc.young.size,
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
    rows: { counted, outsidePeriod, excluded, empty },
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
