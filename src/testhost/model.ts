// The workbook the host keeps in memory: what Excel would hold, with Excel's rules for names, sheets,
// tables and defined names. Proxies (proxy.ts and friends) change it only while a sync runs.
import { type Rect, contains, intersects, quoteSheet, rectAddress } from "./address";
import { HostError } from "./errors";
import { EventHub } from "./events";
import { Grid } from "./grid";

/** A formula error stored in a cell: Office reads it back as its text with value type "Error". */
export class ErrorValue {
  constructor(readonly text: string) {}
}

export type Stored = string | number | boolean | ErrorValue;

export interface Fill {
  readonly color: string; // "#RRGGBB"
  readonly pattern: string; // "Solid" whenever a colour was set
  /** Lightens (up to 1) or darkens (down to -1) the colour; 0 when absent. */
  readonly tintAndShade?: number;
}
export interface Font {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly color?: string;
  readonly name?: string;
}
export interface Border {
  readonly style: string;
  readonly color: string;
}
export type Side = "top" | "bottom" | "left" | "right";
/** Cell styles are shared, never mutated: a change makes a new object (see cells.ts updateStyles). */
export interface Style {
  readonly numberFormat?: string;
  readonly fill?: Fill;
  readonly font?: Font;
  readonly borders?: Partial<Record<Side, Border>>;
  readonly wrapText?: boolean;
  readonly verticalAlignment?: string;
  readonly horizontalAlignment?: string;
}
export interface Validation {
  readonly rule?: Record<string, unknown>;
  readonly prompt?: Record<string, unknown>;
  readonly errorAlert?: Record<string, unknown>;
}

export interface ConditionalFormatModel {
  readonly type: string;
  readonly rect: Rect;
  readonly dataBar?: { barDirection?: string; lowerBoundRule?: unknown; upperBoundRule?: unknown; positiveFormat: { fillColor?: string } };
  readonly cellValue?: { rule?: { formula1?: string; formula2?: string; operator?: string }; format: { fill: { color?: string }; font: { color?: string; bold?: boolean; italic?: boolean } } };
}

export interface SeriesModel {
  name: string;
  values: string | null; // "Sheet!A1:A5"
  xValues: string | null;
}
export interface ChartModel {
  name: string;
  type: string;
  title: { text: string | null };
  legend: { position: string; visible: boolean };
  series: SeriesModel[];
  position: { start: string; end: string | null } | null;
  deleted?: boolean;
}

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

let sheetSerial = 0;
/** Excel's worksheet ids are GUIDs in braces ("{00000000-0001-0000-0000-000000000000}"); unique per host. */
function sheetId(): string {
  return `{00000000-${(++sheetSerial).toString(16).toUpperCase().padStart(4, "0")}-0000-0000-000000000000}`;
}

export class SheetModel {
  deleted = false;
  /** Worksheet.id: stays the same when the sheet is renamed or moved. */
  readonly id = sheetId();
  visibility: Visibility = "Visible";
  readonly values = new Grid<Stored>();
  readonly formulas = new Grid<string>();
  readonly styles = new Grid<Style>();
  readonly validations = new Grid<Validation>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  merges: Rect[] = [];
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  readonly charts: ChartModel[] = [];
  freezeRows = 0;
  readonly pageLayout: { orientation: string; zoom: Record<string, unknown>; printTitleRows: string | null } = {
    orientation: "Portrait",
    zoom: { scale: 100 },
    printTitleRows: null,
  };

  constructor(public name: string) {}

  /** Excel's used range: cells with values (valuesOnly) or also with formats. */
  usedRect(valuesOnly: boolean): Rect | null {
    const boxes = [this.values.bounds(), this.formulas.bounds(), ...(valuesOnly ? [] : [this.styles.bounds(), this.validations.bounds()])];
    let out: Rect | null = null;
    for (const b of boxes) {
      if (!b) continue;
      if (!out) out = b;
      else {
        const row = Math.min(out.row, b.row), col = Math.min(out.col, b.col);
        const bottom = Math.max(out.row + out.rows, b.row + b.rows), right = Math.max(out.col + out.cols, b.col + b.cols);
        out = { row, col, rows: bottom - row, cols: right - col };
      }
    }
    return out;
  }
}

