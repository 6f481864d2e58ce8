"""Question figures: which picture a question shows, and the alt text its note gives that picture.

A question's ``figure`` is a ``NoteImage`` of one of its source sections (the generator picks the first
picture of the first source section; an instructor may pick another or none). ``figure_alt`` is the alt
text the note wrote for that picture, read from the section's stored HTML, so the question says what the
note says; empty means "use the file name".
"""

from html.parser import HTMLParser


class _Images(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))


def note_alt(section_html, image):
    """The alt text ``image`` has in a section's rendered HTML ("" when it is not there or has none)."""
    if not section_html or image is None:
        return ""
    parser = _Images()
    parser.feed(section_html)
    parser.close()
    sources = {image.url, image.thumb_url(480)}
    for attrs in parser.found:
        if (attrs.get("src") or "") in sources:
            alt = (attrs.get("alt") or "").strip()
            return "" if alt == image.name else alt[:300]
    return ""
