// What the command line says about how it read the workbook: for each sheet not in the template's layout,
// which column it took for what (and how to change that in `Настройки`), and the notes on what it inferred.
import type { WorkbookAnalysis } from "../core/analyze";
import { type CoverageResult, indicatorBaseText } from "../core/coverage/coverage";
import { fmtPercent } from "../core/model/format";
import { IGNORE_LABEL } from "../core/read/layouts/fields";
import { MAPPING_PREFIX } from "../core/read/layouts/mapping";
import type { SheetColumns } from "../core/read/layouts/result";
import { shortOrgName } from "../core/read/orgname";
import { SETTINGS_SHEET } from "../core/read/settings";
import { fmtNumber, table } from "./format";

/** How many notes the text lists one by one. */
export const TEXT_NOTE_LIMIT = 60;

function sheetLine(c: SheetColumns): string {
  const how = c.layout.length > 0 ? ` (${c.layout.join("; ")})` : "";
  const placed = c.columns.filter((x) => x.field !== null).map((x) => `«${x.header}» → ${x.label}${x.by === "settings" ? " (по «Настройкам»)" : ""}`);
  const unused = c.unplaced.map((x) => `«${x.header}»`);
  const missing = c.missing.length > 0 ? ` Не найдены: ${c.missing.map((m) => `«${m}»`).join(", ")}.` : "";
  return `Лист «${c.sheet}», строка заголовков ${c.headerRow}${how}: ${placed.join("; ")}.${unused.length > 0 ? ` Не использованы: ${unused.join(", ")}.` : ""}${missing}`;
}

/**
 * The sheets whose headers are not the template's, with what each column was taken for, and how to change
 * it; empty when every sheet is in the template's layout.
 */
export function columnsText(a: WorkbookAnalysis): string {
  const shown = a.columns.filter((c) => !c.template);
  if (shown.length === 0) return "";
  return [
    "Как прочитаны столбцы (заголовки не как в шаблоне):",
    ...shown.map(sheetLine),
    `Чтобы изменить сопоставление, добавьте на лист «${SETTINGS_SHEET}» строку «${MAPPING_PREFIX} <лист> / <заголовок>» и во втором столбце — поле, например «${MAPPING_PREFIX} Участники / ФИО наставляемого» → «ФИО (наставляемый)», или «${IGNORE_LABEL}».`,
  ].join("\n");
}

/** The notes on what was inferred, the first ones listed; empty when there are none. */
export function notesText(a: WorkbookAnalysis, limit = TEXT_NOTE_LIMIT): string {
  if (a.notes.length === 0) return "";
  const rows = a.notes.slice(0, limit).map((n) => [n.sheet, n.cell, n.message]);
  const more = a.notes.length > limit ? `\n…и ещё ${fmtNumber(a.notes.length - limit)}.` : "";
  return `Как понято (сведения, не ошибки) — ${fmtNumber(a.notes.length)}:\n${table(["Лист", "Ячейка", "Сведение"], rows, { max: [20, 8, 140] })}${more}`;
}

/** The share indicators against their targets, with what each sentence was understood as and its base. */
export function indicatorsText(c: CoverageResult): string {
  if (c.indicators.length === 0) return "";
  const nameOf = (code: string | null) => (code === null ? "Муниципалитет" : shortOrgName(c.organizations.find((o) => o.code === code)?.name || code));
  const rows = c.indicators.map((f) => [
    f.text,
    f.text === f.understoodAs ? "—" : f.understoodAs,
    nameOf(f.orgCode),
    indicatorBaseText(f, c),
    fmtPercent(f.plan),
    fmtPercent(f.fact),
    f.status,
  ]);
  return `Показатели на ${c.period.year} год:\n${table(["Показатель", "Понят как", "Организация", "База", "План", "Факт", "Статус"], rows, { max: [60, 40, 40, 44], align: ["l", "l", "l", "l", "r", "r", "l"] })}`;
}

/** The parts above, joined by blank lines, without empty ones. */
export const sections = (...parts: string[]) => parts.filter((p) => p !== "").join("\n\n");