export class TableModel {
  style = "TableStyleMedium2";
  showHeaders = true;
  showFilterButton = true;
  deleted = false;
  constructor(
    public name: string,
    readonly sheet: SheetModel,
    readonly rect: Rect,
  ) {}
}

export class NameModel {
  deleted = false;
  constructor(
    readonly name: string,
    /** A range reference (follows renames, turns into #REF! when its sheet goes) or a formula. */
    readonly target: { sheet: SheetModel; rect: Rect } | { formula: string },
    public comment: string,
  ) {}

  get formula(): string {
    if ("formula" in this.target) return this.target.formula;
    const { sheet, rect } = this.target;
    return `=${sheet.deleted ? "#REF!" : `${quoteSheet(sheet.name)}!`}${rectAddress(rect, true)}`;
  }
}

const BAD_SHEET_CHARS = /[\\/?*[\]:]/;
/** Names of tables and defined names: a letter, "_" or "\" first; letters, digits, "_" and "." after. */
const NAME = /^[\p{L}_\\][\p{L}\p{N}_.]*$/u;
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$/;

/** Days between the two date systems' day 0: 1904-01-01 is serial 1462 in the 1900 system and 0 in the 1904 one. */
export const DAYS_1900_TO_1904 = 1462;

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly names: NameModel[] = [];
  active: SheetModel | null = null;
  /** The workbook's date system (File › Options › Advanced › «Use 1904 date system»): serials count from 1904-01-01. */
  date1904 = false;
  /** Registered onChanged handlers and the events on their way to them. */
  readonly events = new EventHub();
  selection: { sheet: SheetModel; rect: Rect } | null = null;
  private sheetCounter = 0;
  private tableCounter = 0;

  sheet(name: string): SheetModel | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  private checkSheetName(name: string, except?: SheetModel): void {
    if (name.length === 0 || name.length > 31 || BAD_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new HostError("InvalidArgument", `«${name}» is not a valid sheet name`, "Worksheet.name");
    }
    const other = this.sheet(name);
    if (other && other !== except) throw new HostError("ItemAlreadyExists", `a sheet named «${other.name}» exists`, "WorksheetCollection.add");
  }

  /** Appends a sheet, as worksheets.add does; it does not become active (only the first one does). */
  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined) do n = `Лист${++this.sheetCounter}`; while (this.sheet(n));
    this.checkSheetName(n);
    const s = new SheetModel(n);
    this.sheets.push(s);
    this.active ??= s;
    return s;
  }

  renameSheet(s: SheetModel, name: string): void {
    this.checkSheetName(name, s);
    s.name = name;
  }

  private visibleSheets(): SheetModel[] {
    return this.sheets.filter((s) => s.visibility === "Visible");
  }

  /** Moves activation off a sheet that is going away or being hidden. */
  private leave(s: SheetModel): void {
    if (this.active !== s) return;
    const i = this.sheets.indexOf(s);
    const next = [...this.sheets.slice(i + 1), ...this.sheets.slice(0, i).reverse()].find((x) => x.visibility === "Visible");
    this.active = next ?? null;
    if (this.selection?.sheet === s) this.selection = null;
  }

  deleteSheet(s: SheetModel): void {
    // By design a very hidden sheet cannot be deleted: make it Hidden or Visible first (office-js issue
    // #365, answered by the Excel team). Worksheet.delete's reference says the delete "will fail with an
    // InvalidOperation exception" (#365 itself saw GeneralException on Mac): the host answers InvalidOperation.
    if (s.visibility === "VeryHidden") {
      throw new HostError("InvalidOperation", "a worksheet whose visibility is VeryHidden cannot be deleted; make it Hidden first", "Worksheet.delete");
    }
    if (s.visibility === "Visible" && this.visibleSheets().length === 1) {
      throw new HostError("InvalidOperation", "a workbook must keep at least one visible sheet", "Worksheet.delete");
    }
    this.leave(s);
    s.deleted = true;
    this.sheets.splice(this.sheets.indexOf(s), 1);
    for (const t of this.tables.filter((t) => t.sheet === s)) this.removeTable(t);
    for (const c of s.charts) c.deleted = true;
  }

  setVisibility(s: SheetModel, v: Visibility): void {
    if (v !== "Visible" && s.visibility === "Visible" && this.visibleSheets().length === 1) {
      throw new HostError("InvalidOperation", "a workbook must keep at least one visible sheet", "Worksheet.visibility");
    }
    s.visibility = v;
    if (v !== "Visible") this.leave(s);
  }

  activate(s: SheetModel): void {
    if (s.visibility !== "Visible") throw new HostError("InvalidOperation", `sheet «${s.name}» is hidden and cannot be activated`, "Worksheet.activate");
    this.active = s;
  }

  /** Tables and defined names share one namespace in Excel (office-js issue #551: duplicates fail). */
  private checkName(name: string, what: string, except?: TableModel | NameModel): void {
    if (!NAME.test(name) || LOOKS_LIKE_CELL.test(name) || name.length > 255) {
      throw new HostError("InvalidArgument", `«${name}» is not a valid ${what} name`, `${what}.name`);
    }
    const key = name.toLowerCase();
    const clash = [...this.tables, ...this.names].find((x) => x !== except && x.name.toLowerCase() === key);
    if (clash) {
      // Office answers InvalidArgument for a table name in use, ItemAlreadyExists for a defined name.
      throw new HostError(what === "Table" ? "InvalidArgument" : "ItemAlreadyExists", `the name «${clash.name}» is already in use`, `${what}.name`);
    }
  }

  addTable(sheet: SheetModel, rect: Rect): TableModel {
    if (this.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) {
      throw new HostError("InvalidArgument", `a table cannot overlap another table (${rectAddress(rect)})`, "TableCollection.add");
    }
    if (sheet.merges.some((m) => intersects(m, rect))) {
      throw new HostError("InvalidArgument", `a table cannot contain merged cells (${rectAddress(rect)})`, "TableCollection.add");
    }
    let name: string;
    do name = `Таблица${++this.tableCounter}`;
    while (this.tables.some((t) => t.name.toLowerCase() === name.toLowerCase()));
    const t = new TableModel(name, sheet, rect);
    this.tables.push(t);
    return t;
  }

  renameTable(t: TableModel, name: string): void {
    this.checkName(name, "Table", t);
    t.name = name;
  }

  removeTable(t: TableModel): void {
    t.deleted = true;
    this.tables.splice(this.tables.indexOf(t), 1);
  }

  addName(name: string, target: NameModel["target"], comment: string): NameModel {
    this.checkName(name, "NamedItem");
    const n = new NameModel(name, target, comment);
    this.names.push(n);
    return n;
  }

  name(name: string): NameModel | undefined {
    const key = name.toLowerCase();
    return this.names.find((n) => n.name.toLowerCase() === key);
  }

  deleteName(n: NameModel): void {
    n.deleted = true;
    this.names.splice(this.names.indexOf(n), 1);
  }

  addMerge(sheet: SheetModel, rect: Rect): void {
    if (this.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) {
      throw new HostError("InvalidOperation", `cells of a table cannot be merged (${rectAddress(rect)})`, "Range.merge");
    }
    // Merging over merged cells merges the union in Excel; the layouts here never overlap, so replace.
    sheet.merges = sheet.merges.filter((m) => !contains(rect, m));
    if (sheet.merges.some((m) => intersects(m, rect))) {
      throw new HostError("InvalidOperation", `the block ${rectAddress(rect)} cuts through a merged area`, "Range.merge");
    }
    sheet.merges.push(rect);
    // Excel keeps only the upper-left value of a merged block.
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        if (r === rect.row && c === rect.col) continue;
        sheet.values.set(r, c, undefined);
        sheet.formulas.set(r, c, undefined);
      }
    }
  }
}

/** "Sheet!A1:B2" for a block, quoted as Excel writes references. */
export function reference(sheet: SheetModel, rect: Rect): string {
  return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
}
