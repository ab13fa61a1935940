// A synthetic roster of the six seed organizations: realistic names, pairs, forms and dates, with the
// mistakes real school rosters contain. Deterministic (seeded), so tests can rely on its contents.
import type { SeedOrganization } from "./boksitogorsk";

export type RosterCell = string | number | Date | { error: string } | null;

export interface RosterRow {
  fio: RosterCell;
  birthDate: RosterCell;
  orgCode: RosterCell;
  role: RosterCell;
  category: RosterCell;
  form: RosterCell;
  pair: RosterCell;
  start: RosterCell;
  end: RosterCell;
  consent: RosterCell;
  /** Why this row is here, for the README and the tests (not written to the workbook). */
  planted?: string;
}

const SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев"];
const MALE = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил", "Никита", "Матвей", "Роман", "Егор", "Арсений"];
const FEMALE = ["Анастасия", "Мария", "Дарья", "Анна", "Елизавета", "Полина", "Виктория", "Екатерина", "Софья", "Алиса", "Ксения", "Варвара", "Вероника", "Ульяна", "Алёна"];
const PATRON_M = ["Александрович", "Дмитриевич", "Сергеевич", "Андреевич", "Алексеевич", "Игоревич", "Олегович", "Викторович"];
const PATRON_F = ["Александровна", "Дмитриевна", "Сергеевна", "Андреевна", "Алексеевна", "Игоревна", "Олеговна", "Викторовна"];

/** mulberry32: a tiny seeded generator, so the example is the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export function makeName(r: () => number, used: Set<string>): string {
  for (;;) {
    const female = r() < 0.5;
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const sur = pick(SURNAMES) + (female ? "а" : "");
    const name = `${sur.replace(/йа$/, "я")} ${pick(female ? FEMALE : MALE)} ${pick(female ? PATRON_F : PATRON_M)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/** Share of each organization's plan reached by its mentees (ЕДМШ over-fulfils). */
const REACH: Record<string, number> = { БДЮСШ: 0.62, БЦДО: 0.34, БДШИ: 0.55, ДЮСШП: 0.2, ПДШИ: 0.48, ЕДМШ: 1.07 };

export function makeRoster(orgs: SeedOrganization[], seed = 48): RosterRow[] {
  const r = rng(seed);
  const used = new Set<string>();
  const rows: RosterRow[] = [];
  for (const org of orgs) {
    const mentees = Math.round(org.plan * (REACH[org.code] ?? 0.4));
    const perPair = 4;
    for (let g = 0; g * perPair < mentees; g++) {
      const pair = `${org.code}-${String(g + 1).padStart(2, "0")}`;
      const peer = g % 3 === 0; // every third group is pupil-to-pupil
      const form = peer ? "Ученик – ученик" : "Учитель – ученик";
      const month = 1 + Math.floor(r() * 5); // groups start January–May
      const start = utc(2021, month, 1 + Math.floor(r() * 27));
      rows.push({
        fio: makeName(r, used),
        birthDate: peer ? utc(2004 + Math.floor(r() * 2), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28)) : utc(1965 + Math.floor(r() * 30), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28)),
        orgCode: org.code,
        role: "Наставник",
        category: peer ? "Обучающийся" : "Педагог",
        form,
        pair,
        start,
        end: null,
        consent: "Да",
      });
      for (let k = 0; k < perPair && g * perPair + k < mentees; k++) {
        rows.push({
          fio: makeName(r, used),
          birthDate: utc(2006 + Math.floor(r() * 5), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28)),
          orgCode: org.code,
          role: "Наставляемый",
          category: "Обучающийся",
          form,
          pair,
          start,
          end: r() < 0.1 ? utc(2021, 12, 25) : null,
          consent: "Да",
        });
      }
    }
  }
  // Teacher-to-teacher support of young specialists: half of each organization's young teachers.
  for (const org of orgs) {
    const pair = `${org.code}-МП`;
    const start = utc(2021, 2, 1);
    const teacher = (role: string, category: string, birthYear: number): RosterRow => ({
      fio: makeName(r, used), birthDate: utc(birthYear, 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28)), orgCode: org.code,
      role, category, form: "Учитель – учитель", pair, start, end: null, consent: "Да",
    });
    rows.push(teacher("Наставник", "Педагог", 1970 + Math.floor(r() * 15)));
    for (let k = 0; k < Math.ceil(org.youngTeachers / 2); k++) rows.push(teacher("Наставляемый", "Молодой специалист", 1996 + Math.floor(r() * 3)));
  }
  return [...rows, ...plantedRows(rows, r, used)];
}

