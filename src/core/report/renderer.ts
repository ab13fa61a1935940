// The one interface both report renderers implement: the ExcelJS one (command line) and the Office.js
// one (add-in). A renderer applies a SheetLayout to a workbook; it never decides layout.
import type { SheetLayout } from "./layout";

/** Marks a sheet as made by this tool, so regenerating replaces only our own sheets. */
export const REPORT_MARKER_PREFIX = "MentorshipMonitor_Свод_";

export function reportMarkerName(sheetName: string): string {
  return REPORT_MARKER_PREFIX + sheetName.replace(/[^\p{L}\p{N}]+/gu, "_");
}

export interface ReportRenderer {
  /** Sheet names in the workbook, and which of them this tool made. */
  existingSheets(): Promise<{ name: string; ours: boolean }[]> | { name: string; ours: boolean }[];
  /** Removes a sheet this tool made (never called for a user's sheet). */
  removeSheet(name: string): Promise<void> | void;
  /** Writes the layout as a new sheet, marks it as ours, and activates it where that means something. */
  writeSheet(layout: SheetLayout, marker: string): Promise<void> | void;
}

/**
 * Chooses the sheet name and what to replace: our own sheet of that name is replaced; a user's
 * sheet of that name is left alone and the new sheet gets a suffix.
 */
export function planReportSheet(wanted: string, existing: { name: string; ours: boolean }[]): { name: string; replace: boolean } {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const hit = existing.find((s) => same(s.name, wanted));
  if (!hit) return { name: wanted, replace: false };
  if (hit.ours) return { name: hit.name, replace: true };
  for (let n = 2; ; n++) {
    const candidate = `${wanted} (${n})`;
    const h = existing.find((s) => same(s.name, candidate));
    if (!h) return { name: candidate, replace: false };
    if (h.ours) return { name: h.name, replace: true };
  }
}

export async function renderReport(layout: SheetLayout, renderer: ReportRenderer): Promise<string> {
  const plan = planReportSheet(layout.name, await renderer.existingSheets());
  if (plan.replace) await renderer.removeSheet(plan.name);
  await renderer.writeSheet({ ...layout, name: plan.name }, reportMarkerName(plan.name));
  return plan.name;
}
