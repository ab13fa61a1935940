#!/usr/bin/env node
// mentor-monitor: the engine on .xlsx files (SPEC §7). Exit codes: 0 ok, 1 validation errors,
// 2 a file or a call that cannot be processed (one Russian message, never a stack trace).
import { parseArgs } from "node:util";
import { parseIsoDay } from "../core/model/dates";
import { parsePeriod } from "../core/model/period";
import { WorkbookFileError } from "../xlsx/read";
import { checkOutputPath, fileSystemErrorMessage, isFileSystemError, reasonOf } from "./io";
import { type CommandResult, UsageError } from "./types";

const USAGE = `Использование:
  mentor-monitor template -o ФАЙЛ [--year ГГГГ]
  mentor-monitor validate ФАЙЛ [--json]
  mentor-monitor coverage ФАЙЛ --period ГГГГ-Qn [--json]
  mentor-monitor roadmap ФАЙЛ --as-of ГГГГ-ММ-ДД [--json]
  mentor-monitor report ФАЙЛ --period ГГГГ-Qn [--as-of ГГГГ-ММ-ДД] -o ФАЙЛ [--json]
  mentor-monitor consolidate ШКОЛА.xlsx... -o РАЙОН.xlsx [--into КНИГА_РАЙОНА.xlsx] [--json]
  mentor-monitor open [ФАЙЛ] [--no-browser] [--port N]   страница без Excel, в браузере этого компьютера`;

type Handler = (args: { file?: string; files: string[]; values: Record<string, string | boolean | undefined> }) => Promise<CommandResult>;

const need = (v: string | boolean | undefined, what: string): string => {
  if (typeof v !== "string" || v === "") throw new UsageError(`Не указан ${what}`);
  return v;
};

export const periodArg = (v: string | boolean | undefined) => {
  const p = parsePeriod(need(v, "период (--period ГГГГ-Qn)"));
  if (!p) throw new UsageError(`Период «${v}» не распознан; ожидается ГГГГ-Qn, например 2021-Q2`);
  return p;
};

export const dayArg = (v: string | boolean | undefined, what: string) => {
  const d = parseIsoDay(need(v, what));
  if (d === null) throw new UsageError(`Дата «${v}» не распознана; ожидается ГГГГ-ММ-ДД`);
  return d;
};

// Each command's module is loaded when it runs: `validate` never pays for ExcelJS, which only writing needs.
const COMMANDS: Record<string, Handler> = {
  template: async ({ values }) => {
    const year = values.year === undefined ? new Date().getFullYear() : Number(values.year);
    if (!Number.isInteger(year) || year < 2019 || year > 2035) throw new UsageError(`Год «${values.year}»: ожидается 2019–2035`);
    const { templateCommand } = await import("./commands/template");
    return templateCommand(need(values.out, "файл для записи (-o ФАЙЛ)"), year);
  },
  validate: async ({ file, values }) => (await import("./commands/validate")).validateCommand(need(file, "файл книги"), !!values.json),
  coverage: async ({ file, values }) => (await import("./commands/coverage")).coverageCommand(need(file, "файл книги"), periodArg(values.period), !!values.json),
  report: async ({ file, values }) =>
    (await import("./commands/report")).reportCommand(
      need(file, "файл книги"),
      periodArg(values.period),
      values["as-of"] === undefined ? null : dayArg(values["as-of"], "дата (--as-of)"),
      need(values.out, "файл для записи (-o ФАЙЛ)"),
      !!values.json,
    ),
  consolidate: async ({ files, values }) => {
    if (files.length === 0) throw new UsageError("Не указаны файлы школ");
    const into = typeof values.into === "string" ? values.into : undefined;
    return (await import("./commands/consolidate")).consolidateCommand(files, need(values.out, "файл книги района (-o ФАЙЛ)"), into, !!values.json);
  },
  open: async ({ file, values }) => {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Порт «${values.port}»: ожидается число от 0 до 65535`);
    return (await import("./commands/open")).openCommand(file, { browser: !values["no-browser"], port });
  },
  roadmap: async ({ file, values }) =>
    (await import("./commands/roadmap")).roadmapCommand(need(file, "файл книги"), values["as-of"] === undefined ? null : dayArg(values["as-of"], "дата (--as-of)"), !!values.json),
};

export async function run(argv: string[]): Promise<CommandResult & { stderr?: string }> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o" },
        year: { type: "string" },
        period: { type: "string" },
        "as-of": { type: "string" },
        into: { type: "string" },
        json: { type: "boolean" },
        "no-browser": { type: "boolean" },
        port: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    const [command, ...files] = positionals;
    if (values.help || !command) return { stdout: USAGE, exitCode: values.help ? 0 : 2 };
    const handler = COMMANDS[command];
    if (!handler) throw new UsageError(`Неизвестная команда «${command}»`);
    if (command !== "consolidate" && files.length > 1) throw new UsageError(`Лишний аргумент «${files[1]}»`);
    // A folder that does not exist or a folder given as -o is said before any work is done.
    if (typeof values.out === "string" && values.out !== "") await checkOutputPath(values.out);
    return await handler({ file: files[0], files, values });
  } catch (e) {
    if (e instanceof WorkbookFileError) return { stdout: "", stderr: e.message, exitCode: 2 };
    // A file-system error that no command turned into its own message: still exit 2 with the path, in Russian.
    if (isFileSystemError(e)) return { stdout: "", stderr: fileSystemErrorMessage(e), exitCode: 2 };
    if (e instanceof UsageError) return { stdout: "", stderr: `${e.message}\n\n${USAGE}`, exitCode: 2 };
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      return { stdout: "", stderr: `Неверные параметры: ${e.message}\n\n${USAGE}`, exitCode: 2 };
    }
    const detail = e instanceof Error ? e.message : String(e);
    return { stdout: "", stderr: `Внутренняя ошибка программы: ${detail}. Сообщите разработчикам; данные книги не изменены.`, exitCode: 3 };
  }
}

/**
 * A closed pipe (`mentor-monitor validate big.xlsx | head -1`) ends the output quietly, not with a stack
 * trace; any other failure of the output (`> /dev/full`) is one Russian line on stderr and exit code 2.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream, name: "stdout" | "stderr"): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE" && name === "stdout") {
      try {
        process.stderr.write(`Не удалось вывести результат: ${reasonOf(e)}\n`);
      } catch {
        // stderr is gone too
      }
      process.exit(2);
    }
    // The reader has gone: nothing more can be said to it. Leave with the exit code set so far.
    process.exit();
  });
}

if (require.main === module) {
  quietOnClosedPipe(process.stdout, "stdout");
  quietOnClosedPipe(process.stderr, "stderr");
  run(process.argv.slice(2)).then((r) => {
    process.exitCode = r.exitCode;
    if (r.stdout) process.stdout.write(r.stdout.endsWith("\n") ? r.stdout : `${r.stdout}\n`);
    if (r.stderr) process.stderr.write(`${r.stderr}\n`);
  });
}
