// Tolerant reading of one cell (SPEC §2.3). Each reader returns the value, null for a blank cell, or a
// CellProblem; never throws, never changes the cell. No wrapper object per cell: readers run a million
// times on a 100 000-row roster, and the values they return are kept (strings, numbers) or already exist.
import { type CellValue, isBlank, isCellError } from "../model/cells";
import { type Day, dayFromDate, dayFromExcelSerial, dayFromYMD, isValidYMD, ruOf } from "../model/dates";
import type { ListIndex } from "../model/dictionaries";
import type { IssueCode } from "../model/issues";
import { keepShape } from "./shapes";
import { cleanText, lookalikeWordsToCyrillic, nearest, quoted, valueKey } from "../model/text";

/** Why a cell cannot be read as its column's type; becomes an issue at that cell. */
export class CellProblem {
  constructor(
    readonly code: IssueCode,
    readonly message: string,
    readonly suggestion?: string,
  ) {}
}

keepShape(new CellProblem("unknown-value", "", ""));

/** A cell read as T: the value, null when blank, or the problem. */
export type Read<T> = T | null | CellProblem;

function formulaError(v: { error: string }): CellProblem {
  return new CellProblem("formula-error", `В ячейке ошибка формулы ${v.error}`);
}

/** The cell as text, as a person would read it. */
export function displayText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return cleanText(v);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "ИСТИНА" : "ЛОЖЬ";
  if (v instanceof Date) {
    const d = dayFromDate(v);
    return d === null ? "" : ruOf(d);
  }
  return v.error;
}

export function readText(v: CellValue): Read<string> {
  if (isBlank(v)) return null;
  if (isCellError(v)) return formulaError(v);
  return displayText(v);
}

export function readList(v: CellValue, index: ListIndex, allowed: readonly string[]): Read<string> {
  if (isBlank(v)) return null;
  if (isCellError(v)) return formulaError(v);
  // valueKey cleans the text itself; keying the raw string lets its memo serve every repeat of it.
  const canonical = index.get(valueKey(typeof v === "string" ? v : displayText(v)));
  if (canonical !== undefined) return canonical;
  const text = displayText(v);
  // A value typed on the wrong keyboard layout («HET», «OO»): accepted only if it then names a list value.
  const retyped = index.get(valueKey(lookalikeWordsToCyrillic(text)));
  if (retyped !== undefined) return retyped;
  const suggestion = nearest(text, allowed);
  const list = allowed.length <= 8 ? `: ${allowed.join(", ")}` : "";
  const message = `Значения «${quoted(text)}» нет в списке${list}` + (suggestion ? `. Возможно, «${suggestion}»` : "");
  return new CellProblem("unknown-value", message, suggestion);
}

const NUMBER_TEXT = /^[+-]?(\d+|\d{1,3}(?:[ '\u00a0\u202f]\d{3})+)(?:[.,]\d+)?$/;

export function readNumber(v: CellValue): Read<number> {
  if (isBlank(v)) return null;
  if (isCellError(v)) return formulaError(v);
  if (typeof v === "number") return Number.isFinite(v) ? v : notNumber(String(v));
  if (typeof v === "string") {
    const t = cleanText(v).replace(/\s*%$/, "");
    if (NUMBER_TEXT.test(t)) return Number(t.replace(/[ '\u00a0\u202f]/g, "").replace(",", "."));
    return notNumber(cleanText(v));
  }
  return notNumber(displayText(v));
}

function notNumber(text: string): CellProblem {
  return new CellProblem("invalid-number", `«${quoted(text)}» — не число`);
}

const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** Two-digit years: 00–49 are 20xx, 50–99 are 19xx (teachers' birth dates go back to the 1950s). */
function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 4 ? n : n < 50 ? 2000 + n : 1900 + n;
}

export function readDate(v: CellValue, date1904 = false): Read<Day> {
  // What date cells hold (a serial from Office, a Date from ExcelJS) first: three in every roster row.
  if (typeof v === "number") return dayFromExcelSerial(v, date1904) ?? notDate(String(v));
  if (v instanceof Date) return dayFromDate(v) ?? notDate("");
  if (isBlank(v)) return null;
  if (isCellError(v)) return formulaError(v);
  if (typeof v !== "string") return notDate(displayText(v));
  const t = cleanText(v).replace(/\s*г(ода|\.)?$/u, "");
  let y: number, m: number, d: number;
  const dmy = DMY.exec(t);
  const iso = dmy ? null : ISO.exec(t);
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), fullYear(dmy[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return notDate(cleanText(v));
  if (!isValidYMD(y, m, d) || y < 1900) return new CellProblem("invalid-date", `Даты «${quoted(cleanText(v))}» не существует`);
  return dayFromYMD(y, m, d);
}

function notDate(text: string): CellProblem {
  return new CellProblem("invalid-date", `«${quoted(text)}» — не дата; введите дату в формате ДД.ММ.ГГГГ`);
}
