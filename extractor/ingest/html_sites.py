"""Site adapters for HTML pages: what a registry's page structure says beyond the generic rendering.

An adapter may drop elements (duplicated excerpts, other-language copies), name the elements that
hold inclusion / exclusion criteria (passed on as `sections_hint`), and add study facts.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

_URL_IN_NAME = re.compile(r"(?:^|/)(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov|eu|com|org|cn|de|uk|net|int))[_/]", re.I)
KNOWN = ["clinicaltrials.gov", "clinicaltrialsregister.eu", "chictr.org.cn", "gsk-clinicalstudyregister.com",
         "takedaclinicaltrials.com", "mayoclinic.org", "clinicaltrials.veeva.com", "isrctn.com", "drks.de",
         "euclinicaltrials.eu", "cancer.gov"]


_LINK_TARGET = re.compile(r"""(?:href|src|action)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url if "//" in url else "//" + url).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def detect_site(root, decoded: str, path: str) -> str | None:
    """From canonical / og:url / base links, else a known domain in the file name or the page
    (outside link targets).
    `root` may be None (no tree could be made): then only the name and the text count."""
    for xp in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content", "//base/@href"):
        vals = root.xpath(xp) if root is not None else []
        if vals and _host(str(vals[0])):
            return _host(str(vals[0]))
    m = _URL_IN_NAME.search(path.rsplit("/", 1)[-1])
    if m:
        return m.group(1).lower().removeprefix("www.")
    # A domain in a link's target is a site the page links to, not the page's own: count only
    # the domains the page names outside href/src/action values.
    head = _LINK_TARGET.sub("", decoded).lower()
    counts = {k: head.count(k) for k in KNOWN}
    best = max(counts, key=counts.get)
    if counts[best]:
        return best
    # Saved pages without links home: recognise a register by its page structure.
    if root is not None and root.xpath("//td[@class='first'][normalize-space()='E.3']"):
        return "clinicaltrialsregister.eu"
    return None


def title_of(root) -> str | None:
    for xp in ("//meta[@property='og:title']/@content", "//title//text()", "//h1//text()"):
        vals = [" ".join(str(v).split()) for v in root.xpath(xp)]
        vals = [v for v in vals if v]
        if vals:
            return vals[0] if xp != "//title//text()" else " ".join(vals)
    return None


def _norm(el) -> str:
    return " ".join(el.text_content().split()).lower()


class Adapter:
    def drop(self, root) -> set:
        return set()

    def hints(self, root) -> list[tuple[Any, str]]:
        return []

    def study(self, root) -> dict[str, Any]:
        return {}

    def languages(self, root) -> list[str]:
        return []


class EuCtr(Adapter):
    """EU CTR trial page: rows "E.3 | Principal inclusion criteria | ..." and E.4."""

    def hints(self, root):
        out = []
        for tr in root.xpath("//tr[td[@class='first']]"):
            code = _norm(tr.xpath("td[@class='first']")[0])
            third = tr.xpath("td[@class='third']")
            if third and code in ("e.3", "e.4"):
                out.append((third[0], "inclusion" if code == "e.3" else "exclusion"))
        return out


class ChiCtr(Adapter):
    """ChiCTR bilingual page: every field has a Chinese (`.cn`) and an English (`.en`) copy."""

    def drop(self, root):
        has_en = bool(root.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' en ')]"))
        if not has_en:
            return set()
        return set(root.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' cn ')]"))

    def hints(self, root):
        out = []
        for td in root.xpath("//tr[contains(concat(' ', normalize-space(@class), ' '), ' en ')]"
                             "/td[contains(@class, 'left_title')]"):
            label = _norm(td)
            nxt = td.getnext()
            if nxt is None:
                continue
            if label.startswith("inclusion criteria"):
                out.append((nxt, "inclusion"))
            elif label.startswith("exclusion criteria"):
                out.append((nxt, "exclusion"))
        return out

    def languages(self, root):
        return ["zh"] if self.drop(root) else []


class Takeda(Adapter):
    """Takeda summary page: each long field comes twice, a full hidden copy and a short excerpt."""

    def drop(self, root):
        out = set()
        for p in root.xpath("//p[contains(@class, 'excerpt')]"):
            if p.xpath("preceding-sibling::p[contains(@class, 'more')] | following-sibling::p[contains(@class, 'more')]"):
                out.add(p)
        out.update(root.xpath("//span[contains(@class, 'text-more') or contains(@class, 'text-less')]"))
        return out


ADAPTERS: dict[str, Adapter] = {
    "clinicaltrialsregister.eu": EuCtr(),
    "chictr.org.cn": ChiCtr(),
    "takedaclinicaltrials.com": Takeda(),
}
