// Coverage per organization and for the municipality (SPEC §4).
import type { WorkbookAnalysis } from "../analyze";
import type { Day } from "../model/dates";
import { fmtNumber } from "../model/format";
import { CATEGORY, INDICATORS, type IndicatorCode, ROLE, UNIT, indicatorCodeOf } from "../model/dictionaries";
import { type Period, periodEnd, yearShareElapsed, yearStart } from "../model/period";
import { isUnreadablePart } from "../validate/targets";
import { isTotalCode } from "../read/orgname";
import { keepShape } from "../read/shapes";
import { valueKey } from "../model/text";
import { type OrganizationRow, type ParticipantRow, ROW_TYPES } from "../read/schemas";
import type { RowRecord } from "../read/table";

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

/**
 * An organization of `Организации`: the first row of each readable code. A bad cell on that row costs only
 * what depends on it: an unreadable Контингент makes the share null, an unreadable Молодых педагогов the
 * young-teachers share, an unknown Тип leaves the type null; the roster rows are counted all the same.
 */
export interface OrgCoverage extends CoverageCounts {
  readonly code: string;
  /** "" when the name cell cannot be read. */
  readonly name: string;
  /** The type from the list; null when it is empty, not in the list or unreadable. */
  readonly type: string | null;
  /** Its row on `Организации`. */
  readonly row: number;
}

export interface IndicatorFact {
  readonly code: IndicatorCode;
  readonly orgCode: string | null; // null: the municipality
  /** The indicator as the target row names it (the list value or the programme's sentence), else its name. */
  readonly text: string;
  /** What the text was understood as: the indicator's name («понят как …»). */
  readonly understoodAs: string;
  /** The type of organization the indicator is about (ОО, ОДО), null for all organizations. */
  readonly orgType: string | null;
  /**
   * The organizations the fact is computed over: the organization itself, or for the municipality every
   * organization whose denominator (Контингент, Молодых педагогов) is known.
   */
  readonly base: readonly string[];
  readonly year: number;
  readonly plan: number | null;
  readonly unit: string;
  readonly fact: number | null;
  readonly status: CoverageStatus;
}

/** Every roster row in exactly one place: counted + outsidePeriod + excluded + blank = total (SPEC §7). */
export interface RowAccounting {
  /** Rows under the headers of the roster sheets, up to the last filled one. */
  readonly total: number;
  /** Valid rows whose participation overlaps the period. */
  readonly counted: number;
  /** Valid rows outside the period (started after it or ended before the year). */
  readonly outsidePeriod: number;
  /** Rows that cannot be counted: see CoverageResult.excludedBy for why. */
  readonly excluded: number;
  /** Empty rows inside the data, skipped. */
  readonly blank: number;
}

/** Why rows were excluded; the parts add up to RowAccounting.excluded. */
export interface ExclusionReasons {
  /** An error on the row itself (its issue is at its cell). */
  readonly rowErrors: number;
  /** The row's sheet lacks a required column (one `missing-column` issue at the header row). */
  readonly missingColumn: number;
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
  readonly excludedBy: ExclusionReasons;
  /** Rows of `Организации` with something filled but no readable code: no organization, nothing counted. */
  readonly orgRowsWithoutCode: readonly number[];
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
  readonly rows = { total: 0, counted: 0, outsidePeriod: 0, excluded: 0, blank: 0 };
  unattributed = 0;
  private readonly mentees: Flags;
  private readonly mentors: Flags;
  private readonly young: Flags;
  private readonly byForm = new Map<string, Flags>();
  private lastCode: string | undefined;
  private lastAcc: Acc | undefined;
  // A group's rows come together: its pair id is usually the previous row's, already counted.
  private lastPair = "";
  private lastPairAcc: Acc | undefined;

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
    // Rosters come grouped by organization: the previous row's is usually this row's. A valid row's code
    // is known (the roster checks make an unknown one an error), and every known code has its Acc and its
    // organization in the result (computeCoverage), so no counted row can fall outside the organizations.
    if (p.orgCode !== this.lastCode) {
      this.lastCode = p.orgCode;
      this.lastAcc = this.accs.get(valueKey(p.orgCode))!;
    }
    const acc = this.lastAcc!;
    const who = rec.identity; // the person's number, given by the roster checks to every valid row
    if (who === undefined) throw new Error(`coverage: row ${rec.row} has no person number`);
    if (p.pair && (p.pair !== this.lastPair || acc !== this.lastPairAcc)) {
      this.lastPair = p.pair;
      this.lastPairAcc = acc;
      acc.pairs.add(valueKey(p.pair));
    }
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
  let missingColumn = 0;
  for (const sheet of a.participants) {
    const records = sheet.records;
    counter.rows.total += records.length + sheet.emptyRows;
    counter.rows.blank += sheet.emptyRows;
    if (sheet.located.missing.length > 0) missingColumn += records.length; // every row of it is excluded
    for (let i = 0; i < records.length; i++) counter.row(records[i]);
  }
  const { accs, rows } = counter;
  const unattributed = counter.unattributed;

