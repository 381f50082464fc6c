/*
 * Thai search: Material's search worker (lunr) is used through
 * assets/javascripts/workers/oit-thai-search.js, which cuts Thai text into words (see that
 * file). Material reads its worker's URL from #__config when its bundle starts, so this
 * script, loaded after #__config and before the bundle (main.html), swaps the file name and
 * tells the wrapper the name of Material's own worker. A file, not an inline script: the
 * pages' Content-Security-Policy allows no inline script but Material's own.
 */
(function () {
  "use strict"
  var script = document.getElementById("__config")
  var config = JSON.parse(script.textContent)
  var worker = config.search.split("/").pop()
  config.search = config.search.slice(0, -worker.length)
    + "oit-thai-search.js?material=" + encodeURIComponent(worker)
  script.textContent = JSON.stringify(config)
})()
