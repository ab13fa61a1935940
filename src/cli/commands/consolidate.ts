import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";
import { rosterProblem } from "../../core/analyze";
import { type Consolidation, type SchoolBook, consolidate, unmatchedText } from "../../core/consolidate/consolidate";
import { writeConsolidation } from "../../xlsx/consolidate";
import { openWorkbookFile, requireXlsx } from "../../xlsx/open";
import { openPackage } from "../../xlsx/package/open";
import { WorkbookFileError } from "../../xlsx/read";
import { withOutputLock, writeOutputFile } from "../io";
import { table } from "../format";
import type { CommandResult } from "../types";

export function consolidationText(c: Consolidation, failed: { file: string; message: string }[], notes: string[] = []): string {
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
    if (s.refused) parts.push(`  ${s.file}: ${s.refused}`);
    else if (s.relation !== "новый источник") parts.push(`  ${s.file}: ${s.relation}`);
    for (const e of s.excluded) parts.push(`  ${s.file}, лист «${e.sheet}», стр. ${e.row}: не добавлена — ${e.reason}`);
    for (const u of s.unmatched) parts.push(`  ${s.file}: ${unmatchedText(u)}`);
  }
  for (const f of failed) parts.push(`  ${f.file}: не прочитан — ${f.message}`);
  if (c.unknownOrganizations.length > 0) {
    parts.push(`Организаций нет в списке района (лист «Организации»), их строки не добавлены: ${c.unknownOrganizations.join(", ")}.`);
  }
  for (const d of c.duplicates) parts.push(`Предупреждение: ${d.person} указан(а) в двух источниках — ${d.sources[0]} и ${d.sources[1]}.`);
  for (const n of notes) parts.push(`Примечание: ${n}.`);
  return parts.join("\n");
}

const digest = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export async function consolidateCommand(schools: string[], out: string, into: string | undefined, json: boolean): Promise<CommandResult> {
  // The lock is held from reading the district book to writing it: two runs into one file both land.
  return withOutputLock(out, async () => {
    const basePath = into ?? (existsSync(out) ? out : undefined);
    if (!basePath) {
      throw new WorkbookFileError("Нужна книга района со списком организаций: укажите --into РАЙОН.xlsx (или существующий файл в -o)");
    }
    const base = await openWorkbookFile(basePath);
    const problem = rosterProblem(base.analysis, basename(basePath));
    if (problem) throw new WorkbookFileError(problem);
    requireXlsx(base, basename(basePath), "Школьные строки");
    const baseDigest = digest(base.bytes);
    const books: SchoolBook[] = [];
    const failed: { file: string; message: string }[] = [];
    for (const path of schools) {
      if (resolve(path) === resolve(basePath) || resolve(path) === resolve(out)) {
        failed.push({ file: basename(path), message: "это сама книга района: книгу нельзя импортировать в неё же" });
        continue;
      }
      try {
        const school = await openWorkbookFile(path);
        const fingerprint = digest(school.bytes);
        if (fingerprint === baseDigest) {
          failed.push({ file: basename(path), message: "это копия книги района: книгу нельзя импортировать в неё же" });
          continue;
        }
        books.push({ file: basename(path), analysis: school.analysis, fingerprint });
      } catch (e) {
        if (!(e instanceof WorkbookFileError)) throw e;
        failed.push({ file: basename(path), message: e.message });
      }
    }
    const c = consolidate(base.analysis, books);
    const pkg = openPackage(base.bytes, basename(basePath));
    const { notes } = await writeConsolidation(pkg, c, base.date1904, basename(basePath));
    await writeOutputFile(out, pkg.toBytes());
    const exitCode = failed.length > 0 || c.summaries.some((s) => s.refused) ? 1 : 0;
    if (json) {
      const doc = { output: out, files: c.summaries, failed, unknownOrganizations: c.unknownOrganizations, duplicates: c.duplicates, notes };
      return { stdout: JSON.stringify(doc, null, 2), exitCode };
    }
    return { stdout: `Книга района записана: «${out}».\n\n${consolidationText(c, failed, notes)}`, exitCode };
  });
}
