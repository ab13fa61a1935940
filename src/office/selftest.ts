// «Проверить совместимость Excel»: every Excel API the add-in relies on, exercised on temporary sheets
// of its own (written, read back, compared), so a user with an unusual Excel can say in one click what
// works there and what does not. The user's sheets are never touched: everything happens on sheets
// named «ЦМН проверка NNNN…» that did not exist before, and those are removed at the end — also when a
// step fails. Each step runs in an Excel.run of its own, so one failing call cannot spoil the next.
import { ruleOf } from "./template";
import type { ExcelRun } from "./run";

export interface SelfTestStep {
  readonly id: string;
  /** What was checked, in Russian. */
  readonly title: string;
  readonly ok: boolean;
  /** What went wrong (Russian), or a remark on what could not be read back; "" when all is fine. */
  readonly detail: string;
}

export interface SelfTestReport {
  readonly steps: readonly SelfTestStep[];
  readonly passed: number;
  readonly total: number;
  /** Office.context.diagnostics, as the caller passed them. */
  readonly version: string | null;
  readonly platform: string | null;
  readonly host: string | null;
  /** The highest ExcelApi 1.x the host reports (probed up to 1.20), or null when it cannot tell. */
  readonly highestExcelApi: string | null;
  /** The temporary sheet's name. */
  readonly sheet: string;
  /** Temporary sheets or names that could not be removed (empty when cleaning up worked). */
  readonly leftovers: readonly string[];
}

export interface SelfTestInfo {
  readonly version?: string;
  readonly platform?: string;
  readonly host?: string;
  /** `Office.context.requirements.isSetSupported`, passed in so that it can be tested. */
  readonly isSetSupported?: (name: string, version: string) => boolean;
}

export interface SelfTestOptions {
  /** For the temporary names; Math.random by default. */
  readonly random?: () => number;
}

/** The ExcelApi sets the add-in needs, and what for (the manifest asks for the highest). */
export const REQUIRED_EXCEL_API: readonly { readonly version: string; readonly needed: string }[] = [
  { version: "1.1", needed: "листы, значения, заливка, таблицы, диаграммы" },
  { version: "1.2", needed: "объединение ячеек, ширина столбцов" },
  { version: "1.3", needed: "кнопки фильтра таблиц" },
  { version: "1.4", needed: "имена, поиск листа без ошибки" },
  { version: "1.6", needed: "условное форматирование" },
  { version: "1.7", needed: "диапазоны по индексам, закрепление строк, ряды диаграмм" },
  { version: "1.8", needed: "проверка данных (раскрывающиеся списки)" },
  { version: "1.9", needed: "чтение свойств ячеек, параметры страницы" },
];

/** «Работает: 18 из 19». */
export function selfTestSummary(r: Pick<SelfTestReport, "passed" | "total">): string {
  return `Работает: ${r.passed} из ${r.total}`;
}

const PLATFORMS: Record<string, string> = {
  PC: "Windows",
  Mac: "Mac",
  OfficeOnline: "Excel в Интернете",
  iOS: "iPad или iPhone",
  Android: "Android",
  Universal: "Windows (универсальное приложение)",
};

/** «Excel 16.0.17928.20114, Windows» — what the report says about the Excel it ran in. */
export function excelLine(r: Pick<SelfTestReport, "version" | "platform" | "highestExcelApi">): string {
  const version = r.version ? `Excel ${r.version}` : "Версия Excel неизвестна";
  const platform = r.platform ? PLATFORMS[r.platform] ?? r.platform : "платформа неизвестна";
  const api = r.highestExcelApi ? `, ExcelApi до ${r.highestExcelApi}` : "";
  return `${version}, ${platform}${api}`;
}

// ---------------------------------------------------------------------------------------------------

/** A value as the detail text shows it: texts in «ёлочках», numbers with a decimal comma. */
function show(v: unknown): string {
  if (typeof v === "string") return `«${v}»`;
  if (typeof v === "number") return String(v).replace(".", ",");
  if (v === undefined) return "ничего";
  if (v === null) return "пусто";
  return JSON.stringify(v);
}

