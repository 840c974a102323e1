// Mairie de Démo: autocompletion of commune names (the only script of the portal).
// An input with data-suggest="/url" gets a list of suggestions from that URL (JSON array of
// {label, detail, href}); arrow keys move, Enter opens, Escape closes. ARIA combobox pattern.
(function () {
  "use strict";

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var items = [];
    var active = -1;
    var pending = null;
    var lastQuery = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var nodes = list.children;
      for (var i = 0; i < nodes.length; i++) {
        nodes[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", nodes[index].id);
        nodes[index].scrollIntoView({ block: "nearest" });
      }
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.className = "suggestion";
        li.textContent = s.label;
        if (s.detail) {
          var detail = document.createElement("span");
          detail.className = "mention";
          detail.textContent = s.detail;
          li.appendChild(detail);
        }
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.assign(s.href);
        });
        list.appendChild(li);
      });
      if (suggestions.length > 0) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (query.length < 2) {
        render([]);
        return;
      }
      var url = input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (suggestions) {
          if (input.value.trim() === query) {
            render(suggestions);
          }
        })
        .catch(function () { render([]); });
    }

    input.addEventListener("input", function () {
      clearTimeout(pending);
      pending = setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && items.length > 0) {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp" && items.length > 0) {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].href);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var inputs = document.querySelectorAll("input[data-suggest]");
    for (var i = 0; i < inputs.length; i++) {
      setUp(inputs[i]);
    }
  });
})();
