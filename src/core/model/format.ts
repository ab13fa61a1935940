// Numbers the Russian way for people (the terminal and the pane): one decimal, a comma, «—» when undefined.
export const dash = "—";

export function fmtPercent(p: number | null): string {
  return p === null ? dash : `${p.toFixed(1).replace(".", ",")} %`;
}

/**
 * A count or an amount: a decimal comma, and from five digits on thousands split by a no-break space
 * (`12 345`, `1 048 576`), as Russian typography writes them; four-digit numbers stay whole (`1256`).
 */
export function fmtNumber(n: number | null): string {
  if (n === null) return dash;
  const text = Number.isInteger(n) ? String(Math.abs(n)) : Math.abs(n).toFixed(1).replace(".", ",");
  const [whole, frac] = text.split(",");
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+$)/g, "\u00a0") : whole;
  return `${n < 0 ? "−" : ""}${grouped}${frac === undefined ? "" : `,${frac}`}`;
}

/** Russian plural of a noun after a number: 1 строка, 2 строки, 5 строк. */
export function plural(n: number, one: string, few: string, many: string): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return many;
  if (b === 1) return one;
  if (b >= 2 && b <= 4) return few;
  return many;
}
