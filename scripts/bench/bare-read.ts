// The yardstick for the command line: only ExcelJS reading the same file, nothing else.
// Usage (spawned by bench.ts): node dist/scripts/bench/bare-read.js FILE
import ExcelJS from "exceljs";

async function main(): Promise<void> {
  await new ExcelJS.Workbook().xlsx.readFile(process.argv[2]);
}

void main();
