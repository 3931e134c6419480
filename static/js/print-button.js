// Buttons marked data-print print the page (the badge): no inline script, so the CSP can forbid them.
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
