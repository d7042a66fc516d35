// Article page: legend toggles, an inspector showing every span under the pointer
// (with its normalized values), and table rows that light up their words.
// Builds DOM with textContent only: article text is never parsed as HTML.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var inspector = document.getElementById("inspector");
  if (!text) { return; }

  document.querySelectorAll("[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
    });
  });

  function spansAt(el) {
    var out = [];
    while (el && el !== text) {
      if (el.classList && el.classList.contains("hl")) { out.push(el); }
      el = el.parentNode;
    }
    return out.reverse();
  }

  function show(list) {
    if (!inspector) { return; }
    while (inspector.childNodes.length > 1) { inspector.removeChild(inspector.lastChild); }
    if (!list.length) {
      var p = document.createElement("p");
      p.className = "hint";
      p.textContent = "Point at marked text.";
      inspector.appendChild(p);
      return;
    }
    var ul = document.createElement("ul");
    list.forEach(function (el) {
      var li = document.createElement("li");
      var tag = document.createElement("span");
      tag.className = el.className + " tag";
      tag.textContent = el.getAttribute("data-kind");
      var words = document.createElement("q");
      words.textContent = wordsOf(el.getAttribute("data-sid"));
      var info = document.createElement("div");
      info.className = "info";
      info.textContent = el.getAttribute("title") || "";
      li.appendChild(tag);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(words);
      li.appendChild(info);
      ul.appendChild(li);
    });
    inspector.appendChild(ul);
  }

  function pieces(sid) {
    return text.querySelectorAll('[data-sid="' + CSS.escape(sid) + '"]');
  }

  function wordsOf(sid) {
    var s = "";
    pieces(sid).forEach(function (el) {
      // an element's words, not counting pieces nested inside another piece of the same item
      if (!el.parentNode.closest || !el.parentNode.closest('[data-sid="' + CSS.escape(sid) + '"]')) { s += el.textContent; }
    });
    return s;
  }

  var lit = [];
  function light(sid) {
    lit.forEach(function (el) { el.classList.remove("focus"); });
    lit = sid ? Array.prototype.slice.call(pieces(sid)) : [];
    lit.forEach(function (el) { el.classList.add("focus"); });
    return lit;
  }

  text.addEventListener("mouseover", function (ev) { show(spansAt(ev.target)); });
  text.addEventListener("click", function (ev) {
    var list = spansAt(ev.target);
    show(list);
    if (list.length) { light(list[list.length - 1].getAttribute("data-sid")); }
  });

  document.querySelectorAll("tr[data-sid], li[data-sid]").forEach(function (row) {
    row.addEventListener("mouseenter", function () { light(row.getAttribute("data-sid")); });
    row.addEventListener("mouseleave", function () { light(null); });
  });

  function fromHash() {
    var sid = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (!sid) { return; }
    var found = light(sid);
    if (found.length) {
      found[0].scrollIntoView({block: "center"});
      show(spansAt(found[0]).concat([]));
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
