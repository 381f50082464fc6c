/*
 * Thai search: Material's search worker (lunr) is used through
 * assets/javascripts/workers/oit-thai-search.js, which cuts Thai text into words (see that
 * file). Material reads its worker's URL from #__config when its bundle starts, so this
 * script, loaded after #__config and before the bundle (main.html), swaps the file name and
 * tells the wrapper the name of Material's own worker. A file, not an inline script: the
 * pages' Content-Security-Policy allows no inline script but Material's own.
 *
 * The search index (the largest file of a page view, and of no use to a visitor who does not
 * search) is fetched when the search box is first used: Material's request for it waits
 * until the visitor clicks or focuses the search box, or presses a search shortcut.
 */
(function () {
  "use strict"
  var script = document.getElementById("__config")
  var config = JSON.parse(script.textContent)
  var worker = config.search.split("/").pop()
  config.search = config.search.slice(0, -worker.length)
    + "oit-thai-search.js?material=" + encodeURIComponent(worker)
  script.textContent = JSON.stringify(config)

  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/
  var waiting = []
  var used = false

  function searchUsed() {
    if (used) return
    used = true
    waiting.splice(0).forEach(function (start) { start() })
  }

  /* Material requests the index with XMLHttpRequest: its send() waits for the first use. */
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send
  var deferred = new WeakSet()
  XMLHttpRequest.prototype.open = function (method, url) {
    if (INDEX.test(String(url))) deferred.add(this)
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    var request = this, body = arguments
    if (used || !deferred.has(request)) return send.apply(request, body)
    waiting.push(function () { send.apply(request, body) })
  }

  function inSearch(target) {
    return target && target.closest && target.closest(".md-search, label[for='__search']")
  }
  document.addEventListener("click", function (event) {
    if (inSearch(event.target)) searchUsed()
  }, true)
  document.addEventListener("focusin", function (event) {
    if (inSearch(event.target)) searchUsed()
  }, true)
  document.addEventListener("keydown", function (event) {
    if (["/", "s", "f", "S", "F"].indexOf(event.key) >= 0) searchUsed()   /* Material's keys */
  }, true)
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") searchUsed()
  }, true)
})()
