"""A real headless browser for the review page: Playwright's client driving the system's
Chromium (Debian's `chromium` package; `playwright install` is never run). The browser tests
skip, saying why, when the `review-test` extra or the browser is missing or will not start.
$EXTRACTOR_CHROMIUM names another Chromium or Chrome executable."""
from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field

import pytest

from extractor.review import render_review

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _executable() -> str | None:
    named = os.environ.get("EXTRACTOR_CHROMIUM")
    if named:
        return named
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the review-test extra (playwright) is not installed")
    executable = _executable()
    if not executable:
        pytest.skip("no Chromium found (apt-get install chromium, or set $EXTRACTOR_CHROMIUM)")
    try:
        manager = sync_api.sync_playwright().start()
    except Exception as exc:  # the driver itself could not start
        pytest.skip(f"Playwright could not start: {exc}")
    try:
        chromium = manager.chromium.launch(executable_path=executable, headless=True)
    except Exception as exc:
        manager.stop()
        pytest.skip(f"{executable} could not be started: {str(exc).splitlines()[0]}")
    yield chromium
    chromium.close()
    manager.stop()


@dataclass
class Opened:
    page: object
    url: str
    problems: list = field(default_factory=list)  # console errors, page errors, failed loads
    requests: list = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)


@pytest.fixture
def open_review(browser, tmp_path):
    """open_review(records or html text, doc=0) -> Opened, with the page ready."""
    opened: list[Opened] = []

    def _open(content, doc: int = 0, name: str = "review.html", viewport=(1280, 800)) -> Opened:
        html = content if isinstance(content, str) else render_review(content)
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        result = Opened(page, path.as_uri())
        page.on("console", lambda m: result.problems.append(f"console.{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: result.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: result.problems.append(f"request failed: {r.url}"))
        page.on("request", lambda r: result.requests.append(r.url))
        page.goto(f"{result.url}#doc={doc}")
        page.wait_for_selector("body[data-ready]", timeout=30000)
        opened.append(result)
        return result

    yield _open
    for result in opened:
        result.page.close()


def active_text(opened: Opened) -> list[str]:
    """The texts of the highlighted elements, in document order."""
    return opened.js("Array.from(document.querySelectorAll('#text .active')).map(e => e.textContent)")


def show_doc(opened: Opened, n: int) -> None:
    opened.page.evaluate(f"location.hash = 'doc={n}'")
    wait_until(opened,
               f"(document.querySelector('#doc-head .pos') || {{}}).textContent === '{n + 1} / ' + "
               "JSON.parse(document.getElementById('review-index').textContent).docs.length")


def wait_until(opened: Opened, expression: str, seconds: float = 30.0) -> None:
    """Poll `expression` from the test: page.evaluate is not subject to the page's CSP, which
    forbids the eval that Playwright's in-page wait_for_function polling relies on."""
    deadline = time.monotonic() + seconds
    while not opened.js(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        time.sleep(0.02)
