// A sheet read through a layout other than the template's (docs/layouts.md): its rows rewritten into the
// template's columns — ФИО joined from its parts, a pair row split into its mentor and its mentee, a role
// taken from a title, a wide table of targets turned into one row per year — while every issue still points
// at the user's own cell. Built once per sheet; the template's layout needs none (its rows are read as they are).
import type { CellValue } from "../model/cells";

/** Where a field of a view row comes from in the user's sheet, for issues: a worksheet column and its header. */
export interface ViewPlace {
  /** 1-based worksheet column. */
  readonly col: number;
  /** The header as the user wrote it (or what stands for it), for the column and messages. */
  readonly header: string;
}

export interface SheetView<K extends string = string> {
  /** What the layout is, in words for the command line and the pane («пары наставник – наставляемый», …). */
  readonly layout: readonly string[];
  /** The rows in the spec's column order (one source row may give two, a wide row one per year). */
  readonly rows: ReadonlyArray<ReadonlyArray<CellValue>>;
  /** The worksheet row of each view row. */
  readonly rowNumbers: readonly number[];
  /** The spec columns the view provides, at their position in its rows. */
  readonly columnIndex: Partial<Record<K, number>>;
  /**
   * The user's cell of a field: `fields` is the view row as read (a pair row's side is told by its role, a
   * wide row's year column by its year), or null for the header row.
   */
  locate(fields: Readonly<Partial<Record<K, unknown>>> | null, key: K | null): ViewPlace;
  /** A pair row's two view rows share cells: report each cell's problem once per row. */
  readonly dedupe: boolean;
  /**
   * A plan keyed by names (an order's appendix): its ИТОГО row only cross-checks the sum, so a mismatch is a
   * warning (`plan-total-mismatch`), not the template's error.
   */
  readonly planTotals?: "warning";
  /** The view rows of the records read from it (for consolidation, which copies rows as written). */
  readonly recordCells: WeakMap<object, ReadonlyArray<CellValue>>;
}

/** The one empty row views share for blank source rows (a sheet may have a million). */
export const EMPTY_ROW: readonly CellValue[] = Object.freeze([]) as readonly CellValue[];
