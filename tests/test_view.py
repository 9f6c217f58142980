"""kg view: one offline HTML page, checked as text and in a real headless chromium.

The browser tests drive Debian's chromium (/usr/bin/chromium, installed by `make test`) with
playwright's Python package; they skip, saying why, only where that chromium is missing. Every page
they open runs with all requests other than file:// (and data:) aborted and recorded, and each test
checks that none was attempted and that the page raised no error. Screenshots go to
tests/artifacts/.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from rdflib import Graph

from kg.cli import main
from kg.records import Entity, Evidence, Fact
from kg.view import fact_date, render_view, view_data, write_view

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"
NOT_INVITED = "The United States has not invited Pakistan to the Global Minerals Conference"
RED = (0xD6, 0x27, 0x28)  # negative edges
COUNTRY = (0x4E, 0x79, 0xA7)


@pytest.fixture(scope="module")
def view_file(seed_kg: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_view(seed_kg, tmp_path_factory.mktemp("view") / "view.html")


def embedded_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="geokg-data">(.*?)</script>', html, re.S)
    assert match, "no embedded data"
    return json.loads(match.group(1))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


# ---------------------------------------------------------------- the file itself


def test_view_is_one_file_with_no_url_to_load(view_file: Path) -> None:
    html = view_file.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert len(scripts) == 3 and all("src" not in attrs for attrs in scripts)
    loaders = [(tag, attrs) for tag, attrs in parser.tags
               if tag in {"link", "img", "iframe", "embed", "object", "source", "audio", "video"}]
    assert loaders == []
    assert not re.search(r"""<(script|link)[^>]*(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    for style in re.findall(r"<style>(.*?)</style>", html, re.S):
        assert "@import" not in style
        assert all(url.startswith(("data:", "'data:", '"data:')) for url in re.findall(r"url\(\s*([^)]*)\)", style))
    assert "vis-network 9.1.2 (from the pyvis package)" in html and "window.geokgView" in html


def test_view_embeds_every_entity_and_fact(view_file: Path, seed_kg: Any) -> None:
    data = embedded_data(view_file.read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == {e.key for e in seed_kg.entities}
    assert len(data["edges"]) == len(seed_kg.facts)
    pakistan = next(n for n in data["nodes"] if n["label"] == "Pakistan")
    assert "Islamabad" in pakistan["aliases"] and pakistan["identifiers"]["wikidata"] == "Q843"
    deal = next(n for n in data["nodes"] if n["type"] == "Deal")
    assert deal["value"] == "500,000,000 USD"
    negative = [e for e in data["edges"] if e["polarity"] == "negative"]
    assert [(e["from"], e["predicate"], e["to"]) for e in negative] == [
        ("country:PK", "invitedTo", "event:global_minerals_conference")]
    assert negative[0]["date"] == "2026-02-04"
    assert NOT_INVITED in negative[0]["evidence"][0]["sentence"]
    document = data["documents"][negative[0]["evidence"][0]["document"]]
    assert document["title"].startswith("Pakistan left out of US-hosted Global Minerals Conference")


def test_fact_dates_follow_the_timeline_rule(seed_kg: Any) -> None:
    entities = {e.key: e for e in seed_kg.entities}
    dates = {(f.subject, f.predicate): fact_date(f, entities) for f in seed_kg.facts}
    assert dates["country:PK", "invitedTo"] == "2026-02-04"         # its own date
    assert dates["person:s_jaishankar", "attends"] == "2026-02-04"   # its event's
    assert dates["person:asim_munir", "presentedTo"] == "2025"
    assert dates["country:PK", "hasReserves"] is None


def hostile_graph() -> SimpleNamespace:
    """A graph whose names try to end the page's script and run their own."""
    evil = "</script><script>window.pwned = 1</script><!--"
    entities = [Entity("country:XA", evil, "Country", aliases=("<img src=x onerror='window.pwned=2'>",), mentions=1),
                Entity("event:ev", "Summit \u2028 & <b>friends</b>", "Event", mentions=1)]
    evidence = Evidence("doc</script>", f"{evil} attends the summit.", 0, 10, "attend.verb.v1")
    facts = [Fact("country:XA", "attends", "event:ev", "positive", "asserted", 0.9, (evidence,))]
    return SimpleNamespace(graph=Graph(), entities=entities, facts=facts)


def test_embedded_data_cannot_close_its_script() -> None:
    graph = hostile_graph()
    html = render_view(graph)
    body = re.search(r'<script type="application/json" id="geokg-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in body and ">" not in body and "\u2028" not in body
    assert html.count("</script>") == 3
    assert json.loads(body)["nodes"] == view_data(graph)["nodes"]


def test_cli_view_writes_dir_view_html(seed_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    built = tmp_path / "built"
    shutil.copytree(seed_out, built)
    assert main(["view", str(built)]) == 0
    assert capsys.readouterr().out.strip() == str(built / "view.html")
    assert main(["view", str(built), "--out", str(tmp_path / "elsewhere" / "g.html"), "--title", "Seed"]) == 0
    page = (tmp_path / "elsewhere" / "g.html").read_text(encoding="utf-8")
    assert embedded_data(page)["title"] == "Seed" and "<title>geokg — Seed</title>" in page
    assert main(["view", str(tmp_path / "nothing")]) == 1
    assert "no graph.ttl" in capsys.readouterr().err


# ---------------------------------------------------------------- in chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip(f"browser tests skipped: {CHROMIUM} is missing "
                    "(Debian's chromium; `make browser` installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


class Opened:
    """A page of the view with every non-file request aborted and recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 860})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route(re.compile(r"^(?!file:|data:).*"), self._block)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.geokgView && window.geokgView.ready", timeout=20_000)

    def _block(self, route: Any) -> None:
        self.blocked.append(route.request.url)
        route.abort()

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def drawn_edges(self) -> set[str]:
        return set(self.js("geokgView.drawnEdgeIds()"))

    def drawn_nodes(self) -> set[str]:
        return set(self.js("geokgView.drawnNodeIds()"))

    def pixels(self, rgb: tuple[int, int, int]) -> int:
        """How many pixels of the graph's canvas have this colour (after the next frames)."""
        return self.js("""async ([r, g, b]) => {
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            const canvas = document.querySelector('#graph canvas');
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let n = 0;
            for (let i = 0; i < pixels.length; i += 4)
                if (Math.abs(pixels[i] - r) < 3 && Math.abs(pixels[i + 1] - g) < 3 && Math.abs(pixels[i + 2] - b) < 3
                    && pixels[i + 3] > 250) n++;
            return n;
        }""", list(rgb))

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.mouse.move(1, 1)
        self.page.screenshot(path=str(ARTIFACTS / name))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser: Any, view_file: Path) -> Iterator[Opened]:
    view = Opened(browser, view_file)
    try:
        yield view
        assert view.blocked == [], f"the page tried the network: {view.blocked}"
        assert view.errors == [], f"the page reported errors: {view.errors}"
    finally:
        view.close()


def fact_ids(opened: Opened) -> dict[tuple[str, str, str, str], str]:
    return {(e["from"], e["predicate"], e["to"], e["polarity"]): e["id"] for e in opened.js("geokgView.data.edges")}


def test_browser_draws_every_node_and_edge(opened: Opened, seed_kg: Any) -> None:
    assert opened.drawn_nodes() == {e.key for e in seed_kg.entities}
    assert len(opened.drawn_edges()) == len(seed_kg.facts)
    entities, facts = len(seed_kg.entities), len(seed_kg.facts)
    assert opened.page.inner_text("#counts").startswith(f"{entities} of {entities} entities · {facts} of {facts} facts")
    assert opened.pixels(COUNTRY) > 200, "no country node painted on the canvas"
    assert opened.pixels(RED) > 20, "the negative edge is not painted red"
    assert opened.page.inner_text("#title").startswith("Pakistan left out of US-hosted")
    opened.screenshot("view_seed.png")


def test_browser_polarity_filter_hides_the_negative_edge(opened: Opened, seed_kg: Any) -> None:
    negative = fact_ids(opened)["country:PK", "invitedTo", "event:global_minerals_conference", "negative"]
    assert negative in opened.drawn_edges()
    opened.page.uncheck("#filter-polarity-negative")
    assert negative not in opened.drawn_edges()
    assert len(opened.drawn_edges()) == len(seed_kg.facts) - 1
    assert {"country:PK", "event:global_minerals_conference"} <= opened.drawn_nodes()  # both have other facts
    assert opened.pixels(RED) == 0, "something red is still drawn"
    opened.screenshot("view_seed_positive_only.png")
    opened.page.check("#filter-polarity-negative")
    assert negative in opened.drawn_edges()


def test_browser_click_on_pakistan_shows_the_not_invited_sentence(opened: Opened) -> None:
    point = opened.js("geokgView.domPosition('country:PK')")
    opened.page.mouse.click(point["x"], point["y"])
    details = opened.page.locator("#details")
    assert details.locator("h2").inner_text().strip() == "Pakistan"
    card = details.locator(".fact.negative")
    assert card.count() == 1
    text = card.inner_text()
    assert NOT_INVITED in text and "NOT invitedTo" in text and "date 2026-02-04" in text
    assert "000_cc05b51f6919c262" in text and "Pakistan left out of US-hosted" in text  # the source
    assert "Islamabad" in details.inner_text()  # its alias
    opened.screenshot("view_seed_pakistan.png")


def test_browser_click_on_an_edge_shows_its_fact(opened: Opened, seed_kg: Any) -> None:
    deal_key = "deal:500_million_deal_with_us_strategic_metals"
    deal = fact_ids(opened)["country:PK", "partyTo", deal_key, "positive"]
    point = opened.js("id => geokgView.edgePoint(id)", deal)
    opened.page.mouse.click(point["x"], point["y"])
    details = opened.page.locator("#details")
    assert details.locator("h2").inner_text().strip() == "partyTo"
    assert "a $500 million deal with US Strategic Metals, Islamabad aimed" in details.inner_text()
    opened.page.locator("#details a", has_text="$500 million deal with US Strategic Metals").first.click()
    assert "500,000,000 USD" in details.inner_text()  # the deal's value, on its own page


def test_browser_search_finds_aliases(opened: Opened) -> None:
    opened.page.fill("#search", "islamabad")
    hit = opened.page.locator('#search-results button[data-entity="country:PK"]')
    assert "Pakistan" in hit.inner_text() and "(Islamabad)" in hit.inner_text()
    assert opened.js("geokgView.network.getSelectedNodes()") == ["country:PK"]
    hit.click()
    assert opened.page.locator("#details h2").inner_text().strip() == "Pakistan"
    opened.page.fill("#search", "Munir")
    opened.page.press("#search", "Enter")
    assert opened.page.locator("#details h2").inner_text().strip() == "Asim Munir"
    opened.page.fill("#search", "Atlantis")
    assert "no entity has that name" in opened.page.inner_text("#search-results")


def expected(seed_kg: Any, keep: Any) -> set[tuple[str, str, str, str]]:
    return {(f.subject, f.predicate, f.object, f.polarity) for f in seed_kg.facts if keep(f)}


def drawn_facts(opened: Opened, seed_kg: Any) -> set[tuple[str, str, str, str]]:
    by_id = {v: k for k, v in fact_ids(opened).items()}
    return {by_id[i] for i in opened.drawn_edges()}


def test_browser_filters_by_type_predicate_modality_confidence_and_date(opened: Opened, seed_kg: Any) -> None:
    page = opened.page
    types = {e.key: e.type for e in seed_kg.entities}
    entities = {e.key: e for e in seed_kg.entities}
    everything = expected(seed_kg, lambda f: True)

    page.uncheck("#filter-type-Person")
    no_person = expected(seed_kg, lambda f: "Person" not in {types[f.subject], types[f.object]})
    assert drawn_facts(opened, seed_kg) == no_person
    assert not any(types[n] == "Person" for n in opened.drawn_nodes())
    page.click("#reset")
    assert drawn_facts(opened, seed_kg) == everything

    page.uncheck("#filter-predicate-holdsPosition")
    assert drawn_facts(opened, seed_kg) == expected(seed_kg, lambda f: f.predicate != "holdsPosition")
    page.click("#reset")

    page.uncheck("#filter-modality-planned")
    assert drawn_facts(opened, seed_kg) == expected(seed_kg, lambda f: f.modality != "planned")
    page.click("#reset")

    page.locator("#filter-confidence").evaluate(
        "el => { el.value = '0.8'; el.dispatchEvent(new Event('input', {bubbles: true})); }")
    assert page.inner_text("#confidence-value") == "0.80"
    assert drawn_facts(opened, seed_kg) == expected(seed_kg, lambda f: f.confidence >= 0.8)
    page.click("#reset")

    page.fill("#filter-date-from", "2026-01-01")
    page.uncheck("#filter-undated")
    in_2026 = expected(seed_kg, lambda f: (fact_date(f, entities) or "0000") >= "2026")
    assert drawn_facts(opened, seed_kg) == in_2026 and in_2026
    page.fill("#filter-date-from", "")
    page.fill("#filter-date-to", "2025-12-31")
    assert drawn_facts(opened, seed_kg) == expected(seed_kg, lambda f: (fact_date(f, entities) or "9999") < "2026")
    page.click("#reset")
    assert drawn_facts(opened, seed_kg) == everything
    assert page.is_checked("#filter-undated") and page.input_value("#filter-date-to") == ""


def test_browser_page_makes_no_network_request(opened: Opened) -> None:
    # Exercise the page, then prove the guard sees an attempt when there is one.
    opened.page.fill("#search", "India")
    opened.page.press("#search", "Enter")
    opened.page.uncheck("#filter-polarity-positive")
    assert opened.blocked == []
    opened.js("fetch('http://geokg.invalid/probe').catch(() => null)")
    opened.page.wait_for_timeout(200)
    assert opened.blocked == ["http://geokg.invalid/probe"]
    opened.blocked.clear()
    opened.errors.clear()  # chromium logs the aborted probe as a console error


def test_browser_shows_hostile_names_as_text(browser: Any, tmp_path: Path) -> None:
    graph = hostile_graph()
    view = Opened(browser, write_view(graph, tmp_path / "hostile.html"))
    try:
        assert view.js("window.pwned") is None
        labels = view.js("geokgView.data.nodes.map(n => n.label)")
        assert labels == [e.label for e in graph.entities]
        view.page.fill("#search", "script")
        view.page.press("#search", "Enter")
        assert graph.entities[0].label in view.page.locator("#details h2").inner_text()
        assert view.js("window.pwned") is None and view.blocked == [] and view.errors == []
    finally:
        view.close()


def test_select_view_focus_depth_and_caps(seed_kg: Any) -> None:
    from kg.view import select_view

    entities, facts = select_view(seed_kg, focus="Global Minerals Conference", depth=1)
    labels = {e.label for e in entities}
    assert {"Global Minerals Conference", "Pakistan", "India", "S Jaishankar"} <= labels
    assert len(entities) < len(seed_kg.entities)  # not everything: only the event's neighbours
    keys = {e.key for e in entities}
    assert facts and all(f.subject in keys and f.object in keys for f in facts)
    few, among = select_view(seed_kg, max_nodes=3, focus="Munir", depth=2)
    assert len(few) == 3 and "Asim Munir" in {e.label for e in few}
    assert all(f.subject in {e.key for e in few} and f.object in {e.key for e in few} for f in among)
    capped, two = select_view(seed_kg, max_edges=2)
    assert len(two) == 2 and {e.key for e in capped} == {k for f in two for k in (f.subject, f.object)}
    with pytest.raises(KeyError):
        select_view(seed_kg, focus="Atlantis")


def test_view_data_of_a_selection_says_so_and_caps_evidence(seed_kg: Any) -> None:
    from kg.view import EVIDENCE_SHOWN, select_view

    data = view_data(seed_kg, *select_view(seed_kg, max_edges=3))
    assert data["selected"] == {"entities": len(seed_kg.entities), "facts": len(seed_kg.facts)}
    assert len(data["edges"]) == 3
    assert all(len(e["evidence"]) <= EVIDENCE_SHOWN <= e["evidenceCount"] or len(e["evidence"]) == e["evidenceCount"]
               for e in data["edges"])
    assert view_data(seed_kg)["selected"] is None


def test_cli_view_focus_and_unknown_focus(seed_out: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "focus.html"
    assert main(["view", str(seed_out), "--out", str(out), "--focus", "Pakistan", "--depth", "1"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Pakistan" in page and '"selected": {' in page
    assert main(["view", str(seed_out), "--out", str(out), "--focus", "Atlantis"]) == 1
    assert "no entity named 'Atlantis'" in capsys.readouterr().err
