// Keyboard support for the decision queue (the forms work without it):
// j / k or arrow down / up move between rows, a approves the current row,
// r jumps to its reject reason, x toggles its bulk checkbox.
(function () {
  "use strict";
  function rows() { return Array.prototype.slice.call(document.querySelectorAll(".queue-row")); }
  function current() {
    var el = document.activeElement;
    return el && el.closest ? el.closest(".queue-row") : null;
  }
  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var index = all.indexOf(current());
    var next = all[Math.max(0, Math.min(all.length - 1, index + step))] || all[0];
    next.focus();
  }
  function typing(event) {
    var tag = (event.target.tagName || "").toLowerCase();
    return tag === "input" || tag === "select" || tag === "textarea";
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event)) { return; }
    var row = current();
    if (event.key === "j" || event.key === "ArrowDown") { move(1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "ArrowUp") { move(-1); event.preventDefault(); }
    else if (row && event.key === "a") { row.querySelector("[data-key=approve]").click(); }
    else if (row && event.key === "r") { row.querySelector("[data-key=reason]").focus(); event.preventDefault(); }
    else if (row && event.key === "x") {
      var box = row.querySelector("input[type=checkbox]");
      box.checked = !box.checked;
    }
  });
})();
