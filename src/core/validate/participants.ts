import { type Day, ymdOf } from "../dates";
import { CATEGORY, ROLE, menteeCategoriesOf, mentorCategoriesOf } from "../dictionaries";
import type { ParticipantRow } from "../schemas";
import type { IssueSink, RowRecord } from "../table";
import { nearest, quoted, valueKey, valueKeyUncached } from "../text";

type Key = keyof ParticipantRow;
type Rec = RowRecord<ParticipantRow, Key>;

export interface ParticipantRules {
  /** Minimum age of a mentee of category Обучающийся at Дата начала (SPEC §2.5). */
  readonly minMenteeAge: number;
}

/** Identity of a person within an organization: code + normalized ФИО + date of birth when known. */
export function personKey(p: Pick<ParticipantRow, "orgCode" | "fio" | "birthDate">): string {
  // Names are nearly all distinct: memoising them would only push the repeated list values out of the memo.
  return `${valueKey(p.orgCode)}|${valueKeyUncached(p.fio)}|${p.birthDate ?? ""}`;
}

export function ageAt(birth: Day, at: Day): number {
  const b = ymdOf(birth);
  const a = ymdOf(at);
  return a.y - b.y - (a.m < b.m || (a.m === b.m && a.d < b.d) ? 1 : 0);
}

/** An earlier row of a person with one role and form; rows of the same person in other roles or forms chain on. */
interface Earlier {
  readonly role: string;
  readonly form: string;
  readonly row: number;
  readonly next: Earlier | undefined;
}

interface PairState {
  mentor: boolean;
  firstMentee?: Rec;
}

/**
 * Cross-row rules of a roster. Runs once per row of rosters of 100 000 rows, so lookups are keyed by
 * strings already built (person key, list values, memoised codes) rather than by new concatenations.
 */
export function checkParticipants(
  records: Rec[],
  orgCodes: ReadonlyMap<string, string>,
  rules: ParticipantRules,
  sink: IssueSink<Key>,
  hasConsentColumn: boolean,
): void {
  const allCodes = [...orgCodes.values()];
  const seen = new Map<string, Earlier>(); // person → their earlier rows, one per role and form
  const pairs = new Map<string, Map<string, PairState>>(); // organization → pair id → state
  const sides = new Map<string, readonly [readonly string[] | undefined, readonly string[] | undefined]>();
  for (const rec of records) {
    const code = rec.fields.orgCode;
    if (typeof code === "string" && code !== "" && !orgCodes.has(valueKey(code))) {
      const msg = `Организации с кодом «${quoted(code)}» нет на листе «Организации»`;
      sink.onRecord(rec, "orgCode", "unknown-organization", msg, nearest(code, allCodes));
    }
    const p = rec.value;
    if (!p) continue;
    if (hasConsentColumn && p.consent !== "Да") {
      const msg = p.consent === null ? "Не отмечено согласие на обработку персональных данных" : "Нет согласия на обработку персональных данных";
      sink.onRecord(rec, "consent", "no-consent", msg);
    }
    checkDuplicate(rec, p, seen, sink);

    const isMentee = p.role === ROLE.mentee;
    // Exact age only near the limit: anyone minAge × 366 days old or more is old enough (no calendar math).
    if (isMentee && p.category === CATEGORY.student && p.birthDate !== null && p.start - p.birthDate < rules.minMenteeAge * 366) {
      const age = ageAt(p.birthDate, p.start);
      if (age < rules.minMenteeAge) {
        sink.onRecord(rec, "birthDate", "age-out-of-range", `На дату начала наставляемому ${age} лет: меньше минимального возраста ${rules.minMenteeAge}`);
      }
    }
    let side = sides.get(p.form);
    if (!side) sides.set(p.form, (side = [menteeCategoriesOf(p.form), mentorCategoriesOf(p.form)]));
    const allowed = isMentee ? side[0] : side[1];
    if (allowed && !allowed.includes(p.category)) {
      const who = isMentee ? "наставляемого" : "наставника";
      const msg = `Форма «${p.form}» предполагает ${who} категории ${allowed.map((c) => `«${c}»`).join(" или ")}, указано «${p.category}»`;
      sink.onRecord(rec, "category", "form-category-mismatch", msg, allowed[0]);
    }
    if (p.pair && rec.errors === 0) {
      const org = valueKey(p.orgCode);
      let inOrg = pairs.get(org);
      if (!inOrg) pairs.set(org, (inOrg = new Map()));
      const id = valueKey(p.pair);
      let g = inOrg.get(id);
      if (!g) inOrg.set(id, (g = { mentor: false }));
      if (isMentee) g.firstMentee ??= rec;
      else g.mentor = true;
    }
  }
  for (const inOrg of pairs.values()) {
    for (const g of inOrg.values()) {
      if (g.mentor || !g.firstMentee) continue;
      const pair = g.firstMentee.value!.pair;
      sink.onRecord(g.firstMentee, "pair", "pair-without-mentor", `В паре/группе «${quoted(pair ?? "")}» есть наставляемые, но нет наставника`);
    }
  }
}

/** The same person again with the same role and form: a warning on the later row, naming the earlier. */
function checkDuplicate(rec: Rec, p: ParticipantRow, seen: Map<string, Earlier>, sink: IssueSink<Key>): void {
  const who = (rec.identity = personKey(p));
  const earlier = seen.get(who);
  for (let e = earlier; e !== undefined; e = e.next) {
    if (e.role === p.role && e.form === p.form) {
      sink.onRecord(rec, "fio", "duplicate-person", `Повтор: ${quoted(p.fio)} уже указан(а) в строке ${e.row} с той же ролью и формой; учитывается один раз`);
      return;
    }
  }
  seen.set(who, { role: p.role, form: p.form, row: rec.row, next: earlier });
}
