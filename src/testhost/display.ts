// Range.text: a cell's value as its number format shows it (en-US, as the host parses en-US). Only the
// formats the add-in and the host itself put on cells are known; any other format on a number fails
// with NotImplemented, so a test never reads a display the host merely guessed.
import { HostError } from "./errors";
import { DAYS_1900_TO_1904, ErrorValue, type Stored } from "./model";

const MS_PER_DAY = 86_400_000;
const EPOCH_1970 = 25_569;

/** Excel's General format: up to 11 characters of digits, no grouping (as in the en-US grid). */
function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const s = Number(n.toPrecision(10)).toString();
  return s.length <= 11 ? s : n.toExponential(5).replace(/\.?0+e/, "E").replace("e", "E");
}

function fixed(n: number, decimals: number, grouped: boolean): string {
  const s = n.toFixed(decimals);
  if (!grouped) return s;
  const [int, frac] = s.split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const digits = sign ? int.slice(1) : int;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
}

/** A date format made of d, dd, m, mm, yy, yyyy, h, hh, mm (after h) and the separators . / - : and space. */
function dateText(serial: number, format: string, date1904: boolean): string | null {
  if (!/^(d{1,2}|m{1,2}|y{2}|y{4}|h{1,2}|[./\-: ])+$/.test(format)) return null;
  const d = new Date(Math.round((serial + (date1904 ? DAYS_1900_TO_1904 : 0) - EPOCH_1970) * MS_PER_DAY));
  const pad = (x: number) => String(x).padStart(2, "0");
  let afterHour = false;
  return format.replace(/yyyy|yy|dd|d|mm|m|hh|h/g, (tok) => {
    switch (tok) {
      case "yyyy": return String(d.getUTCFullYear());
      case "yy": return pad(d.getUTCFullYear() % 100);
      case "dd": return pad(d.getUTCDate());
      case "d": return String(d.getUTCDate());
      case "hh": afterHour = true; return pad(d.getUTCHours());
      case "h": afterHour = true; return String(d.getUTCHours());
      case "mm": return afterHour ? pad(d.getUTCMinutes()) : pad(d.getUTCMonth() + 1);
      default: return afterHour ? String(d.getUTCMinutes()) : String(d.getUTCMonth() + 1);
    }
  });
}

/** What a cell shows (Range.text): dates from serials in the workbook's date system. */
export function displayText(v: Stored | undefined, format: string, date1904 = false): string {
  if (v === undefined) return "";
  if (v instanceof ErrorValue) return v.text;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v; // text shows as typed in any format
  if (format === "General") return general(v);
  if (format === "@") return general(v);
  const pct = /^0(?:\.(0+))?%$/.exec(format);
  if (pct) return `${fixed(v * 100, pct[1]?.length ?? 0, false)}%`;
  const num = /^(#,##)?0(?:\.(0+))?$/.exec(format);
  if (num) return fixed(v, num[2]?.length ?? 0, !!num[1]);
  const date = dateText(v, format, date1904);
  if (date !== null) return date;
  throw new HostError("NotImplemented", `Range.text for the number format «${format}»`, "Range.text");
}
