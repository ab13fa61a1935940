// The fast acceptance of a row must agree with its zod schema on every input: readTable trusts `accepts`
// for valid rows and only asks zod about the rest, so a disagreement would pass a bad row or lose a good one.
import fc from "fast-check";
import { SHEET_SPECS } from "../../src/core/model/columns";
import { ROW_TYPES } from "../../src/core/read/schemas";

// Values near every boundary the schemas draw: blank and one-character strings, whole and fractional,
// negative, huge and non-finite numbers, the target years' range, and things no reader produces.
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom("", "x", "%", "Да", "шт."),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -5, max: 200 }),
  fc.integer({ min: 2017, max: 2037 }),
  fc.integer({ min: 40_000, max: 50_000 }),
  fc.double({ min: -10, max: 200 }),
  fc.constantFrom(NaN, Infinity, -Infinity, 2 ** 53, -0, 0.5, 100, 100.5, 101),
  fc.boolean(),
  fc.constant(new Date(2021, 0, 1)),
);

// A valid row of each kind, as the readers would deliver it from the example workbook.
const VALID = {
  organizations: { code: "047-001", name: "МБОУ «Бокситогорская СОШ №1»", type: "СОШ", contingent: 812, youngTeachers: 6 },
  targets: { orgCode: "047-001", indicator: "Численность обучающихся, вовлечённых в наставничество", year: 2021, plan: 285, unit: "чел.", basis: null },
  participants: {
    fio: "Иванова Мария Петровна",
    birthDate: 14_000,
    orgCode: "047-001",
    role: "Наставляемый",
    category: "Обучающийся",
    form: "Ученик – ученик",
    pair: "1",
    start: 18_700,
    end: null,
    consent: "Да",
  },
  roadmap: { id: "1", title: "Утверждение положения о наставничестве", responsible: null, deadline: "до 30.12.2021", progress: null, completed: null },
};

describe.each(Object.entries(ROW_TYPES))("%s rows", (kind, type) => {
  const valid: Record<string, unknown> = VALID[kind as keyof typeof VALID];
  const keys = Object.keys(valid);

  it("lists the schema's fields; its row builder and the sheet's columns have the same keys in the same order", () => {
    expect(Object.keys((type.schema as unknown as { shape: object }).shape)).toEqual(keys);
    // row() puts the i-th value under the i-th key.
    expect(type.row(keys.map((k) => `value of ${k}`))).toEqual(Object.fromEntries(keys.map((k) => [k, `value of ${k}`])));
    expect(Object.keys(type.row(keys.map(() => null)))).toEqual(keys);
    const spec = SHEET_SPECS.find((s) => s.kind === kind)!;
    expect(spec.columns.map((c) => c.key)).toEqual(keys);
  });

  it("accepts exactly the rows zod accepts", () => {
    // Each field keeps its valid value or takes a random one, so both verdicts come up often.
    const field = (k: string) => fc.oneof({ arbitrary: fc.constant(valid[k]), weight: 2 }, { arbitrary: fieldValue, weight: 1 });
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(fc.tuple(...keys.map(field)), (values) => {
        const row = Object.fromEntries(keys.map((k, i) => [k, values[i]]));
        const zodSays = type.schema.safeParse(row).success;
        seen[zodSays ? "accepted" : "refused"]++;
        expect(type.accepts(row)).toBe(zodSays);
        expect(type.acceptsRow(values, type.row(values))).toBe(zodSays);
      }),
      { numRuns: 3000 },
    );
    expect(seen.accepted).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });

  it("accepts a valid row and refuses it with one field blanked", () => {
    expect(type.schema.safeParse(valid).success).toBe(true);
    expect(type.accepts(valid)).toBe(true);
    const required = Object.keys(valid).filter((k) => !type.schema.safeParse({ ...valid, [k]: null }).success);
    expect(required.length).toBeGreaterThan(0);
    for (const k of required) expect(type.accepts({ ...valid, [k]: null })).toBe(false);
  });
});
