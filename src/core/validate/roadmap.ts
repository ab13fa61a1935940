import { parseDeadline } from "../roadmap/deadline";
import type { RoadmapRow } from "../read/schemas";
import type { IssueSink, RowRecord } from "../read/table";
import type { CellValue } from "../model/cells";
import { quoted } from "../model/text";

type Key = keyof RoadmapRow;

/** A "Срок" the grammar cannot read is kept as written and reported, never guessed. */
export function checkRoadmap(records: RowRecord<RoadmapRow, Key>[], planYear: number, date1904: boolean, sink: IssueSink<Key>): void {
  for (const rec of records) {
    if (!rec.value) continue;
    const d = parseDeadline((rec.value.deadline ?? null) as CellValue, { planYear, date1904 });
    if (d.kind !== "unparsed") continue;
    const msg = d.text === ""
      ? "Срок не указан: введите дату (ДД.ММ.ГГГГ) или период"
      : `Срок «${quoted(d.text)}» не распознан: укажите дату (ДД.ММ.ГГГГ), месяц или период`;
    sink.onRecord(rec, "deadline", "unparsed-deadline", msg);
  }
}
