// One organization + ФИО + date of birth is one person, however the name is spelled; the index that
// numbers persons must agree with valueKey, including where it skips building keys.
import fc from "fast-check";
import { sameKey, valueKey } from "../../src/core/model/text";
import { PersonIndex } from "../../src/core/validate/persons";

const BIRTH = 14_000; // 2008-05-01

describe("PersonIndex", () => {
  it("numbers spellings of one name in one organization and birth date as one person", () => {
    const ix = new PersonIndex();
    const id = ix.personOf("047-001", "Иванова Мария Петровна", BIRTH);
    for (const spelling of ["ИВАНОВА МАРИЯ ПЕТРОВНА", "Иванова  Мария Петровна ", "Иванова Mария Петровна", "Иванова Мария\u00a0Петровна", "Иванова Мари\u00adя Петровна"]) {
      expect(ix.personOf("047-001", spelling, BIRTH)).toBe(id);
    }
  });

  it("keeps apart another name, birth date or organization", () => {
    const ix = new PersonIndex();
    const a = ix.personOf("047-001", "Иванова Мария Петровна", BIRTH);
    const others = [
      ix.personOf("047-001", "Иванова Мария Павловна", BIRTH),
      ix.personOf("047-001", "Иванова Мария Петровна", BIRTH + 1),
      ix.personOf("047-001", "Иванова Мария Петровна", null),
      ix.personOf("047-002", "Иванова Мария Петровна", BIRTH),
    ];
    expect(new Set([a, ...others]).size).toBe(5);
    expect(ix.personOf("047-001", "Иванова Мария Петровна", null)).toBe(others[2]);
  });

  it("still finds everyone when hundreds share one birth date (a placeholder date typed for all)", () => {
    const ix = new PersonIndex();
    const names = Array.from({ length: 300 }, (_, i) => `Ученик ${"абвгдежзиклмнопрстуфхцчшщэюя"[i % 28]}${i}`);
    const ids = names.map((n) => ix.personOf("047-001", n, BIRTH));
    expect(new Set(ids).size).toBe(300);
    names.forEach((n, i) => expect(ix.personOf("047-001", n.toUpperCase(), BIRTH)).toBe(ids[i]));
  });
});

describe("earlierRow", () => {
  it("names the earlier row of the same role and form on the same sheet, and only that", () => {
    const ix = new PersonIndex();
    const id = ix.personOf("047-001", "Иванова Мария Петровна", BIRTH);
    expect(ix.earlierRow(id, 0, "Наставляемый", "Ученик – ученик", 5)).toBeUndefined();
    expect(ix.earlierRow(id, 0, "Наставляемый", "Учитель – ученик", 6)).toBeUndefined(); // another form
    expect(ix.earlierRow(id, 0, "Наставник", "Ученик – ученик", 7)).toBeUndefined(); // another role
    expect(ix.earlierRow(id, 0, "Наставляемый", "Учитель – ученик", 9)).toBe(6);
    expect(ix.earlierRow(id, 0, "Наставляемый", "Ученик – ученик", 10)).toBe(5);
    expect(ix.earlierRow(id, 1, "Наставляемый", "Ученик – ученик", 3)).toBeUndefined(); // another sheet
    expect(ix.earlierRow(id, 1, "Наставляемый", "Ученик – ученик", 4)).toBe(3);
  });
});

describe("sameKey agrees with valueKey whenever it answers", () => {
  // Names built from what rosters hold: Cyrillic in both cases, ё, Latin look-alikes, spaces of all
  // kinds, dashes, invisible characters.
  const ch = fc.constantFrom(..."АаБбВвЕеЁёИиКкМмНнОоРрСсТтЯя", ..."AaBCEeHKMOoPpTXxy", " ", " ", "  ", "\u00a0", "-", " - ", "\u2013", "\u00ad", "\u200b", "\t");
  const name = fc.array(ch, { maxLength: 12 }).map((xs) => xs.join(""));
  const pair = fc.oneof(
    fc.tuple(name, name),
    name.chain((a) => fc.tuple(fc.constant(a), fc.array(fc.integer({ min: 0, max: a.length }), { maxLength: 2 }).map((cuts) => mutate(a, cuts)))),
  );

  it("on random pairs of names and near-copies", () => {
    const answered = { yes: 0, no: 0 };
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const r = sameKey(a, b);
        if (r !== undefined) {
          answered[r ? "yes" : "no"]++;
          expect(r).toBe(valueKey(a) === valueKey(b));
        }
      }),
      { numRuns: 5000 },
    );
    expect(answered.yes).toBeGreaterThan(50);
    expect(answered.no).toBeGreaterThan(50);
  });

  it.each([
    ["Иванов Иван", "иванов иван", true],
    ["Иванов Иван", "Иванов Иона", false],
    ["Иванов  Иван", "Иванов Иван", undefined], // a space against a letter: only the keys can tell
    [" Иванов  Иван", " иванов  иван", true], // the same spaces in both clean alike
    ["Иванов -Петров", "Иванов-Петров", undefined],
    ["Иванов Иван ", "Иванов Иван", undefined],
  ])("%j vs %j → %s", (a, b, expected) => expect(sameKey(a, b)).toBe(expected));
});

/** The name with its letters at the cut points upper-cased or spaces doubled: near-copies of one name. */
function mutate(a: string, cuts: number[]): string {
  let s = a;
  for (const c of cuts) s = s.slice(0, c) + (c % 2 ? s.slice(c, c + 1).toUpperCase() : " ") + s.slice(c + 1);
  return s;
}
