// `npm run demo`: the main job on the bundled example workbook, through the same commands a user runs.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { SEED_ROADMAPS } from "./example/seed-roadmaps";
import { run } from "../src/cli/main";
import { EXAMPLE_PATH } from "./make-example";

const PERIOD = "2021-Q2";

async function step(title: string, args: string[]): Promise<void> {
  console.log(`\n━━ ${title}\n$ mentor-monitor ${args.join(" ")}\n`);
  const r = await run(args);
  if (r.stdout) console.log(r.stdout);
  if (r.stderr) console.error(r.stderr);
  if (r.exitCode > 1) throw new Error(`команда завершилась с кодом ${r.exitCode}`);
}

async function main() {
  if (!existsSync(EXAMPLE_PATH)) throw new Error(`нет файла примера ${EXAMPLE_PATH}; выполните npm run example`);
  const file = relative(process.cwd(), EXAMPLE_PATH);
  console.log(`Пример: ${file} — шесть организаций дополнительного образования Бокситогорского района, план 1256 обучающихся на 2021 год.`);
  await step("Проверка участников, организаций и целевых показателей", ["validate", file]);
  await step(`Охват за период ${PERIOD}`, ["coverage", file, "--period", PERIOD]);
  await step("Сроки дорожной карты на 30.06.2021", ["roadmap", file, "--as-of", "2021-06-30"]);
  const out = join("out", "svod-2021-Q2.xlsx");
  mkdirSync("out", { recursive: true });
  await step("Сводный отчёт (лист «Свод 2021 Q2») в новый файл", ["report", file, "--period", PERIOD, "--as-of", "2021-06-30", "-o", out]);
  const gorbatov = SEED_ROADMAPS[2];
  await step(`Дорожная карта другого документа: ${gorbatov.municipality}`, ["roadmap", join(dirname(file), gorbatov.file), "--as-of", gorbatov.asOf]);
}

main().catch((e) => {
  console.error(`Демонстрация не удалась: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
});
