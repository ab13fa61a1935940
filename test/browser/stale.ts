// Whether a browser test or bench must build a bundle again before using it: the bundle is missing, or
// older than one of the sources it is made from. One definition for the pane's, the page's and the
// unsupported-webview bundles.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest modification time of a file, or of the files under a folder (0 when the path is missing). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let n = 0;
  for (const e of readdirSync(path)) n = Math.max(n, newest(join(path, e)));
  return n;
}

/** True when `output` is missing or older than any file under `inputs`. */
export function stale(output: string, ...inputs: string[]): boolean {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return inputs.some((p) => newest(p) > built);
}
