// Planning page: drag a stop (or break) to another row; the form is sent with the new order to be checked.
// The up/down buttons do the same without a mouse or JavaScript.
(function () {
  function init() {
    var table = document.getElementById("timetable");
    var form = document.getElementById("plan-form");
    var order = form && form.querySelector("input[name=order]");
    if (!table || !order) return;
    var dragged = null;
    table.querySelectorAll("tbody tr[data-id]").forEach(function (row) {
      row.draggable = true;
      row.classList.add("draggable");
      row.addEventListener("dragstart", function (e) {
        dragged = row;
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", row.dataset.id);
      });
      row.addEventListener("dragover", function (e) {
        if (dragged && dragged !== row) { e.preventDefault(); row.classList.add("drop-target"); }
      });
      row.addEventListener("dragleave", function () { row.classList.remove("drop-target"); });
      row.addEventListener("drop", function (e) {
        e.preventDefault();
        row.classList.remove("drop-target");
        if (!dragged || dragged === row) return;
        var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-id]"));
        var before = rows.indexOf(dragged) > rows.indexOf(row);
        row.parentNode.insertBefore(dragged, before ? row : row.nextSibling);
        var ids = Array.prototype.map.call(table.querySelectorAll("tbody tr[data-id]"), function (r) { return r.dataset.id; });
        order.value = ids.join(",");
        var action = document.createElement("input");
        action.type = "hidden";
        action.name = "action";
        action.value = "check";
        form.appendChild(action);
        form.submit();
      });
    });
  }
  document.addEventListener("DOMContentLoaded", init);
})();
