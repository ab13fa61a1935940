// Places the report model on a worksheet grid: where every cell goes, merges, widths, formats, rules,
// print setup. Renderers (ExcelJS now, Office.js in the add-in) apply this and decide nothing themselves.
import { cellAddress } from "../model/cells";
import type { NumberFormat, ReportModel, ReportTable, ReportValue, StatusTone } from "./model";

export type CellStyle = "title" | "subtitle" | "section" | "header" | "body" | "total" | "note" | "empty";

export interface PlacedCell {
  readonly row: number; // 1-based
  readonly col: number; // 1-based
  readonly value: ReportValue;
  readonly format?: NumberFormat;
  readonly style: CellStyle;
  readonly wrap?: boolean;
}

export interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export type ConditionalRule =
  | { readonly kind: "dataBar"; readonly box: Box; readonly color: string }
  | { readonly kind: "textEquals"; readonly box: Box; readonly text: string; readonly fill: string; readonly font: string };

export interface SheetLayout {
  readonly name: string;
  readonly cells: readonly PlacedCell[];
  readonly merges: readonly Box[];
  readonly columnWidths: readonly number[];
  readonly freezeRows: number;
  readonly conditional: readonly ConditionalRule[];
  /** Header row + body rows of tables to create as Excel tables (Office.js renderer). */
  readonly tables: readonly { readonly name: string; readonly box: Box }[];
  readonly chart: {
    readonly title: string;
    readonly categories: Box;
    readonly series: readonly { name: string; values: Box }[];
    /** Where the chart sits: below everything else. */
    readonly anchor: Box;
  } | null;
  readonly print: { readonly landscape: true; readonly fitToWidth: 1; readonly repeatRows: readonly [number, number] };
  /** Row heights in points where wrapped text needs more than one line (renderers do not all auto-fit). */
  readonly rowHeights: Readonly<Record<number, number>>;
}

const LINE_POINTS = 13;

/** Lines a text needs in a column span of `width` characters (Calibri 10: about 1.15 characters per unit). */
function linesFor(text: string, width: number): number {
  return text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(part.length / Math.max(1, width * 1.15))), 0);
}

/** Colours shared by every renderer (ARGB without alpha). */
export const PALETTE = {
  headerFill: "DCE6F1",
  totalFill: "F2F2F2",
  sectionFont: "1F3864",
  dataBar: "5B9BD5",
  tones: {
    red: { fill: "F8CBAD", font: "9C0006" },
    amber: { fill: "FFE699", font: "7F6000" },
    green: { fill: "C6EFCE", font: "006100" },
  } satisfies Record<StatusTone, { fill: string; font: string }>,
} as const;

export const STYLES: Record<CellStyle, { bold?: boolean; size?: number; fill?: string; font?: string; border?: boolean; italic?: boolean }> = {
  title: { bold: true, size: 14 },
  subtitle: { size: 11 },
  section: { bold: true, size: 12, font: PALETTE.sectionFont },
  header: { bold: true, fill: PALETTE.headerFill, border: true },
  body: { border: true },
  total: { bold: true, fill: PALETTE.totalFill, border: true },
  note: { italic: true, size: 9 },
  empty: { italic: true },
};

/** Spans of sheet columns giving each table column about its wanted width. */
function spans(widths: readonly number[], wanted: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let col = 1;
  for (const w of wanted) {
    let acc = widths[col - 1] ?? 10;
    let end = col;
    while (acc < w * 0.9 && end < widths.length) acc += widths[end++] ?? 10;
    out.push([col, end]);
    col = end + 1;
  }
  return out;
}

/** Wanted widths of the tables that do not define the sheet's columns. */
const WANTED: Record<ReportTable["id"], number[]> = {
  coverage: [],
  indicators: [30, 24, 18, 20, 9, 9, 10],
  "roadmap-counts": [51, 10],
  "roadmap-overdue": [9, 42, 30, 31, 10],
  quality: [51, 10, 10, 11, 10],
};

