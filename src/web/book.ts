// The standalone page's workbook file where the work happens — in the page's Web Worker, or on the page
// itself when no worker can start (book-engine.ts): the file read with the command line's reader, the
// engine's tasks over its cells, and every change made by the package editor (src/xlsx/package), as the
// command line makes it: a sheet added or cells restyled, every other part byte-identical. Each change
// gives new bytes; the file itself is never changed. No DOM here: the worker, the page and jest use it alike.
import ExcelJS from "exceljs";
import type { CellValue } from "../core/model/cells";
import type { Consolidation } from "../core/consolidate/consolidate";
import type { Day } from "../core/model/dates";
import { headerKey } from "../core/model/text";
import { SETTINGS_SHEET } from "../core/read/settings";
import { displayText } from "../core/read/readers";
import type { SheetLayout } from "../core/report/layout";
import { renderReport } from "../core/report/renderer";
import { TEMPLATE_ADVICE, type TaskArgs, type TaskName, type TaskResults, analyzer, cellAt, mappingWrites, runTask } from "../engine/tasks";
import { planImport } from "../pane/import";
import { REMARKS_SHEET, REMARK_HEADERS, REMARK_WIDTHS, type RemarkRow } from "../pane/remarks";
import { writeConsolidation } from "../xlsx/consolidate";
import { type CellMark, STORE_SHEET, clearHighlights, highlightCells } from "../xlsx/package/highlight";
import { Package } from "../xlsx/package/opc";
import { writeCells } from "../xlsx/package/rows";
import { PackageStyles } from "../xlsx/package/styles";
import { type ReadWorkbook, type SchoolFileBytes, WorkbookFileError, readWorkbook } from "../xlsx/read";
import type { SheetProgress } from "../xlsx/reader/workbook";
import { PackageReportRenderer } from "../xlsx/report";
import { workbookBytes } from "../xlsx/template";
import { PAGE_TEMPLATE_ADVICE } from "./words";

/** The pane's advice for a book without the monitoring sheets, as the page gives it. */
const pageWords = (message: string) => message.split(TEMPLATE_ADVICE).join(PAGE_TEMPLATE_ADVICE);

/** What the page learns of a file once it is read. */
export interface BookInfo {
  readonly format: ReadWorkbook["format"];
  readonly sheets: ReadonlyArray<{ readonly name: string; readonly rows: number }>;
}

/** An outcome of the import, as the pane shows it (the plan itself stays where the book is). */
export interface ImportResult {
  readonly summaries: Consolidation["summaries"];
  readonly failed: { file: string; message: string }[];
  readonly unknownOrganizations: readonly string[];
  readonly duplicates: Consolidation["duplicates"];
  /** Rows written into the data (0 when only previewed). */
  readonly rows: number;
  readonly notes: readonly string[];
}

/** The changes the page asks for, by name, with their arguments: what crosses to the worker. */
export interface EditArgs {
  highlight: { marks: readonly CellMark[] };
  clearHighlights: Record<string, never>;
  settings: { values: ReadonlyArray<readonly [string, string]> };
  report: { layout: SheetLayout };
  texts: { sheet: string; cells: readonly string[]; value: string; expected: string };
  mapping: { rows: ReadonlyArray<readonly [string, string]> };
  import: { files: readonly SchoolFileBytes[]; apply: boolean; today: Day };
  remarks: { rows: readonly RemarkRow[] };
}

/** Each change's result: `bytes` is the new file, null when nothing changed. */
export interface EditResults {
  highlight: { bytes: Uint8Array; cells: number };
  clearHighlights: { bytes: Uint8Array | null; cells: number };
  settings: { bytes: Uint8Array };
  report: { bytes: Uint8Array; sheet: string };
  texts: { bytes: Uint8Array | null; written: string[]; changed: string[] };
  mapping: { bytes: Uint8Array };
  import: { bytes: Uint8Array | null; result: ImportResult };
  /** A workbook of its own, not the user's. */
  remarks: { bytes: Uint8Array };
}

export type EditName = keyof EditArgs;

export const infoOf = (read: ReadWorkbook): BookInfo => ({ format: read.format, sheets: read.input.sheets.map((s) => ({ name: s.name, rows: s.rows.length })) });

/** One version of the user's file: read once, then asked for tasks and changes. */
export class FileBook {
  private readonly analyze: ReturnType<typeof analyzer>;

  private constructor(
    readonly bytes: Uint8Array,
    readonly fileName: string,
    readonly read: ReadWorkbook,
  ) {
    this.analyze = analyzer(read.input);
  }

