// verifier's HTML report: filters from the summary bar, and the detail of the selected item.
// Every detail is already in the page (escaped by verifier); this script only shows and hides.
"use strict";
(function () {
  const items = Array.from(document.querySelectorAll(".item"));
  const filters = Array.from(document.querySelectorAll(".filter"));
  const hint = document.getElementById("hint");

  function active() {
    return new Set(filters.filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.dataset.key));
  }

  function applyFilters() {
    const on = active();
    items.forEach((item) => {
      const shown = item.dataset.keys.split(" ").some((k) => on.has(k));
      item.classList.toggle("filtered", !shown);
      item.tabIndex = shown ? 0 : -1;
      if (shown) { item.setAttribute("role", "button"); } else { item.removeAttribute("role"); }
    });
    document.querySelectorAll(".entry[data-key]").forEach((e) => { e.hidden = !on.has(e.dataset.key); });
  }

  function select(item) {
    if (item.classList.contains("filtered")) { return; }
    items.forEach((i) => { i.classList.remove("selected"); i.removeAttribute("aria-current"); });
    document.querySelectorAll(".detail").forEach((d) => { d.hidden = true; });
    item.classList.add("selected");
    item.setAttribute("aria-current", "true");
    document.getElementById(item.dataset.detail).hidden = false;
    if (hint) { hint.hidden = true; }
  }

  function move(step) {
    const shown = items.filter((i) => !i.classList.contains("filtered"));
    if (!shown.length) { return; }
    const at = shown.indexOf(document.activeElement);
    const next = shown[(at + step + shown.length) % shown.length];
    next.focus();
    select(next);
  }

  items.forEach((item) => {
    item.addEventListener("click", () => select(item));
    item.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(item); }
    });
  });
  filters.forEach((b) => b.addEventListener("click", () => {
    b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
    applyFilters();
  }));
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest("input, textarea")) { return; }
    if (e.key === "j" || e.key === "n") { move(1); } else if (e.key === "k" || e.key === "p") { move(-1); }
  });
  applyFilters();
})();
