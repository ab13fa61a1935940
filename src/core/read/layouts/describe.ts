// The column mapping of one sheet, for the pane's «выбор столбцов» (Power Query's model): which column the
// product took for what, the headers it could not place, and the fields still free for a drop-down. The pane
// saves the user's choices with mappingSettingsRows (mapping.ts) into `Настройки`; every later reading of
// the workbook then places those columns first.
import { type CellValue, type SheetInput, type WorkbookInput, isBlank } from "../../model/cells";
import type { SheetKind } from "../../model/columns";
import { HEADER_SCAN_ROWS } from "../headers";
import { valueKey } from "../../model/text";
import { fieldsOf, matchFields } from "./fields";
import { readColumnMapping } from "./mapping";
import { type SheetColumns, describeColumns } from "./result";
import { SETTINGS_SHEET } from "../settings";

const textCells = (row: readonly CellValue[]) => row.filter((v) => typeof v === "string" && !isBlank(v)).length;

/**
 * A sheet's columns as the analysis read them (`columns`: the analysis's); for a sheet it did not read (no header it knows), the likeliest
 * header row of the first ten — the one most of whose cells the fields of `kind` know, else the one with the
 * most texts — with every column it could place and the rest unplaced. Null when the sheet does not exist or
 * has no text in its first rows.
 */
export function sheetColumns(input: WorkbookInput, columns: readonly SheetColumns[], sheetName: string, kind: SheetKind = "participants"): SheetColumns | null {
  const read = columns.find((c) => valueKey(c.sheet) === valueKey(sheetName) && c.kind === kind) ?? columns.find((c) => valueKey(c.sheet) === valueKey(sheetName));
  if (read) return read;
  const sheet: SheetInput | undefined = input.sheets.find((s) => valueKey(s.name) === valueKey(sheetName));
  if (!sheet) return null;
  const fields = fieldsOf(kind);
  const overrides = readColumnMapping(input.sheets.find((s) => valueKey(s.name) === valueKey(SETTINGS_SHEET))).overridesFor(sheet.name, kind);
  let best: { i: number; known: number; texts: number } | undefined;
  for (let i = 0; i < Math.min(HEADER_SCAN_ROWS, sheet.rows.length); i++) {
    const row = sheet.rows[i];
    const texts = textCells(row);
    if (texts === 0) continue;
    const known = matchFields(fields, row, null, overrides).size;
    if (!best || known > best.known || (known === best.known && texts > best.texts)) best = { i, known, texts };
  }
  if (!best) return null;
  const found = matchFields(fields, sheet.rows[best.i], null, overrides);
  const required = fields.filter((f) => f.required && !found.has(f.id)).map((f) => f.label);
  return describeColumns(sheet, kind, best.i, found, { missing: required });
}
