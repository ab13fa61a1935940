// Generators for property tests: tables of cells under a valid header. Most cells are plausible values
// (so that rows are valid often enough to be counted, duplicated, paired), the rest anything at all:
// random text, numbers incl. NaN and ±Infinity, booleans, Dates incl. invalid ones, formula errors, null.
import fc from "fast-check";
import type { CellValue, SheetInput, WorkbookInput } from "../../src/core/model/cells";
import { ORGANIZATIONS, PARTICIPANTS, ROADMAP, type SheetSpec, TARGETS } from "../../src/core/model/columns";
import { DEFAULT_DICTIONARIES, INDICATORS } from "../../src/core/model/dictionaries";
import { excelSerialOf } from "../../src/core/model/dates";

const ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"];

export const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 24 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("", " ", "\u00a0", "\u200b", "\u200e", "\u00ad", "—", "-", "0", "ИТОГО", "#N/A", "31.02.2021", "1 350", "12,5"),
  fc.double(),
  fc.integer({ min: -2_000_000, max: 3_000_000 }),
  fc.boolean(),
  fc.date(), // includes Invalid Date
  fc.constantFrom(...ERRORS).map((error) => ({ error })),
  fc.constant(null),
);

const CODES = ["БДЮСШ", "БЦДО", "БДШИ", "ПДШИ"];
const orgRows = CODES.map((code, i) => [code, `Организация ${code}`, "ОДО", 100 + 50 * i, 2 + i]);

/** A day of 2020–2021 in every shape a date arrives in: a Date, an Excel serial, Russian text, ISO text. */
const someDay: fc.Arbitrary<CellValue> = fc
  .integer({ min: Date.UTC(2020, 0, 1) / 864e5, max: Date.UTC(2021, 11, 31) / 864e5 })
  .chain((day) => {
    const d = new Date(day * 864e5);
    const pad = (n: number) => String(n).padStart(2, "0");
    return fc.constantFrom<CellValue>(d, excelSerialOf(day), `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`, d.toISOString().slice(0, 10));
  });
const birthDay: fc.Arbitrary<CellValue> = fc.integer({ min: Date.UTC(1960, 0, 1) / 864e5, max: Date.UTC(2016, 0, 1) / 864e5 }).map((d) => new Date(d * 864e5));

/** Mostly valid values, sometimes a near miss: rows must be valid often enough to meet each other. */
const mostly = (valid: CellValue[], odd: CellValue[]): fc.Arbitrary<CellValue> =>
  fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 8 }, { arbitrary: fc.constantFrom(...odd), weight: 1 });

/** Plausible values per column: small pools, so that duplicates, pairs and near misses happen. */
const PLAUSIBLE: Record<string, fc.Arbitrary<CellValue>> = {
  fio: mostly(["Зайцев Илья Олегович", "Борисова Софья Игоревна", "Никитина Алиса Олеговна", "Орлова Анна Сергеевна"], ["зайцев  илья олегович", "Opлова Анна Сергеевна", ""]),
  birthDate: fc.oneof(birthDay, fc.constant(null)),
  orgCode: mostly(CODES, ["пдши", "ПДШИ\u00a0", "БДШИ2", "ИТОГО"]),
  role: mostly([...DEFAULT_DICTIONARIES.roles], ["Hаставляемый", "наставник", "Ученик"]),
  category: mostly([...DEFAULT_DICTIONARIES.categories], ["Обучающиеся"]),
  form: mostly([...DEFAULT_DICTIONARIES.forms], ["Ученик-ученик", "Педагог – родитель"]),
  pair: fc.constantFrom("П-1", "П-2", "п-1", null),
  start: someDay,
  end: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: someDay, weight: 1 }),
  consent: mostly(["Да"], ["Нет", null]),
  // other sheets
  code: mostly([...CODES, "ЕДМШ"], ["", "пдши"]),
  name: mostly(["Бокситогорская детская школа искусств"], ["", "ДШИ"]),
  type: mostly([...DEFAULT_DICTIONARIES.orgTypes], ["МБОУ"]),
  contingent: fc.oneof(fc.nat(3000), fc.constantFrom<CellValue>("1 350", "-1", "12,5")),
  youngTeachers: fc.oneof(fc.nat(30), fc.constant(null)),
  indicator: fc.constantFrom(...Object.values(INDICATORS).map((i) => i.name)),
  year: mostly([2021, 2022, "2021"], [1999]),
  plan: fc.oneof(fc.nat(2000), fc.constantFrom<CellValue>(35, 150, "1 256")),
  unit: mostly(["чел.", "%"], ["шт."]),
  basis: fc.constantFrom("Распоряжение КО от 08.02.2021 № 48", null),
  id: fc.constantFrom("1", "1.2", null),
  title: mostly(["Мониторинг", "Совещание"], [null]),
  responsible: fc.constantFrom("Куратор", null),
  deadline: fc.constantFrom<CellValue>("01.03.2021", "ежеквартально", "в течение года", "до 25.02.022", "по отдельному графику", new Date(Date.UTC(2021, 5, 1))),
  progress: mostly([...DEFAULT_DICTIONARIES.progress, null], ["готово"]),
  completed: fc.oneof(someDay, fc.constant(null)),
};

