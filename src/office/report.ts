// The Office.js report renderer: applies the core's SheetLayout to the open workbook. The same
// interface as the ExcelJS renderer; no layout decisions here. Two syncs: one to look, one to write.
import { cellAddress } from "../core/model/cells";
import { type Box, STYLES, type SheetLayout, boxAddress } from "../core/report/layout";
import { type ReportRenderer, reportMarkerName } from "../core/report/renderer";

const POINTS_PER_CHAR = 7; // Excel column width units to points, near enough for Calibri 10

export class OfficeReportRenderer implements ReportRenderer {
  /** Defined names in the workbook (lower case, as Excel compares them), from existingSheets(). */
  private names = new Set<string>();

  constructor(private readonly ctx: Excel.RequestContext) {}

  async existingSheets() {
    const sheets = this.ctx.workbook.worksheets;
    sheets.load("items/name");
    const names = this.ctx.workbook.names;
    names.load("items/name,items/formula");
    await this.ctx.sync();
    this.names = new Set(names.items.map((n) => n.name.toLowerCase()));
    const marks = new Map(names.items.map((n) => [n.name, n.formula]));
    return sheets.items.map((s) => {
      const f = marks.get(reportMarkerName(s.name));
      return { name: s.name, ours: typeof f === "string" && f.includes(s.name) };
    });
  }

  removeSheet(name: string): void {
    // Only called for a sheet existingSheets() found marked, so the name exists.
    this.ctx.workbook.names.getItem(reportMarkerName(name)).delete();
    this.names.delete(reportMarkerName(name).toLowerCase());
    this.ctx.workbook.worksheets.getItem(name).delete();
  }

  async writeSheet(layout: SheetLayout, marker: string): Promise<void> {
    const ws = this.ctx.workbook.worksheets.add(layout.name);
    const rows = Math.max(...layout.cells.map((c) => c.row));
    const cols = layout.columnWidths.length;
    const values: (string | number)[][] = Array.from({ length: rows }, () => Array(cols).fill(""));
    const formats: string[][] = Array.from({ length: rows }, () => Array(cols).fill("General"));
    for (const c of layout.cells) {
      if (c.value !== null) values[c.row - 1][c.col - 1] = c.value;
      // "@" first, for every text whatever format the layout names: Excel takes «=…», «+7 …», «-»,
      // «2021-09-01», «TRUE», «50%», «007» written as values for formulas, dates, booleans and numbers.
      formats[c.row - 1][c.col - 1] = typeof c.value === "string" && c.value !== "" ? "@" : (c.format ?? "General");
    }
    const all = ws.getRangeByIndexes(0, 0, rows, cols);
    all.numberFormat = formats;
    all.values = values;
    all.format.font.name = "Calibri";
    all.format.font.size = 10;
    all.format.verticalAlignment = "Top";
    layout.columnWidths.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w * POINTS_PER_CHAR));
    for (const [r, h] of Object.entries(layout.rowHeights)) ws.getRangeByIndexes(Number(r) - 1, 0, 1, 1).format.rowHeight = h;
    for (const run of styleRuns(layout)) {
      const s = STYLES[run.style];
      const f = ws.getRange(boxAddress(run.box)).format;
      if (s.bold) f.font.bold = true;
      if (s.italic) f.font.italic = true;
      if (s.size) f.font.size = s.size;
      if (s.font) f.font.color = `#${s.font}`;
      if (s.fill) f.fill.color = `#${s.fill}`;
      if (s.border) {
        for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const) {
          const b = f.borders.getItem(edge);
          b.style = "Continuous";
          b.color = "#BFBFBF";
        }
      }
      if (run.wrap) f.wrapText = true;
    }
    for (const m of layout.merges) ws.getRange(boxAddress(m)).merge(false);
    for (const rule of layout.conditional) {
      const range = ws.getRange(boxAddress(rule.box));
      if (rule.kind === "dataBar") {
        const cf = range.conditionalFormats.add("DataBar");
        cf.dataBar.barDirection = "LeftToRight";
        cf.dataBar.lowerBoundRule = { type: "Number", formula: "0" };
        cf.dataBar.upperBoundRule = { type: "Number", formula: "1" };
        cf.dataBar.positiveFormat.fillColor = `#${rule.color}`;
      } else {
        const cf = range.conditionalFormats.add("CellValue");
        cf.cellValue.rule = { formula1: `="${rule.text.replace(/"/g, '""')}"`, operator: "EqualTo" };
        cf.cellValue.format.fill.color = `#${rule.fill}`;
        cf.cellValue.format.font.color = `#${rule.font}`;
      }
    }
    for (const t of layout.tables) {
      // The coverage block as an Excel table; its header row is the layout's header row.
      const table = ws.tables.add(boxAddress(t.box), true);
      // Table names are unique in the workbook: one per report sheet, or the next quarter's report fails.
      table.name = `${t.name}_${layout.name.replace(/[^\p{L}\p{N}]+/gu, "_").replace(/_+$/, "")}`;
      table.style = "TableStyleLight9";
      table.showFilterButton = false;
    }
    if (layout.chart) addChart(ws, layout.chart);
    ws.freezePanes.freezeRows(layout.freezeRows);
    ws.pageLayout.orientation = "Landscape";
    ws.pageLayout.zoom = { horizontalFitToPages: layout.print.fitToWidth, verticalFitToPages: 0 };
    ws.pageLayout.setPrintTitleRows(`$${layout.print.repeatRows[0]}:$${layout.print.repeatRows[1]}`);
    // A mark left by a report sheet the user deleted by hand reads =#REF!; Excel keeps it, and adding
    // the same name again would fail the whole batch.
    if (this.names.has(marker.toLowerCase())) this.ctx.workbook.names.getItem(marker).delete();
    this.ctx.workbook.names.add(marker, ws.getRange("A1"), "Лист сформирован надстройкой «Мониторинг наставничества»");
    ws.activate();
    await this.ctx.sync();
  }
}

function addChart(ws: Excel.Worksheet, chart: NonNullable<SheetLayout["chart"]>): void {
  const c = ws.charts.add("ColumnClustered", ws.getRange(boxAddress(chart.series[0].values)), "Columns");
  c.title.text = chart.title;
  c.series.getItemAt(0).delete();
  for (const s of chart.series) {
    const series = c.series.add(s.name);
    series.setValues(ws.getRange(boxAddress(s.values)));
    series.setXAxisValues(ws.getRange(boxAddress(chart.categories)));
  }
  c.legend.position = "Bottom";
  c.setPosition(cellAddress(chart.anchor.top, chart.anchor.left), cellAddress(chart.anchor.bottom, chart.anchor.right));
}

interface Run {
  style: SheetLayout["cells"][number]["style"];
  wrap: boolean;
  box: Box;
}

/** Contiguous cells of one style in a row become one range: per-cell formatting is the classic trap. */
export function styleRuns(layout: SheetLayout): Run[] {
  const byRow = new Map<number, SheetLayout["cells"][number][]>();
  for (const c of layout.cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  const runs: Run[] = [];
  for (const [row, cells] of byRow) {
    cells.sort((a, b) => a.col - b.col);
    let cur: Run | null = null;
    for (const c of cells) {
      const wrap = !!c.wrap;
      if (cur && cur.style === c.style && cur.wrap === wrap && cur.box.right === c.col - 1) {
        cur.box = { ...cur.box, right: c.col };
      } else {
        cur = { style: c.style, wrap, box: { top: row, left: c.col, bottom: row, right: c.col } };
        runs.push(cur);
      }
    }
  }
  return runs;
}
