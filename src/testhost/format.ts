// Range.format: fill, font, borders, widths, heights, wrapping and alignment, applied to every cell
// (or column, or row) of the block. Reads give the common value, or null where cells differ.
import { color, forEachCell, oneOf, uniform, updateStyles } from "./cells";
import { HostError } from "./errors";
import type { Border, Fill, Font, Side, Style } from "./model";
import { HostObject, type Prop, defineProps } from "./proxy";
import type { RangeRef } from "./range";

const DEFAULT_COLUMN_WIDTH = 48; // points: 8.43 characters of Calibri 11
const DEFAULT_ROW_HEIGHT = 15;
const DEFAULT_FONT: Required<Font> = { bold: false, italic: false, size: 11, color: "#000000", name: "Calibri" };
const VERTICAL = ["Top", "Center", "Bottom", "Justify", "Distributed"] as const;
const HORIZONTAL = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"] as const;
const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"] as const;
const LINE_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"] as const;
const PATTERNS = ["None", "Solid", "Gray50", "Gray75", "Gray25", "Horizontal", "Vertical", "Down", "Up", "Checker", "SemiGray75", "LightHorizontal", "LightVertical", "LightDown", "LightUp", "Grid", "CrissCross", "Gray16", "Gray8"] as const;

/** What Office reads for a cell's fill (RangeFill, getCellProperties' format.fill). */
export interface FillRead {
  readonly color: string;
  readonly pattern: string | null;
  readonly tintAndShade: number | null;
}

/**
 * Excel reports "no fill" as the colour #FFFFFF, like a real white fill (office-js #6218, #4900), and
 * #4900 saw pattern null for both; what tells them apart is tintAndShade: null for no fill, a number for
 * any fill (Microsoft's answer in #4900). The host reads exactly that: no fill is {#FFFFFF, null, null},
 * a solid white fill {#FFFFFF, null, 0}, so only tintAndShade distinguishes them; other fills read their
 * colour, their pattern and their tint.
 */
export function fillOf(style: Style | undefined): FillRead {
  const f = style?.fill;
  if (!f) return { color: "#FFFFFF", pattern: null, tintAndShade: null };
  const pattern = f.pattern === "Solid" && f.color === "#FFFFFF" ? null : f.pattern;
  return { color: f.color, pattern, tintAndShade: f.tintAndShade ?? 0 };
}

export function fontOf(style: Style | undefined): Required<Font> {
  return { ...DEFAULT_FONT, ...style?.font };
}

const styleProp = <T>(read: (s: Style | undefined) => T, write: (s: Style, v: unknown) => Style): Prop<RangeRef> => ({
  get: ({ sheet, rect }) => uniform(rect, (r, c) => read(sheet.styles.get(r, c))),
  set: ({ sheet, rect }, v) => updateStyles(sheet, rect, (s) => write(s, v)),
});

export class RangeFormat extends HostObject<RangeRef> {
  static override typeName = "RangeFormat";
  static override changesCells = true;
  static override navs = ["fill", "font", "borders"];
  static override props: Record<string, Prop<RangeRef>> = {
    columnWidth: {
      get: ({ sheet, rect }) => uniform({ ...rect, row: 0, rows: 1 }, (_r, c) => sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH),
      set: ({ sheet, rect }, v) => {
        if (typeof v !== "number" || v < 0) throw new HostError("InvalidArgument", `column width ${v}`, "RangeFormat.columnWidth");
        for (let c = rect.col; c < rect.col + rect.cols; c++) sheet.columnWidths.set(c, v);
      },
    },
    rowHeight: {
      get: ({ sheet, rect }) => uniform({ ...rect, col: 0, cols: 1 }, (r) => sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT),
      set: ({ sheet, rect }, v) => {
        if (typeof v !== "number" || v < 0 || v > 409) throw new HostError("InvalidArgument", `row height ${v}`, "RangeFormat.rowHeight");
        for (let r = rect.row; r < rect.row + rect.rows; r++) sheet.rowHeights.set(r, v);
      },
    },
    wrapText: styleProp((s) => s?.wrapText ?? false, (s, v) => ({ ...s, wrapText: Boolean(v) })),
    verticalAlignment: styleProp((s) => s?.verticalAlignment ?? "Bottom", (s, v) => ({ ...s, verticalAlignment: oneOf(VERTICAL, v, "RangeFormat.verticalAlignment") })),
    horizontalAlignment: styleProp((s) => s?.horizontalAlignment ?? "General", (s, v) => ({ ...s, horizontalAlignment: oneOf(HORIZONTAL, v, "RangeFormat.horizontalAlignment") })),
  };

  get fill(): RangeFill {
    return this.nav("fill", () => new RangeFill(this.context, () => this._resolve()));
  }
  get font(): RangeFont {
    return this.nav("font", () => new RangeFont(this.context, () => this._resolve()));
  }
  get borders(): RangeBorderCollection {
    return this.nav("borders", () => new RangeBorderCollection(this.context, () => this._resolve()));
  }
}
defineProps(RangeFormat);

