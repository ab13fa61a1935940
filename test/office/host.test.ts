// The test host itself: Office's proxy semantics, Excel's rules, counters and payload limits.
// If these hold, a batch that passes on the host is shaped the way Office needs it.
import { HostError, createHost, syncStats } from "../../src/testhost";

/** The Office error code a call or a promise fails with (or "ok"). */
async function codeOf(f: () => unknown): Promise<string> {
  try {
    await f();
    return "ok";
  } catch (e) {
    return e instanceof HostError ? e.code : `not a HostError: ${e}`;
  }
}

describe("proxy semantics", () => {
  test("a property is readable only after load() and sync(); the error is PropertyNotLoaded", async () => {
    const host = createHost({ Лист1: [["a"]] });
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Лист1");
      expect(await codeOf(() => ws.name)).toBe("PropertyNotLoaded");
      ws.load("name");
      expect(await codeOf(() => ws.name)).toBe("PropertyNotLoaded"); // loaded values arrive with the sync
      expect(await codeOf(() => ws.visibility)).toBe("PropertyNotLoaded");
      await ctx.sync();
      expect(ws.name).toBe("Лист1");
      expect(await codeOf(() => ws.visibility)).toBe("PropertyNotLoaded"); // only what was asked for
    });
  });

  test("writes and calls are queued and run at sync, in order", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Лист1").getRange("A1:B1");
      r.numberFormat = [["@", "General"]];
      r.values = [["0012", "0012"]];
      expect(host.sheet("Лист1").cell("A1").valueType).toBe("Empty");
      expect(r.values).toEqual([["0012", "0012"]]); // Office keeps a written value on the proxy
      await ctx.sync();
    });
    expect(host.sheet("Лист1").cell("A1")).toMatchObject({ value: "0012", valueType: "String" }); // "@" came first
    expect(host.sheet("Лист1").cell("B1")).toMatchObject({ value: 12, valueType: "Double" });
  });

  test("values as Excel takes them: '=' makes a formula unless the cell is text, null leaves a cell alone", async () => {
    const host = createHost({ Лист1: [["keep", "x"]] });
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Лист1");
      ws.getRange("C1").numberFormat = [["@"]];
      ws.getRange("A1:D1").values = [[null, "", "=1+2", "=1+2"]];
      ws.getRange("A2:B2").values = [["#N/A", "TRUE"]];
    });
    const s = host.sheet("Лист1");
    expect(s.cell("A1").value).toBe("keep");
    expect(s.cell("B1").valueType).toBe("Empty");
    expect(s.cell("C1")).toMatchObject({ value: "=1+2", formula: null, numberFormat: "@" });
    expect(s.cell("D1")).toMatchObject({ formula: "=1+2", valueType: "Error" }); // not calculated: never passes for data
    expect(s.cell("A2")).toMatchObject({ value: "#N/A", valueType: "Error" });
    expect(await codeOf(() => host.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Лист1").getRange("A1:B1").values = [["x"]])))).toBe("InvalidArgument");
  });

  test("getItem of a missing sheet fails the batch at sync; what ran before it stays done", async () => {
    const host = createHost();
    const code = await codeOf(() =>
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Лист1").getRange("A1").values = [["before"]];
        const missing = ctx.workbook.worksheets.getItem("Нет такого"); // no error yet: a proxy
        missing.getRange("A1").values = [["x"]];
        ctx.workbook.worksheets.getItem("Лист1").getRange("A2").values = [["after"]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("ItemNotFound");
    expect(host.sheet("Лист1").values()).toEqual([["before"]]);
  });

  test("getItemOrNullObject and getUsedRangeOrNullObject: isNullObject after sync; a null object reads undefined and ignores calls", async () => {
    const host = createHost({ Данные: [[null, null], [null, 5]], Пусто: [] });
    await host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const none = sheets.getItemOrNullObject("Нет такого");
      const data = sheets.getItemOrNullObject("Данные");
      expect(await codeOf(() => none.isNullObject)).toBe("PropertyNotLoaded");
      const used = sheets.getItem("Данные").getUsedRangeOrNullObject(true);
      used.load("address,rowIndex,columnIndex,rowCount,columnCount");
      const empty = sheets.getItem("Пусто").getUsedRangeOrNullObject(true);
      empty.load("rowCount");
      none.load("name");
      none.delete();
      await ctx.sync();
      expect([none.isNullObject, data.isNullObject, empty.isNullObject]).toEqual([true, false, true]);
      expect(none.name).toBeUndefined();
      expect(used.address).toBe("Данные!B2");
      expect([used.rowIndex, used.columnIndex, used.rowCount, used.columnCount]).toEqual([1, 1, 1, 1]);
    });
  });

  test("collections: items after load, with nested paths such as items/worksheet/name", async () => {
    const host = createHost({ Первый: [["Код", "Имя"], ["A", "Б"]], Второй: [[1]] });
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Второй").visibility = "Hidden";
      ctx.workbook.worksheets.getItem("Первый").tables.add("A1:B2", true).name = "Коды";
      await ctx.sync();
      const sheets = ctx.workbook.worksheets.load("items/name,items/visibility");
      const tables = ctx.workbook.tables.load("items/name,items/worksheet/name");
      expect(await codeOf(() => sheets.items)).toBe("PropertyNotLoaded");
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([["Первый", "Visible"], ["Второй", "Hidden"]]);
      expect(tables.items.map((t) => [t.name, t.worksheet.name])).toEqual([["Коды", "Первый"]]);
      expect(await codeOf(() => tables.items[0].style)).toBe("PropertyNotLoaded");
    });
  });

  test("getCellProperties gives a ClientResult whose value exists only after sync", async () => {
    const host = createHost({ Лист1: [[1, 2]] });
    host.sheet("Лист1").setFill("B1", "#00b0f0");
    await host.run(async (ctx) => {
      const props = ctx.workbook.worksheets.getItem("Лист1").getRange("A1:B1").getCellProperties({ format: { fill: { color: true, pattern: true } } });
      expect(await codeOf(() => props.value)).toBe("ValueNotLoaded");
      await ctx.sync();
      // "No fill" reads as white, as in Excel (office-js #6218); its pattern is null (#4900).
      expect(props.value).toEqual([[{ format: { fill: { color: "#FFFFFF", pattern: null } } }, { format: { fill: { color: "#00B0F0", pattern: "Solid" } } }]]);
    });
  });

  test("enum values are strings, checked at sync", async () => {
    const host = createHost();
    const set = (f: (r: Excel.Range) => void) => host.run(async (ctx) => f(ctx.workbook.worksheets.getItem("Лист1").getRange("A1:B2")));
    expect(await codeOf(() => set((r) => (r.format.verticalAlignment = "Top")))).toBe("ok");
    expect(await codeOf(() => set((r) => (r.format.verticalAlignment = "Middle" as Excel.VerticalAlignment)))).toBe("InvalidArgument");
    expect(await codeOf(() => set((r) => (r.format.borders.getItem("EdgeTop").style = "Solid" as Excel.BorderLineStyle)))).toBe("InvalidArgument");
    // Data validation says GreaterThanOrEqualTo; conditional formats say GreaterThanOrEqual.
    const dv = (operator: string) => set((r) => (r.dataValidation.rule = { wholeNumber: { formula1: 0, operator: operator as Excel.DataValidationOperator } }));
    expect(await codeOf(() => dv("GreaterThanOrEqualTo"))).toBe("ok");
    expect(await codeOf(() => dv("GreaterThanOrEqual"))).toBe("InvalidArgument");
  });

  test("a load of a property the object does not have, or settings of the wrong kind, fail at sync", async () => {
    const host = createHost();
    const range = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Лист1").getRange("A1:A3");
    expect(await codeOf(() => host.run(async (ctx) => void range(ctx).load("value")))).toBe("InvalidArgument"); // "values"
    const wrongKind = () =>
      host.run(async (ctx) => {
        const cf = range(ctx).conditionalFormats.add("DataBar");
        cf.cellValue.rule = { formula1: "=1", operator: "EqualTo" };
      });
    expect(await codeOf(wrongKind)).toBe("InvalidOperation");
    expect(await codeOf(() => host.run(async (ctx) => void range(ctx).conditionalFormats.add("IconSet")))).toBe("NotImplemented");
  });

  test("one read of more than 5 000 000 cells fails on every platform (Excel's cap), e.g. a whole sheet", async () => {
    const desktop = createHost({ Лист1: [[1]] }, { limits: null });
    const load = (address?: string) => desktop.run(async (ctx) => void ctx.workbook.worksheets.getItem("Лист1").getRange(address).load("values"));
    expect(await codeOf(() => load())).toBe("RangeExceedsLimit");
    expect(await codeOf(() => load("A:A"))).toBe("ok"); // a whole column is 1 048 576 cells (over 5 MB on the web)
  });

  test("proxies die with their Excel.run", async () => {
    const host = createHost();
    let kept: Excel.Worksheet | undefined;
    await host.run(async (ctx) => void (kept = ctx.workbook.worksheets.getItem("Лист1")));
    expect(await codeOf(() => kept!.activate())).toBe("InvalidObjectPath");
  });
});

