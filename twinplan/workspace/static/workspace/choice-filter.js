// A search field above grouped checkboxes (the SDG targets): typing filters the boxes and
// opens the groups that match; a group whose heading matches shows all its boxes. Ticked
// boxes always stay visible. Without this script the grouped list works as it is.
(function () {
  "use strict";
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function setUp(box) {
    if (box.dataset.filterReady) return;
    box.dataset.filterReady = "1";
    var id = (box.id || "choices") + "-filter";
    var wrap = document.createElement("p");
    wrap.className = "choice-filter-search";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = box.dataset.filterLabel || "";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("span");
    status.className = "choice-filter-status";
    status.setAttribute("aria-live", "polite");
    status.id = id + "-status";
    input.setAttribute("aria-describedby", status.id);
    wrap.appendChild(label);
    wrap.appendChild(document.createTextNode(" "));
    wrap.appendChild(input);
    wrap.appendChild(document.createTextNode(" "));
    wrap.appendChild(status);
    box.parentNode.insertBefore(wrap, box);
    var groups = Array.prototype.slice.call(box.querySelectorAll(".choice-group"));
    var wasOpen = groups.map(function (group) { return group.open; });
    var timer = null;
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      groups.forEach(function (group, index) {
        var heading = fold(group.querySelector("summary").textContent);
        var headingMatches = words.length > 0 && words.every(function (w) { return heading.indexOf(w) >= 0; });
        var any = false;
        group.querySelectorAll("li").forEach(function (item) {
          var text = heading + " " + fold(item.textContent);
          var ticked = item.querySelector("input:checked") !== null;
          var match = words.length === 0 || headingMatches || ticked ||
            words.every(function (w) { return text.indexOf(w) >= 0; });
          item.hidden = !match;
          if (match) { any = true; shown += 1; }
        });
        group.hidden = !any;
        group.open = words.length === 0 ? wasOpen[index] || group.querySelector("input:checked") !== null : any;
      });
      if (words.length === 0) {
        status.textContent = "";
      } else if (shown === 0) {
        status.textContent = box.dataset.filterNone || "";
      } else {
        status.textContent = (box.dataset.filterStatus || "") + " " + shown;
      }
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 120);
    });
    // Enter in the search field must not send the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); apply(); }
    });
  }
  function init() {
    document.querySelectorAll("[data-choice-filter]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  document.addEventListener("htmx:afterSettle", init);
})();
