// Which cell formats (cellXfs, by index: a cell's `s`) show numbers as dates. Excel stores a date as its
// serial number; only the number format says it is one. The rule is ExcelJS's (lib/utils/utils.js
// isDateFmt over lib/xlsx/defaultnumformats.js), so both readers agree on every format Excel writes, with
// three corrections where ExcelJS misreads a format (see isDateFormatCode and BUILTIN_DATE).
import { tags } from "../package/xml";
import { attributesOf } from "./parts";

/**
 * Built-in date and time formats (ECMA-376 Part 1, §18.8.30): 14–22 and 45–47 everywhere, 27–36 and
 * 50–58 the East Asian date formats. ExcelJS knows codes only for the first group and reads 27–36 and
 * 50–58 as plain numbers; they are dates in every Excel.
 */
export function isBuiltinDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * A custom format code shows a date or time when, outside quoted text, `[...]` sections (colours,
 * conditions, locales, elapsed `[h]`), a backslash-escaped character and the character after `_` or `*`,
 * it has one of y m d h s b (ExcelJS's letters, `M` included) or the capitals Y D H S. Two corrections of
 * ExcelJS: it drops a backslash but keeps the escaped letter (so `0\d` would be a date), and it ignores
 * capitals other than M (so LibreOffice's `YYYY` or `HH:SS` would be numbers).
 */
export function isDateFormatCode(code: string): boolean {
  return showsOneOf(code, "ymdhsbMYDHS");
}

/**
 * Whether the format code has one of `chars` as a format character: outside quoted text, `[...]`
 * sections, a backslash-escaped character and the character after `_` or `*`.
 */
function showsOneOf(code: string, chars: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "[") {
      const close = code.indexOf(c === '"' ? '"' : "]", i + 1);
      if (close < 0) return false;
      i = close;
    } else if (c === "\\" || c === "_" || c === "*") i++;
    else if (chars.includes(c)) return true;
  }
  return false;
}

export const DATE_STYLE = 1;
export const PERCENT_STYLE = 2;

/** A number format that shows a percentage: «%» as a format character (built-in 9 and 10 too). */
export function isPercentFormatCode(code: string): boolean {
  return showsOneOf(code, "%");
}

/**
 * For each cellXfs index, what its number format shows: a date (DATE_STYLE), a percentage
 * (PERCENT_STYLE) or anything else (0).
 */
export function styleKinds(stylesXml: string | null): Uint8Array {
  if (stylesXml === null) return new Uint8Array(0);
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  for (const t of tags(stylesXml)) {
    if (t.local === "cellXfs") inCellXfs = t.kind === "open";
    else if (t.kind === "close") continue;
    else if (t.local === "numFmt") {
      const a = attributesOf(stylesXml, t);
      custom.set(parseInt(a.get("numFmtId") ?? "", 10), a.get("formatCode") ?? "");
    } else if (t.local === "xf" && inCellXfs) {
      xfIds.push(parseInt(attributesOf(stylesXml, t).get("numFmtId") ?? "0", 10));
    }
  }
  const out = new Uint8Array(xfIds.length);
  for (let i = 0; i < xfIds.length; i++) {
    const id = xfIds[i];
    const code = custom.get(id); // a custom code for a built-in id wins, as in ExcelJS
    if (code !== undefined ? isDateFormatCode(code) : isBuiltinDate(id)) out[i] = DATE_STYLE;
    else if (code !== undefined ? isPercentFormatCode(code) : id === 9 || id === 10) out[i] = PERCENT_STYLE;
  }
  return out;
}
