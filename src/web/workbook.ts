// The standalone page's workbook: the user's file held in memory, never written back to the disk. It is
// read with the command line's reader (any format it reads) and changed only through the package editor
// (src/xlsx/package), as the command line changes files: a sheet added or cells restyled, every other
// part byte-identical. Each change makes new bytes the user can download; the original stays as it was.
// No DOM here: the page (src/web/page.tsx) and the tests use it alike.
import type { CellValue } from "../core/model/cells";
import type { Consolidation } from "../core/consolidate/consolidate";
import type { SheetLayout } from "../core/report/layout";
import { renderReport } from "../core/report/renderer";
import { SETTINGS_SHEET } from "../core/read/settings";
import { displayText } from "../core/read/readers";
import { headerKey } from "../core/model/text";
import { cellAt, mappingWrites } from "../engine/tasks";
import { writeConsolidation } from "../xlsx/consolidate";
import { type CellMark, STORE_SHEET, clearHighlights, highlightCells } from "../xlsx/package/highlight";
import { Package } from "../xlsx/package/opc";
import { writeCells } from "../xlsx/package/rows";
import { PackageStyles } from "../xlsx/package/styles";
import { type ReadWorkbook, WorkbookFileError, readWorkbook } from "../xlsx/read";
import { PackageReportRenderer } from "../xlsx/report";

/** A file the page offers to download, made from the workbook as it is now. */
export type OutputKind = "report" | "highlight" | "remarks" | "changed";

