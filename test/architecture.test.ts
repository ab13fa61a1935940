// The architecture as a test: the domain core is pure (it imports only itself and zod), and its folders
// follow the data's walk — read → validate → coverage / roadmap → report, consolidate — so no folder
// reaches forward into a later stage.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
const CORE = join(ROOT, "src/core");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** Every module a file imports (static, dynamic and type imports), resolved when relative. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^;"]*?\bfrom\s*"([^"]+)"/gm), ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)];
  for (const m of specs) out.push(m[1].startsWith(".") ? resolve(dirname(file), m[1]) : m[1]);
  return out;
}

/**
 * The stage of a core file: its folder under src/core, or "analyze" for the walk's entry. The deadline grammar
 * (roadmap/deadline) reads one «Срок» cell, so it is a stage of its own that validation may use.
 */
const stageOf = (file: string) => {
  const parts = relative(CORE, file).split("/");
  return parts[0] === "roadmap" && parts[1] === "deadline" ? "deadline" : parts[0].replace(/\.ts$/, "");
};

// What each stage may use, besides itself and the shared model.
const MAY_USE: Record<string, readonly string[]> = {
  model: [],
  read: [],
  deadline: [],
  validate: ["read", "deadline"],
  analyze: ["read", "validate"],
  coverage: ["read", "validate", "analyze"],
  roadmap: ["read", "deadline", "analyze"],
  report: ["read", "validate", "analyze", "coverage", "roadmap"],
  consolidate: ["read", "validate", "analyze"],
  template: ["read"],
};

describe("the domain core", () => {
  const files = sources(CORE);

  it("has its files in the stages of the data's walk", () => {
    expect([...new Set(files.map(stageOf))].sort()).toEqual(Object.keys(MAY_USE).sort());
    // Every stage's rules are about a stage that exists.
    for (const uses of Object.values(MAY_USE)) for (const u of uses) expect(Object.keys(MAY_USE)).toContain(u);
  });

  it("imports nothing but itself and zod: no Office.js, DOM, React, ExcelJS or node modules", () => {
    const outside = files.flatMap((f) =>
      importsOf(f)
        .filter((m) => (m.startsWith("/") ? !m.startsWith(CORE + "/") : m !== "zod"))
        .map((m) => `${relative(ROOT, f)} → ${m.startsWith("/") ? relative(ROOT, m) : m}`),
    );
    expect(outside).toEqual([]);
    // Nor reaches for the host's globals.
    const code = (f: string) => readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    const globals = files.filter((f) => /\b(?:Office\.(?:context|onReady)|Excel\.run|document\.|window\.|globalThis\.|require\()/.test(code(f)));
    expect(globals.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it("never reaches forward: each stage uses only the shared model and the stages before it", () => {
    const forward = files.flatMap((f) => {
      const from = stageOf(f);
      return importsOf(f)
        .filter((m) => m.startsWith(CORE + "/"))
        .map((m) => stageOf(m))
        .filter((to) => to !== from && to !== "model" && !MAY_USE[from].includes(to))
        .map((to) => `${relative(ROOT, f)} (${from}) → ${to}`);
    });
    expect(forward).toEqual([]);
  });
});

describe("the pane and its hosts", () => {
  const SRC = join(ROOT, "src");
  const folderOf = (m: string) => (m.startsWith(SRC + "/") ? relative(SRC, m).split("/")[0] : null);
  const uses = (folder: string) =>
    sources(join(SRC, folder)).flatMap((f) =>
      importsOf(f)
        .map(folderOf)
        .filter((to): to is string => to !== null && to !== folder)
        .map((to) => ({ file: relative(ROOT, f), to })),
    );

  it("the pane's service works over the workbook port alone: it imports no host", () => {
    expect(uses("pane").filter((u) => ["office", "web", "taskpane", "testhost", "cli", "commands"].includes(u.to))).toEqual([]);
  });

  it("no host adapter reaches into another: Office.js and the in-memory workbook each implement the port", () => {
    expect(uses("web").filter((u) => u.to === "office" || u.to === "testhost")).toEqual([]);
    expect(uses("office").filter((u) => u.to === "web" || u.to === "taskpane")).toEqual([]);
  });

  it("the React app talks to the pane's service, never to Excel: only the Excel entry and its self-test import src/office", () => {
    const files = new Set(uses("taskpane").filter((u) => u.to === "office").map((u) => u.file));
    expect([...files].sort()).toEqual(["src/taskpane/components/SelfTest.tsx", "src/taskpane/index.tsx"]);
  });
});
