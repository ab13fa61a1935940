// Status colours of the coverage tab. Each pair of the three filled statuses differs by at least 3:1
// (WCAG 2.1 relative luminance), so «в графике» and «отстаёт» are told apart without colour vision too;
// every status also has its own icon and word. Text on each fill meets AA (4.5:1). «нет плана» has no
// fill, only a grey border. The contrasts are computed in the browser test from the rendered badges.
export type StatusName = "выполнен" | "в графике" | "отстаёт" | "нет плана";

export const STATUS_STYLE: Record<StatusName, { fill: string; text: string; border: string; bar: string }> = {
  // luminance 0.249; black text 6.0:1
  выполнен: { fill: "#3D9B4A", text: "#000000", border: "#2B6E35", bar: "#3D9B4A" },
  // luminance 0.855; black text 18:1; its border (#7A5E00, 6.1:1 on white) shows the light fill's edge
  "в графике": { fill: "#FFF176", text: "#000000", border: "#7A5E00", bar: "#FFF176" },
  // luminance 0.045; white text 11:1
  отстаёт: { fill: "#7A1010", text: "#FFFFFF", border: "#7A1010", bar: "#7A1010" },
  "нет плана": { fill: "#FFFFFF", text: "#242424", border: "#616161", bar: "#BDBDBD" },
};

/** WCAG 2.1 relative luminance of #RRGGBB. */
export function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
