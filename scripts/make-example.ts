// Writes examples/boksitogorsk-2021.xlsx from the seed facts (run: npm run example).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { buildExample } from "./example/workbook";

export const EXAMPLE_PATH = join(__dirname, "..", "..", "examples", "boksitogorsk-2021.xlsx");

async function main() {
  mkdirSync(join(EXAMPLE_PATH, ".."), { recursive: true });
  const { workbook, roster } = buildExample();
  await workbook.xlsx.writeFile(EXAMPLE_PATH);
  console.log(`Пример записан: ${EXAMPLE_PATH} (${roster.length} строк участников)`);
}

if (require.main === module) void main();