/** One Russian sentence for an error Excel (or the test host) raised. */
export function describeError(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown; debugInfo?: { errorLocation?: unknown } };
  const message = typeof err?.message === "string" ? err.message : String(e);
  if (typeof err?.code === "string") {
    const where = typeof err.debugInfo?.errorLocation === "string" && err.debugInfo.errorLocation ? `, место: ${err.debugInfo.errorLocation}` : "";
    return `Excel ответил ошибкой ${err.code}${where}. Сообщение Excel: ${message}`;
  }
  return `Ошибка: ${message}`;
}

/** Collects mismatches between what was written and what Excel read back. */
class Checks {
  readonly problems: string[] = [];
  readonly notes: string[] = [];

  equal(what: string, got: unknown, want: unknown): void {
    if (JSON.stringify(got) !== JSON.stringify(want)) this.problems.push(`${what}: записано ${show(want)}, прочитано ${show(got)}.`);
  }

  /** Colours compare without case: Excel answers "#FFC7CE", a host may keep what it was given. */
  color(what: string, got: unknown, want: string): void {
    if (typeof got !== "string" || got.toUpperCase() !== want.toUpperCase()) this.problems.push(`${what}: записан цвет ${want}, прочитан ${show(got)}.`);
  }

  near(what: string, got: unknown, want: number, tolerance: number): void {
    if (typeof got !== "number" || Math.abs(got - want) > tolerance) this.problems.push(`${what}: записано ${show(want)}, прочитано ${show(got)}.`);
  }

  that(ok: boolean, problem: string): void {
    if (!ok) this.problems.push(problem);
  }

  /** A read-back this Excel (or the test host) does not offer: said, not counted as a failure. */
  note(text: string): void {
    this.notes.push(text);
  }
}

/** A method the proxy object may lack (the test host implements only what the add-in calls). */
function has<T extends object>(obj: T, method: string): boolean {
  return typeof (obj as Record<string, unknown>)[method] === "function";
}

