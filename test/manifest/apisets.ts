// Which ExcelApi requirement sets the add-in's code needs, found two independent ways:
//
// 1. CALL_TABLE: a fixed list of the calls that decide the minimum, each with its set as Microsoft
//    documents it, matched by text in src/office/**/*.ts. Easy to read and to extend by hand.
// 2. typedApiUses(): the TypeScript checker resolves every property, method and load("…") path the
//    add-in code touches to its declaration in @types/office-js, whose doc comment names the set
//    ("[Api set: ExcelApi 1.9]"). It sees what a text search cannot (which class a method is on,
//    whether a property is read or written) and needs no list to be kept up to date.
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(__dirname, "../..");

/** Sets written as "1.9" compare as numbers of their parts. */
export function compareSets(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || an - bn;
}

export function maxSet(sets: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const s of sets) if (best === undefined || compareSets(s, best) > 0) best = s;
  return best;
}

export interface TableEntry {
  /** What the code calls, as it appears in the source. */
  readonly call: string;
  readonly pattern: RegExp;
  /** The members of @types/office-js it stands for, to cross-check the set. */
  readonly members: readonly string[];
  /** The ExcelApi set that introduced it. */
  readonly set: string;
}

// Sets as given in Microsoft's Excel API reference (learn.microsoft.com/javascript/api/excel) and in
// the doc comments of @types/office-js; requirements.test.ts cross-checks each found entry against
// the typings. Only names that are unambiguous in the adapter's code are listed.
export const CALL_TABLE: readonly TableEntry[] = [
  { call: "range.getCellProperties", pattern: /\.getCellProperties\(/, members: ["getCellProperties"], set: "1.9" },
  { call: "range.setCellProperties", pattern: /\.setCellProperties\(/, members: ["setCellProperties"], set: "1.9" },
  { call: "range.getRowProperties / setRowProperties", pattern: /\.(get|set)RowProperties\(/, members: ["getRowProperties", "setRowProperties"], set: "1.9" },
  { call: "range.getColumnProperties / setColumnProperties", pattern: /\.(get|set)ColumnProperties\(/, members: ["getColumnProperties", "setColumnProperties"], set: "1.9" },
  { call: "range.dataValidation", pattern: /\.dataValidation\b/, members: ["dataValidation"], set: "1.8" },
  { call: "dataValidation.getInvalidCells", pattern: /\.getInvalidCells(OrNullObject)?\(/, members: ["getInvalidCells", "getInvalidCellsOrNullObject"], set: "1.9" },
  { call: "range.conditionalFormats", pattern: /\.conditionalFormats\b/, members: ["conditionalFormats"], set: "1.6" },
  { call: "worksheet.getRangeByIndexes", pattern: /\.getRangeByIndexes\(/, members: ["getRangeByIndexes"], set: "1.7" },
  { call: "pageLayout.setPrintTitleRows", pattern: /\.setPrintTitleRows\(/, members: ["setPrintTitleRows"], set: "1.9" },
  { call: "pageLayout.setPrintArea", pattern: /\.setPrintArea\(/, members: ["setPrintArea"], set: "1.9" },
  { call: "worksheet.pageLayout", pattern: /\.pageLayout\b/, members: ["pageLayout"], set: "1.9" },
  { call: "worksheet.getUsedRangeOrNullObject", pattern: /\.getUsedRangeOrNullObject\(/, members: ["getUsedRangeOrNullObject"], set: "1.4" },
  { call: "workbook.names.add", pattern: /\.names\.add\(/, members: ["add"], set: "1.4" },
  { call: "worksheet.freezePanes", pattern: /\.freezePanes\b/, members: ["freezePanes"], set: "1.7" },
  { call: "application.suspendScreenUpdatingUntilNextSync", pattern: /\.suspendScreenUpdatingUntilNextSync\(/, members: ["suspendScreenUpdatingUntilNextSync"], set: "1.9" },
  { call: "application.suspendApiCalculationUntilNextSync", pattern: /\.suspendApiCalculationUntilNextSync\(/, members: ["suspendApiCalculationUntilNextSync"], set: "1.6" },
  { call: "chartSeries.setValues", pattern: /\.setValues\(/, members: ["setValues"], set: "1.7" },
  { call: "chartSeries.setXAxisValues", pattern: /\.setXAxisValues\(/, members: ["setXAxisValues"], set: "1.7" },
  { call: "range.merge", pattern: /\.merge\(/, members: ["merge"], set: "1.2" },
  { call: "format.columnWidth / rowHeight", pattern: /\.(columnWidth|rowHeight)\b/, members: ["columnWidth", "rowHeight"], set: "1.2" },
  { call: "table.showFilterButton", pattern: /\.showFilterButton\b/, members: ["showFilterButton"], set: "1.3" },
  { call: "worksheet.showGridlines", pattern: /\.showGridlines\b/, members: ["showGridlines"], set: "1.8" },
  { call: "worksheet.tabColor", pattern: /\.tabColor\b/, members: ["tabColor"], set: "1.7" },
  { call: "range.getSpecialCells", pattern: /\.getSpecialCells(OrNullObject)?\(/, members: ["getSpecialCells", "getSpecialCellsOrNullObject"], set: "1.9" },
  { call: "range.getMergedAreasOrNullObject", pattern: /\.getMergedAreasOrNullObject\(/, members: ["getMergedAreasOrNullObject"], set: "1.13" },
  { call: "workbook.insertWorksheetsFromBase64", pattern: /\.insertWorksheetsFromBase64\(/, members: ["insertWorksheetsFromBase64"], set: "1.13" },
  { call: "range.valuesAsJson", pattern: /\.valuesAsJson\b/, members: ["valuesAsJson"], set: "1.16" },
];

/** Every .ts/.tsx file below `dir` (relative to the project root), sorted. */
export function sourceFiles(dir: string, exts = [".ts", ".tsx"]): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(rel, exts));
    else if (exts.some((x) => e.name.endsWith(x)) && !e.name.endsWith(".d.ts")) out.push(rel);
  }
  return out.sort();
}

export interface TableHit {
  readonly entry: TableEntry;
  readonly file: string;
  readonly line: number;
}

/** CALL_TABLE matched against source text (comments stripped, so prose does not count). */
export function tableHits(files: readonly string[]): TableHit[] {
  const hits: TableHit[] = [];
  for (const file of files) {
    const text = fs
      .readFileSync(path.join(ROOT, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
      .replace(/(^|[^:"'`])\/\/.*$/gm, (c, pre: string) => pre + " ".repeat(c.length - pre.length));
    const lines = text.split("\n");
    for (const entry of CALL_TABLE) {
      lines.forEach((l, i) => {
        if (entry.pattern.test(l)) hits.push({ entry, file, line: i + 1 });
      });
    }
  }
  return hits;
}

export interface ApiUse {
  /** e.g. "Excel.Worksheet.pageLayout" */
  readonly member: string;
  /** The set's name as the typings write it: ExcelApi, ExcelApiOnline, ExcelApiDesktop, … */
  readonly setName: string;
  readonly version: string;
  readonly file: string;
  readonly line: number;
  readonly how: "read" | "write" | "call" | "load" | "literal";
}

const API_SET = /\[Api set: ([A-Za-z]+) (\d+\.\d+)([^\]]*)\]/;

function docOf(decl: ts.Node): string {
  const sf = decl.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, decl.getFullStart()) ?? [];
  return ranges.map((r) => sf.text.slice(r.pos, r.end)).join("\n");
}

function isOfficeTypings(decl: ts.Node): boolean {
  return /[\\/]@types[\\/]office-js[\\/]/.test(decl.getSourceFile().fileName);
}

/** The set named in a declaration's doc comment; a write takes the highest version the comment names
 * ("1.1 for reading visibility; 1.2 for setting it"), anything else the first. */
function setOf(decl: ts.Node, write: boolean): { setName: string; version: string } | undefined {
  const m = API_SET.exec(docOf(decl));
  if (!m) return undefined;
  let version = m[2];
  if (write && /\bset/i.test(m[3])) version = maxSet([m[2], ...(m[3].match(/\d+\.\d+/g) ?? [])]) ?? m[2];
  return { setName: m[1], version };
}

function qualifiedName(checker: ts.TypeChecker, symbol: ts.Symbol): string {
  return checker.getFullyQualifiedName(symbol).replace(/^"[^"]*"\./, "");
}

/**
 * Every use of an Office typings member with an "[Api set: …]" comment in the given files.
 * Members without a comment of their own (ClientObject.load, untrack…) belong to no set.
 */
export function typedApiUses(files: readonly string[]): ApiUse[] {
  const configPath = path.join(ROOT, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram(
    files.map((f) => path.join(ROOT, f)),
    { ...parsed.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const uses: ApiUse[] = [];

  const record = (node: ts.Node, symbol: ts.Symbol | undefined, how: ApiUse["how"], preferred?: ts.Declaration) => {
    if (!symbol) return;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const decls = [...(preferred ? [preferred] : []), ...(symbol.declarations ?? [])].filter(isOfficeTypings);
    for (const decl of decls) {
      const set = setOf(decl, how === "write");
      if (!set) continue;
      const sf = node.getSourceFile();
      uses.push({
        member: qualifiedName(checker, symbol),
        ...set,
        file: path.relative(ROOT, sf.fileName),
        line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        how,
      });
      return;
    }
  };

  /** "items/name,items/formula" on a collection: each path resolved property by property. */
  const recordLoad = (node: ts.Node, type: ts.Type, spec: string) => {
    for (const pathText of spec.split(",")) {
      let t: ts.Type | undefined = type;
      for (const part of pathText.trim().split("/")) {
        if (!t || !part) break;
        const prop: ts.Symbol | undefined = t.getProperty(part);
        if (!prop) break;
        record(node, prop, "load");
        const decl: ts.Declaration | undefined = prop.valueDeclaration ?? prop.declarations?.[0];
        t = decl ? checker.getTypeOfSymbolAtLocation(prop, decl) : undefined;
        if (t && checker.isArrayType(t)) t = checker.getTypeArguments(t as ts.TypeReference)[0];
      }
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const parent = node.parent;
      const isCall = ts.isCallExpression(parent) && parent.expression === node;
      const isWrite =
        ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      const symbol = checker.getSymbolAtLocation(node.name);
      if (isCall) {
        const sig = checker.getResolvedSignature(parent);
        record(node, symbol, "call", sig?.declaration && !ts.isJSDocSignature(sig.declaration) ? sig.declaration : undefined);
        if (node.name.text === "load") {
          const target = checker.getTypeAtLocation(node.expression);
          for (const arg of parent.arguments) {
            if (ts.isStringLiteralLike(arg)) recordLoad(arg, target, arg.text);
            else if (ts.isArrayLiteralExpression(arg))
              for (const e of arg.elements) if (ts.isStringLiteralLike(e)) recordLoad(e, target, e.text);
          }
        }
      } else {
        record(node, symbol, isWrite ? "write" : "read");
      }
    } else if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      // { showPrompt: true, … } given where Excel expects a DataValidationPrompt.
      const type = checker.getContextualType(node.parent);
      const name = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
      if (type && name) record(node, checker.getPropertyOfType(type, name), "literal");
    }
    ts.forEachChild(node, visit);
  };

  for (const f of files) {
    const sf = program.getSourceFile(path.join(ROOT, f));
    if (sf) visit(sf);
  }
  return uses;
}
