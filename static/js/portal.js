/* Portail CUF — améliorations progressives communes à toutes les pages (aucune n'est nécessaire).
 *
 * - Menu (<details data-menu>) : fermé par Échap (le focus revient au bouton) ou par un clic
 *   en dehors ; ouvert d'office sur grand écran pour les navigateurs qui ne savent pas encore
 *   afficher le contenu d'un <details> fermé (::details-content).
 * - Résumé des erreurs (.error-summary) : reçoit le focus au chargement si l'attribut autofocus
 *   n'a pas suffi, et un lien vers un champ place le focus dans ce champ.
 */
(function () {
  "use strict";

  function setUpMenu(menu) {
    var button = menu.querySelector("summary");
    var wide = window.matchMedia("(min-width: 48rem)");
    var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
    function sync() { if (!styled && wide.matches) { menu.open = true; } }
    sync();
    if (wide.addEventListener) { wide.addEventListener("change", sync); }
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && !wide.matches) {
        menu.open = false;
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !wide.matches && !menu.contains(event.target)) { menu.open = false; }
    });
  }

  function setUpErrorSummary(summary) {
    if (document.activeElement !== summary) { summary.focus(); }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']") || field;
      (field.closest("fieldset") || label).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  function start() {
    document.querySelectorAll("[data-menu]").forEach(setUpMenu);
    var summary = document.querySelector(".error-summary");
    if (summary && summary.hasAttribute("autofocus")) { setUpErrorSummary(summary); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
