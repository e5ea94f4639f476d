// quotegraph: the little JavaScript the pages use. Everything works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Filters that are menus apply as soon as they change.
  document.querySelectorAll("select.autosubmit").forEach(function (el) {
    el.addEventListener("change", function () { if (el.form) el.form.submit(); });
  });
  // Hide or show page furniture (boilerplate) in an article.
  var toggle = document.getElementById("toggle-bp");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var hidden = document.body.classList.toggle("hide-bp");
      toggle.setAttribute("aria-pressed", hidden ? "true" : "false");
      toggle.textContent = hidden ? "Show page furniture" : "Hide page furniture";
    });
  }
  // Empty filter fields should not clutter the URL.
  var filters = document.getElementById("filters");
  if (filters) {
    filters.addEventListener("submit", function () {
      filters.querySelectorAll("input, select").forEach(function (el) {
        if (!el.value) el.disabled = true;
      });
    });
  }
});