  /** Reads the file; a file that cannot be read throws WorkbookFileError with one Russian sentence. */
  static open(bytes: Uint8Array, fileName: string, onProgress?: (p: SheetProgress) => void): FileBook {
    return new FileBook(bytes, fileName, readWorkbook(bytes, fileName, { onProgress }));
  }

  get info(): BookInfo {
    return infoOf(this.read);
  }

  /** A task's result, with the page's advice for a book that lacks the monitoring sheets. */
  run<K extends TaskName>(task: K, args: TaskArgs[K]): TaskResults[K] {
    let r: TaskResults[K];
    try {
      r = runTask(task, this.read.input, this.analyze, args);
    } catch (e) {
      throw e instanceof Error && e.message.includes(TEMPLATE_ADVICE) ? new Error(pageWords(e.message)) : e;
    }
    const x = r as { problems?: readonly string[]; problem?: string };
    if (x && typeof x === "object" && (x.problems?.length || x.problem)) {
      return { ...r, ...(x.problems ? { problems: x.problems.map(pageWords) } : {}), ...(x.problem ? { problem: pageWords(x.problem) } : {}) };
    }
    return r;
  }

  async edit<K extends EditName>(name: K, args: EditArgs[K]): Promise<EditResults[K]> {
    const edits: { [E in EditName]: (a: EditArgs[E]) => Promise<EditResults[E]> } = {
      highlight: (a) => this.highlight(a.marks),
      clearHighlights: () => this.clearHighlights(),
      settings: (a) => this.settings(a.values),
      report: (a) => this.report(a.layout),
      texts: (a) => this.texts(a),
      mapping: (a) => this.mapping(a.rows),
      import: (a) => this.import(a),
      remarks: (a) => this.remarks(a),
    };
    return (edits[name] as (a: EditArgs[K]) => Promise<EditResults[K]>)(args);
  }

  /** Only an .xlsx (or .xlsm) can take a sheet or a fill without being rewritten whole. */
  private async package<T>(what: string, f: (pkg: Package) => T | Promise<T>): Promise<{ bytes: Uint8Array; out: T }> {
    if (this.read.format !== "xlsx") {
      throw new WorkbookFileError(`Книга «${this.fileName}» сохранена не в формате .xlsx: ${what} возможно только в .xlsx. Сохраните её как «Книга Excel (.xlsx)» и откройте снова`);
    }
    const pkg = new Package(this.bytes);
    const out = await f(pkg);
    return { bytes: pkg.toBytes(), out };
  }

  /** The marked cells coloured (reversibly: the formats kept in a hidden sheet). */
  private async highlight(marks: readonly CellMark[]): Promise<EditResults["highlight"]> {
    const { bytes, out: cells } = await this.package("подсветка ячеек", (pkg) => highlightCells(pkg, marks));
    return { bytes, cells };
  }

  /** A file that came highlighted (by the add-in or this page) cleared; nothing to do otherwise. */
  private async clearHighlights(): Promise<EditResults["clearHighlights"]> {
    if (!this.read.input.sheets.some((s) => s.name === STORE_SHEET)) return { bytes: null, cells: 0 };
    const { bytes, out: cells } = await this.package("снятие подсветки", (pkg) => clearHighlights(pkg));
    return { bytes, cells };
  }

  private settingsSheet() {
    const sheet = this.read.input.sheets.find((s) => headerKey(s.name) === headerKey(SETTINGS_SHEET));
    if (!sheet) throw new WorkbookFileError("Нет листа «Настройки»: сначала скачайте шаблон и перенесите в него данные");
    if ((sheet.firstColumn ?? 1) !== 1) throw new WorkbookFileError("На листе «Настройки» названия должны стоять в столбце A");
    return sheet;
  }

  /** Writes cells of one sheet; `xf` gives each written cell's format from its former one. */
  private writeSheet(what: string, sheet: string, writes: Map<string, CellValue>, xf: (styles: PackageStyles) => (ref: string, old: string | undefined) => string | undefined) {
    return this.package(what, (pkg) => {
      const entry = pkg.sheets().find((s) => s.name === sheet);
      if (!entry?.part) throw new WorkbookFileError(`Лист «${sheet}» не найден в файле`);
      const styles = new PackageStyles(pkg);
      pkg.set(entry.part, writeCells(pkg.text(entry.part), writes, this.read.date1904, styles, xf(styles)));
    });
  }

