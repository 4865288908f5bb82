/* otsmaterials status page: filters by topic, language and state (the page works without). */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var fields = ["topic", "language", "state"];
  var count = document.getElementById("f-count");

  function read() {
    var text = (window.location.hash || window.location.search || "").replace(/^[#?]/, "");
    var wanted = {};
    text.split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2 && fields.indexOf(parts[0]) >= 0) {
        wanted[parts[0]] = decodeURIComponent(parts[1]);
      }
    });
    fields.forEach(function (name) {
      var select = form.elements[name];
      var value = wanted[name] || "";
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      select.value = known ? value : "";
    });
  }

  function chosen() {
    var values = {};
    fields.forEach(function (name) {
      values[name] = form.elements[name].value;
    });
    return values;
  }

  function hasTopic(element, topic) {
    return !topic || (" " + element.getAttribute("data-topics") + " ").indexOf(" " + topic + " ") >= 0;
  }

  function stateOf(row, language) {
    var cell = row.querySelector('td[data-lang="' + language + '"]');
    return cell ? cell.getAttribute("data-state") : "missing";
  }

  function rowShown(row, values) {
    if (!hasTopic(row, values.topic)) {
      return false;
    }
    if (!values.state) {
      return true;
    }
    if (values.language) {
      return stateOf(row, values.language) === values.state;
    }
    return row.querySelector('td[data-state="' + values.state + '"]') !== null;
  }

  function apply() {
    var values = chosen();
    var shown = 0;
    var total = 0;
    Array.prototype.forEach.call(document.querySelectorAll("section.material"), function (section) {
      var visible = 0;
      Array.prototype.forEach.call(section.querySelectorAll("table.matrix tbody tr"), function (row) {
        var show = rowShown(row, values);
        row.hidden = !show;
        total += 1;
        visible += show ? 1 : 0;
      });
      Array.prototype.forEach.call(section.querySelectorAll("[data-lang]"), function (cell) {
        cell.hidden = Boolean(values.language) && cell.getAttribute("data-lang") !== values.language &&
          !cell.hasAttribute("data-original");
      });
      var empty = section.querySelector("table.matrix") === null;
      section.hidden = (empty ? !hasTopic(section, values.topic) : visible === 0);
      shown += visible;
    });
    Array.prototype.forEach.call(document.querySelectorAll("table.materials tbody tr"), function (row) {
      row.hidden = !hasTopic(row, values.topic);
    });
    Array.prototype.forEach.call(document.querySelectorAll("table.languages tbody tr"), function (row) {
      row.hidden = Boolean(values.language) && row.getAttribute("data-lang") !== values.language;
    });
    if (count && total) {
      count.textContent = form.getAttribute("data-shown")
        .replace("{shown}", String(shown)).replace("{total}", String(total));
    }
    document.body.setAttribute("data-filtered", values.topic + "|" + values.language + "|" + values.state);
  }

  function store() {
    var values = chosen();
    var parts = fields.filter(function (name) {
      return values[name];
    }).map(function (name) {
      return name + "=" + encodeURIComponent(values[name]);
    });
    var hash = parts.length ? "#" + parts.join("&") : " ";
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", hash === " " ? window.location.pathname : hash);
    }
    apply();
  }

  form.hidden = false;
  form.addEventListener("change", store);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  window.addEventListener("hashchange", function () {
    read();
    apply();
  });
  read();
  apply();
}());
