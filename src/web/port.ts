// The workbook port over the standalone page's in-memory workbook (workbook.ts): the user's file held in
// memory and changed only by the package editor, each change a file to download, never the user's file.
// The pane's service (src/pane/service.ts) runs on it exactly as it runs on Office.js.
import ExcelJS from "exceljs";
import type { CellValue } from "../core/model/cells";
import type { Engine } from "../engine/engine";
import type { WorkbookPort } from "../pane/port";
import { REMARKS_SHEET, REMARK_HEADERS, REMARK_WIDTHS } from "../pane/remarks";
import { type MonitorService, createMonitorService } from "../pane/service";
import { workbookBytes } from "../xlsx/template";
import type { MemoryWorkbook } from "./workbook";

export interface MemoryServiceOptions {
  readonly now?: () => Date;
  /** Where the analysis runs: the page's Web Worker when it can start one. */
  readonly engine?: Engine;
  /** Called after anything that made a file to download. */
  readonly onChange?: () => void;
}

export function memoryPort(book: MemoryWorkbook, onChange: () => void = () => undefined): WorkbookPort {
  /** A change that made a file to download: the page lists the files anew. */
  const changing = async <T>(work: Promise<T>): Promise<T> => {
    const out = await work;
    onChange();
    return out;
  };
  return {
    read: async (sink, onProgress) => {
      const { input } = book.read();
      input.sheets.forEach((s, i) => {
        onProgress?.({ stage: "read", sheet: s.name, done: s.rows.length, total: s.rows.length });
        sink.rows(i, s.rows as CellValue[][]);
      });
      return { sheets: input.sheets.map(({ rows: _rows, ...rest }) => rest), date1904: input.date1904 };
    },

    insertTemplate: async () => {
      throw new Error("На этой странице шаблон не вставляется в открытую книгу: скачайте пустой шаблон (кнопка «Скачать пустой шаблон» вверху), перенесите в него данные и откройте его здесь.");
    },

    writeSettings: (values) => changing(book.writeSettings(values)),

    writeMapping: (rows) => changing(book.writeMapping(rows)),

    highlight: (marks) => changing(book.highlight(marks)),

    clearHighlights: () => changing(book.clearHighlights()),

    // The page has no grid to select in: every issue shows its sheet, cell and value in the list itself.
    selectCell: async () => {},

    writeTexts: (sheet, cells, value, expected) => changing(book.writeTexts(sheet, cells, value, expected)),

    writeRemarks: (rows, _subtitle, org) =>
      changing(
        (async () => {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet(REMARKS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
          ws.addRow([...REMARK_HEADERS]).font = { bold: true };
          for (const r of rows) ws.addRow([...r]);
          ws.columns.forEach((c, i) => (c.width = REMARK_WIDTHS[i] ?? 14));
          ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REMARK_HEADERS.length } };
          const schools = new Set(rows.map((r) => r[0])).size;
          const stem = book.fileName.replace(/\.[^.]*$/, "");
          book.setRemarks(`${stem} — замечания для школ${org ? ` (${org})` : ""}.xlsx`, await workbookBytes(wb), `замечаний: ${rows.length}, организаций: ${schools}`);
          return { sheet: REMARKS_SHEET, rows: rows.length, schools };
        })(),
      ),

    writeReport: (layout) => changing(book.writeReport(layout)),

    applyImport: (_district, plan) => changing(book.applyImport(plan)),
    // No watch and no patch: the page's workbook changes only through this port.
  };
}

/** The pane's service over the page's workbook. */
export function createMemoryService(book: MemoryWorkbook, opts: MemoryServiceOptions = {}): MonitorService {
  return createMonitorService(memoryPort(book, opts.onChange), { now: opts.now, engine: opts.engine });
}
