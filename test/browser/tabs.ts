// Opening a tab of the pane or the page as a user would. Playwright's API only (no DOM types), so the
// benches, built without the DOM library, use it too.
import type { Page } from "playwright-core";

/** Opens a tab as a user would: from the row, or from «Ещё» when it does not fit. */
export async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole("tab", { name, exact: true });
  if (!(await tab.isVisible())) {
    await page.getByRole("tab", { name: /^Ещё|more sections$/ }).click();
    await page.getByRole("menuitem", { name, exact: true }).click();
  } else await tab.click();
  await page.getByRole("tab", { name, exact: true, selected: true }).waitFor();
}
