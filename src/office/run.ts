// How the adapter reaches Excel: `Excel.run` in Office, the in-memory test host in tests.
export type ExcelRun = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const officeRun: ExcelRun = (batch) => Excel.run(batch);

/** Rows per block when reading or writing large ranges: well under the 5 MB request limit. */
export const BLOCK_ROWS = 10_000;

/**
 * Cells loaded per sync. Excel on the web refuses a request or a response over 5 MB, and all ranges
 * loaded before one sync come back in one response: blocks only help if each goes in a sync of its
 * own. 100 000 roster cells (values and value types) come to about 2.7 MB.
 */
export const BLOCK_CELLS = 100_000;

/**
 * Gives the page back to the browser for a moment (a new task), so reading and converting a large
 * roster never holds the task pane's thread for long between Excel's answers.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
