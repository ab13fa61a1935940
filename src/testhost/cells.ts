// What Excel does when a value, number format or style lands on cells, and how it reads them back.
import type { Rect } from "./address";
import { HostError } from "./errors";
import { DAYS_1900_TO_1904, ErrorValue, type SheetModel, type Stored, type Style, type Validation } from "./model";

export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

const ERROR_LITERALS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);
/** A plain number as typed on an en-US grid ("." decimals); Excel turns such text into a number. */
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** en-US thousands groups ("1,256"): a number with the format "#,##0". */
const GROUPED_TEXT = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT_TEXT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;
/** ISO dates, optionally with a time: the locale-neutral shape Office.js takes as a date. */
const ISO_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const BOOLEAN_TEXT = /^(true|false)$/i;
/** The number format Excel gives a cell an ISO date lands in (office-js #229: «m/d/yyyy» after writing "2018-12-31"). */
export const ISO_DATE_FORMAT = "m/d/yyyy";

/**
 * Excel's serial of a calendar day in the workbook's date system (in the 1900 one valid from 1900-03-01), or
 * null for a day that does not exist or comes before the system's first day.
 */
function isoSerial(m: RegExpExecArray, date1904: boolean): number | null {
  const [y, mo, d, h = "0", mi = "0", se = "0"] = m.slice(1).map((x) => x ?? undefined);
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const back = new Date(t);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) return null;
  const serial = t / 86_400_000 + 25_569;
  if (date1904) return serial >= DAYS_1900_TO_1904 ? serial - DAYS_1900_TO_1904 : null;
  return serial >= 61 ? serial : null; // before 1900-03-01 the phantom 29.02.1900 shifts serials: not modelled
}

export function numberFormatAt(sheet: SheetModel, r: number, c: number): string {
  return sheet.styles.get(r, c)?.numberFormat ?? "General";
}

/** Range.values as Office delivers it: errors as their text, empty cells as "". */
export function readValue(sheet: SheetModel, r: number, c: number): string | number | boolean {
  const v = sheet.values.get(r, c);
  return v === undefined ? "" : v instanceof ErrorValue ? v.text : v;
}

export function typeOf(v: Stored | undefined): ValueType {
  if (v === undefined) return "Empty";
  if (v instanceof ErrorValue) return "Error";
  return typeof v === "string" ? "String" : typeof v === "number" ? "Double" : "Boolean";
}

/** What a string becomes in a cell that is not text ("@"): the stored value and the number format it brings, if any. */
export function coerce(input: string, date1904 = false): { value: Stored; formula?: string; format?: string } {
  const t = input.trim();
  const num = (s: string) => Number(s.replace(/,/g, ""));
  // Office.js: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel
  // interprets this value as a formula" (Excel.Range.values). Signed numbers stay numbers, as typed.
  if (/^[=+-]/.test(input)) {
    if (NUMBER_TEXT.test(t)) return { value: num(t) };
    const pct = PERCENT_TEXT.exec(t);
    if (pct) return { value: num(pct[1]) / 100, format: pct[1].includes(".") ? "0.00%" : "0%" };
    // The host does not calculate: the formula reads back as #NAME?, so it can never pass for data.
    return { value: new ErrorValue("#NAME?"), formula: input.startsWith("=") ? input : `=${input}` };
  }
  if (NUMBER_TEXT.test(t)) return { value: num(t) };
  if (GROUPED_TEXT.test(t)) return { value: num(t), format: "#,##0" };
  const pct = PERCENT_TEXT.exec(t);
  if (pct) return { value: num(pct[1]) / 100, format: pct[1].includes(".") ? "0.00%" : "0%" };
  const iso = ISO_TEXT.exec(t);
  if (iso) {
    const serial = isoSerial(iso, date1904);
    if (serial !== null) return { value: serial, format: iso[4] === undefined ? ISO_DATE_FORMAT : `${ISO_DATE_FORMAT} h:mm` };
  }
  if (BOOLEAN_TEXT.test(t)) return { value: t.toLowerCase() === "true" };
  if (ERROR_LITERALS.has(t.toUpperCase())) return { value: new ErrorValue(t.toUpperCase()) };
  return { value: input };
}

/**
 * One cell of a Range.values write. null leaves the cell alone (Office's rule); "" empties it. In a
 * text cell ("@") a string stays exactly as written. Elsewhere a string is taken the way Excel takes it
 * (coerce): "=…", "+…", "-…" a formula unless it is a number, number-like text a number (spaces around
 * it ignored), "50%" 0.5 formatted "0%", an ISO date a date serial formatted "m/d/yyyy", "TRUE" a boolean,
 * "#N/A" an error. A format the coercion brings is applied only to a cell whose format is General.
 */
