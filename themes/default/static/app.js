// rfcbook default theme: the dark-mode toggle and the sortable, filterable RFC table.
// Everything works without it; it only adds convenience.
(function () {
  "use strict";
  var root = document.documentElement;
  var toggle = document.getElementById("theme-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var dark = root.dataset.theme
        ? root.dataset.theme === "dark"
        : window.matchMedia("(prefers-color-scheme: dark)").matches;
      root.dataset.theme = dark ? "light" : "dark";
      try { localStorage.setItem("rfcbook-theme", root.dataset.theme); } catch (e) { /* file:// may forbid storage */ }
    });
  }

  var table = document.getElementById("rfc-table");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  // The text a filter searches (every cell), read once.
  rows.forEach(function (row) { row.rfcbookText = row.textContent.toLowerCase(); });
  var text = document.getElementById("filter-text");
  var status = document.getElementById("filter-status");
  var count = document.getElementById("filter-count");

  function filter() {
    var q = (text.value || "").toLowerCase().trim();
    var s = status.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!s || row.dataset.status === s) && (!q || row.rfcbookText.indexOf(q) !== -1);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + (shown === 1 ? " RFC" : " RFCs");
  }
  text.addEventListener("input", filter);
  status.addEventListener("change", filter);
  var params = new URLSearchParams(window.location.search);
  if (params.get("status")) { status.value = params.get("status"); }
  if (params.get("q")) { text.value = params.get("q"); }
  filter();

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, column) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = button.dataset.sort === "number";
      rows.sort(function (a, b) {
        var x = a.cells[column].textContent, y = b.cells[column].textContent;
        var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return ascending ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
