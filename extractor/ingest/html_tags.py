"""Tag classes shared by the two HTML readers (the lxml tree renderer and the streaming one), so
both drop the same page furniture and break lines at the same elements."""
from __future__ import annotations

DROP = {"script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "svg", "button",
        "select", "option", "input", "textarea", "template", "head", "object", "embed", "canvas", "map"}
DROP_ROLES = {"navigation", "banner", "contentinfo", "search"}
BLOCK = {"p", "div", "section", "article", "main", "aside", "li", "ul", "ol", "dl", "dt", "dd", "table",
         "thead", "tbody", "tfoot", "tr", "td", "th", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4",
         "h5", "h6", "caption", "figure", "figcaption", "address", "center", "fieldset", "details", "summary"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