export interface Output {
  readonly kind: OutputKind;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** What it holds beyond the user's file, in Russian: «добавлен лист «Свод 2021 Q2»». */
  readonly what: string;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The data («base»: the user's file, then as the import or the settings changed it) and the files made
 * from it: the base with the Свод, the base with highlights. The report and the highlights never change
 * the base, so each download holds the user's workbook with exactly one addition.
 */
export class MemoryWorkbook {
  private base: Uint8Array;
  private cache: ReadWorkbook | null = null;
  private readonly made = new Map<OutputKind, Output>();
  private readonly stem: string;
  /** Cells coloured in the highlighted copy on offer (0 when none). */
  private highlighted = 0;

  constructor(
    readonly fileName: string,
    readonly original: Uint8Array,
  ) {
    this.base = original;
    this.stem = fileName.replace(/\.[^.]*$/, "");
  }

  /** The data's bytes now: the original until an import or the settings changed them. */
  get bytes(): Uint8Array {
    return this.base;
  }

  /** The files ready to download, in a stable order. */
  get outputs(): readonly Output[] {
    return (["report", "highlight", "remarks", "changed"] as const).map((k) => this.made.get(k)).filter((o): o is Output => !!o);
  }

  /** The workbook as the core reads it (once per version of the data). Throws WorkbookFileError. */
  read(): ReadWorkbook {
    return (this.cache ??= readWorkbook(this.base, this.fileName));
  }

  /** Only an .xlsx (or .xlsm) can take a sheet or a fill without being rewritten whole. */
  private async edit<T>(what: string, f: (pkg: Package) => T | Promise<T>): Promise<{ bytes: Uint8Array; out: T }> {
    if (this.read().format !== "xlsx") {
      throw new WorkbookFileError(`Книга «${this.fileName}» сохранена не в формате .xlsx: ${what} возможно только в .xlsx. Сохраните её как «Книга Excel (.xlsx)» и откройте снова`);
    }
    const pkg = new Package(this.base);
    const out = await f(pkg);
    return { bytes: pkg.toBytes(), out };
  }

  /** A change of the data itself: later reports and highlights are made from it. */
  private rebase(bytes: Uint8Array, what: string): void {
    this.base = bytes;
    this.cache = null;
    this.made.delete("report");
    this.made.delete("highlight");
    this.made.delete("remarks");
    this.highlighted = 0;
    const before = this.made.get("changed")?.what;
    this.made.set("changed", { kind: "changed", fileName: `${this.stem} (изменена).xlsx`, bytes, what: before ? `${before}; ${what}` : what });
  }

  /** The user's workbook with the marked cells coloured (reversibly: the formats kept in a hidden sheet). */
  async highlight(marks: readonly CellMark[]): Promise<number> {
    const { bytes, out: n } = await this.edit("подсветка ячеек", (pkg) => highlightCells(pkg, marks));
    this.made.set("highlight", { kind: "highlight", fileName: `${this.stem} (подсветка).xlsx`, bytes, what: `подсвечено ячеек: ${n}` });
    this.highlighted = n;
    return n;
  }

  /** Drops the highlighted copy; a file that came highlighted (by the add-in or this page) is cleared. */
  async clearHighlights(): Promise<number> {
    const had = this.highlighted;
    this.made.delete("highlight");
    this.highlighted = 0;
    if (!this.read().input.sheets.some((s) => s.name === STORE_SHEET)) return had;
    const { bytes, out: n } = await this.edit("снятие подсветки", (pkg) => clearHighlights(pkg));
    this.rebase(bytes, `подсветка убрана с ячеек: ${n}`);
    return n;
  }

  /** Writes settings (label → value) into «Настройки», as text; a label missing there gets a row below. */
  async writeSettings(values: ReadonlyArray<readonly [string, string]>): Promise<void> {
    const sheet = this.read().input.sheets.find((s) => headerKey(s.name) === headerKey(SETTINGS_SHEET));
    if (!sheet) throw new WorkbookFileError("Нет листа «Настройки»: сначала скачайте шаблон и перенесите в него данные");
    const first = sheet.firstRow ?? 1;
    if ((sheet.firstColumn ?? 1) !== 1) throw new WorkbookFileError("На листе «Настройки» названия должны стоять в столбце A");
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
    const date1904 = this.read().date1904;
    const { bytes } = await this.edit("запись настроек", (pkg) => {
      const entry = pkg.sheets().find((s) => s.name === sheet.name);
      if (!entry?.part) throw new WorkbookFileError("Лист «Настройки» не найден в файле");
      const styles = new PackageStyles(pkg);
      const text = String(styles.textXf());
      pkg.set(entry.part, writeCells(pkg.text(entry.part), writes, date1904, styles, (ref) => (ref.startsWith("B") ? text : undefined)));
    });
    this.rebase(bytes, "настройки сохранены");
  }

  /** The user's workbook with the report sheet added (or regenerated); returns the sheet's name. */
  async writeReport(layout: SheetLayout): Promise<string> {
    const { bytes, out: name } = await this.edit("добавление листа свода", (pkg) => renderReport(layout, new PackageReportRenderer(pkg)));
    this.made.set("report", { kind: "report", fileName: `${this.stem} (${name}).xlsx`, bytes, what: `добавлен лист «${name}»` });
    return name;
  }

  /**
   * Writes a shown suggestion as text into cells that still show `expected` (what the check saw): a cell
   * changed since is left alone and reported.
   */
  async writeTexts(sheet: string, cells: readonly string[], value: string, expected: string): Promise<{ written: string[]; changed: string[] }> {
    const { input } = this.read();
    const written: string[] = [];
    const changed: string[] = [];
    for (const c of cells) (displayText(cellAt(input, sheet, c) ?? null) === expected ? written : changed).push(c);
    if (written.length === 0) return { written, changed };
    const date1904 = this.read().date1904;
    const { bytes } = await this.edit("исправление ячеек", (pkg) => {
      const entry = pkg.sheets().find((s) => s.name === sheet);
      if (!entry?.part) throw new WorkbookFileError(`Лист «${sheet}» не найден в файле`);
      const styles = new PackageStyles(pkg);
      // Text first, the cell's look kept: «=1+1» or «007» written as a suggestion stays exactly that.
      const text = (_ref: string, old: string | undefined) => String(styles.textVariantOf(Number(old ?? 0)));
      pkg.set(entry.part, writeCells(pkg.text(entry.part), new Map(written.map((c) => [c, value])), date1904, styles, text));
    });
    this.rebase(bytes, `исправлено ячеек: ${written.length}`);
    return { written, changed };
  }

  /** A workbook of its own (the remarks for schools), offered next to the others until the data changes. */
  setRemarks(fileName: string, bytes: Uint8Array, what: string): void {
    this.made.set("remarks", { kind: "remarks", fileName, bytes, what });
  }

  /** Writes a consolidation plan (the core's) into the data; returns what the user should know. */
  async applyImport(c: Consolidation): Promise<readonly string[]> {
    const date1904 = this.read().date1904;
    const { bytes, out } = await this.edit("импорт файлов школ", (pkg) => writeConsolidation(pkg, c, date1904, this.fileName));
    const rows = c.plans.reduce((n, p) => n + p.writes.length, 0);
    this.rebase(bytes, `импортировано строк: ${rows}`);
    return out.notes;
  }

  /**
   * Writes the column mapping's rows (column A «Столбец: <лист> / <заголовок>», column B the field) into
   * «Настройки», both as text: a row already there with the same label gets the new field, a new one goes
   * below the sheet's last row. Unlike writeSettings, labels are compared whole (valueKey, not headerKey):
   * «… / Дата рождения (наставник)» and «… / Дата рождения (наставляемый)» are two rows.
   */
  async writeMapping(rows: ReadonlyArray<readonly [string, string]>): Promise<void> {
    const sheet = this.read().input.sheets.find((s) => headerKey(s.name) === headerKey(SETTINGS_SHEET));
    if (!sheet) throw new WorkbookFileError("Нет листа «Настройки»: сначала скачайте шаблон и перенесите в него данные");
    if ((sheet.firstColumn ?? 1) !== 1) throw new WorkbookFileError("На листе «Настройки» названия должны стоять в столбце A");
    const first = sheet.firstRow ?? 1;
    // Rows above the first one read are empty: the labels of rows 1… as the sheet holds them.
    const labels = [...Array<unknown>(first - 1).fill(null), ...sheet.rows.map((r) => r[0] ?? null)];
    const writes = new Map<string, CellValue>();
    for (const w of mappingWrites(labels, rows)) {
      if (w.isNew) writes.set(`A${w.row + 1}`, w.label);
      writes.set(`B${w.row + 1}`, w.value);
    }
    const date1904 = this.read().date1904;
    const { bytes } = await this.edit("запись сопоставления столбцов", (pkg) => {
      const entry = pkg.sheets().find((s) => s.name === sheet.name);
      if (!entry?.part) throw new WorkbookFileError("Лист «Настройки» не найден в файле");
      const styles = new PackageStyles(pkg);
      const text = String(styles.textXf());
      pkg.set(entry.part, writeCells(pkg.text(entry.part), writes, date1904, styles, () => text));
    });
    this.rebase(bytes, "сопоставление столбцов сохранено на листе «Настройки»");
  }
}
