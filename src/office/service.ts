// The pane's service over Office.js: the host-neutral flow (src/pane/service.ts) on the Office.js port
// (port.ts). Tests run the same service on the in-memory Excel test host.
import { type MonitorService, createMonitorService } from "../pane/service";
import { type OfficePortOptions, officePort } from "./port";
import { type ExcelRun, officeRun } from "./run";

export type ServiceOptions = OfficePortOptions;

export function createService(excelRun: ExcelRun = officeRun, now: () => Date = () => new Date(), opts: ServiceOptions = {}): MonitorService {
  return createMonitorService(officePort(excelRun, opts), { now });
}

/**
 * The ribbon's «Сформировать свод»: the reporting period and as-of date of the workbook's settings,
 * or, where the settings give none, the current quarter at today's date.
 */
export async function generateReportForCurrentQuarter(service: MonitorService = createService()): Promise<{ sheet: string }> {
  const s = await service.loadSettings();
  return service.generateReport(s.period, s.asOf);
}
