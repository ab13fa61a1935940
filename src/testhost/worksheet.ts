// Workbook, the worksheet collection and Worksheet with its freeze panes and page layout.
import { MAX_COLUMNS, MAX_ROWS, type Rect, inGrid, parseAddress } from "./address";
import { ChartCollection } from "./charts";
import { oneOf } from "./cells";
import { HostError } from "./errors";
import type { SheetModel, Visibility, WorkbookModel } from "./model";
import { NamedItemCollection } from "./names";
import { HostCollection, HostObject, type Prop, defineProps } from "./proxy";
import { EventHandlers } from "./events";
import { Functions } from "./functions";
import { Range, RangeRef } from "./range";
import { TableCollection } from "./tables";

const VISIBILITY = ["Visible", "Hidden", "VeryHidden"] as const;

export class Workbook extends HostObject<WorkbookModel> {
  static override typeName = "Workbook";
  static override navs = ["worksheets", "tables", "names", "functions"];

  get worksheets(): WorksheetCollection {
    return this.nav("worksheets", () => new WorksheetCollection(this.context, () => this._resolve()));
  }
  get tables(): TableCollection {
    return this.nav("tables", () => new TableCollection(this.context, () => ({ workbook: this.context.model, sheet: null })));
  }
  get names(): NamedItemCollection {
    return this.nav("names", () => new NamedItemCollection(this.context, () => this._resolve()));
  }
  /** Worksheet functions Excel computes for the add-in (ExcelApi 1.2). */
  get functions(): Functions {
    return this.nav("functions", () => new Functions(this.context, () => this._resolve()));
  }
}

export class WorksheetCollection extends HostCollection<WorkbookModel, SheetModel> {
  static override typeName = "WorksheetCollection";

  protected itemModels(m: WorkbookModel): SheetModel[] {
    return m.sheets;
  }
  protected itemProxy(): Worksheet {
    return new Worksheet(this.context, () => null);
  }

  /** Changes on any sheet of the workbook (ExcelApi 1.9). */
  get onChanged(): EventHandlers {
    return (this._onChanged ??= new EventHandlers(this, () => null));
  }
  private _onChanged?: EventHandlers;

  add(name?: string): Worksheet {
    const ws = new Worksheet(this.context, () => {
      throw new HostError("InvalidObjectPath", "used before its add() ran", "WorksheetCollection.add");
    });
    this.call("add", [name ?? null], (m) => ws._bind(m.addSheet(name)));
    return ws;
  }

  getItem(key: string): Worksheet {
    const find = () => this.context.model.sheet(key) ?? null;
    return this.path("getItem", [key], new Worksheet(this.context, () => find() ?? fail(`no sheet «${key}»`, "WorksheetCollection.getItem")));
  }

  getItemOrNullObject(key: string): Worksheet {
    return this.path("getItemOrNullObject", [key], new Worksheet(this.context, () => this.context.model.sheet(key) ?? null), true);
  }

  getActiveWorksheet(): Worksheet {
    return this.path("getActiveWorksheet", [], new Worksheet(this.context, () => this.context.model.active ?? fail("no active sheet", "getActiveWorksheet")));
  }
}

function fail(detail: string, where: string): never {
  throw new HostError("ItemNotFound", detail, where);
}

export class Worksheet extends HostObject<SheetModel> {
  static override typeName = "Worksheet";
  static override props: Record<string, Prop<SheetModel>> = {
    id: { get: (m) => m.id },
    name: { get: (m) => m.name, set: (m, v, ctx) => ctx.model.renameSheet(m, String(v)) },
    visibility: {
      get: (m) => m.visibility,
      set: (m, v, ctx) => ctx.model.setVisibility(m, oneOf(VISIBILITY, v, "Worksheet.visibility") as Visibility),
    },
    // Read-write since ExcelApi 1.1 (Excel.Worksheet.position, zero-based). What Excel does with a position
    // past the last sheet is not documented: the host refuses it, the stricter of the two.
    position: {
      get: (m, ctx) => ctx.model.sheets.indexOf(m),
      set: (m, v, ctx) => {
        const list = ctx.model.sheets;
        if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= list.length) {
          throw new HostError("InvalidArgument", `position ${String(v)} is not a sheet position 0–${list.length - 1}`, "Worksheet.position");
        }
        list.splice(list.indexOf(m), 1);
        list.splice(v, 0, m);
      },
    },
  };

  /** Changes on this sheet (ExcelApi 1.7). */
  get onChanged(): EventHandlers {
    return (this._onChanged ??= new EventHandlers(this, (m) => m as SheetModel));
  }
  private _onChanged?: EventHandlers;

  get tables(): TableCollection {
    return this.nav("tables", () => new TableCollection(this.context, () => {
      const sheet = this._resolve();
      return sheet && { workbook: this.context.model, sheet };
    }));
  }
  get charts(): ChartCollection {
    return this.nav("charts", () => new ChartCollection(this.context, () => this._resolve()));
  }
  get freezePanes(): FreezePanes {
    return this.nav("freezePanes", () => new FreezePanes(this.context, () => this._resolve()));
  }
  get pageLayout(): PageLayout {
    return this.nav("pageLayout", () => new PageLayout(this.context, () => this._resolve()));
  }

  delete(): void {
    this.call("delete", [], (m) => this.context.model.deleteSheet(m));
  }

  activate(): void {
    this.call("activate", [], (m) => this.context.model.activate(m));
  }

  /** A block by address ("A1", "B2:D9", "C:C"); without one, the whole sheet. */
  getRange(address?: string): Range {
    return this.path("getRange", [address ?? null], this.range(() => {
      if (address === undefined) return { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLUMNS };
      const a = parseAddress(address);
      const sheet = this._resolve();
      if (!a || (a.sheet !== null && sheet && a.sheet.toLowerCase() !== sheet.name.toLowerCase())) {
        throw new HostError("InvalidArgument", `«${address}» is not an address on this sheet`, "Worksheet.getRange");
      }
      return a.rect;
    }));
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): Range {
    return this.path("getRangeByIndexes", [row, col, rows, cols], this.range(() => {
      const rect = { row, col, rows, cols };
      if (![row, col, rows, cols].every(Number.isInteger) || !inGrid(rect)) {
        throw new HostError("InvalidArgument", `getRangeByIndexes(${row}, ${col}, ${rows}, ${cols})`, "Worksheet.getRangeByIndexes");
      }
      return rect;
    }));
  }

  getUsedRange(valuesOnly = false): Range {
    // An empty sheet's used range is A1 in Excel.
    return this.path("getUsedRange", [valuesOnly], this.range((s) => s.usedRect(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 }));
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this.path("getUsedRangeOrNullObject", [valuesOnly], this.range((s) => s.usedRect(valuesOnly)), true);
  }

  private range(rectOf: (s: SheetModel) => Rect | null): Range {
    return new Range(this.context, () => {
      const sheet = this._resolve();
      if (!sheet) return null;
      const rect = rectOf(sheet);
      return rect && new RangeRef(sheet, rect);
    });
  }
}
defineProps(Worksheet);

