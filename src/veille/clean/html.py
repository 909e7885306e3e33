"""HTML pages to main text and metadata, with trafilatura and htmldate."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..errors import InputError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    language: str | None


def extract(html: str, url: str | None = None, where: str | None = None) -> Page:
    """Main text and metadata of an HTML page; InputError when no article text is found."""
    try:
        import trafilatura
        from htmldate import find_date
    except ImportError as exc:  # pragma: no cover - core dependencies
        raise InputError("HTML input needs trafilatura, lxml_html_clean and htmldate", where) from exc
    def run(page):
        doc = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=False, deduplicate=False)
        get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
        return get, (get("text") or "") if doc is not None else ""

    try:
        get, text = run(html)
        if not text.strip():  # libxml2 drops what lies more than 255 elements deep, unless told otherwise
            get, text = run(_deep_tree(html))
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise InputError(f"cannot parse HTML: {exc}", where) from exc
    if not text.strip():
        raise InputError("no article text found in the HTML page", where)
    published = None
    try:
        published = find_date(html, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    except Exception as exc:  # htmldate is best-effort
        log.debug("htmldate failed on %s: %s", where, exc)
    published = published or get("date")
    outlet = get("sitename") or None
    title = get("title") or None
    if title:
        title = re.sub(r"\s+", " ", title).strip()
    return Page(text=text, title=title, published=published[:10] if published else None,
                outlet=outlet, url=get("url") or url, language=get("language") or None)


def _deep_tree(html: str):
    """The page parsed without libxml2's depth limit (an article nested in 300 <div>s)."""
    from lxml import html as lxml_html
    parser = lxml_html.HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False,
                                  remove_comments=True, remove_pis=True, encoding="utf-8")
    return lxml_html.fromstring(html.encode("utf-8", "replace"), parser=parser)
