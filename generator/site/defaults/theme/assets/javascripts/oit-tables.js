/*
 * OIT tables, as progressive enhancement (without script every table is complete and
 * readable, and scrolls inside its own box on a phone):
 *  - each data cell gets its column's Thai name (data-label), which the phone layout of
 *    oit.css shows above the value, one card per row, nothing behind a sideways scroll;
 *  - a long table (LONG rows or more) gets a filter box and sortable columns: a heading is a
 *    button; numbers (1,234.50) sort as numbers, the rest in Thai order; a total row (รวม)
 *    stays last. The Thai words come from the script tag's data attributes (main.html).
 */
(function () {
  "use strict"
  var LONG = 15
  var words = document.currentScript.dataset
  var NUMBER = /^[+-]?[\d,]+(?:\.\d+)?$/

  function text(cell) {
    return cell.textContent.replace(/\s+/g, " ").trim()
  }

  function isTotal(row) {
    return row.cells.length > 0 && /^รวม/.test(text(row.cells[0]))
  }

  function label(table) {
    var head = table.tHead && table.tHead.rows[0]
    if (!head) return []
    var names = Array.prototype.map.call(head.cells, text)
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (!cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[i] || "")
        })
      })
    })
    table.setAttribute("data-oit-table", "")   /* an attribute: Material styles table:not([class]) */
    return names
  }

  function sortKey(value, numeric) {
    if (!numeric) return value
    var number = parseFloat(value.replace(/,/g, ""))
    return isNaN(number) ? -Infinity : number
  }

  function sortable(table, body, names, status) {
    var head = table.tHead.rows[0]
    Array.prototype.forEach.call(head.cells, function (th, column) {
      var button = document.createElement("button")
      button.type = "button"
      while (th.firstChild) button.appendChild(th.firstChild)
      th.appendChild(button)
      button.setAttribute("aria-label", words.sort + " " + names[column])
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending"
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute("aria-sort") })
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending")
        var rows = Array.prototype.filter.call(body.rows, function (row) { return !isTotal(row) })
        var totals = Array.prototype.filter.call(body.rows, isTotal)
        var numeric = rows.every(function (row) {
          var value = row.cells[column] ? text(row.cells[column]) : ""
          return value === "" || value === "–" || NUMBER.test(value)
        })
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column] ? text(a.cells[column]) : "", numeric)
          var y = sortKey(b.cells[column] ? text(b.cells[column]) : "", numeric)
          var order = numeric ? x - y : String(x).localeCompare(String(y), "th")
          return ascending ? order : -order
        })
        rows.concat(totals).forEach(function (row) { body.appendChild(row) })
        status.textContent = words.sorted + " " + names[column] + " " +
          (ascending ? words.ascending : words.descending)
      })
    })
  }

  function filterable(table, body) {
    var tools = document.createElement("div")
    tools.className = "oit-table-tools"
    var input = document.createElement("input")
    input.type = "search"
    input.setAttribute("aria-label", words.filter)
    input.placeholder = words.filter
    var status = document.createElement("span")
    status.setAttribute("role", "status")
    tools.appendChild(input)
    tools.appendChild(status)
    var box = table.closest(".md-typeset__scrollwrap") || table
    box.parentNode.insertBefore(tools, box)
    var rows = Array.prototype.filter.call(body.rows, function (row) { return !isTotal(row) })
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase()
      var shown = 0
      rows.forEach(function (row) {
        var match = !query || text(row).toLowerCase().indexOf(query) >= 0
        row.hidden = !match
        if (match) shown += 1
      })
      status.textContent = query ? words.shown.replace("{n}", shown).replace("{m}", rows.length) : ""
    })
    return status
  }

  document$.subscribe(function () {
    document.querySelectorAll(".md-typeset table:not([class]):not([data-oit-table])")
      .forEach(function (table) {
        var names = label(table)
        var body = table.tBodies[0]
        if (!names.length || !body || body.rows.length < LONG) return
        var status = filterable(table, body)
        sortable(table, body, names, status)
      })
  })
})()
