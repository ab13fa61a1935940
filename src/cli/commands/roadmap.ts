import { basename } from "node:path";
import { type Day, isoOf, ruOf, ymdOf } from "../../core/model/dates";
import { type RoadmapResult, STATUS_RU, compareItems, computeRoadmap } from "../../core/roadmap/roadmap";
import { roadmapPlanYear } from "../../core/read/settings";
import { openWorkbookFile } from "../../xlsx/open";
import { WorkbookFileError } from "../../xlsx/read";
import { dash, table } from "../format";
import type { CommandResult } from "../types";

export function roadmapJson(r: RoadmapResult) {
  return {
    asOf: isoOf(r.asOf),
    items: r.items.map((i) => ({
      row: i.row,
      id: i.id,
      title: i.title,
      deadlineText: i.deadline.text,
      kind: i.deadline.kind,
      due: i.due === null ? null : isoOf(i.due),
      status: i.status,
      daysOverdue: i.daysOverdue,
    })),
  };
}

export function roadmapText(r: RoadmapResult): string {
  const c = r.counts;
  const head =
    `Дорожная карта на ${ruOf(r.asOf)}: просрочено — ${c.overdue}, скоро срок — ${c["due-soon"]}, в срок — ${c["on-track"]}, ` +
    `постоянно — ${c.ongoing}, выполнено — ${c.done}, отменено — ${c.cancelled}, нет даты — ${c["no-date"]}.`;
  const rows = [...r.items].sort(compareItems).map((i) => [
    i.id ?? "",
    i.title,
    i.deadline.text,
    i.due === null ? dash : ruOf(i.due),
    STATUS_RU[i.status],
    i.daysOverdue === null ? "" : String(i.daysOverdue),
  ]);
  const t = table(["№", "Мероприятие", "Срок (как записан)", "К дате", "Статус", "Дней просрочки"], rows, {
    align: ["l", "l", "l", "l", "l", "r"],
    max: [6, 60, 46],
  });
  const tail = r.excludedRows > 0 ? `\n\nСтрок с ошибками (не оценены): ${r.excludedRows}; подробности — mentor-monitor validate.` : "";
  return `${head}\n\n${t}${tail}`;
}

export async function roadmapCommand(file: string, asOf: Day | null, json: boolean): Promise<CommandResult> {
  const { analysis, date1904 } = await openWorkbookFile(file);
  if (!analysis.roadmap) throw new WorkbookFileError(`В книге «${basename(file)}» нет листа «Дорожная карта» (со столбцами «Мероприятие» и «Срок»)`);
  const day = asOf ?? analysis.settings.asOf;
  if (day === null) throw new WorkbookFileError("Не указана дата отчёта: --as-of ГГГГ-ММ-ДД");
  const r = computeRoadmap(analysis, day, roadmapPlanYear(analysis.settings, ymdOf(day).y), date1904);
  return { stdout: json ? JSON.stringify(roadmapJson(r), null, 2) : roadmapText(r), exitCode: 0 };
}
