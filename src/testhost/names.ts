// Defined names (workbook.names). A name on a range follows its sheet's renames and reads
// "=#REF!$A$1" once that sheet is deleted: Excel keeps such names, so adding one again fails.
import { HostError } from "./errors";
import type { NameModel, WorkbookModel } from "./model";
import { HostCollection, HostObject, type Prop, defineProps } from "./proxy";
import { Range } from "./range";

export class NamedItemCollection extends HostCollection<WorkbookModel, NameModel> {
  static override typeName = "NamedItemCollection";

  protected itemModels(m: WorkbookModel): NameModel[] {
    return m.names;
  }
  protected itemProxy(): NamedItem {
    return new NamedItem(this.context, () => null);
  }

  add(name: string, reference: Range | string, comment = ""): NamedItem {
    const item = new NamedItem(this.context, () => {
      throw new HostError("InvalidObjectPath", "used before its add() ran", "NamedItemCollection.add");
    });
    this.call("add", [name, reference, comment], (wb) => {
      let target: NameModel["target"];
      if (reference instanceof Range) {
        const ref = reference._resolve();
        if (!ref) throw new HostError("InvalidArgument", "a null range", "NamedItemCollection.add");
        target = { sheet: ref.sheet, rect: ref.rect };
      } else target = { formula: reference.startsWith("=") ? reference : `=${reference}` };
      item._bind(wb.addName(name, target, comment));
    });
    return item;
  }

  getItem(name: string): NamedItem {
    return this.path("getItem", [name], new NamedItem(this.context, () => {
      const n = this.context.model.name(name);
      if (!n) throw new HostError("ItemNotFound", `no defined name «${name}»`, "NamedItemCollection.getItem");
      return n;
    }));
  }

  getItemOrNullObject(name: string): NamedItem {
    return this.path("getItemOrNullObject", [name], new NamedItem(this.context, () => this.context.model.name(name) ?? null), true);
  }
}

export class NamedItem extends HostObject<NameModel> {
  static override typeName = "NamedItem";
  static override props: Record<string, Prop<NameModel>> = {
    name: { get: (n) => n.name },
    formula: { get: (n) => n.formula },
    comment: { get: (n) => n.comment, set: (n, v) => void (n.comment = String(v)) },
    type: { get: (n) => ("formula" in n.target ? "String" : n.formula.includes("#REF!") ? "Error" : "Range") },
    visible: { get: () => true },
  };

  delete(): void {
    this.call("delete", [], (n) => this.context.model.deleteName(n));
  }
}
defineProps(NamedItem);
