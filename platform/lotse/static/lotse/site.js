// Progressive enhancement for every page; everything works without it.
// A POST form sends once: a second click (or tap on a slow phone) is ignored while the first
// request is on its way. The server guards as well (lotse.web.submit_once).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((form.method || "").toLowerCase() !== "post") { return; }
    if (form.dataset.sending) { event.preventDefault(); return; }
    form.dataset.sending = "1";
    form.setAttribute("aria-busy", "true");
  });
  // Back to a page from the browser's cache: its forms may be sent again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      form.removeAttribute("aria-busy");
    });
  });
  // The menu is a <details> and works without this. On wide screens it is the open header row
  // (also in browsers that cannot show a closed <details>' content by CSS); on phones it starts
  // closed. Escape closes an open menu, a click elsewhere closes the account group.
  var wide = window.matchMedia("(min-width: 48em)");
  function fitMenu() {
    document.querySelectorAll("details.menu").forEach(function (menu) { menu.open = wide.matches; });
  }
  fitMenu();
  wide.addEventListener("change", fitMenu);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.activeElement && document.activeElement.closest("details[open]");
    if (!open || !open.matches(".menu, .account") || (open.matches(".menu") && wide.matches)) { return; }
    open.open = false;
    open.querySelector("summary").focus();
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.account[open]").forEach(function (account) {
      if (!account.contains(event.target)) { account.open = false; }
    });
  });
})();
