import { type Day, ymdOf } from "../model/dates";
import { CATEGORY, ROLE, menteeCategoriesOf, mentorCategoriesOf } from "../model/dictionaries";
import type { ParticipantRow } from "../read/schemas";
import type { IssueSink, RowRecord } from "../read/table";
import { nearest, quoted, valueKey } from "../model/text";
import { keepShape } from "../read/shapes";
import { type OrgMatch, OrgResolver, looksLikeName, orgLabel } from "../read/orgname";
import { PersonIndex } from "./persons";

type Key = keyof ParticipantRow;
type Rec = RowRecord<ParticipantRow, Key>;

export interface ParticipantRules {
  /** Minimum age of a mentee of category Обучающийся at Дата начала (SPEC §2.5). */
  readonly minMenteeAge: number;
}

/** How a roster sheet's layout bears on its checks (layouts/roster.ts). */
export interface RosterSheetOptions {
  /** Whose consent the sheet records: a pair row's single consent column is the mentee's. */
  readonly consentOf: { readonly mentor: boolean; readonly mentee: boolean };
  /** Pair rows repeat a mentor once per mentee: that is no duplicate. */
  readonly mentorsRepeat: boolean;
  /** Names written instead of codes are matched to the organizations (orgname.ts). */
  readonly resolver?: OrgResolver;
  /** Where the organizations are, for messages: «листе «Организации»» or «таблице плана «…»». */
  readonly orgsWhere?: string;
  /**
   * The workbook's pairs, shared by its roster sheets; its `report` is then the caller's to run after the
   * last sheet. Without it the sheet's pairs are its own and reported at once.
   */
  readonly pairs?: PairBook;
}

/**
 * The issue for an organization cell that names no organization: by code (as always) or by name, when the
 * cell reads as a name; an ambiguous name lists the organizations it fits.
 */
export function unknownOrganization(code: string, allCodes: readonly string[], match: OrgMatch | undefined, where = "листе «Организации»"): { code: "unknown-organization" | "ambiguous-organization"; message: string; suggestion?: string } {
  if (match?.kind === "ambiguous") {
    const list = match.candidates.slice(0, 5).map((c) => `«${orgLabel(c)}»`).join("; ");
    return {
      code: "ambiguous-organization",
      message: `Название «${quoted(code)}» подходит к нескольким организациям: ${list}. Укажите код или полное название`,
      suggestion: match.candidates[0].name || match.candidates[0].code,
    };
  }
  if (looksLikeName(code)) {
    const near = match?.kind === "unknown" ? match.nearest : [];
    const list = near.length > 0 ? `. Похожие: ${near.map((c) => `«${orgLabel(c)}»`).join("; ")}` : "";
    return { code: "unknown-organization", message: `Организация «${quoted(code)}» не найдена на ${where} ни по коду, ни по названию${list}`, suggestion: near[0]?.name || near[0]?.code };
  }
  return { code: "unknown-organization", message: `Организации с кодом «${quoted(code)}» нет на ${where}`, suggestion: nearest(code, allCodes) };
}

export function ageAt(birth: Day, at: Day): number {
  const b = ymdOf(birth);
  const a = ymdOf(at);
  return a.y - b.y - (a.m < b.m || (a.m === b.m && a.d < b.d) ? 1 : 0);
}

interface PairState {
  mentor: boolean;
  firstMentee?: Rec;
  sink?: IssueSink<Key>; // the sheet of the first mentee, where a missing mentor is reported
}

/**
 * Pairs and groups by organization and id, over every roster sheet of a workbook: base lists put a pair's
 * mentor on one sheet and its mentees on another. `report` says which have mentees and no mentor.
 */
export class PairBook {
  readonly byOrg = new Map<string, Map<string, PairState>>(); // organization → pair id → state

  report(): void {
    for (const inOrg of this.byOrg.values()) {
      for (const g of inOrg.values()) {
        if (g.mentor || !g.firstMentee) continue;
        const pair = g.firstMentee.value!.pair;
        g.sink!.onRecord(g.firstMentee, "pair", "pair-without-mentor", `В паре/группе «${quoted(pair ?? "")}» есть наставляемые, но нет наставника`);
      }
    }
  }
}

/**
 * Cross-row rules of a roster sheet. Runs once per row of rosters of 100 000 rows, so lookups are keyed by
 * strings already built (list values, memoised codes) or by person numbers rather than by new concatenations.
 * `persons` is shared by all roster sheets of the workbook (one child is one person in all of them);
 * `sheetNo` tells this sheet's rows from theirs, as duplicates are reported within a sheet.
 */
