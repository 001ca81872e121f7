/*
 * A choice among thousands of records (intl_relations.widgets.RecordSearch): typing in
 * the search box asks the API for the records whose name matches, offers them in the
 * box's list, and a name picked from it becomes a ticked check box of the form (for a
 * single choice, the only one). The form then refreshes as it does for any filter.
 */
(function () {
  "use strict";

  function setUp(root) {
    var input = root.querySelector("input[type=search]");
    var list = root.querySelector("datalist");
    var chosen = root.querySelector(".record-search-chosen");
    var found = new Map(); // name shown -> id
    var timer = null;
    var asked = "";

    function choose(name, id) {
      if (!root.hasAttribute("data-multiple")) {
        chosen.textContent = "";
      }
      var already = chosen.querySelector('input[value="' + CSS.escape(String(id)) + '"]');
      var box = already;
      if (!box) {
        var item = document.createElement("li");
        var label = document.createElement("label");
        box = document.createElement("input");
        box.type = "checkbox";
        box.name = root.dataset.name;
        box.value = String(id);
        label.append(box, " " + name);
        item.append(label);
        chosen.append(item);
      }
      box.checked = true;
      input.value = "";
      list.textContent = "";
      // The form refreshes its results on a change, as for any other filter.
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function search(term) {
      asked = term;
      var url = new URL(root.dataset.url, window.location.href);
      url.searchParams.set("q", term);
      url.searchParams.set("page_size", "20");
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (page) {
          if (term !== asked) {
            return; // an answer to an earlier keystroke
          }
          found.clear();
          list.textContent = "";
          (page.results || []).forEach(function (record) {
            found.set(record.name, record.id);
            var option = document.createElement("option");
            option.value = record.name;
            list.append(option);
          });
          root.dataset.found = String(found.size);
        })
        .catch(function () {
          root.dataset.found = "0";
        });
    }

    input.addEventListener("input", function (event) {
      // Not a filter of its own: only a picked name changes the form.
      event.stopPropagation();
      var term = input.value.trim();
      if (found.has(term)) {
        choose(term, found.get(term));
        return;
      }
      window.clearTimeout(timer);
      if (term.length >= 2) {
        timer = window.setTimeout(function () {
          search(term);
        }, 200);
      }
    });
    input.addEventListener("change", function (event) {
      event.stopPropagation();
    });
    input.addEventListener("keydown", function (event) {
      // Enter picks the name typed in full rather than sending the form.
      if (event.key === "Enter" && found.has(input.value.trim())) {
        event.preventDefault();
        choose(input.value.trim(), found.get(input.value.trim()));
      }
    });
  }

  function setUpAll(scope) {
    scope.querySelectorAll("[data-record-search]:not([data-ready])").forEach(function (root) {
      root.setAttribute("data-ready", "");
      setUp(root);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpAll(document);
  });
  // The filter form can be re-rendered by htmx.
  document.addEventListener("htmx:afterSettle", function (event) {
    setUpAll(event.target);
  });
})();
