import { type Day, ymdOf } from "../dates";
import { CATEGORY, ROLE, menteeCategoriesOf, mentorCategoriesOf } from "../dictionaries";
import type { ParticipantRow } from "../schemas";
import type { IssueSink, RowRecord } from "../table";
import { nearest, quoted, valueKey } from "../text";
import { keepShape } from "../shapes";
import { type Person, PersonIndex, earlierRow } from "./persons";

type Key = keyof ParticipantRow;
type Rec = RowRecord<ParticipantRow, Key>;

export interface ParticipantRules {
  /** Minimum age of a mentee of category Обучающийся at Дата начала (SPEC §2.5). */
  readonly minMenteeAge: number;
}

export function ageAt(birth: Day, at: Day): number {
  const b = ymdOf(birth);
  const a = ymdOf(at);
  return a.y - b.y - (a.m < b.m || (a.m === b.m && a.d < b.d) ? 1 : 0);
}

interface PairState {
  mentor: boolean;
  firstMentee?: Rec;
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
  hasConsentColumn: boolean,
  persons: PersonIndex,
  sheetNo: number,
): void {
  const checks = new RosterChecks(orgCodes, rules, sink, hasConsentColumn, persons, sheetNo);
  for (let i = 0; i < records.length; i++) checks.row(records[i]);
  checks.pairsWithoutMentor();
}

/**
 * The rules' state over one sheet. The per-row work is a method, not the body of one long loop: V8 then
 * optimizes it once as an ordinary function, instead of recompiling the loop mid-run on every call.
 */
class RosterChecks {
  private readonly allCodes: string[];
  private readonly pairs = new Map<string, Map<string, PairState>>(); // organization → pair id → state
  private readonly sides = new Map<string, readonly [readonly string[] | undefined, readonly string[] | undefined]>();
  private lastCode: unknown = undefined;
  private lastKey = "";
  private lastKnown = false;

  constructor(
    private readonly orgCodes: ReadonlyMap<string, string>,
    private readonly rules: ParticipantRules,
    private readonly sink: IssueSink<Key>,
    private readonly hasConsentColumn: boolean,
    private readonly persons: PersonIndex,
    private readonly sheetNo: number,
  ) {
    this.allCodes = [...orgCodes.values()];
  }

  row(rec: Rec): void {
    const sink = this.sink;
    const code = rec.fields.orgCode;
    // Rosters come grouped by organization: the previous row's code is usually this row's.
    if (code !== this.lastCode) {
      this.lastCode = code;
      this.lastKey = typeof code === "string" && code !== "" ? valueKey(code) : ""; // the same as p.orgCode's
      this.lastKnown = this.orgCodes.has(this.lastKey);
    }
    const orgKey = this.lastKey;
    if (orgKey !== "" && !this.lastKnown) {
      const msg = `Организации с кодом «${quoted(code as string)}» нет на листе «Организации»`;
      sink.onRecord(rec, "orgCode", "unknown-organization", msg, nearest(code as string, this.allCodes));
    }
    const p = rec.value;
    if (!p) return;
    if (this.hasConsentColumn && p.consent !== "Да") {
      const msg = p.consent === null ? "Не отмечено согласие на обработку персональных данных" : "Нет согласия на обработку персональных данных";
      sink.onRecord(rec, "consent", "no-consent", msg);
    }
    checkDuplicate(rec, p, this.persons.personOf(orgKey, p.fio, p.birthDate), this.sheetNo, sink);

    const isMentee = p.role === ROLE.mentee;
    const minAge = this.rules.minMenteeAge;
    // Exact age only near the limit: anyone minAge × 366 days old or more is old enough (no calendar math).
    if (isMentee && p.category === CATEGORY.student && p.birthDate !== null && p.start - p.birthDate < minAge * 366) {
      const age = ageAt(p.birthDate, p.start);
      if (age < minAge) {
        sink.onRecord(rec, "birthDate", "age-out-of-range", `На дату начала наставляемому ${age} лет: меньше минимального возраста ${minAge}`);
      }
    }
    let side = this.sides.get(p.form);
    if (!side) this.sides.set(p.form, (side = [menteeCategoriesOf(p.form), mentorCategoriesOf(p.form)]));
    const allowed = isMentee ? side[0] : side[1];
    if (allowed && !allowed.includes(p.category)) {
      const who = isMentee ? "наставляемого" : "наставника";
      const msg = `Форма «${p.form}» предполагает ${who} категории ${allowed.map((c) => `«${c}»`).join(" или ")}, указано «${p.category}»`;
      sink.onRecord(rec, "category", "form-category-mismatch", msg, allowed[0]);
    }
    if (p.pair && rec.errors === 0) {
      let inOrg = this.pairs.get(orgKey);
      if (!inOrg) this.pairs.set(orgKey, (inOrg = new Map()));
      const id = valueKey(p.pair);
      let g = inOrg.get(id);
      if (!g) inOrg.set(id, (g = { mentor: false, firstMentee: undefined })); // one shape from the start
      if (isMentee) g.firstMentee ??= rec;
      else g.mentor = true;
    }
  }

  pairsWithoutMentor(): void {
    for (const inOrg of this.pairs.values()) {
      for (const g of inOrg.values()) {
        if (g.mentor || !g.firstMentee) continue;
        const pair = g.firstMentee.value!.pair;
        this.sink.onRecord(g.firstMentee, "pair", "pair-without-mentor", `В паре/группе «${quoted(pair ?? "")}» есть наставляемые, но нет наставника`);
      }
    }
  }
}

keepShape(new RosterChecks(new Map(), { minMenteeAge: 0 }, null as unknown as IssueSink<Key>, false, keepShape(new PersonIndex()), 0));

/** The same person again with the same role and form: a warning on the later row, naming the earlier. */
function checkDuplicate(rec: Rec, p: ParticipantRow, person: Person, sheetNo: number, sink: IssueSink<Key>): void {
  rec.identity = person.id;
  const row = earlierRow(person, sheetNo, p.role, p.form, rec.row);
  if (row === undefined) return;
  sink.onRecord(rec, "fio", "duplicate-person", `Повтор: ${quoted(p.fio)} уже указан(а) в строке ${row} с той же ролью и формой; учитывается один раз`);
}
