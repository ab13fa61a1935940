// The standalone page's workbook: the user's file held in memory, never written back to the disk, and
// the files made from it to download. Reading, the engine's tasks and every change run where the book
// engine runs (book-engine.ts: the page's Web Worker, else the page itself), each change by the package
// editor as the command line makes it (book.ts). The original stays as it was.
// No DOM here: the page (src/web/page.tsx) and the tests use it alike.
import type { SheetLayout } from "../core/report/layout";
import type { ReadProgress } from "../pane/service";
import type { CellMark } from "../xlsx/package/highlight";
import type { SchoolFileBytes } from "../xlsx/read";
import type { Day } from "../core/model/dates";
import type { RemarkRow } from "../pane/remarks";
import type { BookInfo, ImportResult } from "./book";
import { type BookEngine, type BookHandle, inThreadBookEngine } from "./book-engine";

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
  /** The base as the engine read it: read once per version of the data. */
  private loaded: { bytes: Uint8Array; handle: Promise<BookHandle> } | null = null;
  /** Who hears the progress of the read under way. */
  private readonly listeners = new Set<(p: ReadProgress) => void>();
  private readonly made = new Map<OutputKind, Output>();
  private readonly stem: string;
  /** Cells coloured in the highlighted copy on offer (0 when none). */
  private highlighted = 0;

  constructor(
    readonly fileName: string,
    readonly original: Uint8Array,
    private readonly engine: BookEngine = inThreadBookEngine(),
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

  /**
   * The data as the engine read it, read now if this version was not yet (with `onProgress` hearing each
   * sheet's rows). Rejects with one Russian sentence when the file cannot be read.
   */
  data(onProgress?: (p: ReadProgress) => void): Promise<BookHandle> {
    if (this.loaded?.bytes !== this.base) {
      this.loaded?.handle.then((h) => h.close(), () => undefined);
      const handle = this.engine.open(this.base, this.fileName, (p) => {
        for (const l of this.listeners) l({ stage: "read", ...p });
      });
      this.loaded = { bytes: this.base, handle };
      const done = () => this.listeners.clear();
      handle.then(done, done);
    }
    const { handle } = this.loaded;
    if (onProgress) {
      this.listeners.add(onProgress);
      const off = () => this.listeners.delete(onProgress);
      handle.then(off, off);
    }
    return handle;
  }

  /** Reads the file (see `data`) and says what it holds. */
  async load(onProgress?: (p: ReadProgress) => void): Promise<BookInfo> {
    return (await this.data(onProgress)).info;
  }

  /** A change of the data itself: later reports and highlights are made from it. */
  private rebase(bytes: Uint8Array, what: string): void {
    this.base = bytes;
    this.made.delete("report");
    this.made.delete("highlight");
    this.made.delete("remarks");
    this.highlighted = 0;
    const before = this.made.get("changed")?.what;
    this.made.set("changed", { kind: "changed", fileName: `${this.stem} (изменена).xlsx`, bytes, what: before ? `${before}; ${what}` : what });
  }

  /** The user's workbook with the marked cells coloured (reversibly: the formats kept in a hidden sheet). */
  async highlight(marks: readonly CellMark[]): Promise<number> {
    const { bytes, cells } = await (await this.data()).edit("highlight", { marks });
    this.made.set("highlight", { kind: "highlight", fileName: `${this.stem} (подсветка).xlsx`, bytes, what: `подсвечено ячеек: ${cells}` });
    this.highlighted = cells;
    return cells;
  }

  /** Drops the highlighted copy; a file that came highlighted (by the add-in or this page) is cleared. */
  async clearHighlights(): Promise<number> {
    const had = this.highlighted;
    this.made.delete("highlight");
    this.highlighted = 0;
    const { bytes, cells } = await (await this.data()).edit("clearHighlights", {});
    if (!bytes) return had;
    this.rebase(bytes, `подсветка убрана с ячеек: ${cells}`);
    return cells;
  }

  /** Writes settings (label → value) into «Настройки», as text; a label missing there gets a row below. */
  async writeSettings(values: ReadonlyArray<readonly [string, string]>): Promise<void> {
    const { bytes } = await (await this.data()).edit("settings", { values });
    this.rebase(bytes, "настройки сохранены");
  }

  /** The user's workbook with the report sheet added (or regenerated); returns the sheet's name. */
  async writeReport(layout: SheetLayout): Promise<string> {
    const { bytes, sheet } = await (await this.data()).edit("report", { layout });
    this.made.set("report", { kind: "report", fileName: `${this.stem} (${sheet}).xlsx`, bytes, what: `добавлен лист «${sheet}»` });
    return sheet;
  }

  /**
   * Writes a shown suggestion as text into cells that still show `expected` (what the check saw): a cell
   * changed since is left alone and reported.
   */
  async writeTexts(sheet: string, cells: readonly string[], value: string, expected: string): Promise<{ written: string[]; changed: string[] }> {
    const { bytes, written, changed } = await (await this.data()).edit("texts", { sheet, cells, value, expected });
    if (bytes) this.rebase(bytes, `исправлено ячеек: ${written.length}`);
    return { written, changed };
  }

  /** «Замечания для школ» (one organization's with `org`) as a workbook of its own, offered until the data changes. */
  async writeRemarks(rows: readonly RemarkRow[], org?: string): Promise<{ rows: number; schools: number }> {
    const { bytes } = await (await this.data()).edit("remarks", { rows });
    const schools = new Set(rows.map((r) => r[0])).size;
    this.made.set("remarks", { kind: "remarks", fileName: `${this.stem} — замечания для школ${org ? ` (${org})` : ""}.xlsx`, bytes, what: `замечаний: ${rows.length}, организаций: ${schools}` });
    return { rows: rows.length, schools };
  }

  /** School files consolidated into the data (`apply`), or only previewed; returns what the user should know. */
  async importSchools(files: readonly SchoolFileBytes[], apply: boolean, today: Day): Promise<ImportResult> {
    const { bytes, result } = await (await this.data()).edit("import", { files, apply, today });
    if (bytes) this.rebase(bytes, `импортировано строк: ${result.rows}`);
    return result;
  }

  /**
   * Writes the column mapping's rows (column A «Столбец: <лист> / <заголовок>», column B the field) into
   * «Настройки», both as text (book.ts says how rows are matched).
   */
  async writeMapping(rows: ReadonlyArray<readonly [string, string]>): Promise<void> {
    const { bytes } = await (await this.data()).edit("mapping", { rows });
    this.rebase(bytes, "сопоставление столбцов сохранено на листе «Настройки»");
  }
}
