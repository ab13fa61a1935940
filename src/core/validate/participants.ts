import { type Day, ymdOf } from "../dates";
import { CATEGORY, ROLE, menteeCategoriesOf, mentorCategoriesOf } from "../dictionaries";
import type { ParticipantRow } from "../schemas";
import type { IssueSink, RowRecord } from "../table";
import { nearest, valueKey } from "../text";

type Key = keyof ParticipantRow;
type Rec = RowRecord<ParticipantRow, Key>;

export interface ParticipantRules {
  /** Minimum age of a mentee of category Обучающийся at Дата начала (SPEC §2.5). */
  readonly minMenteeAge: number;
}

/** Identity of a person within an organization: code + normalized ФИО + date of birth when known. */
export function personKey(p: Pick<ParticipantRow, "orgCode" | "fio" | "birthDate">): string {
  return `${valueKey(p.orgCode)}|${valueKey(p.fio)}|${p.birthDate ?? ""}`;
}

export function ageAt(birth: Day, at: Day): number {
  const b = ymdOf(birth);
  const a = ymdOf(at);
  return a.y - b.y - (a.m < b.m || (a.m === b.m && a.d < b.d) ? 1 : 0);
}

export function checkParticipants(
  records: Rec[],
  orgCodes: ReadonlyMap<string, string>,
  rules: ParticipantRules,
  sink: IssueSink<Key>,
  hasConsentColumn: boolean,
): void {
  const allCodes = [...orgCodes.values()];
  const seen = new Map<string, number>();
  const pairs = new Map<string, { mentor: boolean; firstMentee?: Rec }>();
  for (const rec of records) {
    const code = rec.fields.orgCode;
    if (typeof code === "string" && code !== "" && !orgCodes.has(valueKey(code))) {
      const msg = `Организации с кодом «${code}» нет на листе «Организации»`;
      sink.onRecord(rec, "orgCode", "unknown-organization", msg, nearest(code, allCodes));
    }
    const p = rec.value;
    if (!p) continue;
    if (hasConsentColumn && p.consent !== "Да") {
      const msg = p.consent === null ? "Не отмечено согласие на обработку персональных данных" : "Нет согласия на обработку персональных данных";
      sink.onRecord(rec, "consent", "no-consent", msg);
    }
    const dupKey = `${personKey(p)}|${p.role}|${p.form}`;
    const first = seen.get(dupKey);
    if (first === undefined) seen.set(dupKey, rec.row);
    else sink.onRecord(rec, "fio", "duplicate-person", `Повтор: ${p.fio} уже указан(а) в строке ${first} с той же ролью и формой; учитывается один раз`);

    const isMentee = p.role === ROLE.mentee;
    if (isMentee && p.category === CATEGORY.student && p.birthDate !== null) {
      const age = ageAt(p.birthDate, p.start);
      if (age < rules.minMenteeAge) {
        sink.onRecord(rec, "birthDate", "age-out-of-range", `На дату начала наставляемому ${age} лет: меньше минимального возраста ${rules.minMenteeAge}`);
      }
    }
    const allowed = isMentee ? menteeCategoriesOf(p.form) : mentorCategoriesOf(p.form);
    if (allowed && !allowed.includes(p.category)) {
      const who = isMentee ? "наставляемого" : "наставника";
      const msg = `Форма «${p.form}» предполагает ${who} категории ${allowed.map((c) => `«${c}»`).join(" или ")}, указано «${p.category}»`;
      sink.onRecord(rec, "category", "form-category-mismatch", msg, allowed[0]);
    }
    if (p.pair && rec.errors === 0) {
      const k = `${valueKey(p.orgCode)}|${valueKey(p.pair)}`;
      const g = pairs.get(k) ?? { mentor: false };
      pairs.set(k, g);
      if (isMentee) g.firstMentee ??= rec;
      else g.mentor = true;
    }
  }
  for (const g of pairs.values()) {
    if (g.mentor || !g.firstMentee) continue;
    const pair = g.firstMentee.value!.pair;
    sink.onRecord(g.firstMentee, "pair", "pair-without-mentor", `В паре/группе «${pair}» есть наставляемые, но нет наставника`);
  }
}
