// File-system errors through the real binary (issue 11): exit 2 and one Russian message naming the path,
// never exit 3, an errno code (ENOENT…) or a stack trace. The tests run as root in CI, where chmod stops
// nothing: read-only and no-permission cases use /sys, /proc, a private read-only tmpfs (unshare -m) and
// chattr +i, each skipped where the machine does not offer it (docs/file-safety.md lists them).
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildExample } from "../../scripts/example/workbook";
import { fileSystemErrorMessage, isFileSystemError, readInputFile } from "../../src/cli/io";
import { BIN, ENGLISH_ERROR, canUnshare, cli, inTinyFs, isRoot, read, removeScratch, scratch } from "./util";

afterAll(removeScratch);

const dir = scratch("fs-errors");
const file = join(dir, "файл.txt");
writeFileSync(file, "не папка");
let example: string;
beforeAll(async () => {
  example = join(dir, "книга.xlsx");
  await buildExample().workbook.xlsx.writeFile(example);
});

function expectOneRussianMessage(r: { code: number | null; out: string; err: string }, path: string, reason?: RegExp) {
  expect({ code: r.code, out: r.out }).toEqual({ code: 2, out: "" });
  expect(r.err).toContain(`«${path}»`);
  expect(r.err).not.toMatch(ENGLISH_ERROR);
  expect(r.err.trim().split("\n")).toHaveLength(1);
  if (reason) expect(r.err.trim()).toMatch(reason);
}

/** Probes what this machine refuses even to root: [path, errno] or null. */
function refused(path: string, how: "read" | "create"): string | null {
  try {
    if (how === "read") readFileSync(path);
    else writeFileSync(path, "x", { flag: "wx" });
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? null;
  }
}

describe("an output (-o) that cannot be written", () => {
  const cases: [string, () => string, RegExp][] = [
    ["in a folder that does not exist", () => join(dir, "нет-такой-папки", "шаблон.xlsx"), /: папки «.*нет-такой-папки» не существует\. Файл не создан\.$/],
    ["that is a folder", () => dir, /: это папка; укажите имя файла, например «.*свод\.xlsx»\. Файл не создан\.$/],
    ["under a file (ENOTDIR)", () => join(file, "шаблон.xlsx"), /: часть пути — файл, а не папка\. Файл не создан\.$/],
    ["under a device (/dev/full/x.xlsx)", () => "/dev/full/x.xlsx", /: часть пути — файл, а не папка\. Файл не создан\.$/],
  ];
  it.each(cases)("%s", (_name, path, reason) => {
    const p = path();
    expectOneRussianMessage(cli(["template", "-o", p, "--year", "2021"]), p, reason);
  });

  it("in a folder where no file can be created, even by root (/proc: ENOENT; /sys: EACCES)", () => {
    expect(refused("/proc/probe.xlsx", "create")).toBe("ENOENT");
    expectOneRussianMessage(cli(["template", "-o", "/proc/шаблон.xlsx"]), "/proc/шаблон.xlsx", /: в папке «\/proc» нельзя создавать файлы\. Файл не создан\.$/);
    expect(refused("/sys/probe.xlsx", "create")).toBe("EACCES");
    expectOneRussianMessage(cli(["template", "-o", "/sys/шаблон.xlsx"]), "/sys/шаблон.xlsx", /: нет прав доступа к файлу или папке\. Файл не создан\.$/);
  });

  (isRoot ? it.skip : it)("in a folder without write permission (chmod, not as root)", () => {
    const ro = join(dir, "только-чтение");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    try {
      expectOneRussianMessage(cli(["template", "-o", join(ro, "шаблон.xlsx")]), join(ro, "шаблон.xlsx"), /нет прав доступа/);
    } finally {
      chmodSync(ro, 0o755);
    }
  });

  (isRoot ? it.skip : it)("over a read-only file (chmod 444, not as root): left as it is", () => {
    const p = join(dir, "защищён.xlsx");
    writeFileSync(p, "old");
    chmodSync(p, 0o444);
    expectOneRussianMessage(cli(["template", "-o", p]), p, /нет прав доступа.*Прежний файл .* не изменён/);
    expect(readFileSync(p, "utf8")).toBe("old");
  });

  const chattr = isRoot && spawnSync("chattr", ["-V"]).status !== null;
  (chattr ? it : it.skip)("over an immutable file (chattr +i, which stops root too): EPERM, the file left as it is", () => {
    const sub = join(dir, "immutable");
    mkdirSync(sub);
    const p = join(sub, "свод.xlsx");
    writeFileSync(p, "old");
    if (spawnSync("chattr", ["+i", p]).status !== 0) return; // a file system without the flag
    try {
      expectOneRussianMessage(cli(["template", "-o", p]), p, /: нет прав доступа к файлу или папке\. Прежний файл «.*» не изменён\.$/);
      expect(readFileSync(p, "utf8")).toBe("old");
    } finally {
      spawnSync("chattr", ["-i", p]);
    }
  });

  (canUnshare ? it : it.skip)("on a read-only file system (a tmpfs remounted read-only, unshare -m): EROFS, the file left as it is", () => {
    const out = scratch("erofs");
    const old = join(out, "old.xlsx");
    writeFileSync(old, "old bytes");
    const r = inTinyFs(
      256,
      `cp "$2" "$1/F.xlsx" && mount -o remount,ro "$1" && node "$3" template -o "$1/F.xlsx" >"$4/out" 2>"$4/err"; echo $? >"$4/rc"; cp "$1/F.xlsx" "$4/after"; echo "$1" >"$4/mnt"`,
      [old, BIN, out],
    );
    expect(r.code).toBe(0);
    const target = join(readFileSync(join(out, "mnt"), "utf8").trim(), "F.xlsx");
    expectOneRussianMessage(
      { code: Number(readFileSync(join(out, "rc"), "utf8")), out: readFileSync(join(out, "out"), "utf8"), err: readFileSync(join(out, "err"), "utf8") },
      target,
      /: диск или папка доступны только для чтения\. Прежний файл «.*» не изменён\.$/,
    );
    expect(read(join(out, "after")).toString()).toBe("old bytes");
  });

  it("a full disk (/dev/full: ENOSPC)", () => {
    expectOneRussianMessage(cli(["template", "-o", "/dev/full"]), "/dev/full", /: на диске закончилось место\.$/);
  });

  it("report and consolidate say it before any work (the -o check in main.ts)", () => {
    const missing = join(dir, "нет", "свод.xlsx");
    expectOneRussianMessage(cli(["report", example, "--period", "2021-Q2", "-o", dir]), dir, /это папка/);
    expectOneRussianMessage(cli(["report", example, "--period", "2021-Q2", "-o", missing]), missing, /не существует/);
    expectOneRussianMessage(cli(["consolidate", example, "--into", example, "-o", missing]), missing, /не существует/);
  });
});

