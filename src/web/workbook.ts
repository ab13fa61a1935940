// The standalone page's workbook: the user's file held in memory, never written back to the disk. It is
// read with the command line's reader (any format it reads) and changed only through the package editor
// (src/xlsx/package), as the command line changes files: a sheet added or cells restyled, every other
// part byte-identical. Each change makes new bytes the user can download; the original stays as it was.
// No DOM here: the page (src/web/page.tsx) and the tests use it alike.
import type { CellValue } from "../core/cells";
import type { Consolidation } from "../core/consolidate";
import type { SheetLayout } from "../core/report/layout";
import { renderReport } from "../core/report/renderer";
import { SETTINGS_SHEET } from "../core/settings";
import { headerKey } from "../core/text";
import { writeConsolidation } from "../xlsx/consolidate";
import { type CellMark, clearHighlights, highlightCells } from "../xlsx/package/highlight";
import { Package } from "../xlsx/package/opc";
import { writeCells } from "../xlsx/package/rows";
import { PackageStyles } from "../xlsx/package/styles";
import { type ReadWorkbook, WorkbookFileError, readWorkbook } from "../xlsx/read";
import { PackageReportRenderer } from "../xlsx/report";

/** One change the page made, for the «what changed» line next to the download. */
export interface Change {
  readonly what: string;
}

export class MemoryWorkbook {
  private current: Uint8Array;
  private cache: ReadWorkbook | null = null;
  private readonly log: Change[] = [];

  constructor(
    readonly fileName: string,
    readonly original: Uint8Array,
  ) {
    this.current = original;
  }

  /** The workbook's bytes now: the original until something changed it. */
  get bytes(): Uint8Array {
    return this.current;
  }

  get changes(): readonly Change[] {
    return this.log;
  }

  /** The workbook as the core reads it (once per version of the bytes). Throws WorkbookFileError. */
  read(): ReadWorkbook {
    return (this.cache ??= readWorkbook(this.current, this.fileName));
  }

  /** Only an .xlsx (or .xlsm) can take a sheet or a fill without being rewritten whole. */
  private async edit<T>(what: string, f: (pkg: Package) => T | Promise<T>): Promise<T> {
    const format = this.read().format;
    if (format !== "xlsx") {
      throw new WorkbookFileError(`Книга «${this.fileName}» сохранена не в формате .xlsx: ${what} возможно только в .xlsx. Сохраните её как «Книга Excel (.xlsx)» и откройте снова`);
    }
    const pkg = new Package(this.current);
    const out = await f(pkg);
    this.current = pkg.toBytes();
    this.cache = null;
    return out;
  }

  /** Colours the marked cells (earlier highlights restored first). */
  async highlight(marks: readonly CellMark[]): Promise<number> {
    const n = await this.edit("подсветка ячеек", (pkg) => highlightCells(pkg, marks));
    this.log.push({ what: `подсвечено ячеек: ${n}` });
    return n;
  }

  async clearHighlights(): Promise<number> {
    if (!this.read().input.sheets.some((s) => s.name === "ММ_Выделение")) return 0;
    const n = await this.edit("снятие подсветки", (pkg) => clearHighlights(pkg));
    this.log.push({ what: `подсветка убрана с ячеек: ${n}` });
    return n;
  }

  /** Writes settings (label → value) into «Настройки», as text; a label missing there gets a row below. */
  async writeSettings(values: ReadonlyArray<readonly [string, string]>): Promise<void> {
    const sheet = this.read().input.sheets.find((s) => headerKey(s.name) === headerKey(SETTINGS_SHEET));
    if (!sheet) throw new WorkbookFileError("Нет листа «Настройки»: сначала скачайте шаблон и перенесите в него данные");
    const first = sheet.firstRow ?? 1;
    const col = sheet.firstColumn ?? 1;
    if (col !== 1) throw new WorkbookFileError("На листе «Настройки» названия должны стоять в столбце A");
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
    await this.edit("запись настроек", (pkg) => {
      const entry = pkg.sheets().find((s) => s.name === sheet.name);
      if (!entry?.part) throw new WorkbookFileError("Лист «Настройки» не найден в файле");
      const styles = new PackageStyles(pkg);
      const text = String(styles.textXf());
      pkg.set(entry.part, writeCells(pkg.text(entry.part), writes, this.read().date1904, styles, (ref) => (ref.startsWith("B") ? text : undefined)));
    });
    this.log.push({ what: "настройки сохранены" });
  }

  /** Adds (or regenerates) the report sheet; returns its name. */
  async writeReport(layout: SheetLayout): Promise<string> {
    const name = await this.edit("добавление листа свода", (pkg) => renderReport(layout, new PackageReportRenderer(pkg)));
    this.log.push({ what: `добавлен лист «${name}»` });
    return name;
  }

  /** Writes a consolidation plan (the core's) into the roster sheets; returns what the user should know. */
  async applyImport(c: Consolidation): Promise<readonly string[]> {
    const date1904 = this.read().date1904;
    const { notes } = await this.edit("импорт файлов школ", (pkg) => writeConsolidation(pkg, c, date1904, this.fileName));
    const rows = c.plans.reduce((n, p) => n + p.writes.length, 0);
    this.log.push({ what: `импортировано строк: ${rows}` });
    return notes;
  }
}
