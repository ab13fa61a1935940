// Writes examples/boksitogorsk-2021.xlsx from the seed facts (run: npm run example).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { SEED_ROADMAPS } from "./example/seed-roadmaps";
import { buildExample, buildSeedRoadmap } from "./example/workbook";

export const EXAMPLE_PATH = join(__dirname, "..", "..", "examples", "boksitogorsk-2021.xlsx");

async function main() {
  mkdirSync(join(EXAMPLE_PATH, ".."), { recursive: true });
  const { workbook, roster } = buildExample();
  await workbook.xlsx.writeFile(EXAMPLE_PATH);
  console.log(`Пример записан: ${EXAMPLE_PATH} (${roster.length} строк участников)`);
  for (const r of SEED_ROADMAPS) {
    const path = join(EXAMPLE_PATH, "..", r.file);
    await buildSeedRoadmap(r).xlsx.writeFile(path);
    console.log(`Дорожная карта записана: ${path} (${r.items.length} мероприятий)`);
  }
}

if (require.main === module) void main();