/** "'ЦМН проверка 1234 списки'!$A$1:$A$3" and "=ЦМН проверка…!A1:A3" compare equal. */
function plainRef(ref: unknown): string {
  return String(ref ?? "").replace(/^=/, "").replace(/\$/g, "").replace(/'/g, "").toLowerCase();
}

interface Names {
  readonly initial: string;
  readonly main: string;
  readonly lists: string;
  readonly name: string;
  readonly table: string;
}

const NOT_RUN = "Не проверено: временный лист не удалось создать (см. шаг «Новый лист»).";

export async function runSelfTest(run: ExcelRun, info: SelfTestInfo = {}, options: SelfTestOptions = {}): Promise<SelfTestReport> {
  const random = options.random ?? Math.random;
  const steps: SelfTestStep[] = [];
  const record = (id: string, title: string, ok: boolean, detail: string) => steps.push({ id, title, ok, detail });

  /** Runs one step in its own Excel.run; a thrown error or a mismatch fails only this step. */
  const step = async (id: string, title: string, body: (ctx: Excel.RequestContext, c: Checks) => Promise<void>): Promise<boolean> => {
    const c = new Checks();
    try {
      await run((ctx) => body(ctx, c));
    } catch (e) {
      c.problems.push(describeError(e));
    }
    const ok = c.problems.length === 0;
    record(id, title, ok, [...c.problems, ...c.notes].join(" "));
    return ok;
  };

  // 1. Requirement sets: no Excel call at all.
  const supported = info.isSetSupported;
  let highest: string | null = null;
  if (!supported) {
    record("requirements", "Наборы функций Excel (ExcelApi 1.1–1.9)", false, "Office не сообщил, какие наборы функций поддерживаются (Office.context.requirements недоступен).");
  } else {
    const ask = (v: string) => {
      try {
        return supported("ExcelApi", v) === true;
      } catch {
        return false;
      }
    };
    for (let minor = 1; minor <= 20; minor++) if (ask(`1.${minor}`)) highest = `1.${minor}`;
    const missing = REQUIRED_EXCEL_API.filter((s) => !ask(s.version));
    record(
      "requirements",
      "Наборы функций Excel (ExcelApi 1.1–1.9)",
      missing.length === 0,
      missing.map((s) => `Не поддерживается ExcelApi ${s.version} (${s.needed}).`).join(" "),
    );
  }

  // Unique names: a number no sheet or name of the workbook starts with.
  let names: Names | null = null;
  let original: { sheet: string | null; selection: string | null } = { sheet: null, selection: null };
  const created = new Set<string>();
  const sheetAdded = await step("sheet-add", "Новый лист: добавление и переименование", async (ctx, c) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name");
    const defined = ctx.workbook.names;
    defined.load("items/name");
    const tables = ctx.workbook.tables;
    tables.load("items/name");
    const active = sheets.getActiveWorksheet();
    active.load("name");
    await ctx.sync();
    original = { sheet: active.name, selection: null };
    if (has(ctx.workbook, "getSelectedRange")) {
      // The selection may be a chart or a shape: then there is no range to go back to, and that is fine.
      try {
        const sel = ctx.workbook.getSelectedRange();
        sel.load("address");
        await ctx.sync();
        original = { ...original, selection: sel.address };
      } catch {
        /* nothing selected as a range */
      }
    }
    const taken = [...sheets.items.map((s) => s.name), ...defined.items.map((n) => n.name), ...tables.items.map((t) => t.name)].map((n) => n.toLowerCase());
    let n = 0;
    for (let attempt = 0; attempt < 50; attempt++) {
      const candidate = 1000 + Math.floor(random() * 9000);
      if (!taken.some((t) => t.startsWith(`цмн проверка ${candidate}`) || t.includes(`_${candidate}`))) {
        n = candidate;
        break;
      }
    }
    if (n === 0) throw new Error("Не нашлось свободного имени для временного листа.");
    const base = `ЦМН проверка ${n}`;
    names = { initial: `${base} (новый)`, main: base, lists: `${base} списки`, name: `ЦМН_проверка_${n}`, table: `ЦМН_таблица_${n}` };
    const ws = sheets.add(names.initial);
    created.add(names.initial);
    ws.load("name");
    await ctx.sync();
    c.equal("Имя нового листа", ws.name, names.initial);
    ws.name = names.main;
    created.add(names.main);
    const lists = sheets.add(names.lists);
    created.add(names.lists);
    lists.load("name");
    await ctx.sync();
    const again = sheets.getItem(names.main);
    again.load("name");
    await ctx.sync();
    c.equal("Имя после переименования", again.name, names.main);
    c.equal("Имя второго листа", lists.name, names.lists);
  });

  const n = names as Names | null;
  const later: [string, string, (ctx: Excel.RequestContext, c: Checks, n: Names) => Promise<void>][] = [
    ["sheet-position", "Порядок листов", sheetPosition],
    ["values", "Значения и типы значений", values],
    ["number-format", "Числовые форматы", numberFormats],
    ["date-system", "Даты: система дат книги (1900 или 1904)", dateSystem],
    ["formula", "Строка с «=» в обычной ячейке становится формулой", formulas],
    ["text-format", "Текстовый формат «@»: «=1+1» и «007» остаются текстом", textFormat],
    ["fill", "Заливка и чтение свойств ячеек", fills],
    ["font-border", "Шрифт, границы, размеры и перенос", fontsAndBorders],
    ["merge", "Объединение ячеек", merge],
    ["validation-list", "Раскрывающийся список из диапазона на другом листе", validationList],
    ["validation-rules", "Проверка даты и целого числа", validationRules],
    ["conditional", "Условное форматирование: гистограмма и значение ячейки", conditional],
    ["table", "Таблица Excel", table],
    ["name", "Имя диапазона", definedName],
    ["freeze", "Закрепление строк", freeze],
    ["page-layout", "Параметры страницы и печать заголовков", pageLayout],
    ["chart", "Диаграмма", chart],
    ["selection", "Переход к ячейке", selection],
    ["visibility", "Скрытые листы: скрытый, очень скрытый → скрытый", visibility],
  ];
  for (const [id, title, body] of later) {
    if (!sheetAdded || !n) record(id, title, false, NOT_RUN);
    else await step(id, title, (ctx, c) => body(ctx, c, n));
  }

  // Last: remove what was made, whatever happened above, and go back to the user's sheet.
  const leftovers: string[] = [];
  const cleanupTitle = "Временные листы удалены";
  if (created.size === 0) {
    record("cleanup", cleanupTitle, sheetAdded, sheetAdded ? "" : "Временные листы не создавались.");
  } else {
    const ours = [...created];
    const definedNames = n ? [n.name] : [];
    const attempt = () => cleanup(run, ours, definedNames, original);
    let problem = "";
    try {
      await attempt();
    } catch (e) {
      problem = describeError(e);
      try {
        await attempt(); // once more: a sync can fail for reasons of the moment
        problem = "";
      } catch {
        /* reported below */
      }
    }
    try {
      leftovers.push(...(await remaining(run, ours, definedNames)));
    } catch (e) {
      problem ||= describeError(e);
    }
    const ok = leftovers.length === 0 && problem === "";
    const detail = ok
      ? ""
      : [problem, leftovers.length ? `Удалите вручную: ${leftovers.map((x) => `«${x}»`).join(", ")} (лист — правой кнопкой по ярлычку → «Удалить»; имя — «Формулы» → «Диспетчер имён»).` : ""]
          .filter(Boolean)
          .join(" ");
    record("cleanup", cleanupTitle, ok, detail);
  }

  const passed = steps.filter((s) => s.ok).length;
  return {
    steps,
    passed,
    total: steps.length,
    version: info.version ?? null,
    platform: info.platform ?? null,
    host: info.host ?? null,
    highestExcelApi: highest,
    sheet: n?.main ?? "",
    leftovers,
  };
}

