// Excel tables: workbook.tables (all) and worksheet.tables (one sheet). Names are unique in the
// workbook and share their namespace with defined names; tables never overlap or hold merged cells.
import { type Rect, parseAddress } from "./address";
import { readValue } from "./cells";
import { HostError } from "./errors";
import type { SheetModel, TableModel, WorkbookModel } from "./model";
import { HostCollection, HostObject, type Prop, defineProps } from "./proxy";
import { Range } from "./range";
import { Worksheet } from "./worksheet";

interface Scope {
  readonly workbook: WorkbookModel;
  readonly sheet: SheetModel | null; // null: every table of the workbook
}

export class TableCollection extends HostCollection<Scope, TableModel> {
  static override typeName = "TableCollection";

  protected itemModels(m: Scope): TableModel[] {
    return m.workbook.tables.filter((t) => !m.sheet || t.sheet === m.sheet);
  }
  protected itemProxy(): Table {
    return new Table(this.context, () => null);
  }

  /** A table over a block whose first row holds the headers (hasHeaders false is not modelled). */
  add(address: string | Range, hasHeaders: boolean): Table {
    const table = new Table(this.context, () => {
      throw new HostError("InvalidObjectPath", "used before its add() ran", "TableCollection.add");
    });
    this.call("add", [address, hasHeaders], (scope) => {
      if (!hasHeaders) throw new HostError("NotImplemented", "tables.add(…, false)", "TableCollection.add");
      const { sheet, rect } = target(scope, address);
      const t = scope.workbook.addTable(sheet, rect);
      headerTexts(sheet, rect);
      table._bind(t);
    });
    return table;
  }
}

function target(scope: Scope, address: string | Range): { sheet: SheetModel; rect: Rect } {
  if (address instanceof Range) {
    const ref = address._resolve();
    if (!ref) throw new HostError("InvalidArgument", "a null range", "TableCollection.add");
    return ref;
  }
  const a = parseAddress(address);
  // workbook.tables.add: "If the address does not contain a sheet name, the currently-active sheet is used."
  const sheet = a?.sheet ? scope.workbook.sheet(a.sheet) : (scope.sheet ?? scope.workbook.active);
  if (!a || !sheet || (scope.sheet && sheet !== scope.sheet)) throw new HostError("InvalidArgument", `table address «${address}»`, "TableCollection.add");
  return { sheet, rect: a.rect };
}

/** Excel makes header cells unique non-empty text: blanks become Столбец1…, repeats get a number. */
function headerTexts(sheet: SheetModel, rect: Rect): void {
  const seen = new Set<string>();
  for (let j = 0; j < rect.cols; j++) {
    const c = rect.col + j;
    let text = String(readValue(sheet, rect.row, c));
    if (text === "") text = `Столбец${j + 1}`;
    let unique = text;
    for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${text}${n}`;
    seen.add(unique.toLowerCase());
    sheet.formulas.set(rect.row, c, undefined);
    sheet.values.set(rect.row, c, unique); // headers are always text
  }
}

export class Table extends HostObject<TableModel> {
  static override typeName = "Table";
  static override navs = ["worksheet"];
  static override props: Record<string, Prop<TableModel>> = {
    name: { get: (t) => t.name, set: (t, v, ctx) => ctx.model.renameTable(t, String(v)) },
    style: { get: (t) => t.style, set: (t, v) => void (t.style = String(v)) },
    showHeaders: { get: (t) => t.showHeaders, set: (t, v) => void (t.showHeaders = Boolean(v)) },
    showFilterButton: { get: (t) => t.showFilterButton, set: (t, v) => void (t.showFilterButton = Boolean(v)) },
  };

  get worksheet(): Worksheet {
    return this.nav("worksheet", () => new Worksheet(this.context, () => this._resolve()?.sheet ?? null));
  }

  delete(): void {
    this.call("delete", [], (t) => this.context.model.removeTable(t));
  }
}
defineProps(Table);
