/* The AI Capex Ledger: typeset the formulas Sphinx writes as \( … \) and \[ … \] with KaTeX (vendored).
   A displayed formula wider than the page scrolls; it is made focusable and labelled so that
   keyboard readers can scroll it too. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".math").forEach(function (el) {
    renderMathInElement(el, {
      delimiters: [{left: "\\[", right: "\\]", display: true}, {left: "\\(", right: "\\)", display: false}],
      throwOnError: false
    });
  });
  document.querySelectorAll(".katex-display").forEach(function (el) {
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", "Formula (scrolls sideways on a narrow screen)");
  });
});
