// Bundled for the browser tests: the Excel test host, put where the task pane looks for it
// (window.__MENTOR_MONITOR_HOST__), plus what a test needs to act like a user pasting into a sheet.
import { createHost } from "../../src/testhost";
import { putCell } from "../../src/testhost/load";

export type PastedCell = string | number | boolean | null | { date: string } | { error: string };

const host = createHost();
// A fixed clock, so screenshots and the report's «as-of» are the same on every run.
const now = () => new Date(Date.UTC(2021, 5, 30, 9, 0));

function cellOf(v: PastedCell) {
  if (v !== null && typeof v === "object" && "date" in v) return new Date(`${v.date}T00:00:00Z`);
  return v;
}

const api = {
  host,
  /** Writes values as a paste does: no validation fires, formats stay. */
  paste(sheet: string, top: number, left: number, rows: PastedCell[][]) {
    if (!host.hasSheet(sheet)) host.model.addSheet(sheet);
    const s = host.model.sheet(sheet)!;
    rows.forEach((r, i) => r.forEach((v, j) => putCell(s, top - 1 + i, left - 1 + j, cellOf(v), host.model.date1904)));
  },
  sheetNames: () => host.sheetNames(),
  activeSheet: () => host.activeSheet(),
  selection: () => host.selection(),
  stats: () => ({ ...host.stats }),
  cellValue: (sheet: string, address: string) => host.sheet(sheet).cell(address).value,
};

declare global {
  interface Window {
    __MM_TEST__?: typeof api;
  }
}

window.__MENTOR_MONITOR_HOST__ = { run: host.run, now };
window.__MM_TEST__ = api;