describe("an input that cannot be read", () => {
  const cases: [string, () => string | null][] = [
    ["a missing file", () => join(dir, "нет.xlsx")],
    ["a folder", () => dir],
    ["a path under a file (ENOTDIR)", () => join(file, "книга.xlsx")],
    ["a file root may not read (/proc/1/mem: EACCES)", () => (refused("/proc/1/mem", "read") === "EACCES" ? "/proc/1/mem" : null)],
    ["a read error of the device (/proc/self/mem: EIO)", () => (refused("/proc/self/mem", "read") === "EIO" ? "/proc/self/mem" : null)],
  ];
  it.each(cases)("%s", (_name, path) => {
    const p = path();
    if (p === null) return; // this machine does not refuse it
    expectOneRussianMessage(cli(["validate", p]), p);
  });

  it("the same from every command that reads a workbook", () => {
    const p = join(dir, "нет.xlsx");
    for (const args of [["coverage", p, "--period", "2021-Q2", "--json"], ["roadmap", p, "--as-of", "2021-06-30"], ["report", p, "--period", "2021-Q2", "-o", join(dir, "свод.xlsx")], ["consolidate", p, "--into", p, "-o", join(dir, "район.xlsx")]]) {
      expectOneRussianMessage(cli(args), p, /не найден/);
    }
  });
});

describe("readInputFile (io.ts) words each case", () => {
  it.each([
    ["a missing file", () => join(dir, "нет.xlsx"), (p: string) => `Файл «${p}» не найден`],
    ["a folder", () => dir, (p: string) => `«${p}» — это папка, а не файл книги`],
    ["a path under a file", () => join(file, "книга.xlsx"), (p: string) => `Файл «${p}» не найден: часть пути — файл, а не папка`],
    ["a read error", () => "/proc/self/mem", (p: string) => `Не удалось прочитать файл «${p}»: ошибка ввода-вывода диска`],
  ])("%s", async (_name, path, message) => {
    const p = path();
    await expect(readInputFile(p)).rejects.toThrow(message(p));
  });
});

describe("main.ts's safety net for a file-system error no command worded", () => {
  it("is recognized and said in Russian with its path, without the errno code", () => {
    let raw: unknown;
    try {
      readFileSync(join(dir, "нет.xlsx"));
    } catch (e) {
      raw = e;
    }
    expect(isFileSystemError(raw)).toBe(true);
    expect(isFileSystemError(new Error("ENOENT"))).toBe(false);
    expect(fileSystemErrorMessage(raw as NodeJS.ErrnoException)).toBe(`Не удалось открыть «${join(dir, "нет.xlsx")}»: нет такого файла или папки`);
  });
});

describe("a closed output pipe", () => {
  it("`mentor-monitor validate big.xlsx | head -1` ends quietly: no EPIPE, no internal error, the usual exit code", async () => {
    const { workbook } = buildExample();
    const ws = workbook.getWorksheet("Участники")!;
    let header = 0;
    ws.eachRow((row, n) => void (header ||= row.values && (row.values as unknown[]).includes("Код ОО") ? n : 0));
    const codeCol = (ws.getRow(header).values as unknown[]).indexOf("Код ОО");
    const sample = ws.getRow(header + 1).values as unknown[];
    for (let i = 0; i < 3000; i++) {
      const row = ws.addRow(sample.slice(1));
      row.getCell(codeCol).value = `НЕТ${i}`; // unknown organization: one error line each
    }
    const big = join(dir, "много-ошибок.xlsx");
    await workbook.xlsx.writeFile(big);
    for (const json of [[], ["--json"]]) {
      const r = spawnSync("bash", ["-c", `node "$0" validate "$1" $2 | head -c 100 >/dev/null; echo "rc=\${PIPESTATUS[0]}" >&2`, BIN, big, json.join(" ")], { encoding: "utf8" });
      expect(r.stderr).toBe("rc=1\n"); // 1: the workbook has errors; nothing else on stderr
    }
  });
});
