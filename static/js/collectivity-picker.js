/* Sélecteur de collectivité : amélioration progressive d'un champ texte.
 *
 * <input data-lookup-url="/atlas/collectivites/chercher/?cote=fr" name="collectivity">
 * Sans JavaScript, le serveur reconnaît le nom, le code officiel ou le SIREN tapé. Avec, le champ
 * devient une liste déroulante accessible (motif « combobox » ARIA 1.2) : flèches, Entrée, Échap ;
 * le choix est envoyé sous son identifiant dans un champ caché du même nom.
 */
const DELAY = 150;

function enhance(input) {
  if (input.dataset.pickerReady) { return; }
  input.dataset.pickerReady = "1";
  const name = input.name;
  const hidden = document.createElement("input");
  hidden.type = "hidden";
  hidden.name = name;
  hidden.value = input.value;
  input.removeAttribute("name");
  input.after(hidden);

  const list = document.createElement("ul");
  list.id = `${input.id || name}-options`;
  list.className = "picker-options";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Collectivités correspondantes");
  list.hidden = true;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  hidden.after(list, status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  let timer = null;
  let active = -1;
  let items = [];
  let controller = null;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    const item = items[index];
    if (!item) { return; }
    input.value = item.name;
    hidden.value = item.slug;
    status.textContent = `${item.label} choisie.`;
    close();
  }

  function render(results) {
    items = results;
    list.replaceChildren(...results.map((item, i) => {
      const option = document.createElement("li");
      option.id = `${list.id}-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.label;
      option.addEventListener("mousedown", (event) => { event.preventDefault(); choose(i); });
      return option;
    }));
    const open = results.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    status.textContent = open ? `${results.length} collectivité${results.length > 1 ? "s" : ""} proposée${results.length > 1 ? "s" : ""}.`
      : "Aucune collectivité ne correspond.";
    active = -1;
  }

  async function lookup() {
    const text = input.value.trim();
    if (text.length < 2) { render([]); status.textContent = ""; return; }
    if (controller) { controller.abort(); }
    controller = new AbortController();
    const url = new URL(input.dataset.lookupUrl, window.location.href);
    url.searchParams.set("q", text);
    url.searchParams.set("format", "json");
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
      if (response.ok) { render((await response.json()).results); }
    } catch (error) {
      if (error.name !== "AbortError") { close(); }
    }
  }

  input.addEventListener("input", () => {
    hidden.value = input.value;  // typed text: the server resolves it, as without JavaScript
    clearTimeout(timer);
    timer = setTimeout(lookup, DELAY);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      highlight(Math.min(active + 1, items.length - 1));
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}

document.querySelectorAll("input[data-lookup-url]").forEach(enhance);
