// rfcbook default theme: the colour scheme and its toggle, and the sortable, filterable RFC
// table. Everything works without it; it only adds convenience. It is loaded in <head>,
// so the saved colour scheme applies before the page is painted; the rest waits for the
// document.
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    var saved = localStorage.getItem("rfcbook-theme");
    if (saved) root.dataset.theme = saved;
  } catch (e) { /* file:// may forbid storage */ }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();

  function ready() {
    // The toggle is made here: without scripts it could do nothing, so the page has none.
    var header = document.querySelector(".site-header");
    if (header) {
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "theme-toggle";
      // Ids the page gives itself start with a capital: heading anchors are lower case.
      toggle.id = "Theme-toggle";
      // Named for what it turns on; aria-pressed says whether it is on.
      toggle.setAttribute("aria-label", "Dark mode");
      toggle.textContent = "\u25D0";
      header.appendChild(toggle);
      var isDark = function () {
        return root.dataset.theme
          ? root.dataset.theme === "dark"
          : window.matchMedia("(prefers-color-scheme: dark)").matches;
      };
      // A toggle button tells assistive technology whether it is on: dark mode is.
      toggle.setAttribute("aria-pressed", String(isDark()));
      toggle.addEventListener("click", function () {
        root.dataset.theme = isDark() ? "light" : "dark";
        toggle.setAttribute("aria-pressed", String(isDark()));
        try { localStorage.setItem("rfcbook-theme", root.dataset.theme); } catch (e) { /* file:// may forbid storage */ }
      });
    }

    linkGraphNodes();
    refreshAges();
    scrollingBoxes();
    anchorInAnyCase();
    window.addEventListener("hashchange", anchorInAnyCase);
    collapseContents();
    var table = document.getElementById("rfc-table");
    if (!table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    // The text a filter searches (every cell) and the status (the third cell), read once.
    rows.forEach(function (row) {
      row.rfcbookText = row.textContent.toLowerCase();
      row.rfcbookStatus = row.cells[2].textContent;
      row.rfcbookTags = row.cells[5].textContent.toLowerCase().split(", ");
      // The number as the other pages write it (`0004`, `ADR019`); compared and sorted
      // by its digits.
      row.rfcbookNumber = numberIn(row.cells[0].textContent);
    });
    var text = document.getElementById("filter-text");
    var status = document.getElementById("filter-status");
    var count = document.getElementById("filter-count");
    // The archive's word is letters and digits only (a user theme's table may lack it).
    var word = (table.getAttribute("data-word") || "RFC").replace(/[^A-Za-z0-9]/g, "").toLowerCase();
    var numbered = new RegExp("^(?:#|" + (word || "rfc") + "[\\s_-]*)?0*(\\d+)$");
    // `?tag=database`, as the search page takes it: the RFCs with that tag, in any case,
    // said beside the count with a button that lets it go.
    var tag = (new URLSearchParams(window.location.search).get("tag") || "").toLowerCase();
    if (tag) {
      var chip = document.createElement("button");
      chip.type = "button";
      chip.id = "filter-tag";
      // The name begins with the text shown, so that voice control finds it by it.
      chip.textContent = "Tag: " + tag;
      var gone = document.createElement("span");
      gone.className = "visually-hidden";
      gone.textContent = ", show RFCs with any tag";
      chip.appendChild(gone);
      var cross = document.createElement("span");
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = " \u00d7";
      chip.appendChild(cross);
      count.parentNode.insertBefore(chip, count);
      chip.addEventListener("click", function () {
        tag = "";
        chip.remove();
        filter();
        remember();
        // The button is gone: focus goes to the filter, not to the top of the page.
        text.focus();
      });
    }

    // Past the first `page` rows, matching rows wait for "Show all" (the template hides
    // them from the start, so that the page is laid out fast).
    var page = Number(table.getAttribute("data-page")) || 0;
    var all = !page || rows.length <= page;
    var more = document.getElementById("show-all");
    if (more) {
      more.addEventListener("click", function () {
        var first = rows.filter(function (row) { return !row.hidden; }).length;
        all = true;
        filter();
        // The first row that was not shown before gets the focus, not the top of the page.
        var next = rows.filter(function (row) { return !row.hidden; })[first];
        var link = next && next.querySelector("a");
        if (link) link.focus();
      });
    }

    function filter() {
      var q = (text.value || "").toLowerCase().trim();
      var s = status.value;
      var shown = 0;
      // A number as other pages write it (`0004`, `#4`, `RFC 4`; `ADR-7`, `EIP1559` in
      // archives whose files are named so) finds the row with that number.
      var number = numbered.exec(q);
      rows.forEach(function (row) {
        var said = !q || row.rfcbookText.indexOf(q) !== -1 || (number && row.rfcbookNumber === number[1]);
        var ok = Boolean((!s || row.rfcbookStatus === s) && said &&
          (!tag || row.rfcbookTags.indexOf(tag) !== -1));
        var visible = ok && (all || shown < page);
        // Only a row that changes is touched: the table is laid out again for any that is.
        if (row.hidden === visible) row.hidden = !visible;
        if (ok) shown++;
      });
      var cut = !all && shown > page;
      count.textContent = shown + (shown === 1 ? " RFC" : " RFCs") + (cut ? ", the first " + page + " shown" : "");
      if (more) {
        more.hidden = !cut;
        more.textContent = "Show all " + shown + " RFCs";
      }
    }
    // Typing is followed once it pauses, on a large table: each pass lays the rows out
    // again, and a pass per keystroke kept the first letters waiting for seconds.
    var typing = null;
    function filterSoon() {
      clearTimeout(typing);
      typing = setTimeout(function () { filter(); remember(); }, rows.length > 1000 ? 150 : 0);
    }
    // The filter is kept in the address, as the search page keeps its query: a filtered
    // table can be linked to, and comes back on reload and on Back.
    function remember() {
      var params = new URLSearchParams(window.location.search);
      [["q", text.value.trim()], ["status", status.value], ["tag", tag]].forEach(function (p) {
        if (p[1]) params.set(p[0], p[1]); else params.delete(p[0]);
      });
      var search = params.toString();
      try { history.replaceState(null, "", search ? "?" + search : window.location.pathname); } catch (e) { /* file:// in some browsers */ }
    }
    text.addEventListener("input", filterSoon);
    status.addEventListener("change", function () { filter(); remember(); });
    // A browser may fill the controls in again after this script ran (Back, reload):
    // the rows follow what the controls show.
    window.addEventListener("pageshow", filter);
    var params = new URLSearchParams(window.location.search);
    // `?status=Accepted` finds the status in any case, as the search page does.
    var wanted = (params.get("status") || "").toLowerCase();
    Array.prototype.forEach.call(status.options, function (o) {
      if (wanted && o.value.toLowerCase() === wanted) status.value = o.value;
    });
    if (params.get("q")) { text.value = params.get("q"); }
    filter();

    var collator = new Intl.Collator(document.documentElement.lang || undefined);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, column) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = button.dataset.sort === "number";
        // Each row's key read once (not twice per comparison), compared by one collator;
        // an empty cell (no decision date yet) goes last either way.
        var keys = new Map();
        rows.forEach(function (row) {
          var text = row.cells[column].textContent;
          keys.set(row, numeric ? Number(numberIn(text)) : text);
        });
        rows.sort(function (a, b) {
          var x = keys.get(a), y = keys.get(b);
          if (x === "" || y === "") return (x === "") - (y === "");
          var c = numeric ? x - y : collator.compare(x, y);
          return ascending ? c : -c;
        });
        // Moved in one step: the rows are laid out once; the first page is of the new
        // order.
        var moved = document.createDocumentFragment();
        rows.forEach(function (row) { moved.appendChild(row); });
        body.appendChild(moved);
        if (!all) filter();
      });
    });
  }

  // A wide table or a long code line scrolls in its own box. A box that does scroll can be
  // focused and scrolled with the keyboard, and is a region named for where it is ("Table
  // 2 in Approach"), so a screen reader's list of regions tells them apart; a box that
  // fits is neither. Judged again when the window's width changes.
  // The number a table cell writes (`0004`, `ADR019`, `EIP-1559`) without its zeros.
  function numberIn(text) {
    var digits = text.replace(/\D/g, "");
    return digits ? String(Number(digits)) : "";
  }

  function scrollingBoxes() {
    var boxes = document.querySelectorAll(".content pre, .content .table-scroll");
    if (!boxes.length) return;
    function judge() {
      var seen = {};
      Array.prototype.forEach.call(boxes, function (box) {
        if (box.scrollWidth <= box.clientWidth) {
          ["tabindex", "role", "aria-label"].forEach(function (a) { box.removeAttribute(a); });
          return;
        }
        var kind = box.tagName === "PRE" ? "Code" : "Table";
        var heading = "";
        for (var e = box.previousElementSibling; e; e = e.previousElementSibling) {
          if (/^H[1-6]$/.test(e.tagName)) { heading = e.textContent.trim(); break; }
        }
        var key = kind + " in " + heading;
        seen[key] = (seen[key] || 0) + 1;
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", kind + (seen[key] > 1 ? " " + seen[key] : "") + (heading ? " in " + heading : ""));
      });
    }
    judge();
    var pending;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(judge, 150);
    });
  }

  // On a narrow screen the contents come before the RFC: a long list of them is folded
  // behind its heading, which opens it, so the RFC starts on the first screen.
  function collapseContents() {
    var toc = document.querySelector(".toc");
    var list = toc && toc.querySelector("ol");
    var heading = toc && toc.querySelector("h2");
    if (!list || !heading || list.children.length < 8) return;
    var narrow = window.matchMedia("(max-width: 64rem)");
    if (!narrow.matches) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "toc-toggle";
    button.textContent = heading.textContent + " (" + list.children.length + ")";
    button.setAttribute("aria-expanded", "false");
    list.id = list.id || "Toc-list";
    button.setAttribute("aria-controls", list.id);
    heading.textContent = "";
    heading.appendChild(button);
    list.hidden = true;
    function show(open) {
      list.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
    }
    button.addEventListener("click", function () { show(list.hidden); });
    // Widened past the breakpoint, the contents are a sidebar again: shown.
    narrow.addEventListener("change", function (e) { if (!e.matches) show(true); });
  }

  // The home page counts each open proposal's age on the day of the build, but a site is
  // read for weeks after it: counted again here from today's date, the way the build
  // counts (whole days between dates in local time), the ages and stale marks stay true
  // until the next build. A theme whose list lacks the data attributes is left alone.
  function refreshAges() {
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    Array.prototype.forEach.call(document.querySelectorAll("[data-stale-after] > li[data-created]"), function (item) {
      var ymd = item.getAttribute("data-created").split("-").map(Number);
      var created = new Date(0);
      created.setUTCFullYear(ymd[0], ymd[1] - 1, ymd[2]);
      // A date after today (a typo `check` warns of) is no age below zero.
      var days = Math.max(0, Math.round((today - created.getTime()) / 86400000));
      var age = item.querySelector(".age");
      if (!age || !isFinite(days)) return;
      var stale = days > Number(item.parentNode.getAttribute("data-stale-after"));
      age.textContent = days + (days === 1 ? " day" : " days");
      if (stale) {
        var mark = document.createElement("strong");
        mark.className = "stale-mark";
        mark.textContent = "stale";
        age.appendChild(document.createTextNode(" \u00B7 "));
        age.appendChild(mark);
      }
      item.classList.toggle("stale", stale);
    });
  }

  // A link to `#Summary` finds the heading `#summary`, as on GitHub: headings' anchors
  // are lower case, and authors link them as the heading is written (rfcs/0004).
  function anchorInAnyCase() {
    var hash = window.location.hash.slice(1);
    if (!hash) return;
    try { hash = decodeURIComponent(hash); } catch (e) { /* kept as written */ }
    if (document.getElementById(hash)) return;
    var target = document.getElementById(hash.toLowerCase());
    if (target) target.scrollIntoView();
  }

  // An RFC page's neighbourhood graph is a picture whose nodes carry only a number: the
  // relation lists beside it link every RFC it draws (rfcs/0012). A click on a node
  // follows the list's link, and hovering shows its number and title. (Its label lets
  // the pointer through to the box, in style.css.)
  function linkGraphNodes() {
    var graph = document.querySelector(".neighbourhood svg");
    if (!graph) return;
    var links = {};
    Array.prototype.forEach.call(document.querySelectorAll(".relations li > a"), function (a) {
      var number = a.textContent.match(/\d+/);
      if (number) links[Number(number[0])] = a;
    });
    Array.prototype.forEach.call(graph.querySelectorAll(".nodes text"), function (label) {
      var link = links[Number(label.textContent)];
      var box = label.previousElementSibling;
      if (!link || !box || label.parentNode.classList.contains("current")) return;
      var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
      title.textContent = link.textContent;
      box.appendChild(title);
      box.classList.add("linked");
      box.addEventListener("click", function () { window.location.href = link.href; });
    });
  }
})();
