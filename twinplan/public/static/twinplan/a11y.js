// Small accessibility helpers for every page (docs/accessibility.md); no inline script.
// 1. After a refused submit, focus moves to the error summary (or, without one, to the first
//    field marked invalid), so that keyboard and screen-reader users meet what went wrong
//    first. Also after htmx swaps in a refused form.
// 2. A table too wide for the screen scrolls inside its `.table-scroll` box; that box is
//    made reachable by keyboard (tabindex) and named after the table's caption or the
//    section's heading, so that it can be scrolled with the arrow keys (WCAG 2.1.1).
// 3. A link in the error summary moves the focus into its field's control (for a group of
//    checkboxes, the first of them), not just the view.
(function () {
  "use strict";
  function focusErrors(root) {
    var target = root.querySelector(".form-errors") ||
      root.querySelector("[aria-invalid=true]");
    if (!target) { return; }
    if (!target.matches("input, select, textarea, button, a[href]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }

  function scrollName(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) { return caption.textContent.trim(); }
    var section = box.closest("section");
    var heading = section && section.querySelector("h2, h3, h4");
    return heading ? heading.textContent.trim() : "";
  }

  function markScrollableTables() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var name = scrollName(box);
        if (name) { box.setAttribute("aria-label", name); }
        box.dataset.a11yScroll = "1";
      } else if (!scrolls && box.dataset.a11yScroll) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.a11yScroll;
      }
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".form-errors a[href^='#']") : null;
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    var control = target.matches("input, select, textarea") ? target :
      target.querySelector("input, select, textarea");
    if (control) {
      event.preventDefault();
      control.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    markScrollableTables();
    focusErrors(document);
  });
  window.addEventListener("resize", markScrollableTables);
  document.addEventListener("htmx:afterSwap", function (event) {
    markScrollableTables();
    if (event.target instanceof Element) { focusErrors(event.target); }
  });
})();