/** The mistakes real rosters contain; each row says which, and the tests check each one's issue. */
function plantedRows(base: RosterRow[], r: () => number, used: Set<string>): RosterRow[] {
  const mentee = (org: string, pair: string, extra: Partial<RosterRow>, planted: string): RosterRow => ({
    fio: makeName(r, used),
    birthDate: utc(2009, 3, 14),
    orgCode: org,
    role: "Наставляемый",
    category: "Обучающийся",
    form: "Учитель – ученик",
    pair,
    start: utc(2021, 2, 1),
    end: null,
    consent: "Да",
    ...extra,
    planted,
  });
  const dup = base.find((x) => x.role === "Наставляемый" && x.orgCode === "БЦДО")!;
  const twoForms = base.find((x) => x.role === "Наставляемый" && x.orgCode === "БДШИ" && x.form === "Учитель – ученик")!;
  return [
    mentee("БДЮСШ", "БДЮСШ-01", { role: "Hаставляемый" }, "Latin H in «Наставляемый»: read as the list value, no issue"),
    mentee("БДЮСШ", "БДЮСШ-01", { form: "Ученик-ученик", category: "Обучающийся" }, "stray hyphen in «Ученик-ученик»: read as «Ученик – ученик», no issue"),
    mentee("БЦДО", "БЦДО-02", { start: "15.03.2021" }, "date as text: accepted"),
    mentee("БЦДО", "БЦДО-02", { start: "31.02.2021" }, "impossible date: invalid-date, row excluded"),
    mentee("БДШИ2", "БДШИ-01", {}, "unknown organization code: unknown-organization, row excluded"),
    mentee("БДШИ", "БДШИ-01", { fio: null }, "no ФИО: missing-value, row excluded"),
    mentee("ПДШИ", "ПДШИ-01", { orgCode: { error: "#N/A" } }, "formula error in the code (a broken VLOOKUP): formula-error, row excluded"),
    { ...dup, planted: "the same mentee again with the same role and form: duplicate-person warning, counted once" },
    { ...twoForms, form: "Ученик – ученик", pair: "БДШИ-01", planted: "the same mentee in a second form: no issue, counted once" },
    mentee("ДЮСШП", "ДЮСШП-01", { start: utc(2021, 5, 1), end: utc(2021, 3, 1) }, "end before start: date-order, row excluded"),
    mentee("ДЮСШП", "ДЮСШП-02", { consent: "Нет" }, "consent Нет: no-consent warning"),
    mentee("ДЮСШП", "ДЮСШП-02", { consent: null }, "consent empty: no-consent warning"),
    mentee("БЦДО", "БЦДО-03", { birthDate: utc(2013, 6, 1) }, "a 7-year-old mentee: age-out-of-range warning"),
    mentee("БЦДО", "БЦДО-03", { form: "Учитель – учитель" }, "form Учитель – учитель with a pupil: form-category-mismatch warning"),
    mentee("БЦДО", "БЦДО-99", {}, "pair БЦДО-99 has no mentor: pair-without-mentor warning"),
    mentee("БЦДО", "БЦДО-02", { category: "Обучающиеся" }, "misspelt category: unknown-value with suggestion «Обучающийся»"),
    mentee("БЦДО", "БЦДО-02", { start: utc(2021, 8, 20) }, "started after the period (Q2): not counted for 2021-Q2"),
    mentee("БЦДО", "БЦДО-02", { start: utc(2020, 2, 1), end: utc(2020, 12, 20) }, "ended before the year: not counted"),
  ];
}
