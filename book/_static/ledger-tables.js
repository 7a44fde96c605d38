/* The AI Capex Ledger: sort and filter long tables (class ledger-sortable) in the static page.
   Headers become buttons (click or Enter sorts, again reverses); a text box filters rows; a
   drop-down per header marked data-facet keeps rows with that value. No network, no kernel. */
(function () {
  "use strict";

  function cellKey(row, index) {
    var cell = row.cells[index];
    var sort = cell.getAttribute("data-sort");
    if (sort !== null && sort !== "") { return { num: true, value: parseFloat(sort) }; }
    return { num: false, value: cell.textContent.trim().toLowerCase() };
  }

  function sortBy(table, index, button) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = button.getAttribute("data-dir") !== "asc";
    rows.sort(function (a, b) {
      var x = cellKey(a, index), y = cellKey(b, index);
      var order = (x.num && y.num) ? x.value - y.value : (x.value < y.value ? -1 : x.value > y.value ? 1 : 0);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
      var b = th.querySelector("button");
      if (b) { b.removeAttribute("data-dir"); }
    });
    button.setAttribute("data-dir", ascending ? "asc" : "desc");
    button.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function applyFilters(table, text, selects) {
    var needle = text.value.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var ok = !needle || row.textContent.toLowerCase().indexOf(needle) >= 0;
      selects.forEach(function (s) {
        if (ok && s.select.value !== "") { ok = row.cells[s.index].textContent.trim() === s.select.value; }
      });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    table.parentNode.querySelector(".ledger-count").textContent =
      shown + " of " + table.tBodies[0].rows.length + " rows shown";
  }

  function enhance(table, n) {
    var headers = table.tHead.rows[0].cells;
    var controls = document.createElement("div");
    controls.className = "ledger-table-controls";
    var label = document.createElement("label");
    label.textContent = "Filter rows ";
    var text = document.createElement("input");
    text.type = "search";
    text.id = "ledger-filter-" + n;
    label.setAttribute("for", text.id);
    controls.appendChild(label);
    controls.appendChild(text);
    var selects = [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var name = th.textContent;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ledger-sort";
      button.textContent = name;
      button.addEventListener("click", function () { sortBy(table, index, button); });
      th.textContent = "";
      th.appendChild(button);
      if (th.hasAttribute("data-facet")) {
        var values = {};
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          values[row.cells[index].textContent.trim()] = true;
        });
        var select = document.createElement("select");
        select.setAttribute("aria-label", "Show only rows with this " + name);
        var all = document.createElement("option");
        all.value = "";
        all.textContent = name + ": all";
        select.appendChild(all);
        Object.keys(values).sort().forEach(function (v) {
          var option = document.createElement("option");
          option.value = v;
          option.textContent = v;
          select.appendChild(option);
        });
        controls.appendChild(select);
        selects.push({ index: index, select: select });
      }
    });
    var count = document.createElement("span");
    count.className = "ledger-count";
    count.setAttribute("aria-live", "polite");
    controls.appendChild(count);
    table.parentNode.insertBefore(controls, table);
    var update = function () { applyFilters(table, text, selects); };
    text.addEventListener("input", update);
    selects.forEach(function (s) { s.select.addEventListener("change", update); });
    update();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table.ledger-sortable"), enhance);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
