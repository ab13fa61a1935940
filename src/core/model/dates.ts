// Calendar dates as whole days since 1970-01-01 (UTC). Integers are cheap to compare and
// cannot carry a time zone, which is what a "Дата начала" is: a day, not an instant.
export type Day = number;

const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01 in the 1900 date system (includes Excel's phantom 29.02.1900). */
const EXCEL_1900_EPOCH = 25_569;
/** The 1904 date system (old Mac workbooks) counts from 1904-01-01: 1462 days later. */
const EXCEL_1904_SHIFT = 1_462;

export function isValidYMD(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The day of a valid calendar date; call isValidYMD first for user input. */
export function dayFromYMD(y: number, m: number, d: number): Day {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  t.setUTCHours(0, 0, 0, 0);
  return Math.round(t.getTime() / MS_PER_DAY);
}

export function ymdOf(day: Day): { y: number; m: number; d: number } {
  const t = new Date(day * MS_PER_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function lastDayOfMonth(y: number, m: number): Day {
  return dayFromYMD(y, m, daysInMonth(y, m));
}

/** A JS Date as delivered by ExcelJS (midnight UTC) or built by a user; the UTC day is the calendar day. */
export function dayFromDate(date: Date): Day | null {
  const t = date.getTime();
  if (!Number.isFinite(t)) return null;
  return Math.floor(t / MS_PER_DAY);
}

export function dayFromExcelSerial(serial: number, date1904 = false): Day | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const whole = Math.floor(serial);
  // Serials below 61 sit before Excel's fictitious 29.02.1900; real rosters never hold them.
  const day = whole - EXCEL_1900_EPOCH + (date1904 ? EXCEL_1904_SHIFT : 0);
  return day >= FIRST_DAY && day <= LAST_DAY ? day : null; // years 1900–9999, without a Date per cell
}

const FIRST_DAY = dayFromYMD(1900, 1, 1);
const LAST_DAY = dayFromYMD(9999, 12, 31);

export function excelSerialOf(day: Day): number {
  return day + EXCEL_1900_EPOCH;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** ISO `YYYY-MM-DD`: the command line's date format. */
export function isoOf(day: Day): string {
  const { y, m, d } = ymdOf(day);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Russian `ДД.ММ.ГГГГ`: the format users read. */
export function ruOf(day: Day): string {
  const { y, m, d } = ymdOf(day);
  return `${pad(d)}.${pad(m)}.${pad(y, 4)}`;
}

export function parseIsoDay(text: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYMD(y, mo, d) ? dayFromYMD(y, mo, d) : null;
}

export function todayDay(now: Date = new Date()): Day {
  return dayFromYMD(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** `26.11.2026 14:55` in the machine's local time: when a report was made. The caller passes the clock. */
export function stampOf(d: Date): string {
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
