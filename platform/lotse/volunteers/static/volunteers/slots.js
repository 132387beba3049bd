// Progressive enhancement for the availability rows: show the filled rows and one empty row,
// and a button that reveals the next one. Without JavaScript every row is simply shown.
(function () {
  "use strict";
  var container = document.querySelector("[data-slot-rows]");
  if (!container) { return; }
  var rows = Array.prototype.slice.call(container.querySelectorAll("[data-slot-row]"));
  var button = container.querySelector("[data-slot-add]");
  function isEmpty(row) {
    return Array.prototype.every.call(row.querySelectorAll("select, input"), function (el) {
      return !el.value;
    });
  }
  var lastFilled = -1;
  rows.forEach(function (row, index) {
    if (!isEmpty(row) || row.querySelector(".errorlist")) { lastFilled = index; }
  });
  rows.forEach(function (row, index) { row.hidden = index > lastFilled + 1; });
  function hiddenRows() { return rows.filter(function (row) { return row.hidden; }); }
  if (!button) { return; }
  button.hidden = hiddenRows().length === 0;
  button.addEventListener("click", function () {
    var next = hiddenRows()[0];
    if (!next) { return; }
    next.hidden = false;
    next.querySelector("select").focus();
    button.hidden = hiddenRows().length === 0;
  });
}());