export function layoutReport(model: ReportModel): SheetLayout {
  const coverage = model.sections.find((s) => s.id === "coverage")!;
  const columnWidths = coverage.columns.map((c) => c.width);
  const lastCol = columnWidths.length;
  const cells: PlacedCell[] = [];
  const merges: Box[] = [];
  const conditional: ConditionalRule[] = [];
  const tables: { name: string; box: Box }[] = [];
  let chart: SheetLayout["chart"] = null;
  const rowHeights: Record<number, number> = {};
  let row = 1;

  model.title.forEach((text, i) => {
    cells.push({ row, col: 1, value: text, style: i === 0 ? "title" : "subtitle" });
    if (i === 0) rowHeights[row] = 20;
    merges.push({ top: row, left: 1, bottom: row, right: lastCol });
    row++;
  });
  const titleRows: [number, number] = [1, row - 1];
  row++;

  for (const t of model.sections) {
    cells.push({ row, col: 1, value: t.title, style: "section" });
    merges.push({ top: row, left: 1, bottom: row, right: lastCol });
    row++;
    const span = t.id === "coverage" ? columnWidths.map((_, i) => [i + 1, i + 1] as [number, number]) : spans(columnWidths, WANTED[t.id]);
    const put = (values: readonly ReportValue[], style: CellStyle) => {
      values.forEach((value, j) => {
        const [left, right] = span[j];
        const col = t.columns[j];
        const isText = typeof value === "string" || value === null;
        cells.push({
          row,
          col: left,
          value: value ?? "—",
          style,
          format: style === "header" || isText ? "@" : col.format,
          wrap: style === "header" || col.wrap,
        });
        for (let c = left + 1; c <= right; c++) cells.push({ row, col: c, value: null, style });
        if ((style === "header" || col.wrap) && typeof value === "string") {
          let width = 0;
          for (let c = left; c <= right; c++) width += columnWidths[c - 1] ?? 10;
          const lines = linesFor(value, width);
          if (lines > 1) rowHeights[row] = Math.max(rowHeights[row] ?? 0, lines * LINE_POINTS + 2);
        }
        if (right > left) merges.push({ top: row, left, bottom: row, right });
      });
      row++;
    };
    const headerRow = row;
    put(t.columns.map((c) => c.header), "header");
    const bodyTop = row;
    if (t.rows.length === 0) {
      cells.push({ row, col: 1, value: t.emptyText, style: "empty" });
      merges.push({ top: row, left: 1, bottom: row, right: span[span.length - 1][1] });
      row++;
    } else for (const r of t.rows) put(r, "body");
    const bodyBottom = row - 1;
    if (t.rows.length > 0 && t.dataBarColumn !== undefined && t.dataBarColumn >= 0) {
      const [l, r] = span[t.dataBarColumn];
      conditional.push({ kind: "dataBar", box: { top: bodyTop, left: l, bottom: bodyBottom, right: r }, color: PALETTE.dataBar });
    }
    if (t.rows.length > 0 && t.toneColumn) {
      const [l, r] = span[t.toneColumn.index];
      for (const [text, tone] of Object.entries(t.toneColumn.tones)) {
        const { fill, font } = PALETTE.tones[tone];
        conditional.push({ kind: "textEquals", box: { top: bodyTop, left: l, bottom: bodyBottom, right: r }, text, fill, font });
      }
    }
    if (t.excelTable && t.rows.length > 0) tables.push({ name: t.excelTable, box: { top: headerRow, left: 1, bottom: bodyBottom, right: span[span.length - 1][1] } });
    if (model.chart.table === t.id && t.rows.length > 0) {
      const col = (j: number) => ({ top: bodyTop, left: span[j][0], bottom: bodyBottom, right: span[j][0] });
      chart = {
        title: model.chart.title,
        categories: col(model.chart.categoryColumn),
        series: model.chart.seriesColumns.map((j) => ({ name: t.columns[j].header, values: col(j) })),
        anchor: { top: 0, left: 1, bottom: 0, right: Math.min(lastCol, 10) }, // rows set below
      };
    }
    if (t.total) put(t.total, "total");
    row++;
  }
  for (const n of model.notes) {
    cells.push({ row, col: 1, value: n, style: "note" });
    merges.push({ top: row, left: 1, bottom: row, right: lastCol });
    row++;
  }
  if (chart) chart = { ...chart, anchor: { ...chart.anchor, top: row + 1, bottom: row + 18 } };
  return {
    name: model.sheetName,
    cells,
    merges,
    columnWidths,
    freezeRows: titleRows[1],
    conditional,
    tables,
    chart,
    print: { landscape: true, fitToWidth: 1, repeatRows: titleRows },
    rowHeights,
  };
}

export function boxAddress(b: Box): string {
  const a = cellAddress(b.top, b.left);
  const z = cellAddress(b.bottom, b.right);
  return a === z ? a : `${a}:${z}`;
}
