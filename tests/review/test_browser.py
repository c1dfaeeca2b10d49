"""The review page in a real headless browser (Chromium through Playwright)."""
from __future__ import annotations

import json

import pytest

from extractor.review import read_jsonl, render_review, write_review

from ..conftest import SAMPLES, seed
from .conftest import active_text, show_doc, wait_until
from .records import FILTER_CASES, HOSTILE, hostile_error, hostile_record, notes_record, spans_record


def _constraints(record):
    """(key, constraint) as the side list holds them: a criterion's own, then its notes'."""
    for i, c in enumerate(record["criteria"]):
        joined = [*c["constraints"], *(k for n in c.get("notes", ()) for k in n.get("constraints", ()))]
        for j, k in enumerate(joined):
            yield f"{i}.{j}", k


def test_loads_without_console_errors_or_any_request(open_review):
    opened = open_review([spans_record(), hostile_error()])
    for n in (1, 0):
        show_doc(opened, n)
    for key, _ in _constraints(spans_record()):
        opened.page.click(f'#crit-list .kitem[data-k="{key}"]')
    assert opened.problems == []
    assert set(opened.requests) == {opened.url + "#doc=0"} or set(opened.requests) == {opened.url}
    assert opened.js("document.title") == "extractor review: 2 records"


def test_a_page_of_no_records_says_so(open_review):
    opened = open_review([])
    assert opened.js("document.getElementById('text').textContent") == "This file holds no records."
    assert opened.problems == []


def test_clicking_a_constraint_highlights_exactly_its_span(open_review):
    record = spans_record()
    text = record["document"]["text"]
    opened = open_review([record])
    for key, k in _constraints(record):
        opened.page.click(f'#crit-list .kitem[data-k="{key}"]')
        start, end = k["span"]
        # One element each: the entity that crosses two constraints is the one cut in two.
        assert active_text(opened) == [text[start:end]], key
        assert opened.js("document.querySelector('#details blockquote').textContent") == text[start:end]
        if k.get("subject"):
            related = opened.js("Array.from(document.querySelectorAll('#text .related')).map(e => e.textContent)")
            assert k["subject"]["text"] in related
    assert opened.problems == []


def test_constraints_and_numbers_of_notes_are_shown_and_picked(open_review):
    record = notes_record()
    text = record["document"]["text"]
    opened = open_review([record])
    keys = opened.js("Array.from(document.querySelectorAll('#crit-list .kitem')).map(e => e.dataset.k)")
    assert keys == ["0.0", "0.1", "1.0", "1.1"]
    labels = opened.js("Array.from(document.querySelectorAll('#crit-list .kitem.fromnote')).map(e => e.textContent)")
    assert [label.split(":")[0] for label in labels] == ["note 1"] * 3
    for key, k in _constraints(record):
        opened.page.click(f'#crit-list .kitem[data-k="{key}"]')
        start, end = k["span"]
        assert active_text(opened) == [text[start:end]], key
    # Words of a note's constraint pick it; its unparsed number is marked and listed.
    opened.page.locator('#text .k[data-k="0.1"]').first.click()
    assert opened.js("document.querySelector('#crit-list .kitem.picked').dataset.k") == "0.1"
    opened.page.locator('#text .up[data-u="1.0"]').click()
    assert opened.js("document.querySelector('#crit-list .uitem.picked').textContent").startswith("note 1: unparsed")
    # c1 has constraints (in its note): the "no constraint" filter leaves nothing.
    opened.page.check("#f-noconstraint")
    assert opened.js("document.querySelectorAll('#crit-list .crit').length") == 0
    assert opened.problems == []


def test_clicking_words_shows_their_constraint(open_review):
    record = spans_record()
    opened = open_review([record])
    for key, k in _constraints(record):
        opened.page.locator(f'#text .k[data-k="{key}"]').first.click()
        assert opened.js("document.querySelector('#crit-list .kitem.picked').dataset.k") == key
        assert opened.js("document.querySelector('#details h2').textContent").endswith(
            ("18 a", "100000", "1500", "0.26", "1.65", "registration"))
    # The subject's words show the constraint they are the subject of.
    opened.page.locator('#text .sb[data-r="0.0"]').first.click()
    assert opened.js("document.querySelector('#crit-list .kitem.picked').dataset.k") == "0.0"
    # An unparsed number shows in the warning colour and says why.
    opened.page.locator('#text .up[data-u="4.1"]').click()
    assert opened.js("document.querySelector('#crit-list .uitem.picked').dataset.u") == "4.1"
    assert "dose without subject" in opened.js("document.getElementById('details').textContent")
    colour = opened.js("getComputedStyle(document.querySelector('#text .up')).backgroundColor")
    assert colour == "rgb(255, 181, 158)"
    # Rule ids on hover.
    title = opened.js("document.querySelector('#text .k[data-k=\"0.0\"]').title")
    assert "rules: num.digits, cmp.sym.ge, subject.age_pattern" in title
    assert "rule neg.no" in opened.js("document.querySelector('#text .ng').title")