export function checkParticipants(
  records: Rec[],
  orgCodes: ReadonlyMap<string, string>,
  rules: ParticipantRules,
  sink: IssueSink<Key>,
  hasConsentColumn: boolean | RosterSheetOptions,
  persons: PersonIndex,
  sheetNo: number,
): void {
  const opts: RosterSheetOptions =
    typeof hasConsentColumn === "boolean" ? { consentOf: { mentor: hasConsentColumn, mentee: hasConsentColumn }, mentorsRepeat: false } : hasConsentColumn;
  const pairs = opts.pairs ?? new PairBook();
  const checks = new RosterChecks(orgCodes, rules, sink, opts, persons, sheetNo, pairs.byOrg);
  for (let i = 0; i < records.length; i++) checks.row(records[i]);
  if (opts.pairs === undefined) pairs.report();
}

/**
 * The rules' state over one sheet. The per-row work is a method, not the body of one long loop: V8 then
 * optimizes it once as an ordinary function, instead of recompiling the loop mid-run on every call.
 */
class RosterChecks {
  private readonly allCodes: string[];
  private readonly sides = new Map<string, readonly [readonly string[] | undefined, readonly string[] | undefined]>();
  private lastCode: unknown = undefined;
  private lastKey = "";
  private lastKnown = false;
  // A name written for the organization and the code it names (undefined: the cell held a code).
  private lastResolved: string | undefined = undefined;
  private lastMatch: OrgMatch | undefined = undefined;
  // A group's rows come together (its mentor, then its mentees): the previous row's pair id and its key.
  private lastPair = "";
  private lastPairKey = "";
  private lastForm = "";
  private lastSide: readonly [readonly string[] | undefined, readonly string[] | undefined] = [undefined, undefined];
  // The sheet's options as fields of this object, not read through `opts` per row: the options object is
  // made anew per analysis, and its hidden class would die between analyses (see shapes.ts).
  private readonly mentorConsent: boolean;
  private readonly menteeConsent: boolean;
  private readonly mentorsRepeat: boolean;
  private readonly resolver: OrgResolver | undefined;
  private readonly orgsWhere: string | undefined;

  constructor(
    private readonly orgCodes: ReadonlyMap<string, string>,
    private readonly rules: ParticipantRules,
    private readonly sink: IssueSink<Key>,
    opts: RosterSheetOptions,
    private readonly persons: PersonIndex,
    private readonly sheetNo: number,
    private readonly pairs: Map<string, Map<string, PairState>>,
  ) {
    this.allCodes = [...orgCodes.values()];
    this.mentorConsent = opts.consentOf.mentor;
    this.menteeConsent = opts.consentOf.mentee;
    this.mentorsRepeat = opts.mentorsRepeat;
    this.resolver = opts.resolver;
    this.orgsWhere = opts.orgsWhere;
  }

