// Worksheet functions computed by Excel for the add-in (Excel.Functions, ExcelApi 1.2): only DATE, which the
// adapter uses to learn the workbook's date system. A function result is a FunctionResult: `value`, or
// `error` ("#NUM!", English) when the function fails; both readable after load and sync.
import { HostError } from "./errors";
import { DAYS_1900_TO_1904, type WorkbookModel } from "./model";
import { HostObject, type Prop, defineProps } from "./proxy";

interface Outcome {
  readonly value: number | null;
  readonly error: string | null;
}

const MS_PER_DAY = 86_400_000;
/** Serial of 9999-12-31 in the 1900 system: DATE's largest result. */
const MAX_SERIAL_1900 = 2_958_465;

/**
 * DATE(year, month, day) as support.microsoft.com documents it («DATE function»): a year of 0–1899 has 1900
 * added, a year below 0 or from 10 000 is #NUM!; months and days outside their ranges roll over into the
 * next or previous months and years; the serial counts from the workbook's date system, the 1900 one with
 * its phantom 29.02.1900 (serial 60). A result before the system's first day is #NUM!.
 */
export function excelDate(year: number, month: number, day: number, date1904: boolean): Outcome {
  const [y0, m, d] = [year, month, day].map(Math.trunc);
  if (y0 < 0 || y0 >= 10_000) return { value: null, error: "#NUM!" };
  const y = y0 < 1900 ? y0 + 1900 : y0;
  // The month's first day (UTC rolls months over into years), then the days counted on from it in Excel's
  // own calendar, which has a 29.02.1900: DATE(1900; 2; 29) is 60 and DATE(1900; 3; 0) too.
  const first = Date.UTC(y, m - 1, 1) / MS_PER_DAY;
  let start: number;
  if (date1904) start = first - Date.UTC(1904, 0, 1) / MS_PER_DAY;
  else {
    start = first - Date.UTC(1899, 11, 31) / MS_PER_DAY;
    if (start >= 60) start += 1; // 1900-03-01 is serial 61
  }
  const serial = start + d - 1;
  const max = MAX_SERIAL_1900 - (date1904 ? DAYS_1900_TO_1904 : 0);
  if (serial < 0 || serial > max) return { value: null, error: "#NUM!" };
  return { value: serial, error: null };
}

export class FunctionResult extends HostObject<Outcome> {
  static override typeName = "FunctionResult";
  static override props: Record<string, Prop<Outcome>> = {
    value: { get: (o) => o.value },
    error: { get: (o) => o.error },
  };
}
defineProps(FunctionResult);

export class Functions extends HostObject<WorkbookModel> {
  static override typeName = "Functions";

  date(year: unknown, month: unknown, day: unknown): FunctionResult {
    const args = [year, month, day];
    if (!args.every((a) => typeof a === "number" && Number.isFinite(a))) {
      // Excel also takes ranges and other results as arguments; the host only numbers (stricter: a new use shows up).
      throw new HostError("NotImplemented", "Functions.date with arguments other than numbers", "Functions.date");
    }
    const [y, m, d] = args as number[];
    const result = new FunctionResult(this.context, () => excelDate(y, m, d, this.context.model.date1904));
    return this.path("date", args, result);
  }
}
