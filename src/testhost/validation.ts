// Range.dataValidation: one rule, prompt and error alert per cell. The host checks rule shapes and
// enum strings as Excel does, and refuses a rule on a range whose cells disagree (office-js #2594:
// "set the prompt before the rule"; clearing first is the safe order).
import { parseAddress, quoteSheet, rectAddress } from "./address";
import { oneOf, uniform, updateValidation } from "./cells";
import { HostError } from "./errors";
import type { Validation } from "./model";
import { HostObject, type Prop, defineProps } from "./proxy";
import type { RangeRef } from "./range";
import { Range } from "./range";

const OPERATORS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqualTo", "LessThanOrEqualTo"] as const;
const KINDS = { wholeNumber: "WholeNumber", decimal: "Decimal", textLength: "TextLength", date: "Date", time: "Time", list: "List", custom: "Custom" } as const;
const ALERT_STYLES = ["Stop", "Warning", "Information"] as const;
const where = "DataValidation.rule";

function basic(kind: string, r: Record<string, unknown>): Record<string, unknown> {
  const operator = oneOf(OPERATORS, r.operator, `${where}.${kind}.operator`);
  const needs2 = operator === "Between" || operator === "NotBetween";
  for (const f of needs2 ? ["formula1", "formula2"] : ["formula1"]) {
    const v = r[f];
    if (!(typeof v === "number" || (typeof v === "string" && v !== "") || v instanceof Range)) {
      throw new HostError("InvalidArgument", `${kind}.${f} is missing`, `${where}.${kind}.${f}`);
    }
  }
  return { ...r };
}

/** Checks one rule and returns it as stored (a Range source becomes its absolute reference). */
function checkRule(rule: unknown, sheetExists: (name: string) => boolean): Record<string, unknown> {
  if (typeof rule !== "object" || rule === null) throw new HostError("InvalidArgument", "the rule is not an object", where);
  const keys = Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1 || !(keys[0] in KINDS)) throw new HostError("InvalidArgument", `a rule has exactly one of ${Object.keys(KINDS).join(", ")}; got ${keys.join(", ")}`, where);
  const kind = keys[0];
  const r = (rule as Record<string, Record<string, unknown>>)[kind];
  if (kind === "list") {
    const src = r.source;
    if (src instanceof Range) {
      const ref = src._resolve();
      return { list: { inCellDropDown: r.inCellDropDown ?? true, source: ref ? `=${quoteSheet(ref.sheet.name)}!${rectAddress(ref.rect, true)}` : "" } };
    }
    if (typeof src !== "string" || src === "") throw new HostError("InvalidArgument", "list.source is missing", `${where}.list.source`);
    const ref = src.startsWith("=") ? parseAddress(src.slice(1)) : undefined;
    if (ref === null) throw new HostError("InvalidArgument", `list.source ${src} is not a reference`, `${where}.list.source`);
    // A source on a sheet that does not exist (yet: added later in the same batch). Excel's behaviour is
    // not documented; the host is the stricter of the two possibilities, so the add-in never relies on it.
    if (ref?.sheet && !sheetExists(ref.sheet)) throw new HostError("InvalidArgument", `list.source ${src} names a sheet that does not exist`, `${where}.list.source`);
    return { list: { inCellDropDown: r.inCellDropDown ?? true, source: src } };
  }
  if (kind === "custom") {
    if (typeof r.formula !== "string") throw new HostError("InvalidArgument", "custom.formula is missing", `${where}.custom.formula`);
    return { custom: { ...r } };
  }
  return { [kind]: basic(kind, r) };
}

function checkObject(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null) throw new HostError("InvalidArgument", `${JSON.stringify(v)} is not an object`, at);
  return { ...(v as Record<string, unknown>) };
}

const cellRead = (read: (v: Validation | undefined) => unknown): Prop<RangeRef>["get"] => ({ sheet, rect }) =>
  uniform(rect, (r, c) => read(sheet.validations.get(r, c)));

export class DataValidation extends HostObject<RangeRef> {
  static override typeName = "DataValidation";
  static override props: Record<string, Prop<RangeRef>> = {
    rule: {
      get: cellRead((v) => v?.rule ?? {}),
      set: ({ sheet, rect }, v, ctx) => {
        const rule = checkRule(v, (name) => ctx.model.sheet(name) !== undefined);
        if (uniform(rect, (r, c) => sheet.validations.get(r, c) ?? {}) === null) {
          throw new HostError("InvalidArgument", "the cells of this range have different validation; clear() it or set the prompt first", where);
        }
        updateValidation(sheet, rect, (old) => ({ ...old, rule }));
      },
    },
    prompt: {
      get: cellRead((v) => v?.prompt ?? { showPrompt: false, title: "", message: "" }),
      set: ({ sheet, rect }, v) => {
        const prompt = checkObject(v, "DataValidation.prompt");
        updateValidation(sheet, rect, (old) => ({ ...old, prompt: { showPrompt: false, title: "", message: "", ...old.prompt, ...prompt } }));
      },
    },
    errorAlert: {
      get: cellRead((v) => v?.errorAlert ?? { showAlert: true, style: "Stop", title: "", message: "" }),
      set: ({ sheet, rect }, v) => {
        const alert = checkObject(v, "DataValidation.errorAlert");
        if (alert.style !== undefined) oneOf(ALERT_STYLES, alert.style, "DataValidation.errorAlert.style");
        updateValidation(sheet, rect, (old) => ({ ...old, errorAlert: { showAlert: true, style: "Stop", title: "", message: "", ...old.errorAlert, ...alert } }));
      },
    },
    type: {
      get: ({ sheet, rect }) => {
        const t = uniform(rect, (r, c) => {
          const rule = sheet.validations.get(r, c)?.rule;
          return rule ? KINDS[Object.keys(rule)[0] as keyof typeof KINDS] : "None";
        });
        return t ?? "Inconsistent";
      },
    },
  };

  clear(): void {
    this.call("clear", [], ({ sheet, rect }) => updateValidation(sheet, rect, () => undefined));
  }
}
defineProps(DataValidation);
