// Range.conditionalFormats: the two kinds the report uses (DataBar, CellValue) with their settings.
// Other kinds are refused at sync, so a new use in the adapter shows up here as a clear failure.
import { color, oneOf } from "./cells";
import { HostError } from "./errors";
import type { ConditionalFormatModel } from "./model";
import { HostCollection, HostObject, type Prop, defineProps } from "./proxy";
import type { RangeRef } from "./range";

const TYPES = ["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"] as const;
const SUPPORTED = ["DataBar", "CellValue"];
const DIRECTIONS = ["Context", "LeftToRight", "RightToLeft"] as const;
const BOUND_TYPES = ["Invalid", "Automatic", "LowestValue", "HighestValue", "Number", "Percent", "Formula", "Percentile"] as const;
// Note: "GreaterThanOrEqual", not data validation's "GreaterThanOrEqualTo".
const OPERATORS = ["Invalid", "Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqual", "LessThanOrEqual"] as const;

type Model = { -readonly [K in keyof ConditionalFormatModel]: ConditionalFormatModel[K] };

export class ConditionalFormatCollection extends HostCollection<RangeRef, ConditionalFormatModel> {
  static override typeName = "ConditionalFormatCollection";

  protected itemModels({ sheet, rect }: RangeRef): ConditionalFormatModel[] {
    return sheet.conditionalFormats.filter((f) => f.rect.row === rect.row && f.rect.col === rect.col && f.rect.rows === rect.rows && f.rect.cols === rect.cols);
  }

  protected itemProxy(): ConditionalFormat {
    return new ConditionalFormat(this.context, () => null);
  }

  add(type: string): ConditionalFormat {
    const cf = new ConditionalFormat(this.context, () => {
      throw new HostError("InvalidObjectPath", "used before its add() ran", "ConditionalFormatCollection.add");
    });
    this.call("add", [type], ({ sheet, rect }) => {
      const t = oneOf(TYPES, type, "ConditionalFormatCollection.add");
      if (!SUPPORTED.includes(t)) throw new HostError("NotImplemented", `conditional format type ${t}`, "ConditionalFormatCollection.add");
      const m: Model = { type: t, rect };
      if (t === "DataBar") m.dataBar = { positiveFormat: {} };
      else m.cellValue = { format: { fill: {}, font: {} } };
      sheet.conditionalFormats.push(m);
      cf._bind(m);
    });
    return cf;
  }
}

/** The settings tree of each kind: checked properties and nested settings objects. */
interface Shape {
  readonly checks: Readonly<Record<string, (v: unknown) => unknown>>;
  readonly subs?: Readonly<Record<string, Shape>>;
}

const DATA_BAR: Shape = {
  checks: { barDirection: (v) => oneOf(DIRECTIONS, v, "dataBar.barDirection"), lowerBoundRule: bound, upperBoundRule: bound },
  subs: { positiveFormat: { checks: { fillColor: (v) => color(v, "dataBar.positiveFormat.fillColor") } } },
};
const CELL_VALUE: Shape = {
  checks: { rule: cellRule },
  subs: {
    format: {
      checks: {},
      subs: {
        fill: { checks: { color: (v) => color(v, "cellValue.format.fill.color") } },
        font: { checks: { color: (v) => color(v, "cellValue.format.font.color"), bold: Boolean, italic: Boolean } },
      },
    },
  },
};

export class ConditionalFormat extends HostObject<ConditionalFormatModel> {
  static override typeName = "ConditionalFormat";
  static override navs = ["dataBar", "cellValue"];
  static override props: Record<string, Prop<ConditionalFormatModel>> = { type: { get: (m) => m.type } };

  get dataBar(): Settings {
    return this.nav("dataBar", () => new Settings(this.context, this.kind("dataBar"), DATA_BAR));
  }

  get cellValue(): Settings {
    return this.nav("cellValue", () => new Settings(this.context, this.kind("cellValue"), CELL_VALUE));
  }

  /** Asking a DataBar format for cellValue settings (or the reverse) fails at sync, as in Office. */
  private kind(k: "dataBar" | "cellValue"): () => Bag | null {
    return () => {
      const m = this._resolve();
      if (!m) return null;
      const sub = m[k];
      if (!sub) throw new HostError("InvalidOperation", `a ${m.type} conditional format has no ${k}`, `ConditionalFormat.${k}`);
      return sub as unknown as Bag;
    };
  }
}
defineProps(ConditionalFormat);

function bound(v: unknown): unknown {
  const r = v as { type?: unknown; formula?: unknown };
  oneOf(BOUND_TYPES, r?.type, "dataBar bound rule type");
  return { ...r };
}

function cellRule(v: unknown): unknown {
  const r = v as { formula1?: unknown; formula2?: unknown; operator?: unknown };
  const op = oneOf(OPERATORS, r?.operator, "cellValue.rule.operator");
  if (typeof r.formula1 !== "string") throw new HostError("InvalidArgument", "cellValue.rule.formula1 is missing", "cellValue.rule");
  if ((op === "Between" || op === "NotBetween") && typeof r.formula2 !== "string") throw new HostError("InvalidArgument", "formula2 is missing", "cellValue.rule");
  return { ...r };
}

type Bag = Record<string, unknown>;

/** One settings object (dataBar, positiveFormat, cellValue.format.fill, …); accessors come from its Shape. */
class Settings extends HostObject<Bag> {
  static override typeName = "ConditionalFormatSettings";
  private readonly props: Record<string, Prop<Bag>> = {};

  constructor(ctx: HostObject["context"], locate: () => Bag | null, private readonly shape: Shape) {
    super(ctx, locate);
    for (const [k, check] of Object.entries(shape.checks)) {
      this.props[k] = { get: (m) => m[k] ?? null, set: (m, v) => void (m[k] = check(v)) };
      Object.defineProperty(this, k, { get: () => this._get(k), set: (v) => this._set(k, v), enumerable: true });
    }
    for (const [k, sub] of Object.entries(shape.subs ?? {})) {
      const locateSub = () => {
        const m = this._resolve();
        return m && ((m[k] ??= {}) as Bag);
      };
      Object.defineProperty(this, k, { get: () => this.nav(k, () => new Settings(ctx, locateSub, sub)), enumerable: true });
    }
  }

  protected override propTable(): Record<string, Prop<Bag>> {
    return this.props;
  }

  protected override navNames(): readonly string[] {
    return Object.keys(this.shape.subs ?? {});
  }
}