/** Goes back to the user's sheet, deletes our defined name and our sheets (a very hidden one made Hidden first). */
async function cleanup(run: ExcelRun, sheets: readonly string[], names: readonly string[], original: { sheet: string | null; selection: string | null }): Promise<void> {
  await run(async (ctx) => {
    const home = original.sheet ? ctx.workbook.worksheets.getItemOrNullObject(original.sheet) : null;
    home?.load("visibility");
    const found = sheets.map((name) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
      ws.load("visibility");
      return ws;
    });
    const defined = names.map((name) => ctx.workbook.names.getItemOrNullObject(name));
    await ctx.sync();
    // First the user's sheet: deleting the active temporary sheet would otherwise land on a neighbour.
    const goHome = home !== null && !home.isNullObject && home.visibility === "Visible";
    if (goHome) home.activate();
    for (const d of defined) if (!d.isNullObject) d.delete();
    for (const ws of found) {
      if (ws.isNullObject) continue;
      // Excel refuses to delete a very hidden sheet (office-js issue #365): Hidden first, in the same batch.
      if (ws.visibility === "VeryHidden") ws.visibility = "Hidden";
      ws.delete();
    }
    await ctx.sync();
    // Then the user's selection on it, in a request of its own: if that fails, the sheets are gone anyway.
    if (goHome && original.selection) {
      try {
        home.getRange(original.selection.replace(/^.*!/, "")).select();
        await ctx.sync();
      } catch {
        /* an address the sheet no longer has: being back on the sheet is enough */
      }
    }
  });
}

/** Which of our sheets and names are still in the workbook. */
async function remaining(run: ExcelRun, sheets: readonly string[], names: readonly string[]): Promise<string[]> {
  return run(async (ctx) => {
    const ws = ctx.workbook.worksheets;
    ws.load("items/name");
    const defined = ctx.workbook.names;
    defined.load("items/name");
    await ctx.sync();
    const present = new Set([...ws.items.map((s) => s.name.toLowerCase()), ...defined.items.map((d) => d.name.toLowerCase())]);
    return [...sheets, ...names].filter((x) => present.has(x.toLowerCase()));
  });
}

// --- the steps -----------------------------------------------------------------------------------

const sheetOf = (ctx: Excel.RequestContext, name: string) => ctx.workbook.worksheets.getItem(name);

async function sheetPosition(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const main = sheetOf(ctx, n.main);
  const lists = sheetOf(ctx, n.lists);
  main.load("position");
  lists.load("position");
  await ctx.sync();
  const start = main.position;
  c.equal("Позиция второго временного листа", lists.position, start + 1);
  // Swap the two temporary sheets only: the user's sheets keep their order.
  lists.position = start;
  main.load("position");
  lists.load("position");
  await ctx.sync();
  c.equal("Позиция после перемещения", [lists.position, main.position], [start, start + 1]);
}

