// For a browser page without Office: makes the global `Excel.run` (what officeRun calls) run on the host.
import type { TestHost } from "./host";

export function installExcelGlobal(host: TestHost, target: object = globalThis): void {
  const g = target as { Excel?: object };
  g.Excel = { ...g.Excel, run: host.run };
}