describe("Excel's rules", () => {
  test("sheet names are unique regardless of case; the last visible sheet stays", async () => {
    const host = createHost({ Данные: [[1]] });
    expect(await codeOf(() => host.run(async (ctx) => void ctx.workbook.worksheets.add("данные")))).toBe("ItemAlreadyExists");
    expect(await codeOf(() => host.run(async (ctx) => ctx.workbook.worksheets.getItem("Данные").delete()))).toBe("InvalidOperation");
    expect(await codeOf(() => host.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Данные").visibility = "VeryHidden")))).toBe("InvalidOperation");
  });

  test("a drop-down's source must be on a sheet that exists when the rule is set; sheets move by position", async () => {
    const host = createHost({ Данные: [["x"], [""]] });
    const rule = { list: { inCellDropDown: true, source: "=Справочники!$A$2:$A$3" } };
    expect(await codeOf(() => host.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Данные").getRange("A2").dataValidation.rule = rule)))).toBe("InvalidArgument");
    await host.run(async (ctx) => {
      const lists = ctx.workbook.worksheets.add("Справочники");
      ctx.workbook.worksheets.getItem("Данные").getRange("A2").dataValidation.rule = rule;
      lists.position = 0;
    });
    expect(host.sheetNames()).toEqual(["Справочники", "Данные"]);
    expect(await codeOf(() => host.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Данные").position = 2)))).toBe("InvalidArgument");
  });

  test("a very hidden sheet cannot be deleted until it is made Hidden (office-js #365: by design)", async () => {
    const host = createHost({ Данные: [[1]], Склад: [[2]] });
    await host.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Склад").visibility = "VeryHidden"));
    expect(await codeOf(() => host.run(async (ctx) => ctx.workbook.worksheets.getItem("Склад").delete()))).toBe("InvalidOperation");
    expect(host.sheetNames()).toContain("Склад");
    await host.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Склад");
      s.visibility = "Hidden";
      s.delete();
    });
    expect(host.sheetNames()).not.toContain("Склад");
  });

  test("table names are unique in the workbook, also across sheets (office-js #551), and tables avoid merged cells", async () => {
    const host = createHost({ А: [["x", "y"], [1, 2]], Б: [["x", "y"], [1, 2]] });
    await host.run(async (ctx) => void (ctx.workbook.worksheets.getItem("А").tables.add("A1:B2", true).name = "Т"));
    expect(await codeOf(() => host.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Б").tables.add("A1:B2", true).name = "т")))).toBe("InvalidArgument");
    const merged = createHost({ В: [["x", "y"], [1, 2]] });
    await merged.run(async (ctx) => ctx.workbook.worksheets.getItem("В").getRange("A1:B1").merge(false));
    expect(await codeOf(() => merged.run(async (ctx) => void ctx.workbook.worksheets.getItem("В").tables.add("A1:B2", true)))).toBe("InvalidArgument");
  });

  test("a defined name outlives its sheet as =#REF! and cannot be added again", async () => {
    const host = createHost({ Свод: [["x"]], Другой: [[1]] });
    await host.run(async (ctx) => void ctx.workbook.names.add("Метка", ctx.workbook.worksheets.getItem("Свод").getRange("A1")));
    expect(host.names()).toEqual([{ name: "Метка", formula: "=Свод!$A$1", comment: "" }]);
    await host.run(async (ctx) => ctx.workbook.worksheets.getItem("Свод").delete());
    expect(host.names()[0].formula).toBe("=#REF!$A$1");
    expect(await codeOf(() => host.run(async (ctx) => void ctx.workbook.names.add("МЕТКА", ctx.workbook.worksheets.getItem("Другой").getRange("A1"))))).toBe("ItemAlreadyExists");
  });

  test("a rule on a range whose cells disagree is refused until it is cleared (set the prompt first)", async () => {
    const host = createHost();
    const range = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Лист1").getRange("A1:A4");
    await host.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Лист1").getRange("A2").dataValidation.prompt = { showPrompt: true, title: "", message: "x" }));
    const rule = { list: { inCellDropDown: true, source: "да,нет" } };
    expect(await codeOf(() => host.run(async (ctx) => void (range(ctx).dataValidation.rule = rule)))).toBe("InvalidArgument");
    await host.run(async (ctx) => {
      range(ctx).dataValidation.clear();
      range(ctx).dataValidation.rule = rule;
    });
    expect(host.sheet("Лист1").cell("A4").dataValidation).toEqual({ rule });
  });
});

describe("loading a workbook", () => {
  test("dates become serial numbers with a date format; formula errors become Error values", () => {
    const host = createHost({ Лист: [[new Date(Date.UTC(2021, 5, 30)), { error: "#N/A" }, "текст", 7, true, null]] });
    const s = host.sheet("Лист");
    expect(s.cell("A1")).toMatchObject({ value: 44377, valueType: "Double", numberFormat: "dd.mm.yyyy" });
    expect(s.cell("B1")).toMatchObject({ value: "#N/A", valueType: "Error" });
    expect(s.values()).toEqual([[44377, "#N/A", "текст", 7, true]]);
    expect(host.activeSheet()).toBe("Лист");
  });
});

describe("counters and payload limits", () => {
  test("every sync and every queued operation is counted, with the size of each request and response", async () => {
    const host = createHost({ Лист1: [["a", "b"]] });
    const { stats } = await syncStats(host, () =>
      host.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("Лист1").getRange("A1:B1"); // two paths
        r.load("values"); // load
        await ctx.sync();
        r.format.font.bold = true; // set
        r.select(); // call
      }),
    );
    expect(stats.syncs).toBe(2); // the explicit one and Excel.run's final one for the queued writes
    expect(stats.opsByKind).toEqual({ path: 2, set: 1, call: 1, load: 1 });
    expect(stats.log[0].responseBytes).toBeGreaterThan('[["a","b"]]'.length);
    expect(host.selection()).toEqual({ sheet: "Лист1", address: "A1:B1" });
  });

  test("a request over 5 MB is refused whole, before anything runs", async () => {
    const host = createHost();
    const big = Array.from({ length: 60_000 }, (_, i) => [`Иванов Иван Иванович ${i}`, "Наставляемый", "Ученик – ученик"]);
    const code = await codeOf(() =>
      host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Лист1");
        ws.getRange("E1").values = [["first"]];
        ws.getRangeByIndexes(0, 0, big.length, 3).values = big;
        await ctx.sync();
      }),
    );
    expect(code).toBe("RequestPayloadSizeLimitExceeded");
    expect(host.stats.maxRequestBytes).toBeGreaterThan(5_000_000);
    expect(host.sheet("Лист1").usedAddress()).toBeNull();
    // The same write in two syncs passes; desktop Excel (no limit) takes it in one.
    const desktop = createHost(undefined, { limits: null });
    await desktop.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Лист1").getRangeByIndexes(0, 0, big.length, 3).values = big));
    expect(desktop.sheet("Лист1").usedAddress()).toBe("A1:C60000");
  });

  test("a response over 5 MB fails the sync: writes before it stay, loaded values never arrive", async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => [`Петрова Мария Сергеевна ${i}`, "Наставляемый", "Ученик – ученик"]);
    const host = createHost({ Лист1: rows });
    let range: Excel.Range | undefined;
    const code = await codeOf(() =>
      host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Лист1");
        ws.getRange("E1").values = [["written"]];
        range = ws.getRange("A1:C60000").load("values,valueTypes");
        await ctx.sync();
      }),
    );
    expect(code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(host.sheet("Лист1").cell("E1").value).toBe("written");
    expect(await codeOf(() => range!.values)).toBe("PropertyNotLoaded");
  });
});