@pytest.mark.parametrize("settings, expected, hostile_matches", FILTER_CASES)
def test_filters_change_what_is_shown(open_review, settings, expected, hostile_matches):
    opened = open_review([spans_record(), hostile_record()])
    for box, on in settings.items():
        opened.page.set_checked(f"#{box}", on)
    listed = opened.js("Array.from(document.querySelectorAll('#crit-list .crit .cid')).map(e => e.textContent)")
    assert listed == expected
    in_text = opened.js("Array.from(new Set(Array.from(document.querySelectorAll('#text .cr'))"
                        ".map(e => Number(e.dataset.c))))")
    assert sorted(in_text) == [int(c[1:]) - 1 for c in expected]
    opened.page.check("#only-matching")
    shown = opened.js("Array.from(document.querySelectorAll('#index .doc-id')).map(e => e.textContent)")
    assert shown == ["SPANS-1"] + [HOSTILE[0]] * hostile_matches
    assert opened.problems == []


def test_a_selection_survives_a_filter_that_keeps_it(open_review):
    opened = open_review([spans_record()])
    opened.page.click('#crit-list .kitem[data-k="1.1"]')
    opened.page.set_checked("#f-exclusion", False)
    assert active_text(opened) == ["≥ 1500/mm³"]
    opened.page.set_checked("#f-inclusion", False)
    assert active_text(opened) == []


def test_document_markup_is_shown_as_text_and_never_runs(open_review, tmp_path):
    jsonl = tmp_path / "hostile.jsonl"
    lines = [json.dumps(hostile_record(), ensure_ascii=False), json.dumps(hostile_error()),
             HOSTILE[1] + " " + HOSTILE[2]]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(tmp_path / "page.html", "w", encoding="utf-8") as out:
        write_review(read_jsonl(jsonl), out)
    opened = open_review((tmp_path / "page.html").read_text(encoding="utf-8"))
    record = hostile_record()
    text = opened.js("document.getElementById('text').textContent")
    assert text == record["document"]["text"]
    for bad in HOSTILE:
        assert bad in text
    assert opened.js("document.querySelector('.doc-name').textContent") == HOSTILE[0]
    opened.page.click('#crit-list .kitem[data-k="0.0"]')
    opened.page.click('#crit-list .uitem[data-u="0.0"]')
    opened.page.locator("#text .k").first.hover()
    show_doc(opened, 1)
    head = opened.js("document.getElementById('doc-head').textContent")
    assert HOSTILE[0] in head and HOSTILE[1] in head and HOSTILE[2] in head
    show_doc(opened, 2)
    assert HOSTILE[1] in opened.js("document.getElementById('text').textContent")
    assert opened.js("window.__pwned") is None
    assert opened.js("document.querySelectorAll('script').length") == 3 + 2
    assert opened.js("document.querySelectorAll('img, svg, iframe').length") == 0
    assert opened.problems == []


def test_a_file_of_thousands_of_documents_stays_usable(open_review):
    base = spans_record()
    records = []
    for n in range(3000):
        rec = json.loads(json.dumps(base))
        rec["document"]["id"] = f"DOC-{n:05d}"
        records.append(rec)
    opened = open_review(records)
    assert opened.js("document.querySelectorAll('#index li').length") == 200
    opened.page.click("#more")
    wait_until(opened, "document.querySelectorAll('#index li').length === 400")
    opened.page.fill("#search", "doc-02999")
    # The index is filtered as the search box changes: wait for it before picking the entry.
    wait_until(opened, "document.querySelectorAll('#index li.doc').length === 1 && "
                        "document.querySelector('#index li.doc').textContent.includes('DOC-02999')")
    opened.page.click("#index li.doc")
    wait_until(opened, "document.querySelector('.doc-name').textContent === 'DOC-02999'")
    # Only the document shown was ever parsed into the text pane.
    assert opened.js("document.querySelectorAll('#text .cr').length") > 0
    opened.page.click('#crit-list .kitem[data-k="2.1"]')
    assert active_text(opened) == ["> 1.65"]
    assert opened.problems == []


def test_real_records_of_the_samples_highlight_every_constraint(open_review, engine):
    records = []
    for path in sorted(SAMPLES.iterdir()):
        records.extend(engine.records(str(path)))
    opened = open_review(records)
    checked = 0
    for n, record in enumerate(records):
        show_doc(opened, n)
        if "document" not in record:
            continue
        text = record["document"]["text"]
        got = opened.js("""() => Array.from(document.querySelectorAll('#crit-list .kitem')).map(item => {
            item.click();
            return [item.dataset.k, Array.from(document.querySelectorAll('#text .active')).map(e => e.textContent).join('')];
        })""")
        want = [[key, text[k["span"][0]:k["span"][1]]] for key, k in _constraints(record)]
        assert got == want
        checked += len(want)
    assert checked > 10
    assert opened.problems == []


def test_screenshot_of_a_seed_page(open_review, engine, tmp_path, capsys, record_property):
    records = engine.records(str(seed("000")))
    opened = open_review(records, viewport=(1280, 760))
    opened.page.click("#crit-list .kitem >> nth=4")
    shot = tmp_path / "review-seed-000.png"
    opened.page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    record_property("screenshot", str(shot))
    with capsys.disabled():
        print(f"\nscreenshot of the review page of seed 000: {shot}")
    assert opened.problems == []
