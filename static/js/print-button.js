// Buttons marked data-print open the browser's print dialog (no inline handler: the CSP forbids them).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
