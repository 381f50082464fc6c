/*
 * Accessibility fixes Material's markup lacks (axe, WCAG 2.1.1 / 4.1.2):
 *  - the scroll box Material's JavaScript wraps around each content table
 *    (.md-typeset__scrollwrap) can only be scrolled with a mouse: make it focusable
 *    (keyboard scrolling) and name it after the nearest heading;
 *  - the search overlay has role="dialog" but no name;
 *  - the breadcrumbs (navigation.path) have the main navigation's name, and two tables
 *    under one heading would make two regions of one name (axe: landmark-unique).
 * Loaded after Material's bundle (main.html), whose `document$` also fires after instant
 * loading; the Thai labels come from the script tag's data attributes.
 */
(function () {
  "use strict"
  var labels = document.currentScript.dataset
  document$.subscribe(function () {
    var search = document.querySelector(".md-search[role=dialog]:not([aria-label])")
    if (search) search.setAttribute("aria-label", labels.search)
    /* The breadcrumbs carry the main navigation's name: two landmarks, one name. */
    var path = document.querySelector("nav.md-path")
    if (path) path.setAttribute("aria-label", labels.path)
    var named = {}
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      var label = labels.table
      for (var el = box.previousElementSibling; el; el = el.previousElementSibling) {
        if (/^H[1-6]$/.test(el.tagName)) {
          label += " " + el.textContent.replace(/[¶\s]+$/, "").trim()
          break
        }
      }
      /* Two tables under one heading: each region its own name. */
      named[label] = (named[label] || 0) + 1
      if (named[label] > 1) label += " " + named[label]
      box.setAttribute("tabindex", "0")
      box.setAttribute("role", "region")
      box.setAttribute("aria-label", label)
    })
  })
})()
