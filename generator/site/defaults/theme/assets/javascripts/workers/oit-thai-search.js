/*
 * OIT Thai search: Material for MkDocs' own search worker (lunr), with Thai split into words.
 *
 * Why: Thai is written without spaces between words, and Material cuts text into words
 * only at its `separator` (spaces and hyphens), so a word inside a run of Thai text
 * ('งบประมาณ' in 'การใช้จ่ายงบประมาณ') is not in its index and is never found.
 *
 * How: oit-search-config.js (loaded by main.html) points Material at this file instead of
 * its worker, passing the name of Material's worker (`?material=search.<hash>.min.js`).
 * This file loads Material's worker unchanged and edits only the messages that reach it:
 *   - the index (SETUP): every run of Thai text is cut into words with the browser's
 *     Intl.Segmenter('th'), the words joined with U+200B ZERO WIDTH SPACE, which is added
 *     to the separator: invisible in the results, a word boundary for lunr;
 *   - each query (QUERY): Thai runs are cut with the same segmenter, so the words of the
 *     query are the words of the index (a PyThaiNLP-segmented index and a browser-
 *     segmented query disagree, e.g. 'ความคิดเห็น' vs 'ความ|คิดเห็น', and find nothing).
 *     The words of one run typed without spaces are all required ('+word*'): the visitor
 *     typed one phrase. When that finds nothing, the query is run again with every word
 *     optional (Material's own behaviour for words typed with spaces).
 *     Thai digits become Arabic ones, and a number typed without thousands separators
 *     ('1250000') also looks for the way the site prints it ('1,250,000').
 * Without Intl.Segmenter (browsers before 2021–2024) search works as Material's does.
 */
(function () {
  "use strict"

  var SETUP = 0, QUERY = 2, RESULT = 3           /* Material's SearchMessageType */
  var THAI_RUN = /[\u0E00-\u0E7F]+/g
  var THAI_DIGIT = /[\u0E50-\u0E59]/g
  var WORD_BREAK = "\u200b"
  var LUNR_SYNTAX = /^[+\-]|[*~^:]/               /* a term the visitor wrote in lunr syntax */

  var segmenter = typeof Intl !== "undefined" && typeof Intl.Segmenter === "function"
    ? new Intl.Segmenter("th", { granularity: "word" })
    : null

  /* The worker's own URL: the iframe shim Material uses on file:// runs it in a page. */
  function scriptUrl() {
    var script = typeof document !== "undefined" && document.querySelector("script[src]")
    return new URL(script ? script.src : self.location.href)
  }

  function thaiWords(run) {
    return Array.from(segmenter.segment(run), function (part) { return part.segment })
  }

  /* Index side: the same text, with U+200B between Thai words. */
  function markWordBreaks(text) {
    return segmenter && typeof text === "string"
      ? text.replace(THAI_RUN, function (run) { return thaiWords(run).join(WORD_BREAK) })
      : text
  }

  function withWordBreakSeparator(separator) {
    return new RegExp(separator).test(WORD_BREAK) ? separator : "(?:" + separator + ")|" + WORD_BREAK
  }

  function prepareIndex(index) {
    index.config.separator = withWordBreakSeparator(index.config.separator)
    for (var i = 0; i < index.docs.length; i++) {
      index.docs[i].title = markWordBreaks(index.docs[i].title)
      index.docs[i].text = markWordBreaks(index.docs[i].text)
    }
    return index
  }

  /* '1250000' or '1250000.00' also as '1,250,000' / '1,250,000.00'. */
  function numberForms(term) {
    var number = /^(\d{4,})(\.\d+)?$/.exec(term)
    if (!number) return [term]
    return [term, number[1].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (number[2] || "")]
  }

  /* One query term as typed (no spaces) -> [required form, relaxed form]. It is cut
     exactly where its text would be cut in the index. */
  function queryTerm(term) {
    if (LUNR_SYNTAX.test(term)) return [term, term]
    var words = markWordBreaks(term).split(WORD_BREAK)
    if (words.length === 1) {
      var forms = numberForms(term).join(" ")
      return [forms, forms]
    }
    return [words.map(function (word) { return "+" + word + "*" }).join(" "), words.join(" ")]
  }

  function prepareQuery(query) {
    var required = [], relaxed = []
    query.replace(THAI_DIGIT, function (digit) { return String(digit.charCodeAt(0) - 0x0E50) })
      .split(/\s+/).forEach(function (term) {
        if (!term) return
        var forms = queryTerm(term)
        required.push(forms[0])
        relaxed.push(forms[1])
      })
    return { required: required.join(" "), relaxed: relaxed.join(" ") }
  }

  var material = scriptUrl().searchParams.get("material") || ""
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
    throw new Error("oit-thai-search: not a Material search worker: '" + material + "'")

  /* Material's worker answers each message with one postMessage; an empty answer to a
     query whose Thai words were required is replaced by the answer to the relaxed query. */
  var handle = null, retry = null
  var post = self.postMessage.bind(self)
  self.postMessage = function (message) {
    var relaxed = retry
    retry = null
    if (relaxed !== null && message && message.type === RESULT && !message.data.items.length)
      return handle({ data: { type: QUERY, data: relaxed } })
    return post.apply(self, arguments)
  }

  var addEventListener = self.addEventListener
  self.addEventListener = function (type, listener, options) {
    if (type === "message") {
      handle = listener
      listener = function (event) {
        var message = event.data
        if (message.type === SETUP) {
          message = { type: SETUP, data: prepareIndex(message.data) }
        } else if (message.type === QUERY) {
          var query = prepareQuery(message.data)
          retry = query.required !== query.relaxed ? query.relaxed : null
          message = { type: QUERY, data: query.required }
        }
        return handle({ data: message })
      }
    }
    return addEventListener.call(self, type, listener, options)
  }

  /* Material's worker loads wordcut.js (677 KB, a dictionary word-cutter) for Thai before
     lunr.th, which cuts every text with it. The index text is cut already (Intl.Segmenter,
     U+200B between words), so lunr.th gets a cutter that only splits at those breaks and
     at spaces, and wordcut.js is never fetched. Without Intl.Segmenter, Material's own
     wordcut.js is loaded as before. */
  var importAll = self.importScripts
  self.importScripts = function () {
    var urls = Array.prototype.slice.call(arguments)
    if (segmenter) {
      urls = urls.filter(function (url) { return !/\/wordcut\.js(?:[?#]|$)/.test(url) })
      if (typeof lunr !== "undefined" && !lunr.wordcut) {
        lunr.wordcut = {
          init: function () {},
          cut: function (text) {
            return text.split(/[\s\u200b]+/).filter(Boolean).join("|")
          }
        }
      }
    }
    return urls.length ? importAll.apply(self, urls) : undefined
  }

  importScripts(material)
})()
