// The workbook port over the standalone page's in-memory workbook (workbook.ts): the user's file read,
// analysed and changed where the page's book engine runs (its Web Worker, else the page), each change a
// file to download, never the user's file. The pane's service (src/pane/service.ts) runs on it exactly as
// it runs on Office.js.
import type { WorkbookPort } from "../pane/port";
import { REMARKS_SHEET } from "../pane/remarks";
import { type MonitorService, createMonitorService } from "../pane/service";
import type { MemoryWorkbook } from "./workbook";
import { PAGE_TEMPLATE_ADVICE } from "./words";

export interface MemoryServiceOptions {
  readonly now?: () => Date;
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
    read: async (onProgress) => {
      const handle = await book.data(onProgress);
      // The workbook keeps its read for as long as the data is the same (and closes it when it changes):
      // an action's end does not free it.
      return { run: (task, args) => handle.run(task, args), close: () => undefined };
    },

    insertTemplate: async () => {
      throw new Error(`На этой странице шаблон не вставляется в открытую книгу. ${PAGE_TEMPLATE_ADVICE}`);
    },

    writeSettings: (values) => changing(book.writeSettings(values)),

    writeMapping: (rows) => changing(book.writeMapping(rows)),

    highlight: (marks) => changing(book.highlight(marks)),

    clearHighlights: () => changing(book.clearHighlights()),

    // The page has no grid to select in: every issue shows its sheet, cell and value in the list itself.
    selectCell: async () => {},

    writeTexts: (sheet, cells, value, expected) => changing(book.writeTexts(sheet, cells, value, expected)),

    writeRemarks: async (rows, _subtitle, org) => {
      const r = await changing(book.writeRemarks(rows, org));
      return { sheet: REMARKS_SHEET, ...r };
    },

    writeReport: (layout) => changing(book.writeReport(layout)),

    importSchools: async (files, apply, today, onProgress) => {
      await book.data(onProgress);
      if (apply) onProgress?.({ stage: "write" });
      const { rows: _rows, ...r } = await book.importSchools(files, apply, today);
      if (apply) onChange();
      return r;
    },
    // No watch and no patch: the page's workbook changes only through this port.
  };
}

/** The pane's service over the page's workbook. */
export function createMemoryService(book: MemoryWorkbook, opts: MemoryServiceOptions = {}): MonitorService {
  return createMonitorService(memoryPort(book, opts.onChange), { now: opts.now });
}
