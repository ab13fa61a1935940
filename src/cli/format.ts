// Plain-text tables for the terminal, Russian number style.

export { dash, fmtNumber, fmtPercent } from "../core/model/format";

function truncate(s: string, w: number): string {
  return s.length <= w ? s : `${s.slice(0, w - 1)}…`;
}

/** Columns right-aligned when `align` says so; long text truncated to `max` characters. */
export function table(
  headers: string[],
  rows: string[][],
  opts: { align?: ("l" | "r")[]; max?: number[] } = {},
): string {
  const cut = rows.map((r) => r.map((c, i) => truncate(c, opts.max?.[i] ?? 80)));
  // A loop, not Math.max(...spread): a table of 100 000 rows would overflow the call stack.
  const widths = headers.map((h, i) => cut.reduce((w, r) => Math.max(w, (r[i] ?? "").length), h.length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (opts.align?.[i] === "r" ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...cut.map(line)].join("\n");
}
