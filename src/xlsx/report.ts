// The ExcelJS report renderer: applies a SheetLayout to an ExcelJS workbook (for a user's file, through
// PackageReportRenderer below). ExcelJS cannot write
// charts, so the layout's chart is left to the Office.js renderer; the data bars stay.
import ExcelJS from "exceljs";
import { cellAddress } from "../core/model/cells";
import type { Package, SheetEntry } from "./package/opc";
import { definedNameValues, putSheet, scratchSheet } from "./package/sheet";
import { type SheetLayout, STYLES, boxAddress } from "../core/report/layout";
import { type ReportRenderer, reportMarkerName } from "../core/report/renderer";

const argb = (rgb: string) => `FF${rgb}`;
const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const thin: ExcelJS.Border = { style: "thin", color: { argb: "FFBFBFBF" } };

export class ExcelJsReportRenderer implements ReportRenderer {
  constructor(private readonly wb: ExcelJS.Workbook) {}

  private markerCell(sheet: string): string {
    return `${quoted(sheet)}!$A$1`;
  }

  existingSheets() {
    return this.wb.worksheets.map((ws) => ({
      name: ws.name,
      ours: this.wb.definedNames.getNames(this.markerCell(ws.name)).includes(reportMarkerName(ws.name)),
    }));
  }

  removeSheet(name: string): void {
    const ws = this.wb.getWorksheet(name);
    if (!ws) return;
    this.wb.definedNames.remove(this.markerCell(name), reportMarkerName(name));
    this.wb.removeWorksheet(ws.id);
  }

  writeSheet(layout: SheetLayout, marker: string): void {
    const ws = this.wb.addWorksheet(layout.name, {
      views: [{ state: "frozen", ySplit: layout.freezeRows, showGridLines: false }],
      pageSetup: {
        orientation: "landscape",
        paperSize: 9,
        fitToPage: true,
        fitToWidth: layout.print.fitToWidth,
        fitToHeight: 0,
        printTitlesRow: `${layout.print.repeatRows[0]}:${layout.print.repeatRows[1]}`,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      },
    });
    layout.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    for (const c of layout.cells) {
      const cell = ws.getCell(c.row, c.col);
      // Strings are written as strings: ExcelJS makes a formula only from {formula}, so «=…» stays text.
      if (c.value !== null) cell.value = c.value;
      if (c.format && c.format !== "@") cell.numFmt = c.format;
      const s = STYLES[c.style];
      cell.font = { name: "Calibri", size: s.size ?? 10, bold: s.bold, italic: s.italic, color: s.font ? { argb: argb(s.font) } : undefined };
      if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
      if (s.border) cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      cell.alignment = { vertical: "top", wrapText: !!c.wrap, horizontal: typeof c.value === "number" ? "right" : "left" };
    }
    for (const [r, h] of Object.entries(layout.rowHeights)) ws.getRow(Number(r)).height = h;
    for (const m of layout.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
    for (const rule of layout.conditional) ws.addConditionalFormatting({ ref: boxAddress(rule.box), rules: [ruleOf(rule)] });
    this.wb.definedNames.add(this.markerCell(layout.name), marker);
    this.wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: this.wb.worksheets.indexOf(ws), visibility: "visible" }];
  }
}

function ruleOf(rule: SheetLayout["conditional"][number]): ExcelJS.ConditionalFormattingRule {
  if (rule.kind === "dataBar") {
    return {
      type: "dataBar",
      priority: 1,
      minLength: 0,
      maxLength: 100,
      gradient: false,
      cfvo: [{ type: "num", value: 0 }, { type: "num", value: 1 }],
      color: { argb: argb(rule.color) },
    } as unknown as ExcelJS.ConditionalFormattingRule;
  }
  return {
    type: "cellIs",
    operator: "equal",
    priority: 2,
    formulae: [`"${rule.text.replace(/"/g, '""')}"`],
    style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(rule.fill) } }, font: { color: { argb: argb(rule.font) } } },
  };
}


/**
 * The report renderer for a user's file: the sheet is laid out by the ExcelJS renderer in a scratch
 * workbook of its own, then put into the user's package surgically (package/sheet.ts), so every part
 * of the user's file but the new sheet, the workbook part, its relationships, the content types and the
 * styles stays byte-identical — charts, pivot tables, images and notes included.
 */
export class PackageReportRenderer implements ReportRenderer {
  private replacing: SheetEntry | null = null;

  constructor(private readonly pkg: Package) {}

  existingSheets() {
    const names = definedNameValues(this.pkg);
    return this.pkg.sheets().map((s) => ({
      name: s.name,
      ours: names.some((n) => n.local === null && n.name === reportMarkerName(s.name) && n.value === `${quoted(s.name)}!$A$1`),
    }));
  }

  removeSheet(name: string): void {
    this.replacing = this.pkg.sheets().find((s) => s.name === name) ?? null;
  }

  async writeSheet(layout: SheetLayout, marker: string): Promise<void> {
    const scratch = new ExcelJS.Workbook();
    new ExcelJsReportRenderer(scratch).writeSheet(layout, marker);
    const bytes = new Uint8Array((await scratch.xlsx.writeBuffer()) as ArrayBuffer);
    const texts = new Map(layout.cells.filter((c) => typeof c.value === "string").map((c) => [cellAddress(c.row, c.col), c.value as string]));
    putSheet(this.pkg, scratchSheet(bytes, texts), layout.name, this.replacing);
    this.replacing = null;
  }
}
