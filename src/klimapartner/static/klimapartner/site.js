// The design system's behaviour (the phone menu's drawer, error summaries, accordions), once per page.
(function () {
  function start() {
    if (typeof DKFDS === "undefined") return;
    DKFDS.init();
    // The desktop menu's overflow button is written by DKFDS in Danish; name it in the page's language.
    var more = document.querySelector(".navigation-menu .more-button span");
    var nav = document.querySelector(".navigation-menu");
    var label = nav && nav.dataset.moreLabel;
    if (more && label) more.textContent = label;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