export function writeValue(sheet: SheetModel, r: number, c: number, input: unknown, date1904 = false): void {
  if (input === null || input === undefined) return;
  const format = numberFormatAt(sheet, r, c);
  const text = format === "@";
  sheet.formulas.set(r, c, undefined);
  if (typeof input === "string") {
    if (input === "") return sheet.values.set(r, c, undefined);
    if (text) return sheet.values.set(r, c, input);
    const got = coerce(input, date1904);
    sheet.values.set(r, c, got.value);
    if (got.formula) sheet.formulas.set(r, c, got.formula);
    if (got.format && format === "General") {
      const style = sheet.styles.get(r, c);
      sheet.styles.set(r, c, { ...style, numberFormat: got.format });
    }
    return;
  }
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new HostError("InvalidArgument", `${input} is not a cell value`, "Range.values");
    sheet.values.set(r, c, text ? String(input) : input); // typing a number into a text cell keeps text
    return;
  }
  if (typeof input === "boolean") {
    sheet.values.set(r, c, input);
    return;
  }
  // Office serialises the request as JSON: a Date would arrive as an ISO string. The adapter must send serials.
  throw new HostError("InvalidArgument", `a ${input instanceof Date ? "Date" : typeof input} is not a cell value`, "Range.values");
}

/** A property set on a range takes one value for all cells or a 2-D array of exactly its size. */
export function cellwise(rect: Rect, input: unknown, what: string): (i: number, j: number) => unknown {
  // "null is not a valid input for single property" (Blank and null values in Excel add-ins); null
  // inside a 2-D array leaves that cell alone.
  if (input === null || input === undefined) throw new HostError("InvalidArgument", `Range.${what} = null`, `Range.${what}`);
  if (!Array.isArray(input)) return () => input;
  const ok = input.length === rect.rows && input.every((row) => Array.isArray(row) && row.length === rect.cols);
  if (!ok) {
    const cols = Array.isArray(input[0]) ? input[0].length : "?";
    throw new HostError("InvalidArgument", `${what}: a ${input.length}×${cols} array for a ${rect.rows}×${rect.cols} range`, `Range.${what}`);
  }
  return (i, j) => (input as unknown[][])[i][j];
}

/** Excel reads at most 5 000 000 cells at once; the host also writes cell by cell, so it stops there too. */
export const MAX_CELLS = 5_000_000;

function checkSize(rect: Rect): void {
  if (rect.rows * rect.cols > MAX_CELLS) throw new HostError("RangeExceedsLimit", `${rect.rows}×${rect.cols} cells in one operation`, "Range");
}

export function forEachCell(rect: Rect, fn: (r: number, c: number, i: number, j: number) => void): void {
  checkSize(rect);
  for (let i = 0; i < rect.rows; i++) for (let j = 0; j < rect.cols; j++) fn(rect.row + i, rect.col + j, i, j);
}

export function grid<T>(rect: Rect, fn: (r: number, c: number) => T): T[][] {
  checkSize(rect);
  const out: T[][] = new Array(rect.rows);
  for (let i = 0; i < rect.rows; i++) {
    const row: T[] = new Array(rect.cols);
    for (let j = 0; j < rect.cols; j++) row[j] = fn(rect.row + i, rect.col + j);
    out[i] = row;
  }
  return out;
}

/** Changes the style of every cell of a block; cells that shared a style keep sharing the new one. */
export function updateStyles(sheet: SheetModel, rect: Rect, change: (s: Style) => Style): void {
  const memo = new Map<Style | undefined, Style>();
  forEachCell(rect, (r, c) => {
    const old = sheet.styles.get(r, c);
    let next = memo.get(old);
    if (!next) memo.set(old, (next = change(old ?? {})));
    sheet.styles.set(r, c, next);
  });
}

export function updateValidation(sheet: SheetModel, rect: Rect, change: (v: Validation) => Validation | undefined): void {
  const memo = new Map<Validation | undefined, Validation | undefined>();
  forEachCell(rect, (r, c) => {
    const old = sheet.validations.get(r, c);
    if (!memo.has(old)) memo.set(old, change(old ?? {}));
    sheet.validations.set(r, c, memo.get(old));
  });
}

/** What a multi-cell property reads as: the common value, or null when cells differ (Office's rule). */
export function uniform<T>(rect: Rect, get: (r: number, c: number) => T): T | null {
  checkSize(rect);
  let first: T | undefined;
  let key: string | undefined;
  for (let i = 0; i < rect.rows; i++) {
    for (let j = 0; j < rect.cols; j++) {
      const v = get(rect.row + i, rect.col + j);
      const k = JSON.stringify(v) ?? "undefined";
      if (key === undefined) [first, key] = [v, k];
      else if (k !== key) return null;
    }
  }
  return first ?? null;
}

const NAMED: Record<string, string> = { white: "#FFFFFF", black: "#000000", red: "#FF0000", green: "#008000", blue: "#0000FF", yellow: "#FFFF00" };

/** Office takes "#RRGGBB" or an HTML colour name and reads back "#RRGGBB". */
export function color(v: unknown, where: string): string {
  if (typeof v === "string") {
    if (/^#[0-9a-f]{6}$/i.test(v)) return v.toUpperCase();
    const named = NAMED[v.toLowerCase()];
    if (named) return named;
  }
  throw new HostError("InvalidArgument", `${JSON.stringify(v)} is not a colour`, where);
}

export function oneOf<T extends string>(allowed: readonly T[], v: unknown, where: string): T {
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new HostError("InvalidArgument", `${JSON.stringify(v)} is not one of ${allowed.join(", ")}`, where);
}