async function values(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const r = sheetOf(ctx, n.main).getRange("A1:D1");
  const written = [["Наставник", 42, 3.5, true]];
  r.values = written;
  r.load("values,valueTypes");
  await ctx.sync();
  c.equal("Значения A1:D1", r.values, written);
  c.equal("Типы значений A1:D1", r.valueTypes, [["String", "Double", "Double", "Boolean"]]);
}

async function numberFormats(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const r = sheetOf(ctx, n.main).getRangeByIndexes(2, 0, 1, 3); // A3:C3
  const formats = [["0.00", "dd.mm.yyyy", "0%"]];
  r.numberFormat = formats;
  r.values = [[3.5, 44377, 0.35]];
  r.load("numberFormat,values");
  await ctx.sync();
  c.equal("Форматы A3:C3", r.numberFormat, formats);
  c.equal("Значения под форматами", r.values, [[3.5, 44377, 0.35]]);
}

async function dateSystem(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  // The add-in learns the date system from DATE(1904; 1; 2) (src/office/read.ts): a date written as ISO
  // text must land on the serial DATE gives for the same day, and DATE(1904; 1; 2) be 1 or 1463.
  const r = sheetOf(ctx, n.main).getRange("A30");
  r.values = [["2021-02-01"]];
  r.load("values");
  const day = ctx.workbook.functions.date(2021, 2, 1).load("value");
  const epoch = ctx.workbook.functions.date(1904, 1, 2).load("value");
  await ctx.sync();
  c.equal("Дата 01.02.2021 в ячейке и по функции ДАТА", r.values, [[day.value]]);
  c.that(epoch.value === 1 || epoch.value === 1463, `ДАТА(1904; 1; 2) вернула ${show(epoch.value)}, а не 1 или 1463: систему дат книги определить нельзя.`);
  if (epoch.value === 1) c.note("Книга в системе дат 1904: надстройка учитывает это при чтении дат.");
}

async function formulas(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  // What the add-in guards against: a text starting with "=" in a General cell turns into a formula.
  const r = sheetOf(ctx, n.main).getRange("A5");
  r.values = [["=1+1"]];
  r.load("formulas,valueTypes");
  await ctx.sync();
  c.equal("Формула A5", r.formulas, [["=1+1"]]);
  c.that(r.valueTypes[0][0] !== "String", "«=1+1» в обычной ячейке осталось текстом: Excel повёл себя не так, как ожидает надстройка.");
}

async function textFormat(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const r = sheetOf(ctx, n.main).getRange("A7:E7");
  const texts = [["=1+1", "007", "2021-09-01", "+7 900 000-00-00", "50%"]];
  r.numberFormat = [["@", "@", "@", "@", "@"]]; // the format first, as the add-in always does
  r.values = texts;
  r.load("values,valueTypes,numberFormat");
  await ctx.sync();
  c.equal("Тексты A7:E7", r.values, texts);
  c.equal("Типы значений A7:E7", r.valueTypes, [["String", "String", "String", "String", "String"]]);
  c.equal("Формат A7:E7", r.numberFormat, [["@", "@", "@", "@", "@"]]);
}

async function fills(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  ws.getRange("F1").format.fill.color = "#FFC7CE";
  // Excel reads "no fill" as white, like a white fill; only tintAndShade tells them apart: null for no
  // fill, a number for any fill (office-js #4900, #6218). The highlights rely on exactly that.
  const spec = { format: { fill: { color: true, tintAndShade: true } } };
  const first = ws.getRange("F1:G1").getCellProperties(spec);
  await ctx.sync();
  const [f1, g1] = first.value[0];
  c.color("Заливка F1", f1.format?.fill?.color, "#FFC7CE");
  c.that(typeof f1.format?.fill?.tintAndShade === "number", `Оттенок заливки F1: ожидалось число, прочитано ${show(f1.format?.fill?.tintAndShade)}.`);
  c.equal("Оттенок ячейки без заливки G1", g1.format?.fill?.tintAndShade ?? null, null);
  ws.getRange("F1").format.fill.clear();
  const second = ws.getRange("F1").getCellProperties(spec);
  await ctx.sync();
  c.equal("Оттенок F1 после снятия заливки", second.value[0][0].format?.fill?.tintAndShade ?? null, null);
}