export class FreezePanes extends HostObject<SheetModel> {
  static override typeName = "WorksheetFreezePanes";

  /**
   * Freezes the top rows (0 unfreezes them: ExcelApi 1.7 reference). On a sheet that is not the active
   * one the freeze lands on that sheet, but Excel reports that sheet as activated while the user still
   * sees the other (office-js #3148, in backlog): the host makes it the active sheet, so an add-in that
   * relies on which sheet is active afterwards fails here too.
   */
  freezeRows(count = 1): void {
    this.call("freezeRows", [count], (m) => {
      if (!Number.isInteger(count) || count < 0 || count >= MAX_ROWS) throw new HostError("InvalidArgument", `freezeRows(${count})`, "freezeRows");
      m.freezeRows = count;
      if (m.visibility === "Visible") this.context.model.active = m;
    });
  }

  unfreeze(): void {
    this.call("unfreeze", [], (m) => void (m.freezeRows = 0));
  }
}

export class PageLayout extends HostObject<SheetModel> {
  static override typeName = "PageLayout";
  static override props: Record<string, Prop<SheetModel>> = {
    orientation: { get: (m) => m.pageLayout.orientation, set: (m, v) => void (m.pageLayout.orientation = oneOf(["Portrait", "Landscape"], v, "PageLayout.orientation")) },
    // PageLayoutZoomOptions (ExcelApi 1.9): a print scale of 10–400 or fit to pages wide / tall; the
    // reference lets scale be null when fitting and the fit counts be null when scaling. The host refuses
    // both kinds at once (the stricter reading) and counts that are not whole numbers ≥ 0 (0: as many
    // pages as needed, the OOXML fitToWidth/fitToHeight convention).
    zoom: {
      get: (m) => m.pageLayout.zoom,
      set: (m, v) => {
        const z = v as Record<string, unknown>;
        const given = typeof z === "object" && z !== null ? Object.entries(z).filter(([, x]) => x !== null && x !== undefined) : [];
        const keys = given.map(([k]) => k);
        const known = keys.every((k) => ["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k));
        const scale = z?.scale;
        const ok =
          given.length > 0 &&
          known &&
          (keys.includes("scale")
            ? keys.length === 1 && typeof scale === "number" && Number.isInteger(scale) && scale >= 10 && scale <= 400
            : given.every(([, x]) => typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 32767));
        if (!ok) throw new HostError("InvalidArgument", `zoom ${JSON.stringify(v)}`, "PageLayout.zoom");
        m.pageLayout.zoom = Object.fromEntries(given);
      },
    },
  };

  /** Rows repeated on every printed page, as "$1:$3" or a Range of whole rows. */
  setPrintTitleRows(rows: string | Range): void {
    this.call("setPrintTitleRows", [rows], (m) => {
      const rect = typeof rows === "string" ? parseAddress(rows)?.rect : rows._resolve()?.rect;
      // "The range must span the entire row to be valid" (PageLayout.setPrintTitleRows).
      if (!rect || rect.col !== 0 || rect.cols !== MAX_COLUMNS) {
        throw new HostError("InvalidArgument", `print title rows «${String(rows)}»`, "PageLayout.setPrintTitleRows");
      }
      m.pageLayout.printTitleRows = `$${rect.row + 1}:$${rect.row + rect.rows}`;
    });
  }
}
defineProps(PageLayout);
