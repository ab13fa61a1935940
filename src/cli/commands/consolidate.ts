import { existsSync } from "node:fs";
import { basename } from "node:path";
import { rosterProblem } from "../../core/analyze";
import { type Consolidation, type SchoolBook, consolidate } from "../../core/consolidate";
import { openWorkbookFile } from "../../xlsx/open";
import { writeConsolidation } from "../../xlsx/consolidate";
import { WorkbookFileError } from "../../xlsx/read";
import { table } from "../format";
import type { CommandResult } from "../types";

export function consolidationText(c: Consolidation, failed: { file: string; message: string }[]): string {
  const rows = c.summaries.map((s) => [
    s.file,
    String(s.read),
    String(s.added),
    String(s.replaced),
    String(s.excluded.length),
    String(s.roadmapAdded),
  ]);
  const parts = [table(["Файл", "Прочитано", "Добавлено", "Заменено", "Исключено", "Мероприятий"], rows, { align: ["l", "r", "r", "r", "r", "r"] })];
  for (const s of c.summaries) {
    for (const e of s.excluded) parts.push(`  ${s.file}, лист «${e.sheet}», стр. ${e.row}: не добавлена — ${e.reason}`);
  }
  for (const f of failed) parts.push(`  ${f.file}: не прочитан — ${f.message}`);
  if (c.unknownOrganizations.length > 0) {
    parts.push(`Организаций нет в списке района (лист «Организации»), их строки не добавлены: ${c.unknownOrganizations.join(", ")}.`);
  }
  for (const d of c.duplicates) parts.push(`Предупреждение: ${d.person} указан(а) в двух источниках — ${d.sources[0]} и ${d.sources[1]}.`);
  return parts.join("\n");
}

export async function consolidateCommand(schools: string[], out: string, into: string | undefined, json: boolean): Promise<CommandResult> {
  const basePath = into ?? (existsSync(out) ? out : undefined);
  if (!basePath) {
    throw new WorkbookFileError("Нужна книга района со списком организаций: укажите --into РАЙОН.xlsx (или существующий файл в -o)");
  }
  const base = await openWorkbookFile(basePath);
  const problem = rosterProblem(base.analysis, basename(basePath));
  if (problem) throw new WorkbookFileError(problem);
  const books: SchoolBook[] = [];
  const failed: { file: string; message: string }[] = [];
  for (const path of schools) {
    try {
      books.push({ file: basename(path), analysis: (await openWorkbookFile(path)).analysis });
    } catch (e) {
      if (!(e instanceof WorkbookFileError)) throw e;
      failed.push({ file: basename(path), message: e.message });
    }
  }
  const c = consolidate(base.analysis, books);
  writeConsolidation(base.workbook, base.analysis, c);
  await base.workbook.xlsx.writeFile(out);
  const exitCode = failed.length > 0 ? 1 : 0;
  if (json) {
    const doc = { output: out, files: c.summaries, failed, unknownOrganizations: c.unknownOrganizations, duplicates: c.duplicates };
    return { stdout: JSON.stringify(doc, null, 2), exitCode };
  }
  return { stdout: `Книга района записана: «${out}».\n\n${consolidationText(c, failed)}`, exitCode };
}