export class RangeFill extends HostObject<RangeRef> {
  static override typeName = "RangeFill";
  static override changesCells = true;
  static override props: Record<string, Prop<RangeRef>> = {
    // Setting a colour gives a solid fill (a patterned one keeps its pattern) at tint 0.
    color: styleProp(
      (s) => fillOf(s).color,
      (s, v) => ({ ...s, fill: { color: color(v, "RangeFill.color"), pattern: s.fill?.pattern ?? "Solid" } satisfies Fill }),
    ),
    pattern: styleProp(
      (s) => fillOf(s).pattern,
      (s, v) => {
        const pattern = oneOf(PATTERNS, v, "RangeFill.pattern");
        return { ...s, fill: pattern === "None" ? undefined : { ...s.fill, color: s.fill?.color ?? "#000000", pattern } };
      },
    ),
    // ExcelApi 1.9: between -1 (darkest) and 1 (brightest). On a cell without a fill it tints the white
    // the cell reads as (the host's choice: Excel's answer there is not documented).
    tintAndShade: styleProp(
      (s) => fillOf(s).tintAndShade,
      (s, v) => {
        if (typeof v !== "number" || !(v >= -1 && v <= 1)) throw new HostError("InvalidArgument", `tintAndShade ${JSON.stringify(v)}`, "RangeFill.tintAndShade");
        return { ...s, fill: { color: s.fill?.color ?? "#FFFFFF", pattern: s.fill?.pattern ?? "Solid", tintAndShade: v } };
      },
    ),
  };

  clear(): void {
    this.call("clear", [], ({ sheet, rect }) => updateStyles(sheet, rect, (s) => ({ ...s, fill: undefined })));
  }
}
defineProps(RangeFill);

const fontProp = (key: keyof Font, check: (v: unknown) => unknown): Prop<RangeRef> =>
  styleProp((s) => fontOf(s)[key], (s, v) => ({ ...s, font: { ...s.font, [key]: check(v) } }));
const typed = (t: string, where: string) => (v: unknown) => {
  if (typeof v !== t) throw new HostError("InvalidArgument", `${JSON.stringify(v)} is not a ${t}`, where);
  return v;
};

export class RangeFont extends HostObject<RangeRef> {
  static override typeName = "RangeFont";
  static override changesCells = true;
  static override props: Record<string, Prop<RangeRef>> = {
    bold: fontProp("bold", typed("boolean", "RangeFont.bold")),
    italic: fontProp("italic", typed("boolean", "RangeFont.italic")),
    size: fontProp("size", typed("number", "RangeFont.size")),
    name: fontProp("name", typed("string", "RangeFont.name")),
    color: fontProp("color", (v) => color(v, "RangeFont.color")),
  };
}
defineProps(RangeFont);

export class RangeBorderCollection extends HostObject<RangeRef> {
  static override typeName = "RangeBorderCollection";

  getItem(index: string): RangeBorder {
    return this.path("getItem", [index], new RangeBorder(this.context, () => {
      const ref = this._resolve();
      return ref && { ref, index: oneOf(EDGES, index, "RangeBorderCollection.getItem") };
    }));
  }
}

interface BorderRef {
  readonly ref: RangeRef;
  readonly index: (typeof EDGES)[number];
}

/** The cells and sides an edge index touches: an inside edge is the shared side of two neighbours. */
function sidesOf({ ref: { rect }, index }: BorderRef): [number, number, Side][] {
  const out: [number, number, Side][] = [];
  const last = { row: rect.row + rect.rows - 1, col: rect.col + rect.cols - 1 };
  forEachCell(rect, (r, c) => {
    if (index === "EdgeTop" && r === rect.row) out.push([r, c, "top"]);
    if (index === "EdgeBottom" && r === last.row) out.push([r, c, "bottom"]);
    if (index === "EdgeLeft" && c === rect.col) out.push([r, c, "left"]);
    if (index === "EdgeRight" && c === last.col) out.push([r, c, "right"]);
    if (index === "InsideHorizontal") {
      if (r < last.row) out.push([r, c, "bottom"]);
      if (r > rect.row) out.push([r, c, "top"]);
    }
    if (index === "InsideVertical") {
      if (c < last.col) out.push([r, c, "right"]);
      if (c > rect.col) out.push([r, c, "left"]);
    }
  });
  return out; // diagonals are accepted and not kept
}

function setSide(b: BorderRef, change: (old: Border | undefined) => Border | undefined): void {
  const sheet = b.ref.sheet;
  for (const [r, c, side] of sidesOf(b)) {
    const s = sheet.styles.get(r, c) ?? {};
    sheet.styles.set(r, c, { ...s, borders: { ...s.borders, [side]: change(s.borders?.[side]) } });
  }
}

function readSide(b: BorderRef, read: (x: Border | undefined) => unknown): unknown {
  const vals = sidesOf(b).map(([r, c, side]) => JSON.stringify(read(b.ref.sheet.styles.get(r, c)?.borders?.[side])));
  return vals.length > 0 && vals.every((v) => v === vals[0]) ? JSON.parse(vals[0]) : null;
}

export class RangeBorder extends HostObject<BorderRef> {
  static override typeName = "RangeBorder";
  static override changesCells = true;
  static override props: Record<string, Prop<BorderRef>> = {
    style: {
      get: (b) => readSide(b, (x) => x?.style ?? "None"),
      set: (b, v) => {
        const style = oneOf(LINE_STYLES, v, "RangeBorder.style");
        setSide(b, (old) => (style === "None" ? undefined : { style, color: old?.color ?? "#000000" }));
      },
    },
    color: {
      get: (b) => readSide(b, (x) => x?.color ?? "#000000"),
      set: (b, v) => {
        const c = color(v, "RangeBorder.color");
        setSide(b, (old) => ({ style: old?.style ?? "Continuous", color: c }));
      },
    },
  };
}
defineProps(RangeBorder);
