/*
 * Accessibility fixes Material's markup lacks (axe, WCAG 2.1.1 / 4.1.2):
 *  - the scroll box Material's JavaScript wraps around each content table
 *    (.md-typeset__scrollwrap) can only be scrolled with a mouse: make it focusable
 *    (keyboard scrolling) and name it after the nearest heading;
 *  - the search overlay has role="dialog" but no name.
 * Loaded after Material's bundle (main.html), whose `document$` also fires after instant
 * loading; the Thai labels come from the script tag's data attributes.
 */
(function () {
  "use strict"
  var labels = document.currentScript.dataset
  document$.subscribe(function () {
    var search = document.querySelector(".md-search[role=dialog]:not([aria-label])")
    if (search) search.setAttribute("aria-label", labels.search)
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      var label = labels.table
      for (var el = box.previousElementSibling; el; el = el.previousElementSibling) {
        if (/^H[1-6]$/.test(el.tagName)) {
          label += " " + el.textContent.replace(/[¶\s]+$/, "").trim()
          break
        }
      }
      box.setAttribute("tabindex", "0")
      box.setAttribute("role", "region")
      box.setAttribute("aria-label", label)
    })
  })
})()
