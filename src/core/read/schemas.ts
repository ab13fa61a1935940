// The row types of the workbook model, defined once with zod. Cells are first read tolerantly
// (readers.ts); the schema then states what a valid row is: required fields, ranges, cross-field rules.
import { z } from "zod";
import type { IssueCode } from "../model/issues";

const day = z.number().int();
const count = z.number().int("Нужно целое число").min(0, "Число не может быть меньше 0");

/**
 * A broken cross-field rule, mapped to a stable issue code. The rules run inside zod (with ctx, to report)
 * and on their own (without, only to decide), so both paths share one definition.
 */
function broken(ctx: z.RefinementCtx | undefined, path: string, code: IssueCode, message: string): false {
  ctx?.addIssue({ code: "custom", path: [path], message, params: { issueCode: code } });
  return false;
}

export const OrganizationRow = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  type: z.string().min(1),
  contingent: count.nullable(),
  youngTeachers: count.nullable(),
});
export type OrganizationRow = z.infer<typeof OrganizationRow>;

const targetFields = z.object({
  orgCode: z.string().nullable(),
  indicator: z.string().min(1),
  year: z.number().int("Год — целое число").min(2019, "Год — не раньше 2019").max(2035, "Год — не позже 2035"),
  plan: z.number().min(0, "План не может быть меньше 0"),
  unit: z.string().min(1),
  basis: z.string().nullable(),
});
const targetRules = (t: z.infer<typeof targetFields>, ctx?: z.RefinementCtx): boolean => {
  if (t.unit === "%" && t.plan > 100) return broken(ctx, "plan", "invalid-number", "План в процентах — от 0 до 100");
  return true;
};
export const TargetRow = targetFields.superRefine((t, ctx) => void targetRules(t, ctx));
export type TargetRow = z.infer<typeof TargetRow>;

const participantFields = z.object({
  fio: z.string().min(1),
  birthDate: day.nullable(),
  orgCode: z.string().min(1),
  role: z.string().min(1),
  category: z.string().min(1),
  form: z.string().min(1),
  pair: z.string().nullable(),
  start: day,
  end: day.nullable(),
  consent: z.string().nullable(),
});
const participantRules = (p: z.infer<typeof participantFields>, ctx?: z.RefinementCtx): boolean => {
  let ok = true;
  if (p.end !== null && p.end < p.start) ok = broken(ctx, "end", "date-order", "Дата окончания раньше даты начала");
  if (p.birthDate !== null && p.birthDate > p.start) {
    ok = broken(ctx, "birthDate", "date-order", "Дата рождения позже даты начала участия");
  }
  return ok;
};
export const ParticipantRow = participantFields.superRefine((p, ctx) => void participantRules(p, ctx));
export type ParticipantRow = z.infer<typeof ParticipantRow>;

export const RoadmapRow = z.object({
  id: z.string().nullable(),
  title: z.string().min(1),
  responsible: z.string().nullable(),
  deadline: z.unknown(), // the raw cell; the deadline grammar reads it
  progress: z.string().nullable(),
  completed: day.nullable(),
});
export type RoadmapRow = z.infer<typeof RoadmapRow>;

/**
 * A row type: its zod schema, which defines what a valid row is and words every failure, and `accepts`,
 * which answers "would the schema accept these fields?" without running it. Rosters of 100 000 rows are
 * nearly all valid; zod's parse allocates a result, an output copy and per-field state for each of them,
 * which was a fifth of validation time. Rows `accepts` refuses go through zod for their messages.
 */
export interface RowType<T> {
  readonly schema: z.ZodType<T>;
  readonly accepts: (fields: Readonly<Record<string, unknown>>) => boolean;
  /**
   * `accepts` for a row built by `row(values)`, its fields checked by position in `values`: the same
   * verdict, without a keyed property load per field (ten names at one load site make it megamorphic).
   */
  readonly acceptsRow: (values: readonly unknown[], row: Readonly<Record<string, unknown>>) => boolean;
  /**
   * The fields whose own check fails, in the schema's order: what zod reports first (it checks the
   * cross-field rules only when every field passes).
   */
  readonly failing: (fields: Readonly<Record<string, unknown>>) => string[];
  /**
   * The row object of values in the schema's field order, written as an object literal: V8 gives every
   * row one shape and, as nearly all rows are kept, allocates them where long-lived objects go — about a
   * tenth of validation time against filling a copy of a template object field by field. The keys are
   * the schema's and the sheet spec's, in their order (a test holds all three together).
   */
  readonly row: (values: readonly unknown[]) => Record<keyof T, unknown>;
}

/** The row type of a schema: the field checks come from the very object zod parses with. */
function rowType<S extends z.ZodObject>(
  schema: S,
  row: (values: readonly unknown[]) => Record<keyof z.infer<S>, unknown>,
  rules?: (row: z.infer<S>) => boolean,
): RowType<z.infer<S>> {
  const keys = Object.keys(schema.shape);
  const checks = keys.map((key) => fieldCheck(key, schema.shape[key] as z.ZodType));
  const table = new FieldTable(keys.map((key) => fieldRule(key, schema.shape[key] as z.ZodType)));
  return {
    schema: schema as unknown as z.ZodType<z.infer<S>>, // S is that type; TypeScript cannot see it through the generic
    row,
    accepts: (row) => {
      // Indexed, not `for (const [key, ok] of …)`: that allocated an iterator per field per row.
      for (let i = 0; i < keys.length; i++) if (!checks[i](row[keys[i]])) return false;
      return rules === undefined || rules(row as z.infer<S>);
    },
    acceptsRow: (values, row) => table.accepts(values) && (rules === undefined || rules(row as z.infer<S>)),
    failing: (row) => keys.filter((key, i) => !checks[i](row[key])),
  };
}

