// What reading a sheet through a layout gives besides its rows: how each column was placed (for the
// command line's printout and the pane's drop-downs), notes on what was inferred, and problems found before
// any row is read. Plain data.
import { type CellValue, type SheetInput, cellAddress } from "../../model/cells";
import type { SheetKind } from "../../model/columns";
import type { LocatedSheet } from "../headers";
import type { IssueCode, NoteCode } from "../../model/issues";
import { displayText } from "../readers";
import { headerKey } from "../../model/text";
import { type FieldSpec, type FoundColumn, fieldsOf } from "./fields";

/** A note or an issue a layout found at a cell (1-based worksheet column) before the sink of its sheet exists. */
export interface PendingNote {
  readonly row: number;
  readonly col: number;
  readonly header: string;
  readonly code: NoteCode;
  readonly message: string;
}

export interface PendingIssue {
  readonly row: number;
  readonly col: number;
  readonly header: string;
  readonly code: IssueCode;
  readonly message: string;
  readonly suggestion?: string;
}

export interface ColumnPlacement {
  /** 0-based index into the sheet's rows. */
  readonly index: number;
  /** The header cell's address. */
  readonly cell: string;
  /** The header as written. */
  readonly header: string;
  /** The field the column was taken for, or null when it was not placed. */
  readonly field: string | null;
  readonly label: string | null;
  /** How: the template's own header, another header the product knows, a `Настройки` row, or a year column. */
  readonly by: "template" | "header" | "settings" | "year" | null;
}

export interface FieldOption {
  readonly id: string;
  readonly label: string;
  readonly required: boolean;
}

/** A sheet's columns as read, for the command line and the pane's column mapping (Power Query's «выбор столбцов»). */
export interface SheetColumns {
  readonly sheet: string;
  readonly kind: SheetKind;
  /** The layout in words; empty for the template's. */
  readonly layout: readonly string[];
  /** Worksheet row of the header (the lower row of a two-row header). */
  readonly headerRow: number;
  readonly columns: readonly ColumnPlacement[];
  /** Columns with a header that no field took. */
  readonly unplaced: readonly ColumnPlacement[];
  /** Fields a column could still be taken for (not placed yet), for the drop-downs. */
  readonly candidates: readonly FieldOption[];
  /** Required fields no column gives (each is a `missing-column` issue). */
  readonly missing: readonly string[];
  /** Whether every placed column has the template's own header and the sheet needs no view. */
  readonly template: boolean;
}

export interface LayoutRead<K extends string> {
  readonly located: LocatedSheet<K>;
  readonly notes: readonly PendingNote[];
  readonly issues: readonly PendingIssue[];
  readonly columns: SheetColumns;
}

const text = (v: CellValue | undefined) => (v === undefined || v === null ? "" : displayText(v));

/**
 * The placement of every header cell of a sheet: `found` gives the fields by column; `extra` columns placed
 * otherwise (year columns). Required fields come from the catalogue unless `required` lists them.
 */
export function describeColumns(
  sheet: SheetInput,
  kind: SheetKind,
  headerIndex: number,
  found: ReadonlyMap<string, FoundColumn>,
  opts: { layout?: readonly string[]; extra?: readonly { index: number; field: string; label: string; by: ColumnPlacement["by"] }[]; missing?: readonly string[]; fields?: readonly FieldSpec[] } = {},
): SheetColumns {
  const fields = opts.fields ?? fieldsOf(kind);
  const firstRow = sheet.firstRow ?? 1;
  const firstCol = sheet.firstColumn ?? 1;
  const headerRow = firstRow + headerIndex;
  const lower = sheet.rows[headerIndex] ?? [];
  const upper = headerIndex > 0 ? (sheet.rows[headerIndex - 1] ?? []) : [];
  const byIndex = new Map<number, { field: string; label: string; by: ColumnPlacement["by"]; header: string }>();
  for (const [id, f] of found) {
    const spec = fields.find((x) => x.id === id);
    const templateHeader = spec?.key === id && spec.headers[0] !== undefined && headerKey(spec.headers[0]) === headerKey(f.header);
    byIndex.set(f.index, { field: id, label: spec?.label ?? id, by: f.by === "settings" ? "settings" : templateHeader ? "template" : "header", header: f.header });
  }
  for (const e of opts.extra ?? []) byIndex.set(e.index, { field: e.field, label: e.label, by: e.by, header: text(lower[e.index]) });
  const columns: ColumnPlacement[] = [];
  const width = Math.max(lower.length, upper.length);
  for (let i = 0; i < width; i++) {
    const placed = byIndex.get(i);
    const header = placed?.header ?? (text(lower[i]) || text(upper[i]));
    if (header === "" && !placed) continue;
    columns.push({
      index: i,
      cell: cellAddress(headerRow, firstCol + i),
      header,
      field: placed?.field ?? null,
      label: placed?.label ?? null,
      by: placed?.by ?? null,
    });
  }
  const taken = new Set([...byIndex.values()].map((p) => p.field));
  const candidates = fields.filter((f) => !taken.has(f.id)).map((f) => ({ id: f.id, label: f.label, required: f.required === true }));
  const layout = opts.layout ?? [];
  return {
    sheet: sheet.name,
    kind,
    layout,
    headerRow,
    columns,
    unplaced: columns.filter((c) => c.field === null),
    candidates,
    missing: opts.missing ?? [],
    template: layout.length === 0 && columns.every((c) => c.field === null || c.by === "template"),
  };
}
