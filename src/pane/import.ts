// Planning an import of school files into the district's workbook, the same for every host: the school
// files read with the command line's reader, the district analysed, the core's consolidation plan. Each
// host then writes the plan its own way (Excel: src/office/import.ts; the page: src/xlsx/consolidate.ts).
import { type WorkbookAnalysis, analyzeWorkbook } from "../core/analyze";
import { type Consolidation, consolidate } from "../core/consolidate/consolidate";
import type { WorkbookInput } from "../core/model/cells";
import type { Day } from "../core/model/dates";
import { paneProblem } from "../engine/tasks";
import { readSchoolBooks } from "../xlsx/read";
import type { SchoolFile } from "./port";

export interface ImportPlan {
  readonly district: WorkbookAnalysis;
  readonly plan: Consolidation;
  /** School files that could not be read, each with its reason in Russian. */
  readonly failed: { file: string; message: string }[];
}

/** The plan for `files` into the district `input`; throws the pane's words when the district cannot take them. */
export function planImport(input: WorkbookInput, files: readonly SchoolFile[], today: Day): ImportPlan {
  const { schools, failed } = readSchoolBooks(files);
  const district = analyzeWorkbook(input, { today });
  const problem = paneProblem(district);
  if (problem) throw new Error(problem);
  return { district, plan: consolidate(district, schools), failed };
}