  const { plans, partsIncomplete } = planTable(a, period.year);
  const { first, withoutCode } = organizationRows(a);
  const organizations: OrgCoverage[] = [];
  // One organization per known code, in the order of their first rows: the same keys as the Accs.
  for (const [key, code] of a.orgCodes) {
    const rec = first.get(key);
    const o = rec ? figuresOf(rec) : { code, name: "", type: null, contingent: null, youngTeachers: null };
    const acc = accs.get(key)!;
    const target = plans.get(`students-count|${key}`)?.plan ?? null;
    const covered = acc.mentees;
    const pct = percent(covered, target);
    organizations.push({
      code: o.code,
      name: o.name,
      type: o.type,
      row: rec?.row ?? 0,
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

  const total = totalOf(organizations, plans.get("students-count|")?.plan ?? null, partsIncomplete, unattributed, period);
  return {
    period,
    from,
    to,
    organizations,
    total,
    unattributedExcluded: unattributed,
    rows,
    excludedBy: { rowErrors: rows.excluded - missingColumn, missingColumn },
    orgRowsWithoutCode: withoutCode,
    indicators: indicatorFacts(organizations, plans, period),
  };
}

type OrgRecord = RowRecord<OrganizationRow, keyof OrganizationRow>;

/** The first row of each readable code (later ones are `duplicate-code` errors), and rows without a code. */
function organizationRows(a: WorkbookAnalysis): { first: Map<string, OrgRecord>; withoutCode: number[] } {
  const first = new Map<string, OrgRecord>();
  const withoutCode: number[] = [];
  for (const rec of a.organizations?.records ?? []) {
    const code = rec.fields.code;
    if (typeof code !== "string" || code === "") withoutCode.push(rec.row);
    else if (!first.has(valueKey(code))) first.set(valueKey(code), rec);
  }
  return { first, withoutCode };
}

/**
 * What an organization row says, also when some cell of it is bad: each field as read when it passes its
 * own check, null otherwise (its issue is at its cell already). The code is readable by construction.
 */
function figuresOf(rec: OrgRecord): { code: string; name: string; type: string | null; contingent: number | null; youngTeachers: number | null } {
  if (rec.value) return rec.value;
  const f = rec.fields;
  const failing = new Set(ROW_TYPES.organizations.failing(f));
  const good = (k: keyof OrganizationRow): unknown => (failing.has(k) || f[k] === undefined ? null : f[k]);
  return {
    code: f.code as string,
    name: (good("name") as string | null) ?? "",
    type: good("type") as string | null,
    contingent: good("contingent") as number | null,
    youngTeachers: good("youngTeachers") as number | null,
  };
}

const sumOrNull = (xs: (number | null)[]): number | null =>
  xs.some((x) => x !== null) ? xs.reduce<number>((s, x) => s + (x ?? 0), 0) : null;

/**
 * Sums, and percents from the sums (never an average of percents). The municipal plan is the sum of the
 * organizations' plans, or the total row's when no organization has one or when one of their plans cannot
 * be read (the sum would then leave that plan out while its covered persons are in).
 */
function totalOf(orgs: OrgCoverage[], totalRowPlan: number | null, partsIncomplete: boolean, unattributed: number, period: Period): CoverageCounts {
  const summed = sumOrNull(orgs.map((o) => o.target));
  const target = partsIncomplete && totalRowPlan !== null ? totalRowPlan : (summed ?? totalRowPlan);
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
    share: shareOver(orgs, "students-share").fact,
    mentors: orgs.reduce((s, o) => s + o.mentors, 0),
    pairs: orgs.reduce((s, o) => s + o.pairs, 0),
    excludedRows: orgs.reduce((s, o) => s + o.excludedRows, 0) + unattributed,
    byForm,
    youngTeachersCovered: orgs.reduce((s, o) => s + o.youngTeachersCovered, 0),
    youngTeachers,
    status: statusOf(pct, period),
  };
}

interface Plan {
  readonly plan: number;
  readonly text: string;
}

/**
 * Valid target rows of the plan year: `indicator|orgKey` → plan ('' for the municipal total row).
 * `partsIncomplete`: some organization's plan in persons of that year cannot be read.
 */
function planTable(a: WorkbookAnalysis, year: number): { plans: Map<string, Plan>; partsIncomplete: boolean } {
  const m = new Map<string, Plan>();
  let partsIncomplete = false;
  // The sentence a targets table wrote for the indicator, by sheet and row.
  const texts = new Map<string, string>();
  for (const x of a.indicatorTexts ?? []) texts.set(`${x.sheet}|${x.row}`, x.text);
  const tables = a.targetTables ?? (a.targets ? [a.targets] : []);
  for (const table of tables) {
    const sheet = table.located.sheet.name;
    for (const rec of table.records) {
      const t = rec.value;
      if (!t && isUnreadablePart(rec)) {
        const { indicator, year: y } = rec.fields;
        const ind = typeof indicator === "string" ? indicatorCodeOf(indicator) : "students-count";
        if (ind === "students-count" && (typeof y !== "number" || y === year)) partsIncomplete = true;
      }
      // A target row with an error is that target lost, and nothing else (its issue is at its cell).
      if (!t || rec.errors > 0 || t.year !== year) continue;
      const code = indicatorCodeOf(t.indicator);
      if (!code) continue;
      const key = `${code}|${isTotalCode(t.orgCode) ? "" : valueKey(t.orgCode!)}`;
      if (!m.has(key)) m.set(key, { plan: t.plan, text: texts.get(`${sheet}|${rec.row}`) ?? t.indicator });
    }
  }
  return { plans: m, partsIncomplete };
}

/** The share indicators, in the order the outputs list them. */
export const SHARE_CODES = ["students-share", "young-teachers-share", "students-share-general", "students-share-additional"] as const;
type ShareCode = (typeof SHARE_CODES)[number];

const numeratorOf = (code: ShareCode, c: CoverageCounts) => (code === "young-teachers-share" ? c.youngTeachersCovered : c.covered);
const denominatorOf = (code: ShareCode, c: CoverageCounts) => (code === "young-teachers-share" ? c.youngTeachers : c.contingent);

/** The organizations an indicator is about: those of its type (ОО, ОДО), or all. */
export function membersOf(orgs: readonly OrgCoverage[], code: IndicatorCode): OrgCoverage[] {
  const type = INDICATORS[code].orgType;
  return type === null ? [...orgs] : orgs.filter((o) => o.type === type);
}

/**
 * A municipal share over the organizations whose denominator is known: an organization whose Контингент
 * (Молодых педагогов) is empty or unreadable is left out of numerator and denominator alike, so that its
 * covered persons do not inflate the share of the others. An indicator of a type of organization (the
 * general-education share, the additional-education share) is over the organizations of that type only.
 */
export function shareOver(orgs: readonly OrgCoverage[], code: ShareCode): { base: string[]; fact: number | null } {
  const base: string[] = [];
  let num = 0;
  let den = 0;
  for (const o of membersOf(orgs, code)) {
    const d = denominatorOf(code, o);
    if (d === null) continue;
    base.push(o.code);
    num += numeratorOf(code, o);
    den += d;
  }
  return { base, fact: percent(num, base.length > 0 ? den : null) };
}

/**
 * The percentage indicators against the year's targets, per organization and for the municipality. The
 * students' and young teachers' shares are always listed for the municipality, and for an organization with
 * a target of its own. A share by type of organization is listed when the workbook approves it: for the
 * municipality over the organizations of its type, and for each of them against its own target or, without
 * one, the municipal target for its type.
 */
function indicatorFacts(orgs: OrgCoverage[], plans: Map<string, Plan>, period: Period): IndicatorFact[] {
  const out: IndicatorFact[] = [];
  const approved = (code: ShareCode) => [...plans.keys()].some((k) => k.startsWith(`${code}|`));
  for (const code of SHARE_CODES) {
    const orgType = INDICATORS[code].orgType;
    if (orgType !== null && !approved(code)) continue;
    const members = membersOf(orgs, code);
    const municipal = shareOver(orgs, code);
    const municipalTarget = plans.get(`${code}|`);
    const rows: [string | null, number | null, readonly string[], Plan | undefined][] = [[null, municipal.fact, municipal.base, municipalTarget]];
    for (const o of members) {
      const own = plans.get(`${code}|${valueKey(o.code)}`);
      if (own === undefined && orgType === null) continue;
      rows.push([o.code, percent(numeratorOf(code, o), denominatorOf(code, o)), [o.code], own ?? municipalTarget]);
    }
    for (const [orgCode, fact, base, target] of rows) {
      const plan = target?.plan ?? null;
      out.push({
        code,
        orgCode,
        text: target?.text ?? INDICATORS[code].name,
        understoodAs: INDICATORS[code].name,
        orgType,
        base,
        year: period.year,
        plan,
        unit: UNIT.percent,
        fact,
        status: plan === null || fact === null ? "нет плана" : statusOf(plan ? (fact / plan) * 100 : 100, period),
      });
    }
  }
  return out;
}

/**
 * What an indicator's share is of, in words («контингент организаций типа ОО: 12 из 12»): the Свод, the
 * command line and the pane show it beside the fact.
 */
export function indicatorBaseText(f: IndicatorFact, c: CoverageResult): string {
  const young = f.code === "young-teachers-share";
  if (f.orgCode !== null) {
    const o = c.organizations.find((x) => x.code === f.orgCode);
    const d = o ? (young ? o.youngTeachers : o.contingent) : null;
    return young ? `молодые педагоги организации: ${fmtNumber(d)}` : `контингент организации: ${fmtNumber(d)}`;
  }
  const members = membersOf(c.organizations, f.code);
  const whose = f.orgType === null ? "всех организаций" : `организаций типа ${f.orgType}`;
  return `${young ? "молодые педагоги" : "контингент"} ${whose}: ${f.base.length} из ${members.length}`;
}

/**
 * The roster rows' accounting in words, the same everywhere (the command line, the Свод, the pane):
 * «Строк в списках участников — 625: учтено 600, вне периода 10, исключено 12, пустых 3.»
 */
export function rowsSummary(r: RowAccounting): string {
  const n = fmtNumber;
  return `Строк в списках участников — ${n(r.total)}: учтено ${n(r.counted)}, вне периода ${n(r.outsidePeriod)}, исключено ${n(r.excluded)}, пустых ${n(r.blank)}.`;
}

/** Why rows were excluded and what else was left out, in words; empty when nothing was. */
export function exclusionNotes(c: CoverageResult): string[] {
  const notes: string[] = [];
  const { rowErrors, missingColumn } = c.excludedBy;
  if (c.rows.excluded > 0) {
    const why = [];
    if (rowErrors > 0) why.push(`из-за ошибок в самой строке ${fmtNumber(rowErrors)}`);
    if (missingColumn > 0) why.push(`на листе нет обязательного столбца ${fmtNumber(missingColumn)}`);
    const attributed = c.rows.excluded - c.unattributedExcluded;
    const whose = c.unattributedExcluded > 0 ? ` Из них по организациям ${fmtNumber(attributed)}, без известного кода организации ${fmtNumber(c.unattributedExcluded)}.` : "";
    notes.push(`Исключено строк — ${fmtNumber(c.rows.excluded)}: ${why.join(", ")}.${whose}`);
  }
  const list = (xs: readonly (string | number)[]) => (xs.length <= 10 ? xs.join(", ") : `${xs.slice(0, 10).join(", ")} и ещё ${xs.length - 10}`);
  const rows = c.orgRowsWithoutCode;
  if (rows.length > 0) {
    notes.push(`На листе «Организации» без кода ${rows.length === 1 ? "строка" : "строки"} ${list(rows)}: такие организации в охват не входят.`);
  }
  for (const code of SHARE_CODES) {
    const f = c.indicators.find((i) => i.code === code && i.orgCode === null);
    if (!f) continue;
    const members = membersOf(c.organizations, code);
    if (f.orgType !== null && members.length === 0) {
      notes.push(`Показатель «${f.text}» относится к организациям типа ${f.orgType}, а таких среди организаций нет (тип — в столбце «Тип» листа «Организации» или по названию организации).`);
      continue;
    }
    if (f.base.length === members.length || f.base.length === 0) continue;
    const left = members.filter((o) => !f.base.includes(o.code)).map((o) => o.code);
    const what = code === "young-teachers-share" ? "Доля молодых педагогов" : code === "students-share" ? "Доля обучающихся от контингента" : `«${INDICATORS[code].name}»`;
    const col = code === "young-teachers-share" ? "«Молодых педагогов»" : "«Контингент»";
    const of = f.orgType === null ? "" : ` типа ${f.orgType}`;
    notes.push(`${what} по муниципалитету рассчитана по ${f.base.length} из ${members.length} организаций${of}: без ${list(left)}, где ${col} не заполнен или не прочитан.`);
  }
  return notes;
}