async function fontsAndBorders(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  const r = ws.getRange("F3:G4");
  r.values = [["Свод", "2021"], ["Итого", "1256"]];
  const f = r.format;
  f.font.name = "Calibri";
  f.font.size = 10;
  f.font.bold = true;
  f.font.italic = true;
  f.font.color = "#1F4E79";
  f.wrapText = true;
  f.verticalAlignment = "Top";
  f.columnWidth = 70;
  f.rowHeight = 30;
  for (const edge of ["EdgeBottom", "InsideVertical"] as const) {
    const b = f.borders.getItem(edge);
    b.style = "Continuous";
    b.color = "#BFBFBF";
  }
  f.font.load("name,size,bold,italic,color");
  f.load("wrapText,verticalAlignment,columnWidth,rowHeight");
  const bottom = f.borders.getItem("EdgeBottom");
  bottom.load("style,color");
  await ctx.sync();
  c.equal("Шрифт", [f.font.name, f.font.size, f.font.bold, f.font.italic], ["Calibri", 10, true, true]);
  c.color("Цвет шрифта", f.font.color, "#1F4E79");
  c.equal("Перенос и выравнивание", [f.wrapText, f.verticalAlignment], [true, "Top"]);
  // Excel rounds widths and heights to what the screen can show: a little off is fine.
  c.near("Ширина столбцов, пт", f.columnWidth, 70, 3);
  c.near("Высота строк, пт", f.rowHeight, 30, 1.5);
  c.equal("Нижняя граница", bottom.style, "Continuous");
  c.color("Цвет нижней границы", bottom.color, "#BFBFBF");
}

async function merge(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  const r = ws.getRange("F6:H6");
  r.values = [["Заголовок раздела", "", ""]]; // only the upper-left cell holds a value, as in the report
  r.merge(false);
  r.load("values");
  await ctx.sync();
  c.equal("Значение объединённых ячеек", r.values[0][0], "Заголовок раздела");
  r.unmerge();
  r.merge(true); // across: one merged area per row, as the report's wide rows use
  await ctx.sync();
  c.note("Объединение проверено отсутствием ошибок: прочитать объединённые области можно только с ExcelApi 1.13.");
}

async function validationList(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const lists = sheetOf(ctx, n.lists);
  lists.getRange("A1:A3").values = [["Наставник"], ["Наставляемый"], ["Куратор"]];
  await ctx.sync(); // the source exists before the rule names it, as in the template
  const source = `'${n.lists}'!$A$1:$A$3`;
  const dv = sheetOf(ctx, n.main).getRange("A10:A12").dataValidation;
  dv.clear();
  dv.prompt = { showPrompt: true, title: "Подсказка", message: "Выберите роль из списка" };
  dv.errorAlert = { showAlert: true, style: "Stop", title: "Неверное значение", message: "Выберите роль из списка" };
  dv.rule = ruleOf({ kind: "list", source, prompt: "Выберите роль из списка" });
  dv.load("type,rule,prompt");
  await ctx.sync();
  c.equal("Тип проверки A10:A12", dv.type, "List");
  c.equal("Источник списка", plainRef(dv.rule.list?.source), plainRef(source));
  c.equal("Подсказка", dv.prompt.message, "Выберите роль из списка");
}

async function validationRules(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  const date = ws.getRange("B10:B12").dataValidation;
  const whole = ws.getRange("C10:C12").dataValidation;
  for (const [dv, rule] of [
    [date, ruleOf({ kind: "date", prompt: "Дата в формате ДД.ММ.ГГГГ" })],
    [whole, ruleOf({ kind: "whole", min: 0, prompt: "Целое число не меньше 0" })],
  ] as const) {
    dv.clear();
    dv.prompt = { showPrompt: true, title: "Подсказка", message: "Проверка надстройки" };
    dv.rule = rule;
    dv.load("type,rule");
  }
  await ctx.sync();
  c.equal("Тип проверки B10:B12", date.type, "Date");
  c.equal("Условие даты", date.rule.date?.operator, "Between");
  c.equal("Тип проверки C10:C12", whole.type, "WholeNumber");
  c.equal("Условие числа", whole.rule.wholeNumber?.operator, "GreaterThanOrEqualTo");
  c.equal("Нижняя граница числа", String(whole.rule.wholeNumber?.formula1 ?? "").replace(/^=/, ""), "0");
}

