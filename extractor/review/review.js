// The review page's behaviour. Record data is untrusted: it reaches the page only through
// textContent, attribute values set as properties, and JSON.parse, never as markup.
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function str(v) { return typeof v === "string" ? v : ""; }

  // A criterion's constraints (key "constraints"), unparsed or ignored numbers: its own, then
  // each note's in note order (a "Note: ..." line states its own, with spans into the same
  // text). A key "i.j" picks item j of this joined list; `note` is the note's 1-based number.
  function withNotes(c, key) {
    var out = arr(c[key]).map(function (x) { return { item: x, note: 0 }; });
    arr(c.notes).forEach(function (n, k) {
      if (isObj(n)) arr(n[key]).forEach(function (x) { out.push({ item: x, note: k + 1 }); });
    });
    return out;
  }
  function itemsOf(c, key) { return withNotes(c, key).map(function (x) { return x.item; }); }

  // --- the index: parsed at load; a record is parsed only when it is shown ------------------

  var INDEX = JSON.parse($("review-index").textContent);
  var DOCS = arr(INDEX.docs);
  var PAGE = 200;

  // Criterion bits, as payload.py writes them: 1 inclusion, 2 exclusion, 4 negated,
  // 8 no constraint, 16 unparsed.
  function criterionMask(c) {
    if (!isObj(c)) return 8;
    var m = c.kind === "inclusion" ? 1 : c.kind === "exclusion" ? 2 : 0;
    if (c.negated === true) m |= 4;
    if (!itemsOf(c, "constraints").length) m |= 8;
    if (itemsOf(c, "unparsed").length) m |= 16;
    return m;
  }

  var filters = {};
  var passTable = [];

  function readFilters() {
    ["inclusion", "exclusion", "unspecified", "negated", "noconstraint", "unparsed"].forEach(function (k) {
      filters[k] = $("f-" + k).checked;
    });
    for (var m = 0; m < 32; m++) {
      var kind = m & 3;
      var ok = kind === 1 ? filters.inclusion : kind === 2 ? filters.exclusion : filters.unspecified;
      if (filters.negated && !(m & 4)) ok = false;
      if (filters.noconstraint && !(m & 8)) ok = false;
      if (filters.unparsed && !(m & 16)) ok = false;
      passTable[m] = ok;
    }
  }

  function matching(flags) {
    var n = 0;
    for (var i = 0; i < flags.length; i++) if (passTable[parseInt(flags.charAt(i), 32)]) n++;
    return n;
  }

  var state = { doc: -1, record: null, shown: PAGE, sel: null, text: "", offsets: null, cpLength: 0 };

  // --- document index -----------------------------------------------------------------------

  function entryLabel(d) {
    return str(d.i) || (d.e ? d.e : "(no id)");
  }

  function indexMatches() {
    var q = $("search").value.trim().toLowerCase();
    var only = $("only-matching").checked;
    var out = [];
    for (var n = 0; n < DOCS.length; n++) {
      var d = DOCS[n];
      if (q) {
        var hay = (str(d.i) + " " + str(d.t) + " " + str(d.p) + " " + str(d.e) + " " + str(d.m)).toLowerCase();
        if (hay.indexOf(q) < 0) continue;
      }
      if (only && (d.e || !matching(str(d.f)))) continue;
      out.push(n);
    }
    return out;
  }

  function renderIndex() {
    var list = $("index");
    var found = indexMatches();
    list.textContent = "";
    var frag = document.createDocumentFragment();
    found.slice(0, state.shown).forEach(function (n) {
      var d = DOCS[n];
      var li = el("li", d.e ? "doc error" : "doc");
      li.dataset.i = String(n);
      if (n === state.doc) li.classList.add("current");
      li.appendChild(el("span", "doc-id", entryLabel(d)));
      if (d.e) {
        li.appendChild(el("span", "badge bad", d.e));
        li.title = str(d.m);
      } else {
        var flags = str(d.f);
        var hits = matching(flags);
        li.appendChild(el("span", "badge" + (hits ? "" : " none"), hits + "/" + flags.length + " criteria"));
        if (/[g-v]/.test(flags)) li.appendChild(el("span", "badge warn", "unparsed"));
        if (d.t) li.appendChild(el("div", "doc-title", d.t));
        li.title = str(d.p);
      }
      frag.appendChild(li);
    });
    list.appendChild(frag);
    $("index-count").textContent = found.length + " of " + DOCS.length + " shown in the index";
    var more = $("more");
    more.hidden = found.length <= state.shown;
    more.textContent = "show more (" + (found.length - Math.min(found.length, state.shown)) + " left)";
  }

  // --- spans: code points (the records) to UTF-16 units (the DOM) ----------------------------

  function setText(text) {
    state.text = text;
    state.offsets = null;
    state.cpLength = text.length;
    if (/[\uD800-\uDFFF]/.test(text)) {
      var map = [];
      var u = 0;
      for (var i = 0; i < text.length; i++) {
        map.push(u);
        var c = text.charCodeAt(i);
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) {
          var d = text.charCodeAt(i + 1);
          if (d >= 0xDC00 && d <= 0xDFFF) { i++; u++; }
        }
        u++;
      }
      map.push(u);
      state.offsets = map;
      state.cpLength = map.length - 1;
    }
  }

  function unitSpan(span) {
    if (!Array.isArray(span) || span.length !== 2) return null;
    var s = span[0], e = span[1];
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e <= s || e > state.cpLength) return null;
    return state.offsets ? [state.offsets[s], state.offsets[e]] : [s, e];
  }

  // --- marks: every highlighted span, then nested elements built from them ------------------

  // Layers: a lower layer is kept whole where two marks cross; the higher one is cut in two.
  var L_HEAD = 0, L_CRIT = 1, L_CONSTRAINT = 2, L_RELATED = 3, L_ENTITY = 4, L_CUE = 5;

  function conceptName(concept) {
    if (typeof concept === "string") return concept;
    if (isObj(concept)) return str(concept.name) + (concept.code ? " (" + concept.code + ")" : "");
    return "";
  }

  function num(v) { return v === undefined || v === null ? "?" : String(v); }

  function constraintSummary(k) {
    var subj = isObj(k.subject) ? (conceptName(k.subject.concept).replace(/ \(.*\)$/, "") || str(k.subject.text)) : "";
    var v;
    if (k.comparator === "between") {
      v = "between " + (k.low_inclusive === false ? "(" : "[") + num(k.low) + ", " + num(k.high) +
        (k.high_inclusive === false ? ")" : "]");
    } else if (k.comparator === "in") {
      v = "in {" + arr(k.values).map(num).join(", ") + "}";
    } else {
      v = str(k.comparator) + " " + num(k.value);
    }
    if (isObj(k.unit)) v += " " + (str(k.unit.ucum) || str(k.unit.text));
    if (k.reference) v += " × " + k.reference;
    if (k.type === "time" || k.type === "duration") {
      if (k.direction) v += " " + k.direction;
      if (k.type === "time") v += " " + (isObj(k.event) ? (str(k.event.name) || str(k.event.text)) : "now");
    }
    return (k.type ? k.type + ": " : "") + (subj ? subj + " " : "") + v;
  }

  function rulesLine(rules) {
    var r = arr(rules).filter(function (x) { return typeof x === "string"; });
    return r.length ? "rules: " + r.join(", ") : "rules: none recorded";
  }

  function kindClass(kind) {
    return kind === "inclusion" ? "inc" : kind === "exclusion" ? "exc" : "uns";
  }

  function buildMarks(record, visible) {
    var marks = [];
    function add(span, layer, cls, data, title) {
      var u = unitSpan(span);
      if (u) marks.push({ s: u[0], e: u[1], layer: layer, cls: cls, data: data, title: title, n: marks.length });
    }
    arr(record.sections).forEach(function (sec) {
      if (isObj(sec)) add(sec.heading_span, L_HEAD, "hd", null, "section: " + str(sec.kind) + (sec.cue ? " (cue " + sec.cue + ")" : ""));
    });
    arr(record.criteria).forEach(function (c, i) {
      if (!isObj(c) || !visible[i]) return;
      var ci = String(i);
      add(c.span, L_CRIT, "cr " + kindClass(c.kind) + (c.negated === true ? " negated" : ""), { c: ci },
        str(c.id) + " · " + str(c.kind) + (c.negated === true ? " · negated" : "") +
        (c.logic ? " · " + c.logic + " of its children" : "") + (c.logic_rule ? " · rule " + c.logic_rule : ""));
      if (isObj(c.negation)) add(c.negation.span, L_CUE, "ng", { c: ci }, "negation cue" + (c.negation.rule ? " · rule " + c.negation.rule : ""));
      arr(c.exceptions).forEach(function (x) {
        if (isObj(x)) add(x.span, L_RELATED, "ex", { c: ci }, "exception");
      });
      arr(c.entities).forEach(function (x, j) {
        if (isObj(x)) {
          var name = conceptName(x.concept);
          add(x.span, L_ENTITY, "en", { e: ci + "." + j }, "entity · " + str(x.label) + (name ? " · " + name : ""));
        }
      });
      arr(c.notes).forEach(function (n, j) {
        if (isObj(n)) add(n.span, L_CRIT, "cr nt " + kindClass(c.kind), { c: ci }, str(c.id) + " · note " + (j + 1));
      });
      withNotes(c, "constraints").forEach(function (x, j) {
        var k = x.item;
        if (!isObj(k)) return;
        var key = ci + "." + j;
        var summary = (x.note ? "note " + x.note + ": " : "") + constraintSummary(k);
        add(k.span, L_CONSTRAINT, "k", { k: key }, summary + "\n" + rulesLine(k.rules));
        if (isObj(k.subject)) add(k.subject.span, L_RELATED, "sb", { r: key }, "subject of " + summary);
        if (isObj(k.event)) add(k.event.span, L_RELATED, "ev", { r: key }, "event of " + summary);
        if (isObj(k.condition)) add(k.condition.span, L_RELATED, "cd", { r: key }, "condition of " + summary);
      });
      itemsOf(c, "ignored").forEach(function (x) {
        if (isObj(x)) add(x.span, L_CUE, "ig", { c: ci }, "not a threshold: " + str(x.reason));
      });
      itemsOf(c, "unparsed").forEach(function (x, j) {
        if (isObj(x)) add(x.span, L_CUE, "up", { u: ci + "." + j }, "unparsed number: " + (str(x.reason) || "no reason given"));
      });
    });
    return marks;
  }

  function openElement(mark) {
    var node = el("span", mark.cls);
    if (mark.data) for (var key in mark.data) node.dataset[key] = mark.data[key];
    if (mark.title) node.title = mark.title;
    return node;
  }

  // Nested elements from crossing spans: a mark is one element where it can be, and is cut
  // into consecutive elements where a mark of a lower layer starts or ends inside it. Every
  // element of a mark covers only its characters, so the mark's elements read its span.
  function renderMarks(container, text, marks) {
    marks.sort(function (a, b) { return a.s - b.s || b.e - a.e || a.layer - b.layer || a.n - b.n; });
    var points = [0, text.length];
    marks.forEach(function (m) { points.push(m.s, m.e); });
    points.sort(function (a, b) { return a - b; });
    points = points.filter(function (x, i) { return i === 0 || x !== points[i - 1]; });
    var stack = []; // {mark, node}
    var next = 0;
    var frag = document.createDocumentFragment();
    function top() { return stack.length ? stack[stack.length - 1].node : frag; }
    function push(mark) {
      var node = openElement(mark);
      top().appendChild(node);
      stack.push({ mark: mark, node: node });
    }
    function reopen(from) {
      var closed = stack.splice(from);
      return closed.map(function (o) { return o.mark; });
    }
    for (var p = 0; p < points.length; p++) {
      var pos = points[p];
      var i, cut = -1;
      for (i = 0; i < stack.length; i++) if (stack[i].mark.e <= pos) { cut = i; break; }
      if (cut >= 0) {
        reopen(cut).forEach(function (m) { if (m.e > pos) push(m); });
      }
      while (next < marks.length && marks[next].s === pos) {
        var m = marks[next++];
        // A mark of a higher layer that ends inside this one would cut it: reopen it inside.
        var at = -1;
        for (i = 0; i < stack.length; i++) {
          if (stack[i].mark.layer > m.layer && stack[i].mark.e < m.e) { at = i; break; }
        }
        if (at < 0) { push(m); continue; }
        var moved = reopen(at);
        push(m);
        moved.forEach(push);
      }
      var end = p + 1 < points.length ? points[p + 1] : text.length;
      if (end > pos) top().appendChild(document.createTextNode(text.slice(pos, end)));
    }
    container.appendChild(frag);
  }

  // --- the document pane ----------------------------------------------------------------

  function loadRecord(n) {
    var block = $("r" + n);
    if (!block) return { unreadable: { message: "record " + n + " is missing from the page" } };
    try {
      return JSON.parse(block.textContent);
    } catch (err) {
      console.warn("record " + n + " could not be parsed: " + err);
      return { unreadable: { message: "record " + n + " could not be parsed: " + err } };
    }
  }

  function headLine(parent, label, value) {
    if (value === undefined || value === null || value === "") return;
    var line = el("div", "meta");
    line.appendChild(el("span", "meta-key", label));
    line.appendChild(document.createTextNode(" " + value));
    parent.appendChild(line);
  }

  function showDoc(n, keepSelection) {
    if (!DOCS.length) {
      $("text").textContent = "This file holds no records.";
      return;
    }
    n = Math.max(0, Math.min(DOCS.length - 1, n | 0));
    if (n !== state.doc) {
      state.doc = n;
      state.record = loadRecord(n);
      if (!keepSelection) state.sel = null;
      $("text").scrollTop = 0;
    }
    var rec = state.record;
    var head = $("doc-head");
    head.textContent = "";
    var nav = el("div", "nav");
    var prev = el("button", "prev", "‹ previous");
    prev.type = "button";
    prev.disabled = n === 0;
    var next = el("button", "next", "next ›");
    next.type = "button";
    next.disabled = n === DOCS.length - 1;
    nav.appendChild(prev);
    nav.appendChild(el("span", "pos", (n + 1) + " / " + DOCS.length));
    nav.appendChild(next);
    head.appendChild(nav);
    var textNode = $("text");
    textNode.textContent = "";
    if (isObj(rec) && isObj(rec.document)) {
      var doc = rec.document;
      var study = isObj(rec.study) ? rec.study : {};
      var source = isObj(doc.source) ? doc.source : {};
      head.appendChild(el("h1", "doc-name", str(doc.id) || "(no id)"));
      headLine(head, "title", str(study.title));
      headLine(head, "source", str(source.path) + (source.format ? " (" + source.format + ")" : "") +
        (source.record !== undefined && source.record !== null ? " " + JSON.stringify(source.record) : ""));
      headLine(head, "site", str(doc.site));
      arr(rec.warnings).forEach(function (w) { headLine(head, "warning", typeof w === "string" ? w : JSON.stringify(w)); });
      setText(str(doc.text));
      renderMarks(textNode, state.text, buildMarks(rec, visibleCriteria(rec)));
    } else {
      setText("");
      var problem = isObj(rec) && isObj(rec.error) ? rec.error : isObj(rec) && isObj(rec.unreadable) ? rec.unreadable : null;
      head.appendChild(el("h1", "doc-name bad", DOCS[n].e || "not a record"));
      if (problem) {
        headLine(head, "code", str(problem.code));
        headLine(head, "path", str(problem.path));
        headLine(head, "line", problem.line === undefined ? "" : String(problem.line));
        headLine(head, "message", str(problem.message));
        textNode.textContent = str(problem.text);
      } else {
        textNode.textContent = JSON.stringify(rec, null, 1);
      }
    }
    renderSide();
    markCurrentInIndex();
    if (state.sel) select(state.sel, "none");
    else showDetails(null);
  }

  function visibleCriteria(rec) {
    return arr(rec.criteria).map(function (c) { return passTable[criterionMask(c)]; });
  }

  function markCurrentInIndex() {
    var cur = $("index").querySelector("li.current");
    if (cur) cur.classList.remove("current");
    var li = $("index").querySelector('li[data-i="' + state.doc + '"]');
    if (li) {
      li.classList.add("current");
      if (li.scrollIntoView) li.scrollIntoView({ block: "nearest" });
    }
  }

  // --- the side list ----------------------------------------------------------------------

  function renderSide() {
    var list = $("crit-list");
    list.textContent = "";
    var rec = state.record;
    var criteria = isObj(rec) ? arr(rec.criteria) : [];
    var byId = {};
    criteria.forEach(function (c) { if (isObj(c) && typeof c.id === "string") byId[c.id] = c; });
    function depth(c) {
      var d = 0, seen = {};
      while (isObj(c) && typeof c.parent === "string" && byId[c.parent] && !seen[c.parent] && d < 20) {
        seen[c.parent] = true;
        c = byId[c.parent];
        d++;
      }
      return d;
    }
    var shown = 0;
    var frag = document.createDocumentFragment();
    criteria.forEach(function (c, i) {
      if (!isObj(c) || !passTable[criterionMask(c)]) return;
      shown++;
      var li = el("li", "crit " + kindClass(c.kind) + " depth" + Math.min(depth(c), 4));
      li.dataset.c = String(i);
      var head = el("div", "crit-head");
      head.appendChild(el("span", "cid", str(c.id)));
      head.appendChild(el("span", "badge " + kindClass(c.kind), str(c.kind)));
      if (c.negated === true) head.appendChild(el("span", "badge neg", "negated"));
      if (!itemsOf(c, "constraints").length) head.appendChild(el("span", "badge none", "no constraint"));
      if (c.logic) head.appendChild(el("span", "badge", c.logic + (c.min_children ? " ≥" + c.min_children : "")));
      li.appendChild(head);
      var t = str(c.text);
      li.appendChild(el("div", "crit-text", t.length > 160 ? t.slice(0, 157) + "…" : t));
      var sub = el("ul", "items");
      withNotes(c, "constraints").forEach(function (x, j) {
        var k = x.item;
        if (!isObj(k)) return;
        var item = el("li", "kitem" + (x.note ? " fromnote" : ""), (x.note ? "note " + x.note + ": " : "") + constraintSummary(k));
        item.dataset.k = i + "." + j;
        item.title = "“" + str(k.text) + "”\n" + rulesLine(k.rules);
        sub.appendChild(item);
      });
      withNotes(c, "unparsed").forEach(function (u, j) {
        var x = u.item;
        if (!isObj(x)) return;
        var item = el("li", "uitem", (u.note ? "note " + u.note + ": " : "") + "unparsed “" + str(x.text) + "”" + (x.reason ? ": " + x.reason : ""));
        item.dataset.u = i + "." + j;
        sub.appendChild(item);
      });
      if (sub.childNodes.length) li.appendChild(sub);
      frag.appendChild(li);
    });
    list.appendChild(frag);
    $("crit-count").textContent = shown + " of " + criteria.length + " criteria match the filters";
  }

  // --- selection: a constraint, an unparsed number, an entity or a criterion ------------------

  function findIn(root, attr, key) {
    var out = [];
    root.querySelectorAll("[data-" + attr + "]").forEach(function (node) {
      if (node.dataset[attr] === key) out.push(node);
    });
    return out;
  }

  function clearSelection() {
    document.querySelectorAll(".active, .related, .picked").forEach(function (node) {
      node.classList.remove("active", "related", "picked");
    });
  }

  function lookup(sel) {
    var rec = state.record;
    if (!isObj(rec)) return null;
    var parts = sel.key.split(".").map(Number);
    var c = arr(rec.criteria)[parts[0]];
    if (!isObj(c)) return null;
    if (sel.type === "c") return { criterion: c, item: c };
    var list = sel.type === "k" ? itemsOf(c, "constraints") : sel.type === "u" ? itemsOf(c, "unparsed") : c.entities;
    var item = arr(list)[parts[1]];
    return isObj(item) ? { criterion: c, item: item } : null;
  }

  // scroll: "both" (a pick in the list brings the words into view), "list" (a click on the
  // words brings its item into view), "none" (a re-render keeps the reader where they are).
  function select(sel, scroll) {
    clearSelection();
    var found = lookup(sel);
    if (!found) { state.sel = null; showDetails(null); return; }
    state.sel = sel;
    var text = $("text"), side = $("crit-list");
    var attr = sel.type === "c" ? "c" : sel.type;
    var marked = findIn(text, attr, sel.key).filter(function (node) {
      // A criterion's cues carry its key too; the criterion itself is its .cr elements.
      return sel.type !== "c" || node.classList.contains("cr");
    });
    marked.forEach(function (node) { node.classList.add("active"); });
    if (sel.type === "k") findIn(text, "r", sel.key).forEach(function (node) { node.classList.add("related"); });
    var listed = findIn(side, attr, sel.key);
    listed.forEach(function (node) { node.classList.add("picked"); });
    showDetails(sel, found);  // first: it changes the height left to the list
    if (scroll === "both" && marked.length) marked[0].scrollIntoView({ block: "center" });
    if (scroll !== "none" && listed.length) listed[0].scrollIntoView({ block: "nearest" });
  }

  function showDetails(sel, found) {
    var box = $("details");
    box.textContent = "";
    if (!sel || !found) {
      box.appendChild(el("p", "hint", "Click a constraint in the list or words in the text to see what was read there; hover for rule ids."));
      return;
    }
    var item = found.item;
    var title = sel.type === "k" ? constraintSummary(item) :
      sel.type === "u" ? "unparsed number" :
      sel.type === "e" ? "entity · " + str(item.label) : "criterion " + str(item.id) + " · " + str(item.kind);
    box.appendChild(el("h2", null, title));
    var span = unitSpan(item.span);
    if (span) box.appendChild(el("blockquote", null, state.text.slice(span[0], span[1])));
    if (sel.type === "k") box.appendChild(el("p", "rules", rulesLine(item.rules)));
    if (sel.type === "u" && item.reason) box.appendChild(el("p", "rules", "reason: " + item.reason));
    if (sel.type !== "c") box.appendChild(el("p", "small", "in " + str(found.criterion.id) + ": " + str(found.criterion.text)));
    var shown = item;
    if (sel.type === "c") {
      shown = {};
      Object.keys(item).forEach(function (key) {
        var v = item[key];
        shown[key] = Array.isArray(v) && key !== "span" && key !== "children" ? v.length + " item(s)" : v;
      });
    }
    box.appendChild(el("pre", "json", JSON.stringify(shown, null, 1)));
  }

  // Words in the text: the innermost constraint, else unparsed number, else a constraint's
  // subject or event, else entity, else criterion.
  function selectionAt(node) {
    var found = {};
    while (node && node !== $("text")) {
      if (node.dataset) {
        ["k", "u", "r", "e", "c"].forEach(function (a) {
          if (node.dataset[a] !== undefined && found[a] === undefined) found[a] = node.dataset[a];
        });
      }
      node = node.parentNode;
    }
    if (found.k !== undefined) return { type: "k", key: found.k };
    if (found.u !== undefined) return { type: "u", key: found.u };
    if (found.r !== undefined) return { type: "k", key: found.r };
    if (found.e !== undefined) return { type: "e", key: found.e };
    if (found.c !== undefined) return { type: "c", key: found.c };
    return null;
  }

  // --- wiring ---------------------------------------------------------------------------

  function go(n) {
    if (location.hash !== "#doc=" + n) location.hash = "doc=" + n;
    else showDoc(n);
  }

  function fromHash() {
    var m = /^#doc=(\d+)$/.exec(location.hash);
    return m ? Number(m[1]) : 0;
  }

  $("text").addEventListener("click", function (ev) {
    var sel = selectionAt(ev.target);
    if (sel) select(sel, "list");
  });
  $("crit-list").addEventListener("click", function (ev) {
    var node = ev.target;
    while (node && node !== this) {
      if (node.dataset && node.dataset.k !== undefined) return select({ type: "k", key: node.dataset.k }, "both");
      if (node.dataset && node.dataset.u !== undefined) return select({ type: "u", key: node.dataset.u }, "both");
      if (node.dataset && node.dataset.c !== undefined) return select({ type: "c", key: node.dataset.c }, "both");
      node = node.parentNode;
    }
  });
  $("index").addEventListener("click", function (ev) {
    var node = ev.target;
    while (node && node !== this) {
      if (node.dataset && node.dataset.i !== undefined) return go(Number(node.dataset.i));
      node = node.parentNode;
    }
  });
  $("doc-head").addEventListener("click", function (ev) {
    if (ev.target.classList.contains("prev")) go(state.doc - 1);
    if (ev.target.classList.contains("next")) go(state.doc + 1);
  });
  $("more").addEventListener("click", function () { state.shown += PAGE; renderIndex(); });
  $("search").addEventListener("input", function () { state.shown = PAGE; renderIndex(); });
  $("only-matching").addEventListener("change", function () { state.shown = PAGE; renderIndex(); });
  $("filters").addEventListener("change", function () {
    readFilters();
    renderIndex();
    var sel = state.sel;
    state.sel = null;
    showDoc(state.doc, true);
    if (sel && lookup(sel) && passTable[criterionMask(lookup(sel).criterion)]) select(sel, "none");
  });
  window.addEventListener("hashchange", function () { showDoc(fromHash()); });
  document.addEventListener("keydown", function (ev) {
    if (ev.target && (ev.target.tagName === "INPUT" || ev.target.tagName === "TEXTAREA")) return;
    if (ev.key === "j") go(Math.min(DOCS.length - 1, state.doc + 1));
    if (ev.key === "k") go(Math.max(0, state.doc - 1));
  });

  readFilters();
  var docs = DOCS.filter(function (d) { return !d.e; }).length;
  function count(n, one, many) { return n + " " + (n === 1 ? one : many); }
  $("total").textContent = count(DOCS.length, "record", "records") + ": " + count(docs, "document", "documents") +
    ", " + count(DOCS.length - docs, "error", "errors");
  document.title = "extractor review: " + count(DOCS.length, "record", "records");
  renderIndex();
  showDoc(fromHash());
  document.body.dataset.ready = "1";
}());
