// The row types of the workbook model, defined once with zod. Cells are first read tolerantly
// (readers.ts); the schema then states what a valid row is: required fields, ranges, cross-field rules.
import { z } from "zod";
import type { IssueCode } from "./issues";

const day = z.number().int();
const count = z.number().int("Нужно целое число").min(0, "Число не может быть меньше 0");

/** A cross-field rule that maps to a stable issue code. */
function rule(ctx: z.RefinementCtx, path: string, code: IssueCode, message: string) {
  ctx.addIssue({ code: "custom", path: [path], message, params: { issueCode: code } });
}

export const OrganizationRow = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  type: z.string().min(1),
  contingent: count.nullable(),
  youngTeachers: count.nullable(),
});
export type OrganizationRow = z.infer<typeof OrganizationRow>;

export const TargetRow = z
  .object({
    orgCode: z.string().nullable(),
    indicator: z.string().min(1),
    year: z.number().int("Год — целое число").min(2019, "Год — не раньше 2019").max(2035, "Год — не позже 2035"),
    plan: z.number().min(0, "План не может быть меньше 0"),
    unit: z.string().min(1),
    basis: z.string().nullable(),
  })
  .superRefine((t, ctx) => {
    if (t.unit === "%" && t.plan > 100) rule(ctx, "plan", "invalid-number", "План в процентах — от 0 до 100");
  });
export type TargetRow = z.infer<typeof TargetRow>;

export const ParticipantRow = z
  .object({
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
  })
  .superRefine((p, ctx) => {
    if (p.end !== null && p.end < p.start) {
      rule(ctx, "end", "date-order", "Дата окончания раньше даты начала");
    }
    if (p.birthDate !== null && p.birthDate > p.start) {
      rule(ctx, "birthDate", "date-order", "Дата рождения позже даты начала участия");
    }
  });
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
  if (cellIsBlank) return { code: "missing-value", message: `Не заполнено обязательное поле «${header}»` };
  return { code: "invalid-number", message: /[а-яё]/i.test(issue.message) ? issue.message : "Недопустимое значение" };
}
