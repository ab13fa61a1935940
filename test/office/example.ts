// The seed example (six organizations, plan 1256, a roster with planted mistakes) as host input,
// and rosters of any size built from it for the sync-count tests.
import type ExcelJS from "exceljs";
import type { CellValue, SheetInput, WorkbookInput } from "../../src/core/model/cells";
import type { TestHost } from "../../src/testhost";
import { cellName, parseAddress } from "../../src/testhost/address";
import { workbookInputOf } from "../../src/xlsx/read";
import { ROSTER_HEADER_ROW, buildExample } from "../../scripts/example/workbook";
import { roundTrip } from "../helpers/xlsx";

export const ROSTER = "Участники";
export const NOW = new Date(Date.UTC(2021, 5, 30, 9, 0));

/** The example as the .xlsx path reads it (written by ExcelJS and read back), optionally changed first. */
export async function exampleInput(change?: (wb: ExcelJS.Workbook) => void): Promise<WorkbookInput> {
  const { workbook } = buildExample();
  change?.(workbook);
  return workbookInputOf(await roundTrip(workbook));
}

const COL = { fio: 0, pair: 5, birth: 8 };

/** The example's roster data rows (the empty row inside the data left out), planted mistakes last. */
function rosterData(input: WorkbookInput): CellValue[][] {
  const sheet = input.sheets.find((s) => s.name === ROSTER)!;
  return sheet.rows.slice(ROSTER_HEADER_ROW).filter((r) => r.some((v) => v !== null)).map((r) => [...r]);
}

/**
 * The example with a roster of exactly `rows` data rows. Small rosters take the first rows and the
 * last five (planted mistakes), so every size has issues to highlight; large ones repeat the whole
 * roster, each copy with its own pair ids and birth dates shifted by a day per copy, so people stay
 * distinct and the share of mistakes stays the example's.
 */
export function withRoster(input: WorkbookInput, rows: number): WorkbookInput {
  const data = rosterData(input);
  let out: CellValue[][];
  if (rows <= data.length) out = [...data.slice(0, Math.max(0, rows - 5)), ...data.slice(-Math.min(5, rows))];
  else {
    out = [];
    for (let k = 0; out.length < rows; k++) {
      for (const r of data) {
        if (out.length === rows) break;
        if (k === 0) {
          out.push(r);
          continue;
        }
        const copy = [...r];
        const birth = copy[COL.birth];
        if (birth instanceof Date) copy[COL.birth] = new Date(birth.getTime() - k * 86_400_000);
        if (typeof copy[COL.pair] === "string") copy[COL.pair] = `${copy[COL.pair]}/${k}`;
        out.push(copy);
      }
    }
  }
  const sheets = input.sheets.map((s): SheetInput => (s.name === ROSTER ? { ...s, rows: [...s.rows.slice(0, ROSTER_HEADER_ROW), ...out] } : s));
  return { ...input, sheets };
}

/**
 * Everything a user could see change in these sheets: values, formulas, number formats, fills and
 * validation (fills or validation left out on request, for checks of what an action may change).
 */
export function snapshot(host: TestHost, sheets: readonly string[] = host.sheetNames(), { fills = true, validation = true } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of sheets) {
    const s = host.sheet(name);
    const used = s.usedAddress(false);
    const rect = used ? parseAddress(used)!.rect : null;
    const cells: unknown[] = [];
    if (rect) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          const { value, formula, numberFormat, fill, dataValidation } = s.cell(cellName(r, c));
          cells.push([value, formula, numberFormat, fills ? fill : null, validation ? dataValidation : null]);
        }
      }
    }
    out[name] = { used, visibility: s.visibility, cells };
  }
  return out;
}