const cellFor = (key: string): fc.Arbitrary<CellValue> =>
  fc.oneof({ arbitrary: PLAUSIBLE[key] ?? anyCell, weight: 20 }, { arbitrary: anyCell, weight: 1 });

const BLANKS: CellValue[] = [null, "", " ", "\u00a0", "\u200b"];

/** A row of the spec's columns in spec order, plus one extra column; sometimes blank throughout. */
export function rowOf(spec: SheetSpec): fc.Arbitrary<CellValue[]> {
  const filled = fc.tuple(...spec.columns.map((c) => cellFor(c.key)), anyCell);
  const blank = fc.array(fc.constantFrom(...BLANKS), { minLength: spec.columns.length + 1, maxLength: spec.columns.length + 1 });
  return fc.oneof({ arbitrary: filled, weight: 6 }, { arbitrary: blank, weight: 1 });
}

export interface GeneratedTable {
  spec: SheetSpec;
  /** Column order on the sheet: order[i] is the spec column (or the extra one, index = columns.length) at sheet column i. */
  order: number[];
  /** Rows above the header (a title). */
  above: number;
  /** Data rows in spec order (+ the extra column), before `order` places them. */
  rows: CellValue[][];
}

/** A table of random rows under the spec's template header, columns shuffled, maybe a title above. */
export function tableOf(spec: SheetSpec, maxRows = 30): fc.Arbitrary<GeneratedTable> {
  const n = spec.columns.length + 1;
  const indexes = Array.from({ length: n }, (_, i) => i);
  return fc.record({
    spec: fc.constant(spec),
    order: fc.shuffledSubarray(indexes, { minLength: n, maxLength: n }),
    above: fc.nat(2),
    rows: fc.array(rowOf(spec), { maxLength: maxRows }),
  });
}

/** The sheet of a generated table: title rows, the header in the shuffled order, then the data rows. */
export function sheetOf(t: GeneratedTable, rows = t.rows): SheetInput {
  const header = t.order.map((i) => (i < t.spec.columns.length ? t.spec.columns[i].header : "Примечание"));
  const title: CellValue[][] = Array.from({ length: t.above }, (_, i) => (i === 0 ? [`${t.spec.sheetName}: сведения`] : []));
  return { name: t.spec.sheetName, rows: [...title, header, ...rows.map((r) => t.order.map((i) => r[i]))] };
}

/** A workbook around one generated table, with valid organizations when the table is not that sheet. */
export function workbookOf(t: GeneratedTable, rows = t.rows): WorkbookInput {
  const sheets: SheetInput[] = [sheetOf(t, rows)];
  if (t.spec !== ORGANIZATIONS) sheets.push({ name: ORGANIZATIONS.sheetName, rows: [ORGANIZATIONS.columns.map((c) => c.header), ...orgRows] });
  return { sheets };
}

export const SPECS = { ORGANIZATIONS, TARGETS, PARTICIPANTS, ROADMAP };
