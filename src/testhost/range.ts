// Range and what hangs off it: values, number formats, selection, merging, cell properties.
// Formats, borders, validation and conditional formats are in format.ts, validation.ts, conditional.ts.
import { type Rect, quoteSheet, rectAddress } from "./address";
import { cellwise, forEachCell, grid, numberFormatAt, readValue, typeOf, writeValue } from "./cells";
import { displayText } from "./display";
import { ConditionalFormatCollection } from "./conditional";
import { HostError } from "./errors";
import { RangeFormat, fillOf, fontOf } from "./format";
import type { SheetModel, Style } from "./model";
import { ClientResult, HostObject, type Prop, defineProps } from "./proxy";
import { DataValidation } from "./validation";

/** What a Range proxy resolves to: a block on a sheet. */
export class RangeRef {
  constructor(
    readonly sheet: SheetModel,
    readonly rect: Rect,
  ) {}

  get deleted(): boolean {
    return this.sheet.deleted;
  }
}

export class Range extends HostObject<RangeRef> {
  static override typeName = "Range";
  static override navs = ["format", "dataValidation", "conditionalFormats"];
  static override changesCells = true;
  static override quietCalls = ["select", "getCellProperties"];
  static override props: Record<string, Prop<RangeRef>> = {
    values: {
      get: ({ sheet, rect }) => grid(rect, (r, c) => readValue(sheet, r, c)),
      set: ({ sheet, rect }, v, ctx) => {
        const at = cellwise(rect, v, "values");
        forEachCell(rect, (r, c, i, j) => writeValue(sheet, r, c, at(i, j), ctx.model.date1904));
      },
    },
    valueTypes: { get: ({ sheet, rect }) => grid(rect, (r, c) => typeOf(sheet.values.get(r, c))) },
    text: { get: ({ sheet, rect }, ctx) => grid(rect, (r, c) => displayText(sheet.values.get(r, c), numberFormatAt(sheet, r, c), ctx.model.date1904)) },
    numberFormat: {
      get: ({ sheet, rect }) => grid(rect, (r, c) => numberFormatAt(sheet, r, c)),
      set: ({ sheet, rect }, v) => {
        const at = cellwise(rect, v, "numberFormat");
        // Cells that shared a style and get the same format share the new style too.
        const memo = new Map<string, Map<Style | undefined, Style>>();
        forEachCell(rect, (r, c, i, j) => {
          const f = at(i, j);
          if (f === null || f === undefined) return;
          if (typeof f !== "string") throw new HostError("InvalidArgument", `number format ${JSON.stringify(f)}`, "Range.numberFormat");
          const byOld = memo.get(f) ?? new Map<Style | undefined, Style>();
          memo.set(f, byOld);
          const old = sheet.styles.get(r, c);
          let next = byOld.get(old);
          // "" resets the format to General (Blank and null values in Excel add-ins).
          if (!next) byOld.set(old, (next = { ...old, numberFormat: f === "General" || f === "" ? undefined : f }));
          sheet.styles.set(r, c, next);
        });
      },
    },
    formulas: { get: ({ sheet, rect }) => grid(rect, (r, c) => sheet.formulas.get(r, c) ?? readValue(sheet, r, c)) },
    address: { get: ({ sheet, rect }) => `${quoteSheet(sheet.name)}!${rectAddress(rect)}` },
    rowIndex: { get: ({ rect }) => rect.row },
    columnIndex: { get: ({ rect }) => rect.col },
    rowCount: { get: ({ rect }) => rect.rows },
    columnCount: { get: ({ rect }) => rect.cols },
    cellCount: { get: ({ rect }) => rect.rows * rect.cols },
  };

  get format(): RangeFormat {
    return this.nav("format", () => new RangeFormat(this.context, () => this._resolve()));
  }

  get dataValidation(): DataValidation {
    return this.nav("dataValidation", () => new DataValidation(this.context, () => this._resolve()));
  }

  get conditionalFormats(): ConditionalFormatCollection {
    return this.nav("conditionalFormats", () => new ConditionalFormatCollection(this.context, () => this._resolve()));
  }

  /** Selects the range in the UI; its sheet becomes the active one. */
  select(): void {
    this.call("select", [], ({ sheet, rect }, _s) => {
      this.context.model.activate(sheet);
      this.context.model.selection = { sheet, rect };
    });
  }

  merge(across = false): void {
    this.call("merge", [across], ({ sheet, rect }) => {
      if (!across) return this.context.model.addMerge(sheet, rect);
      for (let i = 0; i < rect.rows; i++) this.context.model.addMerge(sheet, { ...rect, row: rect.row + i, rows: 1 });
    });
  }

  unmerge(): void {
    this.call("unmerge", [], ({ sheet, rect }) => {
      sheet.merges = sheet.merges.filter((m) => !(m.row >= rect.row && m.col >= rect.col && m.row < rect.row + rect.rows && m.col < rect.col + rect.cols));
    });
  }

  /** Per-cell properties, as ExcelApi 1.9's getCellProperties: only what the spec asks for. */
  getCellProperties(spec: CellPropertiesSpec): ClientResult<Record<string, unknown>[][]> {
    const result = new ClientResult<Record<string, unknown>[][]>();
    this.call("getCellProperties", [spec], ({ sheet, rect }, s) => {
      s.put(result, "value", grid(rect, (r, c) => cellProperties(sheet, r, c, spec)));
    });
    return result;
  }
}
defineProps(Range);

interface CellPropertiesSpec {
  address?: boolean;
  format?: { fill?: { color?: boolean; pattern?: boolean; tintAndShade?: boolean }; font?: Record<string, boolean>; wrapText?: boolean };
}

function pick(source: Record<string, unknown>, wanted: Record<string, boolean | undefined>, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, on] of Object.entries(wanted)) {
    if (!on) continue;
    if (!(k in source)) throw new HostError("NotImplemented", `getCellProperties: ${where}.${k}`, "Range.getCellProperties");
    out[k] = source[k];
  }
  return out;
}

function cellProperties(sheet: SheetModel, r: number, c: number, spec: CellPropertiesSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (spec.address) out.address = `${quoteSheet(sheet.name)}!${rectAddress({ row: r, col: c, rows: 1, cols: 1 })}`;
  if (spec.format) {
    const { fill, font, wrapText, ...rest } = spec.format;
    if (Object.keys(rest).length > 0) throw new HostError("NotImplemented", `getCellProperties: format.${Object.keys(rest)[0]}`, "Range.getCellProperties");
    const style = sheet.styles.get(r, c);
    const f: Record<string, unknown> = {};
    if (fill) f.fill = pick(fillOf(style) as unknown as Record<string, unknown>, fill, "format.fill");
    if (font) f.font = pick(fontOf(style) as Record<string, unknown>, font, "format.font");
    if (wrapText) f.wrapText = style?.wrapText ?? false;
    out.format = f;
  }
  return out;
}