// The bag keys of the checks fieldCheck reproduces. Any other check (a pattern, an exclusive bound, a
// new zod version's extra) must fail loudly at load time, not be skipped silently.
const KNOWN_BAG = new Set(["minimum", "maximum", "format"]);

/** zod's verdict for one field schema, as a plain predicate: nullable, string length, number range. */
function fieldCheck(key: string, s: z.ZodType): (v: unknown) => boolean {
  if (s instanceof z.ZodNullable) {
    const inner = fieldCheck(key, s.unwrap() as z.ZodType);
    return (v) => v === null || inner(v);
  }
  const bag = Object.keys(s._zod.bag);
  if (bag.some((k) => !KNOWN_BAG.has(k))) throw new Error(`schemas: no fast check for ${key} (${bag.join(", ")})`);
  if (s instanceof z.ZodUnknown) return () => true;
  if (s instanceof z.ZodString && s.format === null && s.maxLength === null) {
    const min = s.minLength ?? 0;
    return (v) => typeof v === "string" && v.length >= min;
  }
  if (s instanceof z.ZodNumber) {
    const min = s.minValue ?? -Infinity;
    const max = s.maxValue ?? Infinity;
    const whole = s.isInt === true;
    return (v) => typeof v === "number" && (whole ? Number.isSafeInteger(v) : Number.isFinite(v)) && v >= min && v <= max;
  }
  throw new Error(`schemas: no fast check for ${key} (${s.type})`);
}

/** A field's check as data: what fieldCheck decides, for FieldTable. */
interface FieldRule {
  readonly nullable: boolean;
  readonly kind: "any" | "string" | "number";
  readonly min: number; // a string's least length, a number's least value
  readonly max: number;
  readonly whole: boolean;
}

function fieldRule(key: string, s: z.ZodType): FieldRule {
  if (s instanceof z.ZodNullable) return { ...fieldRule(key, s.unwrap() as z.ZodType), nullable: true };
  fieldCheck(key, s); // refuses, loudly, any check it does not know
  if (s instanceof z.ZodUnknown) return { nullable: true, kind: "any", min: 0, max: 0, whole: false };
  if (s instanceof z.ZodString) return { nullable: false, kind: "string", min: s.minLength ?? 0, max: Infinity, whole: false };
  const n = s as z.ZodNumber;
  return { nullable: false, kind: "number", min: n.minValue ?? -Infinity, max: n.maxValue ?? Infinity, whole: n.isInt === true };
}

/**
 * Every field's check of a row type in flat arrays, run by one loop with no call per field: a row's values
 * pass here once for each of 100 000 rows, where ten closures, one per field, made ten calls V8 cannot inline.
 */
class FieldTable {
  private readonly kinds: Uint8Array; // 0 anything, 1 a string, 2 a number
  private readonly nullable: Uint8Array;
  private readonly whole: Uint8Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;

  constructor(rules: readonly FieldRule[]) {
    this.kinds = Uint8Array.from(rules, (r) => (r.kind === "any" ? 0 : r.kind === "string" ? 1 : 2));
    this.nullable = Uint8Array.from(rules, (r) => (r.nullable ? 1 : 0));
    this.whole = Uint8Array.from(rules, (r) => (r.whole ? 1 : 0));
    this.min = Float64Array.from(rules, (r) => r.min);
    this.max = Float64Array.from(rules, (r) => r.max);
  }

  accepts(values: readonly unknown[]): boolean {
    const n = this.kinds.length;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null && this.nullable[i] === 1) continue;
      const kind = this.kinds[i];
      if (kind === 1) {
        if (typeof v !== "string" || v.length < this.min[i]) return false;
      } else if (kind === 2) {
        if (typeof v !== "number" || !(this.whole[i] === 1 ? Number.isSafeInteger(v) : Number.isFinite(v)) || v < this.min[i] || v > this.max[i]) return false;
      }
    }
    return true;
  }
}

/** The row type of each sheet kind. */
export const ROW_TYPES = {
  organizations: rowType(OrganizationRow, (v) => ({ code: v[0], name: v[1], type: v[2], contingent: v[3], youngTeachers: v[4] })),
  targets: rowType(
    TargetRow,
    (v) => ({ orgCode: v[0], indicator: v[1], year: v[2], plan: v[3], unit: v[4], basis: v[5] }),
    (t) => targetRules(t),
  ),
  participants: rowType(
    ParticipantRow,
    (v) => ({ fio: v[0], birthDate: v[1], orgCode: v[2], role: v[3], category: v[4], form: v[5], pair: v[6], start: v[7], end: v[8], consent: v[9] }),
    (p) => participantRules(p),
  ),
  roadmap: rowType(RoadmapRow, (v) => ({ id: v[0], title: v[1], responsible: v[2], deadline: v[3], progress: v[4], completed: v[5] })),
} as const;

/** A required field left blank. */
export function missingValue(header: string): { code: IssueCode; message: string } {
  return { code: "missing-value", message: `Не заполнено обязательное поле «${header}»` };
}

/** The stable issue code a schema failure maps to, with a Russian message. */
export function issueOfSchemaFailure(
  issue: z.core.$ZodIssue,
  cellIsBlank: boolean,
  header: string,
): { code: IssueCode; message: string } {
  if (issue.code === "custom") {
    const code = (issue.params as { issueCode?: IssueCode } | undefined)?.issueCode ?? "invalid-number";
    return { code, message: issue.message };
  }
  if (cellIsBlank) return missingValue(header);
  return { code: "invalid-number", message: /[а-яё]/i.test(issue.message) ? issue.message : "Недопустимое значение" };
}
