"""Build the seed, write its view and save a screenshot of it from headless chromium (docs/view.png).

    .venv/bin/python scripts/screenshot_view.py [--out docs/view.png] [--select Pakistan]

The page is opened from a file with every other request aborted, the entity named by ``--select`` is
clicked so that the details panel shows its facts and evidence, and the window is saved as PNG.
Needs Debian's chromium at /usr/bin/chromium (``make browser``) and the playwright package.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def screenshot(view: Path, out: Path, *, select: str | None, width: int, height: int) -> list[str]:
    """Open ``view`` in chromium, click ``select``, save ``out``; return the requests it blocked."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            context.route(lambda url: not url.startswith(("file:", "data:")),
                          lambda route: (blocked.append(route.request.url), route.abort()))
            page = context.new_page()
            page.goto(view.resolve().as_uri())
            page.wait_for_function("window.geokgView && window.geokgView.ready", timeout=20_000)
            if select:
                page.fill("#search", select)
                key = page.locator("#search-results button").first.get_attribute("data-entity")
                page.fill("#search", "")
                point = page.evaluate("id => geokgView.domPosition(id)", key)
                page.mouse.click(point["x"], point["y"])
            page.mouse.move(1, 1)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
        finally:
            browser.close()
    return blocked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "view.png")
    parser.add_argument("--select", default="Pakistan", help="entity to click (label or alias); '' for none")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args(argv)
    if not CHROMIUM.is_file():
        print(f"screenshot_view: {CHROMIUM} is missing; install Debian's chromium (`make browser`)", file=sys.stderr)
        return 1

    import kg
    from kg.view import write_view

    result = kg.build([ROOT / "seeds"])
    with tempfile.TemporaryDirectory() as folder:
        view = write_view(result, Path(folder) / "view.html")
        blocked = screenshot(view, args.out, select=args.select or None, width=args.width, height=args.height)
    if blocked:
        print(f"screenshot_view: the page tried the network: {blocked}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
