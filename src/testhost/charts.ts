// Charts: add from a source block, title, legend, series (getItemAt, add, delete, setValues,
// setXAxisValues) and position. Nothing is drawn; the model keeps what a test needs to check.
import { oneOf } from "./cells";
import { HostError } from "./errors";
import { type ChartModel, type SeriesModel, type SheetModel, reference } from "./model";
import { HostCollection, HostObject, type Prop, defineProps } from "./proxy";
import type { Range } from "./range";

const TYPES = ["ColumnClustered", "ColumnStacked", "ColumnStacked100", "BarClustered", "BarStacked", "Line", "LineMarkers", "Pie", "Doughnut", "Area", "XYScatter"] as const;
const SERIES_BY = ["Auto", "Columns", "Rows"] as const;
const LEGEND = ["Invalid", "Top", "Bottom", "Left", "Right", "Corner", "Custom"] as const;

function refOf(range: Range, where: string): string {
  const r = range._resolve();
  if (!r) throw new HostError("InvalidArgument", "a null range", where);
  return reference(r.sheet, r.rect);
}

export class ChartCollection extends HostCollection<SheetModel, ChartModel> {
  static override typeName = "ChartCollection";

  protected itemModels(m: SheetModel): ChartModel[] {
    return m.charts;
  }
  protected itemProxy(): Chart {
    return new Chart(this.context, () => null);
  }

  /** One series per column (or row) of the source, named Ряд1, Ряд2… as Excel does without headers. */
  add(type: string, sourceData: Range, seriesBy = "Auto"): Chart {
    const chart = new Chart(this.context, () => {
      throw new HostError("InvalidObjectPath", "used before its add() ran", "ChartCollection.add");
    });
    this.call("add", [type, sourceData, seriesBy], (sheet) => {
      const t = oneOf(TYPES, type, "ChartCollection.add");
      const by = oneOf(SERIES_BY, seriesBy, "ChartCollection.add");
      const src = sourceData._resolve();
      if (!src) throw new HostError("InvalidArgument", "a null source range", "ChartCollection.add");
      const byRows = by === "Rows" || (by === "Auto" && src.rect.cols > src.rect.rows);
      const n = byRows ? src.rect.rows : src.rect.cols;
      const series: SeriesModel[] = Array.from({ length: n }, (_, i) => ({
        name: `Ряд${i + 1}`,
        values: reference(src.sheet, byRows ? { ...src.rect, row: src.rect.row + i, rows: 1 } : { ...src.rect, col: src.rect.col + i, cols: 1 }),
        xValues: null,
      }));
      const m: ChartModel = { name: `Диаграмма ${sheet.charts.length + 1}`, type: t, title: { text: null }, legend: { position: "Right", visible: true }, series, position: null };
      sheet.charts.push(m);
      chart._bind(m);
    });
    return chart;
  }
}

export class Chart extends HostObject<ChartModel> {
  static override typeName = "Chart";
  static override navs = ["title", "legend", "series"];
  static override props: Record<string, Prop<ChartModel>> = {
    name: { get: (c) => c.name, set: (c, v) => void (c.name = String(v)) },
    chartType: { get: (c) => c.type, set: (c, v) => void (c.type = oneOf(TYPES, v, "Chart.chartType")) },
  };

  get title(): ChartTitle {
    return this.nav("title", () => new ChartTitle(this.context, () => this._resolve()));
  }
  get legend(): ChartLegend {
    return this.nav("legend", () => new ChartLegend(this.context, () => this._resolve()));
  }
  get series(): ChartSeriesCollection {
    return this.nav("series", () => new ChartSeriesCollection(this.context, () => this._resolve()));
  }

  setPosition(startCell: string | Range, endCell?: string | Range): void {
    this.call("setPosition", [startCell, endCell ?? null], (c) => {
      const text = (x: string | Range) => (typeof x === "string" ? x : refOf(x, "Chart.setPosition"));
      c.position = { start: text(startCell), end: endCell === undefined ? null : text(endCell) };
    });
  }

  delete(): void {
    this.call("delete", [], (c) => void (c.deleted = true));
  }
}
defineProps(Chart);

class ChartTitle extends HostObject<ChartModel> {
  static override typeName = "ChartTitle";
  static override props: Record<string, Prop<ChartModel>> = { text: { get: (c) => c.title.text, set: (c, v) => void (c.title.text = String(v)) } };
}
defineProps(ChartTitle);

class ChartLegend extends HostObject<ChartModel> {
  static override typeName = "ChartLegend";
  static override props: Record<string, Prop<ChartModel>> = {
    position: { get: (c) => c.legend.position, set: (c, v) => void (c.legend.position = oneOf(LEGEND, v, "ChartLegend.position")) },
    visible: { get: (c) => c.legend.visible, set: (c, v) => void (c.legend.visible = Boolean(v)) },
  };
}
defineProps(ChartLegend);

interface SeriesRef {
  readonly chart: ChartModel;
  readonly series: SeriesModel;
  readonly deleted: boolean;
}

export class ChartSeriesCollection extends HostCollection<ChartModel, SeriesRef> {
  static override typeName = "ChartSeriesCollection";
  static override props: Record<string, Prop<ChartModel>> = { count: { get: (c) => c.series.length } };

  protected itemModels(chart: ChartModel): SeriesRef[] {
    return chart.series.map((series) => ({ chart, series, deleted: false }));
  }
  protected itemProxy(): ChartSeries {
    return new ChartSeries(this.context, () => null);
  }

  getItemAt(index: number): ChartSeries {
    return this.path("getItemAt", [index], new ChartSeries(this.context, () => {
      const chart = this._resolve();
      if (!chart) return null;
      const series = chart.series[index];
      if (!series) throw new HostError("ItemNotFound", `series ${index} of ${chart.series.length}`, "ChartSeriesCollection.getItemAt");
      return { chart, series, deleted: false };
    }));
  }

  add(name?: string): ChartSeries {
    const s = new ChartSeries(this.context, () => {
      throw new HostError("InvalidObjectPath", "used before its add() ran", "ChartSeriesCollection.add");
    });
    this.call("add", [name ?? null], (chart) => {
      const series: SeriesModel = { name: name ?? `Ряд${chart.series.length + 1}`, values: null, xValues: null };
      chart.series.push(series);
      s._bind({ chart, series, deleted: false });
    });
    return s;
  }
}
defineProps(ChartSeriesCollection);

export class ChartSeries extends HostObject<SeriesRef> {
  static override typeName = "ChartSeries";
  static override props: Record<string, Prop<SeriesRef>> = { name: { get: (r) => r.series.name, set: (r, v) => void (r.series.name = String(v)) } };

  delete(): void {
    this.call("delete", [], ({ chart, series }) => {
      const i = chart.series.indexOf(series);
      if (i < 0) throw new HostError("ItemNotFound", "the series was deleted", "ChartSeries.delete");
      chart.series.splice(i, 1);
    });
  }

  setValues(source: Range): void {
    this.call("setValues", [source], ({ series }) => void (series.values = refOf(source, "ChartSeries.setValues")));
  }

  setXAxisValues(source: Range): void {
    this.call("setXAxisValues", [source], ({ series }) => void (series.xValues = refOf(source, "ChartSeries.setXAxisValues")));
  }
}
defineProps(ChartSeries);