  row(rec: Rec): void {
    const sink = this.sink;
    const code = rec.fields.orgCode;
    // Rosters come grouped by organization: the previous row's code is usually this row's.
    if (code !== this.lastCode) {
      this.lastCode = code;
      this.lastKey = typeof code === "string" && code !== "" ? valueKey(code) : ""; // the same as p.orgCode's
      this.lastKnown = this.orgCodes.has(this.lastKey);
      this.lastResolved = undefined;
      this.lastMatch = undefined;
      if (!this.lastKnown && this.lastKey !== "" && this.resolver !== undefined) {
        // Not a code: maybe the organization's name («МБОУ СОШ № 5»), matched as names are (orgname.ts).
        const m = this.resolver.resolve(code as string);
        if (m.kind === "match") {
          this.lastResolved = m.code;
          this.lastKey = valueKey(m.code);
          this.lastKnown = true;
        } else this.lastMatch = m;
      }
    }
    if (this.lastResolved !== undefined) {
      // The row counts for the organization its name names: the code stands where the name was.
      (rec.fields as { orgCode: unknown }).orgCode = this.lastResolved;
      if (rec.value) (rec.value as { orgCode: string }).orgCode = this.lastResolved;
    }
    const orgKey = this.lastKey;
    if (orgKey !== "" && !this.lastKnown) {
      const u = unknownOrganization(code as string, this.allCodes, this.lastMatch, this.orgsWhere);
      sink.onRecord(rec, "orgCode", u.code, u.message, u.suggestion);
    }
    const p = rec.value;
    if (!p) return;
    if ((p.role === ROLE.mentee ? this.menteeConsent : this.mentorConsent) && p.consent !== "Да") {
      const msg = p.consent === null ? "Не отмечено согласие на обработку персональных данных" : "Нет согласия на обработку персональных данных";
      sink.onRecord(rec, "consent", "no-consent", msg);
    }
    const isMentee = p.role === ROLE.mentee;
    checkDuplicate(rec, p, this.persons, this.persons.personOf(orgKey, p.fio, p.birthDate), this.sheetNo, sink, this.mentorsRepeat && !isMentee);

    const minAge = this.rules.minMenteeAge;
    // Exact age only near the limit: anyone minAge × 366 days old or more is old enough (no calendar math).
    if (isMentee && p.category === CATEGORY.student && p.birthDate !== null && p.start - p.birthDate < minAge * 366) {
      const age = ageAt(p.birthDate, p.start);
      if (age < minAge) {
        sink.onRecord(rec, "birthDate", "age-out-of-range", `На дату начала наставляемому ${age} лет: меньше минимального возраста ${minAge}`);
      }
    }
    if (p.form !== this.lastForm) {
      let side = this.sides.get(p.form);
      if (!side) this.sides.set(p.form, (side = [menteeCategoriesOf(p.form), mentorCategoriesOf(p.form)]));
      this.lastForm = p.form;
      this.lastSide = side;
    }
    const allowed = isMentee ? this.lastSide[0] : this.lastSide[1];
    if (allowed && !allowed.includes(p.category)) {
      const who = isMentee ? "наставляемого" : "наставника";
      const msg = `Форма «${p.form}» предполагает ${who} категории ${allowed.map((c) => `«${c}»`).join(" или ")}, указано «${p.category}»`;
      sink.onRecord(rec, "category", "form-category-mismatch", msg, allowed[0]);
    }
    if (p.pair && rec.errors === 0) {
      let inOrg = this.pairs.get(orgKey);
      if (!inOrg) this.pairs.set(orgKey, (inOrg = new Map()));
      if (p.pair !== this.lastPair) {
        this.lastPair = p.pair;
        this.lastPairKey = valueKey(p.pair);
      }
      const id = this.lastPairKey;
      let g = inOrg.get(id);
      if (!g) inOrg.set(id, (g = { mentor: false, firstMentee: undefined, sink: undefined })); // one shape from the start
      if (!isMentee) g.mentor = true;
      else if (g.firstMentee === undefined) {
        g.firstMentee = rec;
        g.sink = sink;
      }
    }
  }
}

{
  // One of each kind of object a roster check makes, kept with the field types a real check gives them.
  const resolver = keepShape(new OrgResolver([{ code: "А", name: "МБОУ «СОШ № 1»" }]));
  const kept = keepShape(
    new RosterChecks(new Map(), { minMenteeAge: 0 }, null as unknown as IssueSink<Key>, { consentOf: { mentor: false, mentee: false }, mentorsRepeat: false, resolver, orgsWhere: "" }, keepShape(new PersonIndex()), 0, keepShape(new PairBook()).byOrg),
  );
  const fields = kept as unknown as { lastResolved: string | undefined; lastMatch: OrgMatch | undefined };
  fields.lastResolved = "А";
  fields.lastMatch = resolver.resolve("Б");
  keepShape([resolver.resolve("А"), resolver.resolve("МБОУ СОШ № 1"), resolver.resolve("Школа"), unknownOrganization("Б", [], undefined), unknownOrganization("Школа № 2", [], resolver.resolve("Школа № 2"))]);
}

/**
 * The same person again with the same role and form: a warning on the later row, naming the earlier.
 * `repeats`: a mentor of pair rows, written once per mentee, is no duplicate.
 */
function checkDuplicate(rec: Rec, p: ParticipantRow, persons: PersonIndex, person: number, sheetNo: number, sink: IssueSink<Key>, repeats: boolean): void {
  rec.identity = person;
  const row = persons.earlierRow(person, sheetNo, p.role, p.form, rec.row);
  if (row === undefined || repeats) return;
  sink.onRecord(rec, "fio", "duplicate-person", `Повтор: ${quoted(p.fio)} уже указан(а) в строке ${row} с той же ролью и формой; учитывается один раз`);
}
