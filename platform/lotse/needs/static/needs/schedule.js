// Show only the date fields that belong to the chosen kind of schedule (once / every week).
// Without JavaScript both groups stay visible, each labelled with when it applies.
(function () {
  "use strict";
  var radios = document.querySelectorAll("input[name='kind']");
  var groups = document.querySelectorAll("[data-schedule-kind]");
  if (!radios.length || !groups.length) { return; }
  function update() {
    var chosen = document.querySelector("input[name='kind']:checked");
    var kind = chosen ? chosen.value : "one_off";
    Array.prototype.forEach.call(groups, function (group) {
      group.hidden = group.getAttribute("data-schedule-kind") !== kind;
    });
  }
  Array.prototype.forEach.call(radios, function (radio) { radio.addEventListener("change", update); });
  update();
}());