  /** Settings (label → value) into «Настройки», as text; a label missing there gets a row below. */
  private async settings(values: ReadonlyArray<readonly [string, string]>): Promise<EditResults["settings"]> {
    const sheet = this.settingsSheet();
    const first = sheet.firstRow ?? 1;
    const rowOf = new Map(sheet.rows.map((r, i) => [headerKey(String(r[0] ?? "")), first + i]));
    let next = first + sheet.rows.length;
    const writes = new Map<string, CellValue>();
    for (const [label, value] of values) {
      let r = rowOf.get(headerKey(label));
      if (r === undefined) {
        r = next++;
        writes.set(`A${r}`, label);
      }
      writes.set(`B${r}`, value);
    }
    const { bytes } = await this.writeSheet("запись настроек", sheet.name, writes, (styles) => {
      const text = String(styles.textXf());
      return (ref) => (ref.startsWith("B") ? text : undefined);
    });
    return { bytes };
  }

  /** The report sheet added (or regenerated). */
  private async report(layout: SheetLayout): Promise<EditResults["report"]> {
    const { bytes, out: sheet } = await this.package("добавление листа свода", (pkg) => renderReport(layout, new PackageReportRenderer(pkg)));
    return { bytes, sheet };
  }

  /**
   * A shown suggestion written as text into cells that still show `expected` (what the check saw): a cell
   * changed since is left alone and reported.
   */
  private async texts(a: EditArgs["texts"]): Promise<EditResults["texts"]> {
    const written: string[] = [];
    const changed: string[] = [];
    for (const c of a.cells) (displayText(cellAt(this.read.input, a.sheet, c) ?? null) === a.expected ? written : changed).push(c);
    if (written.length === 0) return { bytes: null, written, changed };
    // Text first, the cell's look kept: «=1+1» or «007» written as a suggestion stays exactly that.
    const { bytes } = await this.writeSheet("исправление ячеек", a.sheet, new Map(written.map((c) => [c, a.value])), (styles) => (_ref, old) => String(styles.textVariantOf(Number(old ?? 0))));
    return { bytes, written, changed };
  }

  /**
   * The column mapping's rows (column A «Столбец: <лист> / <заголовок>», column B the field) into
   * «Настройки», both as text: a row already there with the same label gets the new field, a new one goes
   * below the sheet's last row. Unlike the settings, labels are compared whole (valueKey, not headerKey):
   * «… / Дата рождения (наставник)» and «… / Дата рождения (наставляемый)» are two rows.
   */
  private async mapping(rows: ReadonlyArray<readonly [string, string]>): Promise<EditResults["mapping"]> {
    const sheet = this.settingsSheet();
    const first = sheet.firstRow ?? 1;
    // Rows above the first one read are empty: the labels of rows 1… as the sheet holds them.
    const labels = [...Array<unknown>(first - 1).fill(null), ...sheet.rows.map((r) => r[0] ?? null)];
    const writes = new Map<string, CellValue>();
    for (const w of mappingWrites(labels, rows)) {
      if (w.isNew) writes.set(`A${w.row + 1}`, w.label);
      writes.set(`B${w.row + 1}`, w.value);
    }
    const { bytes } = await this.writeSheet("запись сопоставления столбцов", sheet.name, writes, (styles) => {
      const text = String(styles.textXf());
      return () => text;
    });
    return { bytes };
  }

  /** School files consolidated into the district's data (or only previewed, when not `apply`). */
  private async import(a: EditArgs["import"]): Promise<EditResults["import"]> {
    let planned;
    try {
      planned = planImport(this.read.input, a.files, a.today);
    } catch (e) {
      throw e instanceof Error && e.message.includes(TEMPLATE_ADVICE) ? new Error(pageWords(e.message)) : e;
    }
    const { plan, failed } = planned;
    const outcome = { summaries: plan.summaries, failed, unknownOrganizations: plan.unknownOrganizations, duplicates: plan.duplicates };
    if (!a.apply) return { bytes: null, result: { ...outcome, rows: 0, notes: [] } };
    const { bytes, out } = await this.package("импорт файлов школ", (pkg) => writeConsolidation(pkg, plan, this.read.date1904, this.fileName));
    return { bytes, result: { ...outcome, rows: plan.plans.reduce((n, p) => n + p.writes.length, 0), notes: out.notes } };
  }

  /** «Замечания для школ»: the rows (src/pane/remarks.ts) as a workbook of its own. */
  private async remarks(a: EditArgs["remarks"]): Promise<EditResults["remarks"]> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(REMARKS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow([...REMARK_HEADERS]).font = { bold: true };
    for (const r of a.rows) ws.addRow([...r]);
    ws.columns.forEach((c, i) => (c.width = REMARK_WIDTHS[i] ?? 14));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REMARK_HEADERS.length } };
    return { bytes: await workbookBytes(wb) };
  }
}
