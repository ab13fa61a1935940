// Roadmap items at an as-of date (SPEC §2.4, §5): each "Срок" through the deadline grammar, then its status.
import type { WorkbookAnalysis } from "../analyze";
import type { CellValue } from "../model/cells";
import type { Day } from "../model/dates";
import { type Deadline, type RoadmapProgress, type RoadmapStatus, parseDeadline, roadmapStatus } from "./deadline";
import type { Settings } from "../read/settings";

export interface RoadmapItem {
  readonly row: number;
  readonly id: string | null;
  readonly title: string;
  readonly responsible: string | null;
  readonly progress: RoadmapProgress;
  readonly completed: Day | null;
  readonly deadline: Deadline;
  readonly status: RoadmapStatus;
  /** The due date that matters at the as-of date (for a series: the missed or the next occurrence). */
  readonly due: Day | null;
  readonly daysOverdue: number | null;
}

export interface RoadmapResult {
  readonly asOf: Day;
  readonly items: RoadmapItem[];
  /** Rows not rated because they have errors (e.g. no title, an unknown status). */
  readonly excludedRows: number;
  readonly counts: Readonly<Record<RoadmapStatus, number>>;
}

/** Overdue first (most days first), then due soon, then the rest in sheet order: the order a curator chases. */
const ORDER: Record<RoadmapStatus, number> = { overdue: 0, "due-soon": 1, "no-date": 2, "on-track": 3, ongoing: 4, done: 5, cancelled: 6 };

export function compareItems(a: RoadmapItem, b: RoadmapItem): number {
  return ORDER[a.status] - ORDER[b.status] || (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || a.row - b.row;
}

export function computeRoadmap(a: WorkbookAnalysis, asOf: Day, planYear: number, date1904 = false): RoadmapResult {
  const items: RoadmapItem[] = [];
  let excludedRows = 0;
  for (const rec of a.roadmap?.records ?? []) {
    const r = rec.value;
    if (!r || rec.errors > 0) {
      excludedRows++;
      continue;
    }
    const deadline = parseDeadline((r.deadline ?? null) as CellValue, { planYear, date1904 });
    const progress = (r.progress ?? "Не начато") as RoadmapProgress;
    const s = roadmapStatus(deadline, progress, r.completed, asOf, a.settings.dueSoonDays);
    items.push({
      row: rec.row,
      id: r.id,
      title: r.title,
      responsible: r.responsible,
      progress,
      completed: r.completed,
      deadline,
      status: s.status,
      due: s.due,
      daysOverdue: s.daysOverdue,
    });
  }
  const counts = { overdue: 0, "due-soon": 0, "on-track": 0, ongoing: 0, "no-date": 0, done: 0, cancelled: 0 };
  for (const i of items) counts[i.status]++;
  return { asOf, items, excludedRows, counts };
}

export const STATUS_RU: Record<RoadmapStatus, string> = {
  overdue: "просрочено",
  "due-soon": "скоро срок",
  "on-track": "в срок",
  ongoing: "постоянно",
  "no-date": "нет даты",
  done: "выполнено",
  cancelled: "отменено",
};
