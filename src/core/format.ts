// Numbers the Russian way for people (the terminal and the pane): one decimal, a comma, «—» when undefined.
export const dash = "—";

export function fmtPercent(p: number | null): string {
  return p === null ? dash : `${p.toFixed(1).replace(".", ",")} %`;
}

export function fmtNumber(n: number | null): string {
  return n === null ? dash : Number.isInteger(n) ? String(n) : n.toFixed(1).replace(".", ",");
}