async function conditional(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  const shares = ws.getRange("A15:A18");
  shares.values = [[0.2], [0.5], [0.8], [1]];
  const states = ws.getRange("B15:B18");
  states.numberFormat = [["@"], ["@"], ["@"], ["@"]];
  states.values = [["отстаёт"], ["в графике"], ["выполнен"], ["отстаёт"]];
  const bar = shares.conditionalFormats.add("DataBar");
  bar.dataBar.barDirection = "LeftToRight";
  bar.dataBar.lowerBoundRule = { type: "Number", formula: "0" };
  bar.dataBar.upperBoundRule = { type: "Number", formula: "1" };
  bar.dataBar.positiveFormat.fillColor = "#5B9BD5";
  const cell = states.conditionalFormats.add("CellValue");
  cell.cellValue.rule = { formula1: '="отстаёт"', operator: "EqualTo" };
  cell.cellValue.format.fill.color = "#F8CBAD";
  cell.cellValue.format.font.color = "#9C0006";
  await ctx.sync();
  const onShares = shares.conditionalFormats;
  onShares.load("items/type");
  const onStates = states.conditionalFormats;
  onStates.load("items/type");
  cell.cellValue.load("rule");
  bar.dataBar.load("barDirection");
  await ctx.sync();
  c.equal("Условные форматы A15:A18", onShares.items.map((f) => f.type), ["DataBar"]);
  c.equal("Условные форматы B15:B18", onStates.items.map((f) => f.type), ["CellValue"]);
  c.equal("Направление гистограммы", bar.dataBar.barDirection, "LeftToRight");
  c.equal("Условие по значению", cell.cellValue.rule.operator, "EqualTo");
}

async function table(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  ws.getRange("D15:E18").values = [["Организация", "Охвачено"], ["ДШИ", 12], ["ДЮСШ", 30], ["ЦДТ", 7]];
  const t = ws.tables.add("D15:E18", true);
  t.name = n.table;
  t.style = "TableStyleLight9";
  t.showFilterButton = false;
  t.load("name,style,showFilterButton");
  const onSheet = ws.tables;
  onSheet.load("items/name");
  await ctx.sync();
  c.equal("Таблица", [t.name, t.style, t.showFilterButton], [n.table, "TableStyleLight9", false]);
  c.equal("Таблицы временного листа", onSheet.items.map((x) => x.name), [n.table]);
}

async function definedName(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  ctx.workbook.names.add(n.name, ws.getRange("A20"), "Проверка надстройки «Мониторинг наставничества»");
  const item = ctx.workbook.names.getItem(n.name);
  item.load("name,formula,type");
  await ctx.sync();
  c.equal("Имя", item.name, n.name);
  c.equal("Ссылка имени", plainRef(item.formula), plainRef(`'${n.main}'!$A$20`));
  c.equal("Тип имени", item.type, "Range");
  item.delete();
  const gone = ctx.workbook.names.getItemOrNullObject(n.name);
  await ctx.sync();
  c.that(gone.isNullObject, "Имя не удалилось.");
}

async function freeze(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  ws.freezePanes.freezeRows(1);
  await ctx.sync();
  if (has(ws.freezePanes, "getLocationOrNullObject")) {
    const where = ws.freezePanes.getLocationOrNullObject();
    where.load("address");
    await ctx.sync();
    c.that(!where.isNullObject && /!?\$?1:\$?1$/.test(where.address), `Закреплено не то: ${where.isNullObject ? "ничего" : show(where.address)} вместо строки 1.`);
  } else {
    c.note("Закрепление выполнено без ошибок; прочитать его обратно здесь нельзя.");
  }
}

