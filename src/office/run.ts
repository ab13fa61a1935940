// How the adapter reaches Excel: `Excel.run` in Office, the in-memory test host in tests.
export type ExcelRun = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const officeRun: ExcelRun = (batch) => Excel.run(batch);

/** Rows per block when reading or writing large ranges: well under the 5 MB request limit. */
export const BLOCK_ROWS = 10_000;
