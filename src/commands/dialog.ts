// dialog.html: the outcome of «Сформировать свод», as the function file passed it in the address
// (src/commands/outcome.ts). Texts go in as text nodes, never as HTML. «Закрыть» asks the function file
// to close the dialog (messageParent, the dialog API's one way back); outside Office it closes the window.
import { outcomeOf } from "./outcome";

function render(): void {
  const outcome = outcomeOf(location.search);
  const title = document.getElementById("title")!;
  const text = document.getElementById("text")!;
  const hint = document.getElementById("hint")!;
  if (!outcome) {
    title.textContent = "Мониторинг наставничества";
    text.textContent = "Нет сообщения для показа.";
  } else {
    document.body.dataset.kind = outcome.kind;
    title.textContent = outcome.kind === "success" ? "✓ Готово" : "✗ Свод не сформирован";
    text.textContent = outcome.kind === "success" ? outcome.text : outcome.text.replace(/^Свод не сформирован[.:]\s*/, "");
    hint.textContent = outcome.hint;
    hint.hidden = outcome.hint === "";
  }
  const close = document.getElementById("close") as HTMLButtonElement;
  close.addEventListener("click", () => {
    const ui = typeof Office === "undefined" ? undefined : Office.context?.ui;
    if (ui?.messageParent) ui.messageParent("close");
    else window.close();
  });
  close.focus();
}

render();
if (typeof Office !== "undefined") void Office.onReady();
