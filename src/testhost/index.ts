// The Excel test host: an in-memory implementation of the Excel JavaScript API subset that
// src/office uses, with Office's proxy semantics. No Node imports: it also runs bundled in a page.
export { type HostOptions, type SyncStats, type TestHost, createHost, syncStats } from "./host";
export { HostError, type HostErrorCode } from "./errors";
export { type HostCell, type HostInput, DATE_FORMAT, putCell, serialOf } from "./load";
export { type HostStats, type Limits, type SyncRecord, WEB_LIMITS } from "./proxy";
export type { CellView, SheetView, TableView } from "./view";
export { installExcelGlobal } from "./global";
