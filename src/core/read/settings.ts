// Settings stored in the workbook (SPEC §2.5) so the next person who opens it sees the same.
import { type CellValue, type SheetInput } from "../model/cells";
import type { Day } from "../model/dates";
import { type Period, parsePeriod } from "../model/period";
import { displayText, readDate, readNumber } from "./readers";
import { headerKey, valueKey } from "../model/text";

export interface Settings {
  readonly municipality: string;
  readonly planYear: number | null;
  readonly period: Period | null;
  readonly asOf: Day | null;
  readonly dueSoonDays: number;
  readonly minMenteeAge: number;
}

export const DEFAULT_SETTINGS: Settings = {
  municipality: "",
  planYear: null,
  period: null,
  asOf: null,
  dueSoonDays: 14,
  minMenteeAge: 10,
};

export const SETTINGS_SHEET = "Настройки";

/** The labels the template writes in column A of `Настройки`. */
export const SETTING_LABELS: Record<keyof Settings, string> = {
  municipality: "Муниципалитет",
  planYear: "Год плана",
  period: "Отчётный период (ГГГГ-Qn)",
  asOf: "Дата отчёта",
  dueSoonDays: "Окно «скоро срок», дней",
  minMenteeAge: "Минимальный возраст наставляемого",
};

export function readSettings(sheet: SheetInput | undefined, date1904 = false): Settings {
  if (!sheet) return DEFAULT_SETTINGS;
  const byLabel = new Map<string, CellValue>();
  for (const row of sheet.rows) if (row.length >= 2) byLabel.set(headerKey(displayText(row[0] ?? null)), row[1] ?? null);
  const get = (k: keyof Settings) => byLabel.get(headerKey(SETTING_LABELS[k])) ?? null;
  const num = (k: keyof Settings, fallback: number | null) => {
    const r = readNumber(get(k));
    return typeof r === "number" && r >= 0 ? Math.floor(r) : fallback;
  };
  const asOf = readDate(get("asOf"), date1904);
  return {
    municipality: displayText(get("municipality")),
    planYear: num("planYear", null),
    period: parsePeriod(valueKey(displayText(get("period"))).toUpperCase()),
    asOf: typeof asOf === "number" ? asOf : null,
    dueSoonDays: num("dueSoonDays", DEFAULT_SETTINGS.dueSoonDays)!,
    minMenteeAge: num("minMenteeAge", DEFAULT_SETTINGS.minMenteeAge)!,
  };
}

/** The year that anchors `в течение календарного года`: the settings' plan year, else the period's. */
export function roadmapPlanYear(settings: Settings, fallback: number): number {
  return settings.planYear ?? settings.period?.year ?? fallback;
}
