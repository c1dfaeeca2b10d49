#!/usr/bin/env python3
"""A picture of the review page: builds the page of a JSON Lines file, opens it in headless
Chromium (Playwright with the system's browser, as the review tests do), picks a constraint and
saves a PNG. docs/review.png is made this way:

    extractor extract ../shared/seeds/000_4a44413a1bbcd304.txt -o /tmp/seed.jsonl
    python tools/review_screenshot.py /tmp/seed.jsonl docs/review.png --pick 4

usage: python tools/review_screenshot.py RECORDS.jsonl OUT.png [--doc N] [--pick N]
       [--width 1100] [--height 640] [--chromium PATH]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor.review import read_jsonl, write_review


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("records")
    ap.add_argument("out")
    ap.add_argument("--doc", type=int, default=0, help="which record to show (0 = first)")
    ap.add_argument("--pick", type=int, default=0, help="which constraint of the side list to click")
    ap.add_argument("--width", type=int, default=1100)
    ap.add_argument("--height", type=int, default=640)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "review.html"
        with open(page_path, "w", encoding="utf-8", newline="") as out:
            write_review(read_jsonl(args.records), out)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(f"{page_path.as_uri()}#doc={args.doc}")
            page.wait_for_selector("body[data-ready]")
            page.click(f"#crit-list .kitem >> nth={args.pick}")
            page.screenshot(path=args.out)
            browser.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
