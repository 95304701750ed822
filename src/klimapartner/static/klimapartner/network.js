// The network drawing: when a partner has focus (Tab) or the pointer, its links stand out and its name
// is written under the drawing. Without JavaScript the drawing and the table work the same.
(function () {
  var svg = document.querySelector("svg.network");
  if (!svg) return;
  var caption = document.getElementById("network-focus");
  function show(node) {
    var id = node.getAttribute("data-id");
    svg.classList.add("has-focus");
    svg.querySelectorAll(".links line").forEach(function (line) {
      var on = line.getAttribute("data-a") === id || line.getAttribute("data-b") === id;
      line.classList.toggle("on", on);
    });
    if (caption) caption.textContent = node.getAttribute("aria-label");
  }
  function hide() {
    svg.classList.remove("has-focus");
    if (caption) caption.textContent = "";
  }
  svg.querySelectorAll("a.node").forEach(function (node) {
    node.addEventListener("focus", function () { show(node); });
    node.addEventListener("mouseenter", function () { show(node); });
    node.addEventListener("blur", hide);
    node.addEventListener("mouseleave", hide);
  });
})();
