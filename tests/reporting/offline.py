"""What "the file makes no network request" means, checked on the HTML text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_URL_ATTRS = {
    "src",
    "href",
    "xlink:href",
    "srcset",
    "poster",
    "data",
    "action",
    "background",
    "formaction",
    "manifest",
    "ping",
}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in _URL_ATTRS and value is not None:
                self.urls.append(value)
            if name == "style" and value:
                self.styles.append(value)

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False


def external_references(html: str) -> list[str]:
    """Every URL the page would fetch: attributes, CSS url()/@import, script/link/iframe."""
    parser = _Collector()
    parser.feed(html)
    found = [u for u in parser.urls if not (u.startswith("#") or u.startswith("data:"))]
    for css in parser.styles:
        found += re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
        found += re.findall(r"@import\s+['\"]?([^'\";\s]+)", css)
    found = [u for u in found if not (u.startswith("#") or u.startswith("data:"))]
    found += [
        f"<{t}>"
        for t in parser.tags
        if t in ("script", "link", "iframe", "object", "embed", "img", "audio", "video")
    ]
    return found
