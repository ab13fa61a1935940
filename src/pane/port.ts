// The workbook port: what the pane's service asks of the workbook it works on, one primitive per host
// operation. Two implementations, neither reaching into the other: Office.js on the open workbook
// (src/office/port.ts) and the standalone page's in-memory workbook, changed by the package editor
// (src/web/port.ts). The service (service.ts) holds every action's flow once, over this interface.
import type { CrossDuplicate, FileSummary } from "../core/consolidate/consolidate";
import type { Day } from "../core/model/dates";
import type { SheetLayout } from "../core/report/layout";
import type { TemplateModel } from "../core/template/template";
import type { EngineJob, WorkbookShape } from "../engine/engine";
import type { Mark, TaskArgs, TaskName, TaskResults } from "../engine/tasks";
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

/** A read kept after a check, for a live re-check: its engine job, the shape, and rows and block width per sheet. */
export interface LiveRead {
  readonly job: EngineJob;
  readonly shape: WorkbookShape;
  /** Rows read per sheet (its used range's rows); updated by `patch`. */
  readonly rows: number[];
  readonly widths: number[];
}

/**
 * The workbook as read where its analysis runs (the engine's tasks over its cells) until closed: in
 * Excel the cells go block by block into an engine job (a Web Worker); on the standalone page the file
 * is read, analysed and edited in the page's worker.
 */
export interface WorkbookRead {
  run<K extends TaskName>(task: K, args: TaskArgs[K]): Promise<TaskResults[K]>;
  close(): void;
  /** Where the host lets the workbook be edited meanwhile: what a live re-check patches. */
  readonly live?: LiveRead;
}

/** School files consolidated into the district's sheets: what the pane tells the user. */
export interface ImportWrite {
  readonly summaries: readonly FileSummary[];
  readonly failed: readonly { file: string; message: string }[];
  readonly unknownOrganizations: readonly string[];
  readonly duplicates: readonly CrossDuplicate[];
  /** What the user should know about the write: values kept in replaced rows, a table not resized. */
  readonly notes: readonly string[];
}

/** A school's file as the user picked it. */
export interface SchoolFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}
export interface WorkbookPort {
  /** Reads every sheet where the analysis runs, reporting each block. */
  read(onProgress?: (p: ReadProgress) => void): Promise<WorkbookRead>;
  /** Creates the template's missing sheets and repairs the rules of those that exist. */
  insertTemplate(model: TemplateModel): Promise<TemplateOutcome>;
  /** Writes settings (label → text) into «Настройки»; a label missing there gets a row below. */
  writeSettings(values: ReadonlyArray<readonly [string, string]>): Promise<void>;
  /** Writes the column mapping's «Столбец: …» rows into «Настройки», updating rows of the same label. */
  writeMapping(rows: ReadonlyArray<readonly [string, string]>): Promise<void>;
  /**
   * Colours the marked cells, reversibly (their formats kept); how many were coloured. `kind` says what the
   * colours stand for: the issues (which a live re-check keeps up to date) or the roadmap's statuses.
   */
  highlight(marks: readonly Mark[], kind: "issues" | "roadmap"): Promise<number>;
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
  /**
   * Consolidates school files into the district's sheets (the core's plan, src/pane/import.ts), writing only
   * when `apply`.
   */
  importSchools(files: readonly SchoolFile[], apply: boolean, today: Day, onProgress?: (p: Progress) => void): Promise<ImportWrite>;
  /** Hosts whose workbook the user edits meanwhile: reports changes by anyone but this add-in. */
  watch?(onChange: (changes: SheetChange[]) => void): Promise<() => Promise<void>>;
  /**
   * Reads only the changed rows into the live read's job, updating `live.rows`; false when a change does not
   * fit the block the check read (the whole workbook must be read again).
   */
  patch?(live: LiveRead, changes: readonly SheetChange[]): Promise<boolean>;
  /**
   * After a live re-check: the issue highlights follow the issues (restored where an issue is gone, new
   * issue cells coloured); how many cells changed. Nothing when the workbook has no issue highlights.
   */
  followIssues?(live: LiveRead, marks: readonly Mark[], changes: readonly SheetChange[]): Promise<number>;
}
