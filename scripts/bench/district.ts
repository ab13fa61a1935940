// A synthetic district for the benchmark: about thirty organizations of every type, with plans sized so
// that the roster covers each at a different share, as in a real quarter. Deterministic.
import type { SeedOrganization } from "../example/boksitogorsk";
import { rng } from "../example/roster";

const KINDS: { prefix: string; count: number; name: (n: number) => string }[] = [
  { prefix: "СОШ", count: 16, name: (n) => `Муниципальное бюджетное общеобразовательное учреждение "Средняя общеобразовательная школа № ${n}"` },
  { prefix: "ООШ", count: 4, name: (n) => `Муниципальное казённое общеобразовательное учреждение "Основная общеобразовательная школа № ${n}"` },
  { prefix: "ГИМН", count: 2, name: (n) => `Муниципальное автономное общеобразовательное учреждение "Гимназия № ${n}"` },
  { prefix: "ЛИЦ", count: 2, name: (n) => `Муниципальное автономное общеобразовательное учреждение "Лицей № ${n}"` },
  { prefix: "ЦДО", count: 3, name: (n) => `Муниципальное бюджетное учреждение дополнительного образования "Центр дополнительного образования № ${n}"` },
  { prefix: "ДШИ", count: 2, name: (n) => `Муниципальное бюджетное учреждение дополнительного образования "Детская школа искусств № ${n}"` },
  { prefix: "ДЮСШ", count: 1, name: (n) => `Муниципальное бюджетное учреждение дополнительного образования "Детско-юношеская спортивная школа № ${n}"` },
];

export interface BenchOrganization extends SeedOrganization {
  /** Share of the plan the roster reaches (0.2 lags behind, above 1 over-fulfils). */
  reach: number;
}

/** Thirty organizations whose plans add up to roughly the mentees of a roster of `rows` rows. */
export function makeDistrict(rows: number, seed = 2021): BenchOrganization[] {
  const r = rng(seed);
  const orgs: BenchOrganization[] = [];
  for (const k of KINDS) for (let n = 1; n <= k.count; n++) orgs.push({ code: `${k.prefix}${n}`, name: k.name(n), plan: 0, contingent: 0, youngTeachers: 0, reach: 0 });
  // Four mentees in five rows; each organization gets a share of them weighted like school sizes.
  const weights = orgs.map(() => 0.4 + r() * 1.6);
  const sum = weights.reduce((s, w) => s + w, 0);
  orgs.forEach((o, i) => {
    const mentees = Math.max(4, Math.round(((rows * 0.8) * weights[i]) / sum));
    o.reach = 0.2 + r() * 0.95;
    o.plan = Math.max(1, Math.round(mentees / o.reach));
    o.contingent = Math.round(o.plan / (0.3 + r() * 0.2));
    o.youngTeachers = 2 + Math.floor(r() * Math.max(3, o.contingent / 200));
  });
  return orgs;
}