async function pageLayout(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  const layout = ws.pageLayout;
  layout.orientation = "Landscape";
  layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  layout.setPrintTitleRows("$1:$2");
  layout.load("orientation,zoom");
  await ctx.sync();
  c.equal("Ориентация", layout.orientation, "Landscape");
  c.equal("Страниц по ширине", layout.zoom.horizontalFitToPages, 1);
  if (has(layout, "getPrintTitleRowsOrNullObject")) {
    const rows = layout.getPrintTitleRowsOrNullObject();
    rows.load("address");
    await ctx.sync();
    c.that(!rows.isNullObject && /\$?1:\$?2$/.test(rows.address), `Печатаемые заголовки: ${rows.isNullObject ? "не заданы" : show(rows.address)} вместо строк 1–2.`);
  } else {
    c.note("Печать заголовков задана без ошибок; прочитать её обратно здесь нельзя.");
  }
}

async function chart(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  ws.getRange("A22:C25").values = [["Организация", "План", "Охвачено"], ["ДШИ", 20, 12], ["ДЮСШ", 35, 30], ["ЦДТ", 10, 7]];
  const ch = ws.charts.add("ColumnClustered", ws.getRange("B23:B25"), "Columns");
  ch.title.text = "План и охват";
  ch.series.getItemAt(0).delete();
  for (const [name, col] of [["План", "B"], ["Охвачено", "C"]] as const) {
    const s = ch.series.add(name);
    s.setValues(ws.getRange(`${col}23:${col}25`));
    s.setXAxisValues(ws.getRange("A23:A25"));
  }
  ch.legend.position = "Bottom";
  ch.setPosition("E22", "K36");
  ch.title.load("text");
  ch.series.load("count");
  ch.legend.load("position");
  const all = ws.charts;
  all.load("items/name");
  await ctx.sync();
  c.equal("Диаграмм на листе", all.items.length, 1);
  c.equal("Заголовок диаграммы", ch.title.text, "План и охват");
  c.equal("Рядов данных", ch.series.count, 2);
  c.equal("Легенда", ch.legend.position, "Bottom");
}

async function selection(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const ws = sheetOf(ctx, n.main);
  ws.activate();
  ws.getRange("B2").select();
  const active = ctx.workbook.worksheets.getActiveWorksheet();
  active.load("name");
  await ctx.sync();
  c.equal("Активный лист", active.name, n.main);
  if (has(ctx.workbook, "getSelectedRange")) {
    const sel = ctx.workbook.getSelectedRange();
    sel.load("address");
    await ctx.sync();
    c.that(/!\$?B\$?2$/.test(sel.address), `Выделено ${show(sel.address)} вместо B2.`);
  } else {
    c.note("Лист открыт; какую ячейку выделил Excel, здесь прочитать нельзя.");
  }
}

async function visibility(ctx: Excel.RequestContext, c: Checks, n: Names): Promise<void> {
  const main = sheetOf(ctx, n.main);
  const lists = sheetOf(ctx, n.lists);
  main.visibility = "Hidden";
  main.load("visibility");
  await ctx.sync();
  c.equal("Видимость основного временного листа", main.visibility, "Hidden");
  main.visibility = "Visible";
  lists.visibility = "VeryHidden"; // how the add-in keeps its highlight store
  main.load("visibility");
  lists.load("visibility");
  await ctx.sync();
  c.equal("Видимость после показа", main.visibility, "Visible");
  c.equal("Видимость листа списков", lists.visibility, "VeryHidden");
  lists.visibility = "Hidden"; // a very hidden sheet cannot be deleted; the clean-up deletes this one
  lists.load("visibility");
  await ctx.sync();
  c.equal("Видимость перед удалением", lists.visibility, "Hidden");
}

/** The report as plain text, for a user to copy into a message to whoever supports the add-in. */
export function selfTestText(r: SelfTestReport): string {
  const lines = [`Проверка совместимости Excel — ${selfTestSummary(r)}`, excelLine(r), ""];
  for (const s of r.steps) lines.push(`${s.ok ? "✓" : "✗"} ${s.title}${s.detail ? ` — ${s.detail}` : ""}`);
  return lines.join("\n");
}
