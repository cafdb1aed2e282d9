// Glossary tooltips show on hover and focus through CSS alone. This only adds what CSS
// cannot: Escape hides an open definition without moving focus or the pointer (WCAG 2.1,
// 1.4.13 "Content on Hover or Focus"); it shows again once focus or pointer leave and come back.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".gloss:hover, .gloss:focus-within").forEach(function (gloss) {
      gloss.classList.add("gloss-dismissed");
    });
  });
  function reset(event) {
    var gloss = event.target instanceof Element ? event.target.closest(".gloss") : null;
    if (gloss) gloss.classList.remove("gloss-dismissed");
  }
  document.addEventListener("focusout", reset);
  document.addEventListener("pointerleave", reset, true);
})();
