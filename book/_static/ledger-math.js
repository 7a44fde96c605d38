/* The AI Capex Ledger: typeset the formulas Sphinx writes as \( … \) and \[ … \] with KaTeX (vendored). */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".math").forEach(function (el) {
    renderMathInElement(el, {
      delimiters: [{left: "\\[", right: "\\]", display: true}, {left: "\\(", right: "\\)", display: false}],
      throwOnError: false
    });
  });
});
