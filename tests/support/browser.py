"""A Streamlit server driven by Chromium, and what an official must never see there.

The rules are checked on a page as the browser drew it: its visible text (DOM text that
is rendered, table cells, chart labels), the boxes of chart labels, and the page's width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from deploy.servers import free_port, start_streamlit, stop, wait_healthy
from tests.support import ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
#: How long a condition may take to come true: generous, as a loaded two-core machine
#: runs these too. Tests wait for conditions, never for a fixed time.
WAIT_MS = 120_000


@contextmanager
def dashboard_server(db: Path | str, start_timeout: float = 60) -> Iterator[str]:
    """`streamlit run app.py` on a free port against the store at ``db``: its URL while
    the block runs; stopped afterwards. The server inherits this process's environment."""
    port = free_port()
    proc = start_streamlit(str(db), port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, start_timeout)
        yield url
    finally:
        stop(proc)


#: Visible text: rendered DOM text (not icons' ligature names, not hidden elements),
#: table cells of Streamlit's data grids, and every chart's SVG text.
VISIBLE_TEXT_JS = """
() => {
  const roots = [...document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebar]')];
  const out = [];
  // drawn for the eye: not hidden, and larger than the 1 px of screen-reader-only text
  const shown = (el) => {
    if (!el || getComputedStyle(el).visibility === 'hidden') return false;
    const box = el.getBoundingClientRect();
    return el.getClientRects().length > 0 && box.width > 1 && box.height > 1;
  };
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const skip = '[data-testid=stIconMaterial], [translate=no], .js-plotly-plot, style,'
                   + ' script, svg, [data-testid=stDataFrame]';
      if (!el || el.closest(skip)) continue;
      if (node.textContent.trim() && shown(el)) out.push(node.textContent.trim());
    }
    const cells = '[data-testid=stDataFrame] [role=gridcell],'
                  + ' [data-testid=stDataFrame] [role=columnheader]';
    for (const cell of root.querySelectorAll(cells)) {
      if (shown(cell.closest('[data-testid=stDataFrame]'))) out.push(cell.textContent.trim());
    }
    for (const plot of root.querySelectorAll('.js-plotly-plot')) {
      if (!shown(plot)) continue;
      for (const text of plot.querySelectorAll('text')) out.push(text.textContent.trim());
    }
  }
  return out.filter(Boolean);
}
"""

#: Boxes of every non-empty label in each visible chart: [[chart index, text, l, t, r, b]].
LABEL_BOXES_JS = """
() => {
  const boxes = [];
  [...document.querySelectorAll('.js-plotly-plot')].forEach((plot, i) => {
    if (plot.getClientRects().length === 0) return;
    for (const text of plot.querySelectorAll('text')) {
      const label = text.textContent.trim();
      const r = text.getBoundingClientRect();
      if (!label || r.width === 0 || r.height === 0) continue;
      if (getComputedStyle(text).opacity === '0') continue;
      boxes.push([i, label, r.left, r.top, r.right, r.bottom]);
    }
  });
  return boxes;
}
"""


def wait_for_text(tab, text: str, *, exact: bool = False, timeout: float | None = WAIT_MS) -> None:
    """Wait until ``text`` is shown on ``tab``: its first visible match, as a canvas data
    grid keeps a hidden copy of its cells in the page, which may come first. ``timeout``
    None is the page's default."""
    tab.get_by_text(text, exact=exact).filter(visible=True).first.wait_for(timeout=timeout)


#: Resolves once the charts' labels have stayed where they are for ``quietMs`` (plotly
#: places annotations after its first paint), true; false after ``limitMs`` without.
LABELS_SETTLED_JS = """
async ([quietMs, limitMs]) => {
  const labels = () => JSON.stringify([...document.querySelectorAll('.js-plotly-plot text')]
    .map((t) => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top]; }));
  const start = performance.now();
  let last = labels();
  let since = start;
  while (performance.now() - start < limitMs) {
    await new Promise((done) => setTimeout(done, 50));
    const now = labels();
    if (now !== last) { last = now; since = performance.now(); }
    else if (performance.now() - since >= quietMs) return true;
  }
  return false;
}
"""

#: How much wider than the window the page's content is (0: no horizontal scrolling).
OVERFLOW_JS = """
() => {
  const main = document.querySelector('[data-testid=stMain]');
  const doc = document.documentElement;
  const inner = main ? main.scrollWidth - main.clientWidth : 0;
  return Math.max(doc.scrollWidth - doc.clientWidth, inner);
}
"""

#: Words allowed in the Chinese view: codes, file types, units, the language switch.
ALLOWED_LATIN = frozenset(
    {
        *("BJ", "SH", "BDA", "Q1", "Q2", "Q3", "Q4"),  # codes and quarters
        *("CSV", "XLSX", "PNG", "PDF", "MB", "TOML", "Excel", "Word"),  # file types, sizes, apps
        *("English", "Language"),  # the language switch
    }
)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z]+")
#: Text that is data or an identifier, not language: file names, target/plan codes,
#: the fixture's uploader name, quarters like 2025Q3.
_NOT_LANGUAGE = re.compile(
    r"[\w.-]+\.(?:csv|xlsx|toml|png|pdf)\b"
    r"|\b[A-Z]+-\d{4}(?::[a-z_0-9]+)?"
    r"|\b\d{4}Q[1-4]\b"
    r"|\b(?=[0-9a-f]*\d)[0-9a-f]{12,64}\b"  # a checksum (the audit trail's catalog version)
    r"|\b(?:tester|test|admin1|editor_sh|viewer1|fin_bda)\b"  # the fixtures' user names
    r"|\b(?:jurisdiction|metric|period|value|source|note) / "  # a file's header, both spellings
)
_MISSING = re.compile(r"\b(?:None|nan|NaN|NaT|null|undefined)\b")


def missing_words(texts: list[str]) -> list[str]:
    """Texts showing a programmer's empty value."""
    return [text for text in texts if _MISSING.search(text)]


def english_words(texts: list[str]) -> list[str]:
    """Latin-letter words in texts of the Chinese view that are not on the allowed list."""
    found = []
    for text in texts:
        for word in _LATIN_WORD.findall(_NOT_LANGUAGE.sub(" ", text)):
            if word not in ALLOWED_LATIN:
                found.append(f"{word!r} in {text[:80]!r}")
    return found


def overlapping_labels(boxes: list[list], tolerance: float = 1.0) -> list[str]:
    """Pairs of chart labels (same chart) whose boxes intersect by more than ``tolerance`` px."""
    clashes = []
    by_chart: dict[int, list[list]] = {}
    for box in boxes:
        by_chart.setdefault(box[0], []).append(box)
    for chart, items in by_chart.items():
        for i, (_, a, al, at, ar, ab) in enumerate(items):
            for _, b, bl, bt, br, bb in items[i + 1 :]:
                width = min(ar, br) - max(al, bl)
                height = min(ab, bb) - max(at, bt)
                if width > tolerance and height > tolerance:
                    clashes.append(f"chart {chart}: {a!r} overlaps {b!r}")
    return clashes
