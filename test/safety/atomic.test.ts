// Writing outputs without losing data (issue 11): a kill at any moment, two writers at once, a failure
// half-way. Each test fails when an earlier file can be damaged or an update lost; see docs/file-safety.md.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import type * as fs from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { lockPathFor, lockSettings, setFileOpsForTesting, withOutputLock, writeOutputFile } from "../../src/cli/io";
import { BIN, HELPER, TEMP, canUnshare, cli, completeXlsx, inTinyFs, killAfter, others, read, runNode, removeScratch, scratch } from "./util";

afterAll(removeScratch);

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What a kill may leave beside the target: its temporary files and lock, all of dead processes. */
function expectOnlyLeftoversOfDeadProcesses(dir: string, target: string) {
  for (const name of others(dir, target)) {
    if (name === `${target}.lock` || name === `${target}.lock.takeover`) {
      const pid = (() => {
        try {
          return JSON.parse(readFileSync(join(dir, name), "utf8")).pid as number;
        } catch {
          return null; // killed between creating and writing it: empty
        }
      })();
      if (pid !== null) expect(pidAlive(pid)).toBe(false);
      continue;
    }
    const m = TEMP.exec(name);
    expect(m && name.startsWith(`.${target}.`) ? name : `unexpected file ${name}`).toBe(name);
    expect(pidAlive(Number(m![1]))).toBe(false);
  }
}

/**
 * The kill moments of n runs: a quarter at random over the whole run (from its start), the rest at random
 * within twice `writeMs` after the run first touches the folder — amid the writing, or just after it.
 */
const moments = (n: number, fullMs: number, writeMs: number): [number, "start" | "write"][] =>
  Array.from({ length: n }, (_, i) => (i % 4 === 0 ? [Math.random() * fullMs, "start"] : [Math.random() * writeMs * 2, "write"]));

describe("a SIGKILL at any moment leaves the earlier file or the complete new one, byte for byte", () => {
  it("writeOutputFile of a 20 MB buffer over an existing file, killed 40 times", async () => {
    const dir = scratch("kill-big");
    const target = join(dir, "big.bin");
    const next = join(scratch("kill-big-src"), "next.bin");
    const old = randomBytes(20 << 20);
    const fresh = randomBytes((20 << 20) + 12345);
    writeFileSync(next, fresh);
    // One run to the end gives the time a whole run and its writing take here.
    writeFileSync(target, old);
    const full = await runNode([HELPER("write-file.js"), next, target]);
    const writeMs = Number(/written in ([\d.]+) ms/.exec(full.out)?.[1]);
    expect(writeMs).toBeGreaterThan(0);
    expect(read(target).equals(fresh)).toBe(true);

    const seen = { old: 0, fresh: 0 };
    writeFileSync(target, old);
    for (const [delay, from] of moments(40, full.ms, writeMs)) {
      await killAfter([HELPER("write-file.js"), next, target], delay, from, dir);
      const now = read(target);
      if (now.equals(old)) seen.old++;
      else if (now.equals(fresh)) {
        seen.fresh++;
        writeFileSync(target, old); // the next run writes over the old bytes again
      } else throw new Error(`after a kill at ${delay.toFixed(1)} ms from ${from} the file is neither (${now.length} bytes)`);
      expectOnlyLeftoversOfDeadProcesses(dir, "big.bin");
    }
    // Kills landed both before and after the rename.
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.fresh).toBeGreaterThan(0);

    // The leftovers do not get in the way: the lock of a dead process is taken over at once...
    const after = await runNode([HELPER("write-file.js"), next, target]);
    expect(after.out).toContain("written");
    expect(after.ms).toBeLessThan(full.ms + 3000);
    expect(read(target).equals(fresh)).toBe(true);
    expect(existsSync(lockPathFor(target))).toBe(false);
    // ...and the temporary files of dead processes are removed once they are old enough.
    const temps = readdirSync(dir).filter((n) => TEMP.test(n));
    const past = new Date(Date.now() - 120_000);
    for (const t of temps) utimesSync(join(dir, t), past, past);
    await runNode([HELPER("write-file.js"), next, target]);
    expect(others(dir, "big.bin")).toEqual([]);
  }, 120_000);

  it("`mentor-monitor template -o F` over an existing F, killed 20 times (two at a time, on two files)", async () => {
    const t0 = Date.now();
    expect(cli(["template", "-o", join(scratch("kill-template-ref"), "ref.xlsx"), "--year", "2021"]).code).toBe(0);
    const fullMs = Date.now() - t0;
    const lane = async (n: number) => {
      const dir = scratch("kill-template");
      const target = join(dir, "шаблон.xlsx");
      expect(cli(["template", "-o", target, "--year", "2020"]).code).toBe(0);
      const old = read(target);
      const seen = { old: 0, fresh: 0 };
      for (const [delay, from] of moments(n, fullMs, 15)) {
        await killAfter([BIN, "template", "-o", target, "--year", "2021"], delay, from, dir);
        const now = read(target);
        if (now.equals(old)) {
          seen.old++;
        } else {
          const wb = await completeXlsx(now);
          if (!wb) throw new Error(`after a kill at ${delay.toFixed(1)} ms from ${from} the file is neither the old one nor a complete workbook (${now.length} bytes)`);
          expect(wb.getWorksheet("Настройки")!.getCell("B3").value).toBe(2021);
          seen.fresh++;
          writeFileSync(target, old);
        }
        expectOnlyLeftoversOfDeadProcesses(dir, "шаблон.xlsx");
      }
      expect(cli(["template", "-o", target, "--year", "2021"]).code).toBe(0);
      expect(await completeXlsx(read(target))).not.toBeNull();
      return seen;
    };
    const lanes = await Promise.all([lane(10), lane(10)]);
    expect(lanes.reduce((s, l) => s + l.old, 0)).toBeGreaterThan(0);
    expect(lanes.reduce((s, l) => s + l.fresh, 0)).toBeGreaterThan(0);
  }, 120_000);
});

