// The column mapping a user confirmed, stored in the workbook's `Настройки` sheet (docs/layouts.md,
// «Column mapping»): one row per column, «Столбец: <лист> / <заголовок>» in column A and the field in
// column B («ФИО (наставляемый)», «Дата начала», … or «не использовать»). Every later check and the
// command line read the sheet through it.
import type { CellValue, SheetInput } from "../../model/cells";
import type { SheetKind } from "../../model/columns";
import { displayText } from "../readers";
import { headerKey, valueKey } from "../../model/text";
import { type ColumnOverrides, type FieldSpec, IGNORE, fieldOfLabel, fieldsOf, labelOf } from "./fields";

/** The label of column A of a mapping row. */
export const MAPPING_PREFIX = "Столбец:";

export interface MappingRow {
  readonly sheet: string;
  readonly header: string;
  /** The field as written in column B. */
  readonly label: string;
  /** Worksheet row of `Настройки`. */
  readonly row: number;
}

/** Every mapping row of `Настройки`, as written. */
export function readMappingRows(settings: SheetInput | undefined): MappingRow[] {
  if (!settings) return [];
  const out: MappingRow[] = [];
  const first = settings.firstRow ?? 1;
  settings.rows.forEach((r, i) => {
    const a = displayText((r[0] ?? null) as CellValue);
    const m = /^\s*столбец\s*:\s*(.+)$/iu.exec(a);
    if (!m) return;
    // Excel forbids «/» in sheet names, so the first one ends the name; a header may hold more («Пара/группа»).
    const slash = m[1].indexOf("/");
    if (slash < 0) return;
    const sheet = m[1].slice(0, slash).trim();
    const header = m[1].slice(slash + 1).trim();
    const label = displayText((r[1] ?? null) as CellValue);
    if (sheet !== "" && header !== "" && label !== "") out.push({ sheet, header, label, row: first + i });
  });
  return out;
}

export interface ColumnMapping {
  readonly rows: readonly MappingRow[];
  /** Overrides per sheet (valueKey of its name) and kind, for the header matcher. */
  overridesFor(sheet: string, kind: SheetKind): ColumnOverrides | undefined;
}

export function readColumnMapping(settings: SheetInput | undefined): ColumnMapping {
  const rows = readMappingRows(settings);
  const bySheet = new Map<string, MappingRow[]>();
  for (const r of rows) {
    const k = valueKey(r.sheet);
    bySheet.set(k, [...(bySheet.get(k) ?? []), r]);
  }
  const cache = new Map<string, ColumnOverrides | undefined>();
  return {
    rows,
    overridesFor(sheet, kind) {
      const ck = `${valueKey(sheet)}|${kind}`;
      if (cache.has(ck)) return cache.get(ck);
      const list = bySheet.get(valueKey(sheet));
      let out: Map<string, string> | undefined;
      const fields = fieldsOf(kind);
      for (const r of list ?? []) {
        const id = fieldOfLabel(fields, r.label);
        if (id === undefined) continue;
        (out ??= new Map()).set(headerKey(r.header), id);
      }
      cache.set(ck, out);
      return out;
    },
  };
}

/**
 * The rows to write into `Настройки` for a sheet's confirmed columns (the pane saves them; the command line
 * reads them): `[«Столбец: Участники / ФИО наставляемого», «ФИО (наставляемый)»]`, in the columns' order.
 */
export function mappingSettingsRows(sheet: string, choices: readonly { header: string; field: string }[], kind: SheetKind = "participants"): [string, string][] {
  const fields: readonly FieldSpec[] = fieldsOf(kind);
  return choices.map((c) => [`${MAPPING_PREFIX} ${sheet} / ${c.header}`, c.field === IGNORE ? labelOf(fields, IGNORE) : labelOf(fields, c.field)]);
}
