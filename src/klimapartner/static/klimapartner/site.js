// Site behaviour: the design system's components (the phone menu's drawer, error summaries), the searchable
// checkbox picker, and offer/need boxes that follow the themes ticked. Everything works without JavaScript too.
(function () {
  function designSystem() {
    if (typeof DKFDS === "undefined") return;
    DKFDS.init();
    // The desktop menu's overflow button is written by DKFDS in Danish; name it in the page's language.
    var nav = document.querySelector(".navigation-menu");
    var more = document.querySelector(".navigation-menu .more-button span");
    if (more && nav && nav.dataset.moreLabel) more.textContent = nav.dataset.moreLabel;
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function picker(root) {
    var search = root.querySelector("[data-picker-search]");
    var input = search.querySelector("input");
    var count = root.querySelector("[data-picker-count]");
    var items = Array.prototype.slice.call(root.querySelectorAll(".picker-options > li"));
    function counted() {
      var n = root.querySelectorAll(".picker-options input:checked").length;
      count.textContent = root.dataset.chosen.replace("{n}", n);
    }
    input.addEventListener("input", function () {
      var q = fold(input.value.trim());
      items.forEach(function (li) { li.hidden = q !== "" && fold(li.textContent).indexOf(q) === -1; });
    });
    // Enter in the search box must not send the form.
    input.addEventListener("keydown", function (event) { if (event.key === "Enter") event.preventDefault(); });
    root.addEventListener("change", counted);
    search.hidden = false;
    counted();
  }

  function themeStatements(form) {
    var groups = Array.prototype.slice.call(form.querySelectorAll("[data-theme-statements]"));
    var none = form.querySelector("[data-no-theme]");
    function update() {
      var ticked = 0;
      groups.forEach(function (group) {
        var box = form.querySelector('input[name="themes"][value="' + group.dataset.themeStatements + '"]');
        var written = Array.prototype.some.call(group.querySelectorAll("textarea"), function (t) { return t.value.trim() !== ""; });
        var show = (box && box.checked) || written;
        if (show) ticked += 1;
        group.hidden = !show;
      });
      if (none) none.hidden = ticked > 0;
    }
    form.addEventListener("change", function (event) { if (event.target.name === "themes") update(); });
    update();
  }

  function start() {
    designSystem();
    Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), picker);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-themed]"), themeStatements);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
