// What Excel does when a value, number format or style lands on cells, and how it reads them back.
import type { Rect } from "./address";
import { HostError } from "./errors";
import { ErrorValue, type SheetModel, type Stored, type Style, type Validation } from "./model";

export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

const ERROR_LITERALS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);
/** A plain number as typed (en-US grid: "." decimals, no group separators); Excel turns such text into a number. */
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

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

/**
 * One cell of a Range.values write. null leaves the cell alone (Office's rule); "" empties it. In a
 * text cell ("@") a string stays exactly as written; elsewhere "=…" becomes a formula, a number-like
 * string a number and an error literal an error, as when typed. The host does not calculate: a formula
 * reads back as #NAME? so a formula written by mistake can never pass for data.
 */
export function writeValue(sheet: SheetModel, r: number, c: number, input: unknown): void {
  if (input === null || input === undefined) return;
  const text = numberFormatAt(sheet, r, c) === "@";
  sheet.formulas.set(r, c, undefined);
  if (typeof input === "string") {
    if (input === "") sheet.values.set(r, c, undefined);
    else if (text) sheet.values.set(r, c, input);
    else if (input.startsWith("=") && input.length > 1) {
      sheet.formulas.set(r, c, input);
      sheet.values.set(r, c, new ErrorValue("#NAME?"));
    } else if (NUMBER_TEXT.test(input.trim())) sheet.values.set(r, c, Number(input.trim()));
    else if (ERROR_LITERALS.has(input.toUpperCase())) sheet.values.set(r, c, new ErrorValue(input.toUpperCase()));
    else sheet.values.set(r, c, input);
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