describe("two writers through withOutputLock lose no update", () => {
  it("three processes × 25 read-modify-write rounds of one file: all 75 entries, each process's in order", async () => {
    const dir = scratch("rmw");
    const file = join(dir, "район.json");
    writeFileSync(file, "[]");
    const runs = await Promise.all(["a", "b", "c"].map((tag) => runNode([HELPER("rmw.js"), file, tag, "25"])));
    for (const r of runs) expect(r).toMatchObject({ code: 0, out: "done\n" });
    const list = JSON.parse(readFileSync(file, "utf8")) as string[];
    expect(list).toHaveLength(75);
    for (const tag of ["a", "b", "c"]) expect(list.filter((x) => x.startsWith(`${tag}-`))).toEqual(Array.from({ length: 25 }, (_, i) => `${tag}-${i}`));
    expect(others(dir, "район.json")).toEqual([]);
  });

  it("the second waits for a slow first (3 s) and proceeds on its result, or refuses in Russian when the wait runs out", async () => {
    const dir = scratch("wait");
    const file = join(dir, "район.json");
    writeFileSync(file, "[]");
    const slow = runNode([HELPER("rmw.js"), file, "slow", "1", "--hold", "3000"]);
    for (const t0 = Date.now(); !existsSync(lockPathFor(file)); ) {
      if (Date.now() - t0 > 20_000) throw new Error("the slow writer never took the lock");
      await new Promise((r) => setTimeout(r, 10));
    }
    const [impatient, patient] = await Promise.all([
      runNode([HELPER("rmw.js"), file, "impatient", "1", "--timeout", "300"]),
      runNode([HELPER("rmw.js"), file, "patient", "1", "--timeout", "10000"]),
    ]);
    expect((await slow).code).toBe(0);
    expect(impatient.code).toBe(2);
    expect(impatient.err).toMatch(new RegExp(`^Файл «${file}» сейчас записывает другой запуск mentor-monitor \\(процесс \\d+ на этом компьютере`));
    expect(impatient.err).toContain(`Прежний файл «${file}» не изменён.`);
    expect(patient.code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(["slow-0", "patient-0"]);
  });

  describe("a lock left behind is taken over", () => {
    let saved: typeof lockSettings;
    beforeEach(() => (saved = { ...lockSettings }));
    afterEach(() => Object.assign(lockSettings, saved));

    const deadPid = () => {
      const r = require("node:child_process").spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
      return Number(r.stdout);
    };
    const lockOf = (file: string, info: object, ageMs = 0) => {
      writeFileSync(lockPathFor(file), JSON.stringify(info));
      const t = new Date(Date.now() - ageMs);
      utimesSync(lockPathFor(file), t, t);
    };
    const host = require("node:os").hostname();

    it.each([
      ["of a dead process of this computer", () => ({ pid: deadPid(), host, token: "x", since: "" }), 0],
      ["of another computer, untouched for 2 minutes", () => ({ pid: 1, host: "другой-пк", token: "x", since: "" }), 120_000],
      ["empty (killed between creating and writing it), 10 s old", () => ({}), 10_000],
    ])("%s", async (_name, info, age) => {
      const file = join(scratch("stale"), "f.txt");
      writeFileSync(file, "old");
      lockOf(file, info(), age);
      lockSettings.timeoutMs = 1000;
      const t0 = Date.now();
      await writeOutputFile(file, Buffer.from("new"));
      expect(Date.now() - t0).toBeLessThan(500);
      expect(readFileSync(file, "utf8")).toBe("new");
      expect(existsSync(lockPathFor(file))).toBe(false);
    });

    it.each([
      ["of a live process of this computer", () => ({ pid: process.ppid, host, token: "x", since: new Date().toISOString() }), 0],
      ["of another computer, touched a moment ago", () => ({ pid: 1, host: "другой-пк", token: "x", since: new Date().toISOString() }), 0],
    ])("but not one %s: refused after the wait, the file untouched", async (_name, info, age) => {
      const file = join(scratch("live"), "f.txt");
      writeFileSync(file, "old");
      lockOf(file, info(), age);
      lockSettings.timeoutMs = 300;
      await expect(withOutputLock(file, async () => writeOutputFile(file, Buffer.from("new")))).rejects.toThrow(/сейчас записывает другой запуск mentor-monitor/);
      expect(readFileSync(file, "utf8")).toBe("old");
      expect(existsSync(lockPathFor(file))).toBe(true);
    });
  });
});

describe("a failure half-way leaves the earlier file byte-identical: exit 2 and one Russian message", () => {
  type Handle = fs.promises.FileHandle;
  const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code, syscall: "write" });
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  /** `open` whose temporary files fail as `fail` says (the rest of the file system is the real one). */
  function injectTempFailure(fail: { write?: string; sync?: string; afterBytes?: number; rename?: string }) {
    const fsp = require("node:fs/promises") as typeof fs.promises;
    restore = setFileOpsForTesting({
      open: async (p, flags, mode) => {
        const h = await fsp.open(p, flags, mode);
        if (!p.endsWith(".tmp")) return h;
        let written = 0;
        return new Proxy(h, {
          get(target, prop) {
            if (prop === "write" && fail.write) {
              return async (buf: Uint8Array, off: number, len: number, pos: number) => {
                if (written + len > (fail.afterBytes ?? 0)) {
                  const part = Math.max(0, (fail.afterBytes ?? 0) - written);
                  if (part > 0) await target.write(buf, off, part, pos);
                  throw errno(fail.write!);
                }
                written += len;
                return target.write(buf, off, len, pos);
              };
            }
            if (prop === "sync" && fail.sync) return async () => Promise.reject(errno(fail.sync!));
            const v = (target as unknown as Record<string | symbol, unknown>)[prop];
            return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          },
        }) as Handle;
      },
      ...(fail.rename ? { rename: async () => Promise.reject(errno(fail.rename!)) } : {}),
    });
  }

  const cases: [string, Parameters<typeof injectTempFailure>[0], RegExp][] = [
    ["disk full after 8 KB", { write: "ENOSPC", afterBytes: 8192 }, /на диске закончилось место/],
    ["an I/O error at the first byte", { write: "EIO" }, /ошибка ввода-вывода диска/],
    ["a quota exceeded", { write: "EDQUOT", afterBytes: 1000 }, /превышена дисковая квота/],
    ["fsync failing", { sync: "EIO" }, /ошибка ввода-вывода диска/],
    ["the rename refused", { rename: "EACCES" }, /нет прав доступа к файлу или папке/],
    ["too many open files at the rename", { rename: "EMFILE" }, /открыто слишком много файлов; закройте лишние программы и повторите/],
  ];

  it.each(cases)("mentor-monitor template over an existing file: %s", async (_name, fail, reason) => {
    const dir = scratch("inject");
    const target = join(dir, "шаблон.xlsx");
    expect((await run(["template", "-o", target, "--year", "2020"])).exitCode).toBe(0);
    const old = read(target);
    injectTempFailure(fail);
    const r = await run(["template", "-o", target, "--year", "2021"]);
    restore!();
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^Не удалось записать «${target}»: ${reason.source}\\. Прежний файл «${target}» не изменён\\.$`));
    expect(read(target).equals(old)).toBe(true);
    expect(others(dir, "шаблон.xlsx")).toEqual([]); // no temporary file, no lock left
  });

  it("no earlier file: nothing is created, and the message says so", async () => {
    const dir = scratch("inject-new");
    const target = join(dir, "новый.xlsx");
    injectTempFailure({ write: "ENOSPC", afterBytes: 100 });
    const r = await run(["template", "-o", target]);
    expect(r).toMatchObject({ exitCode: 2, stderr: `Не удалось записать «${target}»: на диске закончилось место. Файл не создан.` });
    expect(readdirSync(dir)).toEqual([]);
  });

  (canUnshare ? it : it.skip)("a real ENOSPC: the real binary on a tmpfs too small for the new file (unshare -m, as root)", () => {
    const dir = scratch("enospc");
    const old = join(dir, "old.xlsx");
    expect(cli(["template", "-o", old, "--year", "2020"]).code).toBe(0);
    const size = read(old).length;
    const pages = Math.ceil(size / 4096);
    // Room for the old file, the lock and half of the new one.
    const r = inTinyFs(
      (pages + 1 + Math.ceil(pages / 2)) * 4,
      `cp "$2" "$1/F.xlsx" && node "$3" template -o "$1/F.xlsx" --year 2021 2>"$4/err"; echo $? >"$4/rc"; cp "$1/F.xlsx" "$4/after"; ls -A "$1" >"$4/ls"`,
      [old, BIN, dir],
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "rc"), "utf8").trim()).toBe("2");
    expect(readFileSync(join(dir, "err"), "utf8")).toMatch(/^Не удалось записать «.*\/F\.xlsx»: на диске закончилось место\. Прежний файл «.*\/F\.xlsx» не изменён\.\n$/);
    expect(read(join(dir, "after")).equals(read(old))).toBe(true);
    expect(readFileSync(join(dir, "ls"), "utf8").trim()).toBe("F.xlsx");
  });

  it("a real ENOSPC on /dev/full: exit 2 and the message, and /dev/full is still a device", () => {
    const r = cli(["template", "-o", "/dev/full"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Не удалось записать «/dev/full»: на диске закончилось место.\n");
    expect(require("node:fs").statSync("/dev/full").isCharacterDevice()).toBe(true);
  });
});

describe("writeOutputFile keeps what the user set up", () => {
  it("a symbolic link at -o stays a link (its target gets the bytes), and the file's mode stays", async () => {
    const dir = scratch("details");
    const real = join(dir, "настоящий.xlsx");
    writeFileSync(real, "old");
    chmodSync(real, 0o640);
    const link = join(dir, "ссылка.xlsx");
    symlinkSync(real, link);
    await writeOutputFile(link, Buffer.from("new"));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe("new");
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(others(dir, "настоящий.xlsx", "ссылка.xlsx")).toEqual([]);
  });

  it("a temporary file of a live process is never removed, however old", async () => {
    const dir = scratch("live-temp");
    const target = join(dir, "f.txt");
    const mine = join(dir, `.f.txt.${process.pid}.abcdef.tmp`);
    writeFileSync(mine, "in progress");
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(mine, past, past);
    await writeOutputFile(target, Buffer.from("x"));
    expect(existsSync(mine)).toBe(true);
  });
});
