// The workbook port: what the pane's service asks of the workbook it works on, one primitive per host
// operation. Two implementations, neither reaching into the other: Office.js on the open workbook
// (src/office/port.ts) and the standalone page's in-memory workbook, changed by the package editor
// (src/web/port.ts). The service (service.ts) holds every action's flow once, over this interface.
import type { WorkbookAnalysis } from "../core/analyze";
import type { CellValue } from "../core/model/cells";
import type { Consolidation } from "../core/consolidate/consolidate";
import type { SheetLayout } from "../core/report/layout";
import type { TemplateModel } from "../core/template/template";
import type { RowSink, WorkbookShape } from "../engine/engine";
import type { Mark } from "../engine/tasks";
import type { RemarkRow } from "./remarks";

/** How far reading is: rows of one sheet read so far, of its used rows. */
export interface ReadProgress {
  readonly stage: "read";
  readonly sheet: string;
  readonly done: number;
  readonly total: number;
}

/** Where an action is: reading a sheet (rows so far of its used rows), the engine at work, writing. */
export type Progress = ReadProgress | { readonly stage: "analyze" } | { readonly stage: "write"; readonly done?: number; readonly total?: number };

/** The changed rows of one sheet: 0-based, inclusive spans, merged; "all" when whole columns changed. */
export interface SheetChange {
  readonly sheet: string;
  readonly rows: readonly { readonly first: number; readonly last: number }[] | "all";
  /** The addresses the host reported, in order. */
  readonly addresses: readonly string[];
}

export interface TemplateOutcome {
  readonly created: string[];
  readonly repaired: string[];
}

export interface FixOutcome {
  /** Cells that now hold the value. */
  readonly written: readonly string[];
  /** Cells left alone because they changed after the check. */
  readonly changed: readonly string[];
}

export interface RemarksOutcome {
  readonly sheet: string;
  readonly rows: number;
  readonly schools: number;
}

/** A read kept after a check, for a live re-check: the shape, and rows and block width per sheet. */
export interface LiveRead {
  readonly shape: WorkbookShape;
  /** Rows read per sheet (its used range's rows); updated by `patch`. */
  readonly rows: number[];
  readonly widths: number[];
}

export interface WorkbookPort {
  /** Reads every sheet into `sink`, block by block, reporting each block; the workbook without its rows. */
  read(sink: RowSink, onProgress?: (p: ReadProgress) => void): Promise<WorkbookShape>;
  /** Creates the template's missing sheets and repairs the rules of those that exist. */
  insertTemplate(model: TemplateModel): Promise<TemplateOutcome>;
  /** Writes settings (label → text) into «Настройки»; a label missing there gets a row below. */
  writeSettings(values: ReadonlyArray<readonly [string, string]>): Promise<void>;
  /** Writes the column mapping's «Столбец: …» rows into «Настройки», updating rows of the same label. */
  writeMapping(rows: ReadonlyArray<readonly [string, string]>): Promise<void>;
  /** Colours the marked cells, reversibly (their formats kept); how many were coloured. */
  highlight(marks: readonly Mark[]): Promise<number>;
  /** Puts back what the highlights covered; how many cells. */
  clearHighlights(): Promise<number>;
  /** Shows the cell to the user (Excel selects it; a page without a grid does nothing). */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Writes `value` as text into the cells that still show `expected`; the others are left and named. */
  writeTexts(sheet: string, cells: readonly string[], value: string, expected: string): Promise<FixOutcome>;
  /** The «Замечания для школ» rows as a sheet (Excel) or a workbook of their own (the page). */
  writeRemarks(rows: readonly RemarkRow[], subtitle: string, org?: string): Promise<RemarksOutcome>;
  /** Adds (or regenerates) the Свод sheet; its name. */
  writeReport(layout: SheetLayout): Promise<string>;
  /** Writes a consolidation plan into the district's sheets; what the user should know. */
  applyImport(district: WorkbookAnalysis, plan: Consolidation): Promise<readonly string[]>;
  /** Hosts whose workbook the user edits meanwhile: reports changes by anyone but this add-in. */
  watch?(onChange: (changes: SheetChange[]) => void): Promise<() => Promise<void>>;
  /**
   * Reads only the changed rows into `sink` (as `patch` calls), updating `live.rows`; false when a change
   * does not fit the block the check read (the whole workbook must be read again).
   */
  patch?(live: LiveRead, changes: readonly SheetChange[], sink: PatchSink): Promise<boolean>;
}

/** Where patched rows go: the live check's engine job. */
export interface PatchSink {
  patch(sheet: number, at: number, rows: CellValue[][], total?: number): void;
}
