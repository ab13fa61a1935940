// What tests look at (and set up) directly on the model, outside Office's proxy semantics:
// nothing here is queued, synced or counted. Values read the way Range.values reads them.
import { type Rect, cellName, contains, parseAddress, rectAddress } from "./address";
import { type ValueType, grid, numberFormatAt, readValue, typeOf, updateStyles } from "./cells";
import { displayText } from "./display";
import { fontOf } from "./format";
import { type HostCell, putCell } from "./load";
import type { Border, ChartModel, ConditionalFormatModel, Font, SheetModel, Side, Validation, WorkbookModel } from "./model";

export interface CellView {
  readonly address: string;
  readonly value: string | number | boolean;
  readonly valueType: ValueType;
  /** The formula when the cell holds one; null for constants. */
  readonly formula: string | null;
  readonly numberFormat: string;
  /**
   * The fill as the model holds it; null when the cell has no fill. (What Office reads differs: see
   * fillOf in format.ts; no fill and solid white both read #FFFFFF, only tintAndShade tells them apart.)
   */
  readonly fill: { readonly color: string; readonly pattern: string } | null;
  /** The fill's tint (0 when none was set); null when the cell has no fill. */
  readonly fillTintAndShade: number | null;
  /** What Range.text shows for the cell; null when the host does not know its number format. */
  readonly text: string | null;
  readonly font: Required<Font>;
  readonly borders: Partial<Record<Side, Border>>;
  readonly wrapText: boolean;
  readonly verticalAlignment: string;
  readonly dataValidation: Validation | null;
  /** The merged block holding the cell, e.g. "A1:K1". */
  readonly merged: string | null;
}

export interface TableView {
  readonly name: string;
  readonly sheet: string;
  readonly address: string;
  readonly headers: readonly (string | number | boolean)[];
  readonly style: string;
  readonly showHeaders: boolean;
  readonly showFilterButton: boolean;
}

function textOrNull(...args: Parameters<typeof displayText>): string | null {
  try {
    return displayText(...args);
  } catch {
    return null;
  }
}

function rectOf(address: string): Rect {
  const a = parseAddress(address);
  if (!a) throw new Error(`test host: «${address}» is not an address`);
  return a.rect;
}

export function tableView(t: WorkbookModel["tables"][number]): TableView {
  return {
    name: t.name,
    sheet: t.sheet.name,
    address: rectAddress(t.rect),
    headers: grid({ ...t.rect, rows: 1 }, (r, c) => readValue(t.sheet, r, c))[0],
    style: t.style,
    showHeaders: t.showHeaders,
    showFilterButton: t.showFilterButton,
  };
}

export class SheetView {
  constructor(
    private readonly wb: WorkbookModel,
    readonly model: SheetModel,
  ) {}

  get name(): string {
    return this.model.name;
  }
  get visibility(): string {
    return this.model.visibility;
  }
  get freezeRows(): number {
    return this.model.freezeRows;
  }
  get pageLayout(): SheetModel["pageLayout"] {
    return this.model.pageLayout;
  }
  get merges(): string[] {
    return this.model.merges.map((m) => rectAddress(m));
  }
  get conditionalFormats(): (ConditionalFormatModel & { address: string })[] {
    return this.model.conditionalFormats.map((f) => ({ ...f, address: rectAddress(f.rect) }));
  }
  get charts(): ChartModel[] {
    return this.model.charts.filter((c) => !c.deleted);
  }
  get tables(): TableView[] {
    return this.wb.tables.filter((t) => t.sheet === this.model).map(tableView);
  }

  cell(address: string): CellView {
    const { row: r, col: c } = rectOf(address);
    const style = this.model.styles.get(r, c);
    const merge = this.model.merges.find((m) => contains(m, { row: r, col: c, rows: 1, cols: 1 }));
    return {
      address: cellName(r, c),
      value: readValue(this.model, r, c),
      valueType: typeOf(this.model.values.get(r, c)),
      formula: this.model.formulas.get(r, c) ?? null,
      numberFormat: numberFormatAt(this.model, r, c),
      fill: style?.fill ? { color: style.fill.color, pattern: style.fill.pattern } : null,
      fillTintAndShade: style?.fill ? (style.fill.tintAndShade ?? 0) : null,
      text: textOrNull(this.model.values.get(r, c), numberFormatAt(this.model, r, c), this.wb.date1904),
      font: fontOf(style),
      borders: style?.borders ?? {},
      wrapText: style?.wrapText ?? false,
      verticalAlignment: style?.verticalAlignment ?? "Bottom",
      dataValidation: this.model.validations.get(r, c) ?? null,
      merged: merge ? rectAddress(merge) : null,
    };
  }

  /** The values of a block (default: the used range), as Range.values would return them. */
  values(address?: string): (string | number | boolean)[][] {
    const rect = address ? rectOf(address) : this.model.usedRect(true);
    return rect ? grid(rect, (r, c) => readValue(this.model, r, c)) : [];
  }

  usedAddress(valuesOnly = true): string | null {
    const u = this.model.usedRect(valuesOnly);
    return u && rectAddress(u);
  }

  /** Addresses of the cells holding exactly this value. */
  find(value: string | number | boolean): string[] {
    const out: string[] = [];
    const u = this.model.usedRect(true);
    if (u) grid(u, (r, c) => readValue(this.model, r, c) === value && out.push(cellName(r, c)));
    return out;
  }

  columnWidth(col: number): number | undefined {
    return this.model.columnWidths.get(col);
  }
  rowHeight(row1: number): number | undefined {
    return this.model.rowHeights.get(row1 - 1);
  }

  // Set-up helpers: what a user did before the add-in ran, or does while it runs. Writing values is a
  // user's edit: handlers of onChanged hear of it (triggerSource Unknown), as they would in Excel.
  setValue(address: string, v: HostCell): this {
    const { row, col } = rectOf(address);
    putCell(this.model, row, col, v, this.wb.date1904);
    this.wb.events.changed(this.model, { row, col, rows: 1, cols: 1 }, "Unknown");
    return this;
  }
  /**
   * A paste of values with its top-left cell at `address`: values only (formats and validation stay,
   * no validation fires), and one change event for the whole block, as Excel raises for a paste.
   */
  paste(address: string, rows: readonly (readonly HostCell[])[]): this {
    const { row, col } = rectOf(address);
    const cols = rows.reduce((n, r) => Math.max(n, r.length), 0);
    if (rows.length === 0 || cols === 0) return this;
    rows.forEach((r, i) => {
      for (let j = 0; j < cols; j++) putCell(this.model, row + i, col + j, r[j], this.wb.date1904);
    });
    this.wb.events.changed(this.model, { row, col, rows: rows.length, cols }, "Unknown");
    return this;
  }
  /** A solid fill of this colour (with a tint when given), or no fill for null. */
  setFill(address: string, color: string | null, tintAndShade?: number): this {
    const fill = color ? { color: color.toUpperCase(), pattern: "Solid", ...(tintAndShade === undefined ? {} : { tintAndShade }) } : undefined;
    updateStyles(this.model, rectOf(address), (s) => ({ ...s, fill }));
    return this;
  }
  setNumberFormat(address: string, format: string): this {
    updateStyles(this.model, rectOf(address), (s) => ({ ...s, numberFormat: format }));
    return this;
  }
  clearValidation(address: string): this {
    const r = rectOf(address);
    for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) this.model.validations.set(r.row + i, r.col + j, undefined);
    return this;
  }
}
