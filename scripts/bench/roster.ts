// A roster of any size for the benchmark: groups of one mentor and four mentees over the district's
// organizations, with the share and kinds of mistakes real rosters carry (about 4 % of rows have an
// error, about 3 % a warning). Deterministic, and cheap enough to build 100 000 rows in well under a second.
import type { RosterRow } from "../example/roster";
import { rng } from "../example/roster";
import type { BenchOrganization } from "./district";

const SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв"];
const MALE = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил", "Никита", "Матвей", "Роман", "Егор", "Арсений", "Иван", "Денис", "Тимофей"];
const FEMALE = ["Анастасия", "Мария", "Дарья", "Анна", "Елизавета", "Полина", "Виктория", "Екатерина", "Софья", "Алиса", "Ксения", "Варвара", "Вероника", "Ульяна", "Алёна", "Ева", "Милана"];
const PATRON = ["Александров", "Дмитриев", "Сергеев", "Андреев", "Алексеев", "Игорев", "Олегов", "Викторов", "Николаев", "Владимиров"];

/** The forms a group can take, with who mentors and who is mentored. */
const GROUPS = [
  { form: "Учитель – ученик", mentor: "Педагог", mentee: "Обучающийся", weight: 5 },
  { form: "Ученик – ученик", mentor: "Обучающийся", mentee: "Обучающийся", weight: 3 },
  { form: "Учитель – учитель", mentor: "Педагог", mentee: "Молодой специалист", weight: 1 },
  { form: "Студент – ученик", mentor: "Студент", mentee: "Обучающийся", weight: 0.5 },
  { form: "Работодатель – ученик", mentor: "Представитель работодателя", mentee: "Обучающийся", weight: 0.5 },
];
const GROUP_WEIGHT = GROUPS.reduce((s, g) => s + g.weight, 0);

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

type Mistake = (row: RosterRow, prev: RosterRow | undefined) => RosterRow;

/** Mistakes by the share of rows that carry them; everything else is left as typed. */
const MISTAKES: [number, Mistake][] = [
  // read as the canonical value, no issue
  [0.01, (x) => ({ ...x, start: ruText(x.start) })],
  [0.005, (x) => ({ ...x, role: String(x.role).replace("Н", "H") })],
  [0.005, (x) => ({ ...x, form: String(x.form).replace(" – ", "-") })],
  // errors: the row is excluded
  [0.008, (x) => ({ ...x, start: "31.02.2021" })],
  [0.006, (x) => ({ ...x, orgCode: `${x.orgCode}2` })],
  [0.006, (x) => ({ ...x, fio: null })],
  [0.005, (x) => ({ ...x, orgCode: { error: "#N/A" } })],
  [0.005, (x) => ({ ...x, end: utc(2021, 1, 10), start: utc(2021, 3, 1) })],
  [0.006, (x) => ({ ...x, category: "Обучающиеся" })],
  [0.004, (x) => ({ ...x, start: null })],
  // warnings: counted
  [0.01, (x, prev) => (prev ? { ...prev } : x)],
  [0.012, (x) => ({ ...x, consent: "Нет" })],
  [0.008, (x) => ({ ...x, consent: null })],
];

function ruText(v: RosterRow["start"]): string {
  if (!(v instanceof Date)) return String(v);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(v.getUTCDate())}.${p(v.getUTCMonth() + 1)}.${v.getUTCFullYear()}`;
}

/** `rows` roster rows for the district; mentees per organization follow its share of the plans. */
export function makeBenchRoster(orgs: BenchOrganization[], rows: number, seed = 48): RosterRow[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const person = (female = r() < 0.5) =>
    `${pick(SURNAMES)}${female ? "а" : ""} ${pick(female ? FEMALE : MALE)} ${pick(PATRON)}${female ? "на" : "ич"}`;
  const day = (y0: number, years: number) => utc(y0 + Math.floor(r() * years), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28));
  const groups = new Map<string, number>();

  /** One mentor and four mentees of an organization, starting together. */
  function group(org: BenchOrganization): RosterRow[] {
    const g = weighted(r);
    const n = (groups.get(org.code) ?? 0) + 1;
    groups.set(org.code, n);
    const pair = `${org.code}-${n}`;
    // The roster as sent for 2021-Q2: groups started January–June 2021, one in ten is already entered
    // for the autumn, and one in twenty ended in 2020 (both fall outside the period).
    const old = r() < 0.05;
    const month = r() < 0.1 ? 9 : 1 + Math.floor(r() * 6);
    const start = old ? utc(2020, 1 + Math.floor(r() * 9), 1 + Math.floor(r() * 28)) : utc(2021, month, 1 + Math.floor(r() * 28));
    const base = { orgCode: org.code, form: g.form, pair, start, consent: "Да" };
    const mentor: RosterRow = { ...base, fio: person(), birthDate: g.mentor === "Обучающийся" ? day(2004, 3) : day(1965, 35), role: "Наставник", category: g.mentor, end: old ? utc(2020, 12, 25) : null };
    const mentees = [0, 1, 2, 3].map((): RosterRow => ({
      ...base,
      fio: person(),
      birthDate: g.mentee === "Обучающийся" ? day(2006, 5) : day(1996, 5),
      role: "Наставляемый",
      category: g.mentee,
      end: old ? utc(2020, 12, 25) : r() < 0.1 ? utc(2021, 12, 25) : null,
    }));
    return [mentor, ...mentees];
  }

  const totalReach = orgs.reduce((s, o) => s + o.plan * o.reach, 0);
  const out: RosterRow[] = [];
  for (const org of orgs) {
    const quota = Math.round((rows * org.plan * org.reach) / totalReach);
    for (let n = 0; n < quota && out.length < rows; n += 5) out.push(...group(org));
  }
  for (let i = 0; out.length < rows; i++) out.push(...group(orgs[i % orgs.length])); // rounding leftovers
  out.length = rows;
  return out.map((row, i) => plant(row, out[i - 1], r()));
}

function weighted(r: () => number) {
  let x = r() * GROUP_WEIGHT;
  for (const g of GROUPS) if ((x -= g.weight) < 0) return g;
  return GROUPS[0];
}

function plant(row: RosterRow, prev: RosterRow | undefined, x: number): RosterRow {
  for (const [share, mistake] of MISTAKES) {
    if (x < share) return mistake(row, prev);
    x -= share;
  }
  return row;
}
