"""Markdown -> sanitised HTML, rendered once at import and stored on the Section.

Note files are untrusted input. The pipeline is:

1. Python-Markdown (tables, fenced code, line breaks as written) turns the note into HTML;
   raw HTML in the note passes through this step untouched.
2. Every ``<img>`` (Markdown image or raw HTML) is replaced: a resolved upload becomes a
   thumbnail linking to the full picture; a remote URL becomes a labelled placeholder with the
   alt text and a link (nothing is fetched, the site works offline); a Windows or local path
   becomes "image not available".
3. nh3 (ammonia) sanitises the result against a strict allowlist: no script, no event
   handler, no ``style``, only http(s)/mailto and relative URLs.

Two things learners paste from Obsidian and GitHub get Markdown of their own: ``<details>`` blocks (self-test
answers: their Markdown is rendered, md_in_html) and callouts (``> [!warning] title``: a titled note box).
"""

import html
import re
import threading
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3
from django.conf import settings
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "details", "div", "em", "figure", "figcaption", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height", "loading", "class", "srcset", "sizes", "decoding"},
    "span": {"class"},
    "figure": {"class"},
    "code": {"class"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_MD_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "nl2br", "md_in_html"]
_MD_CONFIG = {"tables": {"use_align_attribute": True}}

_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]{0,4000}"|'[^']{0,4000}'){0,4000}>""", re.IGNORECASE)
_WINDOWS_PATH = re.compile(r"^(?:[a-zA-Z]:[\\/]|\\\\|file:)", re.IGNORECASE)
_REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u3000]+")
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass(frozen=True)
class ResolvedImage:
    """What the renderer needs to show an uploaded picture (see studynotes.images)."""

    url: str
    thumb_url: str
    width: int
    height: int
    name: str
    srcset: str = ""
    id: int | None = None  # NoteImage pk


class _AttrParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = {k.lower(): (v or "") for k, v in attrs}

    handle_startendtag = handle_starttag


def _img_attrs(tag):
    parser = _AttrParser()
    try:
        parser.feed(tag)
        parser.close()
    except Exception:  # noqa: BLE001 - a malformed tag just loses its attributes
        return {}
    return parser.attrs


def image_kind(src):
    """'remote', 'windows' (local disk path) or 'relative' for an image link as written."""
    src = (src or "").strip()
    if _WINDOWS_PATH.match(src):
        return "windows"
    if _REMOTE.match(src):
        return "remote"
    return "relative"


# What a placeholder says about itself: the site's words, not the note's (``placeholder_labels``).
PLACEHOLDER_LABELS = {
    "remote": gettext_noop("Remote image (not loaded)"),
    "missing": gettext_noop("image not available"),
}
_PLACEHOLDER_LABEL = re.compile(
    r'<span class="image-placeholder image-(remote|missing)"><span class="image-label">[^<]*</span>'
)


def _placeholder(src, alt):
    esc = html.escape
    label_text = alt or src.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or _("image")
    if image_kind(src) == "remote":
        return (
            f'<span class="image-placeholder image-remote">'
            f'<span class="image-label">{esc(_(PLACEHOLDER_LABELS["remote"]))}</span> '
            f'<a href="{esc(src)}">{esc(label_text)}</a></span>'
        )
    return (
        f'<span class="image-placeholder image-missing">'
        f'<span class="image-label">{esc(_(PLACEHOLDER_LABELS["missing"]))}</span> '
        f'<span class="image-alt">{esc(label_text)}</span></span>'
    )


def _in_reader_language(words, language, text_language):
    """The site's ``words`` (key -> msgid, or a lazy string with its context) HTML-escaped in ``language``, the
    reader's, and the ``lang`` attribute to mark them with where the note's ``text_language`` differs: what the
    stored note HTML shows in the reader's words (placeholders, callout types, struck passages)."""
    with translation.override(language):
        escaped = {key: html.escape(_(word) if isinstance(word, str) else str(word)) for key, word in words.items()}
    return escaped, (f' lang="{html.escape(language)}"' if language != text_language else "")


def placeholder_labels(html_text, language, text_language=None):
    """Stored (sanitised) note HTML with its image placeholders' labels in ``language``, the interface's,
    marked with it when the note's ``text_language`` differs ("원격 이미지" in a Japanese note read in Korean).
    The HTML is stored once for every reader, with the labels the import wrote; the alt text and the link stay
    the note's. Safe to render."""
    if "image-placeholder" not in html_text:
        return mark_safe(html_text)
    labels, lang = _in_reader_language(PLACEHOLDER_LABELS, language, text_language)
    return mark_safe(_PLACEHOLDER_LABEL.sub(
        lambda match: f'<span class="image-placeholder image-{match[1]}"><span class="image-label"{lang}>'
                      f"{labels[match[1]]}</span>",
        html_text,
    ))


_CALLOUT_LABEL = re.compile(
    r'(<(?:div|details) class="callout callout-(\w+)"(?: open="")?><(?:p|summary) class="callout-title">'
    r'<span class="callout-label")>[^<]*</span>'
)


def callout_labels(html_text, language, text_language=None):
    """Stored (sanitised) note HTML with its callouts' type labels ("Warning") in ``language``, the interface's,
    marked with it when the note's ``text_language`` differs, as ``placeholder_labels`` does. Safe to render."""
    if "callout-label" not in html_text:
        return mark_safe(html_text)
    labels, lang = _in_reader_language(CALLOUT_LABELS, language, text_language)
    return mark_safe(_CALLOUT_LABEL.sub(
        lambda match: f"{match[1]}{lang}>{labels.get(match[2], labels['note'])}</span>", html_text
    ))


_STRUCK_OPEN = re.compile(r"<del\b[^>]*>")
_STRUCK_WORDS = {"start": gettext_noop("Struck through:"), "end": gettext_noop("(end of struck text)")}


def struck_labels(html_text, language, text_language=None):
    """Stored (sanitised) note HTML with each struck passage (``~~text~~``, <del>) opened and closed in words
    only a screen reader reads, in ``language``, the interface's: most read <del> as any other text, and a line
    a learner struck out is one they found wrong. Safe to render."""
    if "<del" not in html_text:
        return mark_safe(html_text)
    words, lang = _in_reader_language(_STRUCK_WORDS, language, text_language)
    start, end = words["start"], words["end"]
    html_text = _STRUCK_OPEN.sub(lambda match: f'<span class="sr-only"{lang}>{start} </span>{match[0]}', html_text)
    return mark_safe(html_text.replace("</del>", f'</del><span class="sr-only"{lang}> {end}</span>'))


def _resolved(image, alt):
    esc = html.escape
    alt = alt or image.name
    srcset = f' srcset="{esc(image.srcset)}" sizes="(max-width: 600px) 100vw, 960px"' if image.srcset else ""
    return (
        f'<a class="note-image" href="{esc(image.url)}">'
        f'<img class="note-image" src="{esc(image.thumb_url)}"{srcset} alt="{esc(alt)}" '
        f'width="{int(image.width)}" height="{int(image.height)}" loading="lazy" decoding="async"></a>'
    )


_GENERATED_ALT = re.compile(
    r"^(?:image|img|screen ?shot|スクリーンショット|画像|이미지|스크린샷)?[\s\d\-_.:]*(?:at[\s\d\-_.:]*)?$", re.IGNORECASE
)


def _meaningful_alt(tag):
    """Alt text worth searching: not "image", "image-20210308103843533" or "Screenshot 2023-07-23 at 21 39 55"."""
    alt = _img_attrs(tag).get("alt", "").strip()
    return "" if _GENERATED_ALT.match(alt) else alt


def image_links(html_text):
    """The src of every image in rendered (unsanitised) HTML, in order."""
    return [_img_attrs(tag).get("src", "") for tag in _IMG_TAG.findall(html_text)]


def _replace_images(html_text, resolve):
    def replace(match):
        attrs = _img_attrs(match.group(0))
        src = attrs.get("src", "").strip()
        alt = attrs.get("alt", "").strip()
        image = resolve(src) if (resolve and src) else None
        if image is not None:
            return _resolved(image, alt)
        return _placeholder(src, alt)

    return _IMG_TAG.sub(replace, html_text)


def _local_images_only(tag, attribute, value):
    """nh3 attribute filter: pictures load only from our own media URL (nothing remote)."""
    if tag == "img" and attribute in ("src", "srcset"):
        prefix = settings.MEDIA_URL
        urls = [part.strip().split(" ")[0] for part in value.split(",")] if attribute == "srcset" else [value]
        if not all(url.startswith(prefix) and ".." not in url for url in urls):
            return None
    return value


def _filter_attribute(tag, attribute, value):
    # a class with none of the allowed names would stay as class="" (a note's own <p class="x">); replacing that
    # in the output also ate the words class="" from the text and code of a note about HTML
    allowed = _ALLOWED_CLASSES.get(tag)
    if attribute == "class" and allowed is not None and allowed.isdisjoint(value.split()):
        return None
    return _local_images_only(tag, attribute, value)


# nh3 reads a piece of text with thousands of "&" in time their number times its length (200,000 took 0.3 s, 400,000
# 1 s, 5 MB minutes): past this many, each "&amp;" (and bare "&") goes through it as a character it keeps as is
AMPERSANDS_LIMIT = 10_000
_AMPERSAND = re.compile(r"&amp;|&(?![#\w])")
_AMPERSAND_STAND_IN = "\ue000"  # a private-use character


def sanitise(html_text):
    if html_text.count("&") > AMPERSANDS_LIMIT and _AMPERSAND_STAND_IN not in html_text:
        return _clean(_AMPERSAND.sub(_AMPERSAND_STAND_IN, html_text)).replace(_AMPERSAND_STAND_IN, "&amp;")
    return _clean(html_text)


def _clean(html_text):
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=_ALLOWED_CLASSES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


_CLOSING_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*$")
_MAX_FENCE = 30  # longer fences count as this long: keeps the matching below linear


def fence_pairs(lines, opener):
    """{opening line index: closing line index} of the closed code fences in ``lines``.

    ``opener`` is a regex with a ``fence`` group (and optionally ``info``). An opener without
    a closer is not a fence. Linear time, whatever the input: each character remembers the
    shortest fence that found no closer, so hopeless searches are not repeated.
    """
    closers = {"`": [], "~": []}
    for j, line in enumerate(lines):
        m = _CLOSING_FENCE.match(line)
        if m:
            closers[m.group("fence")[0]].append((j, min(len(m.group("fence")), _MAX_FENCE)))
    pointer = {"`": 0, "~": 0}
    failed = {"`": _MAX_FENCE + 1, "~": _MAX_FENCE + 1}
    pairs = {}
    i = 0
    while i < len(lines):
        m = opener.match(lines[i])
        if m:
            mark = m.group("fence")
            char, length = mark[0], min(len(mark), _MAX_FENCE)
            info = m.groupdict().get("info") or ""
            if not (char == "`" and "`" in info) and length < failed[char]:
                found = closers[char]
                k = pointer[char]
                while k < len(found) and found[k][0] <= i:
                    k += 1
                pointer[char] = k
                while k < len(found) and found[k][1] < length:
                    k += 1
                if k < len(found):
                    pairs[i] = found[k][0]
                    i = found[k][0] + 1
                    continue
                failed[char] = length
        i += 1
    return pairs


_NESTED_FENCE = re.compile(r"^(?P<prefix>[ \t]+|[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")


class _NestedFences(Preprocessor):
    """Code fences opened inside list items (indented, or right after the bullet).

    Python-Markdown only knows fences at the start of a line; learners put them in lists.
    Each such block becomes a stashed ``<pre><code>`` that stays inside its list item.
    """

    def run(self, lines):
        out, i = [], 0
        pairs = fence_pairs(lines, _NESTED_FENCE)
        while i < len(lines):
            m = _NESTED_FENCE.match(lines[i]) if i in pairs else None
            if m:
                end = pairs[i]
                width = len(m.group("prefix").expandtabs(4))
                body = []
                for line in lines[i + 1:end]:
                    expanded = line.expandtabs(4)
                    strip = min(width, len(expanded) - len(expanded.lstrip(" ")))
                    body.append(expanded[strip:])
                language = re.sub(r"[^\w+-]", "", m.group("info").strip().split(" ")[0])[:30]
                cls = f' class="language-{language}"' if language else ""
                code = f"<pre><code{cls}>{html.escape(chr(10).join(body))}</code></pre>"
                out.append(m.group("prefix") + self.md.htmlStash.store(code))
                i = end + 1
                continue
            out.append(lines[i])
            i += 1
        return out


_LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?P<gap>[ \t]+)(?=\S)")
_STARTS_LIST = re.compile(r"^ {0,3}(?:[-*+]|1[.)])[ \t]+\S")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")


class _ListIndent(Preprocessor):
    """Lists nested the way learners write them, as GitHub and Typora show them.

    Notes nest a list item under another by indenting it to the parent's text (two spaces
    under ``- ``, three under ``1. ``); Python-Markdown wants four spaces per level and
    would flatten such lists. Each item is re-indented to four spaces per level of its
    CommonMark nesting, and the paragraphs that belong to it follow. A list written right
    under a line of text (``【種類】`` then ``- ALB``) starts a list there, as in CommonMark,
    instead of showing its ``-`` as text. Runs after the code fences have been stashed.
    """

    def run(self, lines):
        out, open_items, previous_blank = [], [], True  # open_items: text column of each item
        for line in lines:
            if not line.strip():
                out.append(line)
                previous_blank = True
                continue
            expanded = line.expandtabs(4)
            text = expanded.lstrip(" ")
            column = len(expanded) - len(text)
            item = None if _RULE.match(expanded) else _LIST_ITEM.match(expanded)
            if item:
                in_list = bool(open_items)
                while open_items and open_items[-1] > column:
                    open_items.pop()
                if not open_items and column > 3:
                    out.append(line)  # an indented code block, not a list
                elif not in_list and not previous_blank and not _STARTS_LIST.match(expanded):
                    out.append(line)  # "2. x" under a line of text continues it, as in CommonMark
                else:
                    if not in_list and not previous_blank:
                        out.append("")
                    out.append(" " * 4 * len(open_items) + text)
                    open_items.append(column + len(item.group("marker")) + len(item.group("gap").expandtabs(4)))
            elif not open_items:
                out.append(line)
            elif not previous_blank:
                out.append(text)  # a line continuing the item's text, whatever its indent
            else:
                while open_items and open_items[-1] > column:
                    open_items.pop()
                extra = column - open_items[-1] if open_items else 0
                out.append(" " * (4 * len(open_items) + extra) + text if open_items else line)
            previous_blank = False
        return out


_BARE_URL = re.compile(r"(?<![A-Za-z0-9])https?://[!-~]+")
_URL_END = ".,;:!?'\")]"


class _BareLinks(Treeprocessor):
    """A URL written as plain text (``https://docs.aws.amazon.com/...``) is a link, as on GitHub.

    Only ASCII belongs to the URL (``https://example.com/です`` links the address alone) and
    trailing punctuation stays text. Code and links already written as links are left alone.
    """

    def run(self, root):
        self._link(root)

    def _link(self, element):
        if element.tag in ("a", "code", "pre"):
            return
        for index, child in reversed(list(enumerate(element))):
            self._link(child)
            child.tail, links = self._split(child.tail)
            for offset, link in enumerate(links):
                element.insert(index + 1 + offset, link)
        element.text, links = self._split(element.text)
        for offset, link in enumerate(links):
            element.insert(offset, link)

    @staticmethod
    def _split(text):
        """(the text before the first URL, [an <a> per URL, the text after it as its tail])."""
        if not text or "://" not in text:
            return text, []
        head, links, position = text, [], 0
        for match in _BARE_URL.finditer(text):
            url = match.group(0).rstrip(_URL_END)
            if url.endswith("://"):
                continue
            if links:
                links[-1].tail = text[position:match.start()]
            else:
                head = text[:match.start()]
            link = etree.Element("a", href=url)
            link.text = url
            links.append(link)
            position = match.start() + len(url)
        if links:
            links[-1].tail = text[position:]
        return head, links


_FOOTNOTE_DEFINITION = re.compile(r"^( {0,3})\[(?=\^[^\]]+\]:)")


class _FootnoteLines(Preprocessor):
    """A footnote written as such (``[^1]: Immutable：既存インスタンスを更新``) is shown as written.

    Python-Markdown would read it as a link reference: the line vanished and ``[^1]`` in the text became a link to
    its words (a relative URL), so a correction quoting the footnote pointed at nothing the learner could see.
    Runs after the fences are stashed, so code keeps its brackets.
    """

    def run(self, lines):
        return [_FOOTNOTE_DEFINITION.sub(r"\1\\[", line) for line in lines]


_DETAILS_OPEN = re.compile(r"^( {0,3})<details(?=[\s>])(?P<rest>.*)$", re.IGNORECASE)
_SUMMARY_OPEN = re.compile(r"^( {0,3}(?:<details\b[^>]*>\s*)?)<summary(?=[\s>])", re.IGNORECASE)
_SUMMARY_INDENT = re.compile(r"^\s+(?=<summary[\s>])", re.IGNORECASE)


class _DetailsMarkdown(Preprocessor):
    """``<details><summary>答え</summary>`` blocks (self-test answers) keep the Markdown inside them.

    A raw HTML block is passed through as written: the answer's bullets and bold showed as ``- **...**``. Marking
    the block ``markdown="1"`` (md_in_html) renders its content, and its summary's as a line. Runs after the code
    fences are stashed, so a ``<details>`` in code stays code.
    """

    def run(self, lines):
        out, after_details = [], False
        for line in lines:
            if after_details:
                # HTML indented under its <details>: inside markdown="1" four spaces would make it a code block.
                # Elsewhere an indented "<summary>" is code already, and stays as written.
                line = _SUMMARY_INDENT.sub("", line, count=1)
            match = _DETAILS_OPEN.match(line)
            if match:
                line = f'{match[1]}<details markdown="1"{match["rest"]}'
            after_details = match is not None
            out.append(_SUMMARY_OPEN.sub(r'\1<summary markdown="span"', line, count=1))
        return out


# Obsidian (and GitHub) callouts: "> [!warning] title" opens a note box of that type; "-" or "+" after the type
# makes it foldable (closed or open). Types are Obsidian's, grouped into the few a page tells apart.
CALLOUT_LABELS = {
    "note": pgettext_lazy("callout", "Note"),
    "tip": pgettext_lazy("callout", "Tip"),
    "important": pgettext_lazy("callout", "Important"),
    "warning": pgettext_lazy("callout", "Warning"),
    "danger": pgettext_lazy("callout", "Danger"),
    "question": pgettext_lazy("callout", "Question"),
}
_CALLOUT_KINDS = {
    "info": "note", "todo": "note", "abstract": "note", "summary": "note", "tldr": "note", "example": "note",
    "quote": "note", "cite": "note", "hint": "tip", "success": "tip", "check": "tip", "done": "tip",
    "caution": "warning", "attention": "warning", "failure": "danger", "fail": "danger", "missing": "danger",
    "error": "danger", "bug": "danger", "help": "question", "faq": "question",
}
CALLOUT_MARKER = re.compile(r"^\[!(?P<type>[A-Za-z][\w-]{0,30})\](?P<fold>[+-]?)[ \t]*")
_CALLOUT_CLASSES = {"callout", *(f"callout-{kind}" for kind in CALLOUT_LABELS)}
_ALLOWED_CLASSES = {"div": _CALLOUT_CLASSES, "details": _CALLOUT_CLASSES, "p": {"callout-title"},
                    "summary": {"callout-title"}}


def _callout_kind(marker_type):
    kind = marker_type.lower()
    kind = _CALLOUT_KINDS.get(kind, kind)
    return kind if kind in CALLOUT_LABELS else "note"


class _Callouts(Treeprocessor):
    """A blockquote whose paragraph starts with ``[!type]`` is a callout: a box with its type's label and title.

    Python-Markdown joins quotes separated by a blank line into one blockquote, so each paragraph starting with a
    marker opens a callout of its own; what comes before the first stays a plain quote. The title is the
    marker's line; the label is in the section's language (``callout_labels`` shows the reader's).
    """

    def run(self, root):
        for index, child in reversed(list(enumerate(root))):
            self.run(child)  # a callout quoted in a callout first
            if child.tag == "blockquote":
                boxes = self._split(child)
                if boxes:
                    root[index:index + 1] = boxes

    def _split(self, quote):
        if not any(self._marker(block) for block in quote):
            return []
        current = etree.Element("blockquote")
        current.text, out = quote.text, [current]
        for block in list(quote):
            match = self._marker(block)
            if match:
                current = self._box(block, match)
                out.append(current)
            else:
                current.append(block)
        if len(out[0]) == 0:
            out.pop(0)
        out[-1].tail = quote.tail
        return out

    @staticmethod
    def _marker(block):
        return CALLOUT_MARKER.match(block.text or "") if block.tag == "p" else None

    def _box(self, paragraph, match):
        kind, fold = _callout_kind(match["type"]), match["fold"]
        box = etree.Element("details" if fold else "div", {"class": f"callout callout-{kind}"})
        if fold == "+":
            box.set("open", "open")
        title = etree.SubElement(box, "summary" if fold else "p", {"class": "callout-title"})
        label = etree.SubElement(title, "span", {"class": "callout-label"})
        label.text = str(CALLOUT_LABELS[kind])
        # the title is the marker's line: the paragraph's text up to its first line break
        label.tail, paragraph.text = " " + paragraph.text[match.end():], None
        for element in list(paragraph):
            paragraph.remove(element)
            if element.tag == "br":
                paragraph.text = (element.tail or "").lstrip("\n")
                break
            title.append(element)
        if len(title) == 1 and label.tail.strip().casefold() in ("", label.text.casefold()):
            label.tail = ""  # no title, or "> [!warning] Warning": the label says it already
        if paragraph.text or len(paragraph):
            box.append(paragraph)
        return box


# GFM strikethrough, which Python-Markdown lacks: learners strike out a line they found wrong ("~~Rolling：ダウンタイム
# なし~~") and must see it struck, not with its tildes. No space just inside the marks, as in GFM; code spans are
# matched first, so "`~~x~~`" stays code.
_STRIKETHROUGH = r"(?<!~)(~~)(?![\s~])(.{1,1000}?)(?<![\s~])~~(?!~)"


# Where Python-Markdown's inline patterns start: a code span, an escape, a link or image, raw HTML or an autolink, an
# entity, emphasis, a strikethrough, a line break
_INLINE_MARKS = re.compile(r"[`\\\[<&*_~\n]")
INLINE_MARKS_LIMIT = 1000  # in one piece of text before it is shown as written


class _AsWritten(Treeprocessor):
    """Show a piece of text (a paragraph's, a list item's, a cell's) with thousands of inline marks as written.

    Python-Markdown copies a piece's whole text again at each inline match (each code span, emphasis, escape, line
    break...), in time its length times their number: a 200 KB paragraph of "`a`" took 2 s, of lines 5 s, and of
    "```a``" minutes. Such text is never meaningful Markdown: it becomes its text as written, escaped, its lines
    kept (``<br>``, as nl2br writes them), stashed as _Defuse does, so the inline patterns see one placeholder.
    """

    def run(self, root):
        for element in root.iter():
            if self._costly(element.text):
                element.text = self._as_written(element.text)
            if self._costly(element.tail):
                element.tail = self._as_written(element.tail)

    @staticmethod
    def _costly(text):
        return bool(text) and not isinstance(text, AtomicString) and len(text) > INLINE_MARKS_LIMIT and (
            len(_INLINE_MARKS.findall(text)) > INLINE_MARKS_LIMIT)

    def _as_written(self, text):
        return AtomicString(self.md.htmlStash.store("<br>\n".join(html.escape(line) for line in text.split("\n"))))


class _NestedFenceExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        md.inlinePatterns.register(SimpleTagInlineProcessor(_STRIKETHROUGH, "del"), "strikethrough", 65)
        md.preprocessors.register(_NestedFences(md), "nested_fences", 30)
        md.preprocessors.register(_Defuse(md), "defuse", 29)
        md.preprocessors.register(_ListIndent(md), "list_indent", 24)
        md.preprocessors.register(_FootnoteLines(md), "footnote_lines", 23)
        md.preprocessors.register(_DetailsMarkdown(md), "details_markdown", 22)
        md.treeprocessors.register(_AsWritten(md), "as_written", 25)
        md.treeprocessors.register(_BareLinks(md), "bare_links", 5)
        md.treeprocessors.register(_Callouts(md), "callouts", 4)


_FENCE_LINE = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
DEFUSE_LIMIT = 20  # unmatched "[", "<" or "](" in one paragraph before it is shown as plain text
DEFUSE_DEPTH = 8  # bracket nesting deeper than this is never a real link


def _unmatched(block):
    """How many openers in a paragraph never close, and the deepest "[" nesting."""
    depth = max_depth = angle = paren = 0
    for i, ch in enumerate(block):
        if ch == "[":
            depth += 1
            max_depth = max(max_depth, depth)
        elif ch == "]":
            depth = max(0, depth - 1)
            if block.startswith("](", i):
                paren += 1
        elif ch == "<":
            angle += 1
        elif ch == ">" and angle:
            angle -= 1
        elif ch == ")" and paren:
            paren -= 1
    return depth + angle + paren, max_depth


# A line Python-Markdown splits its paragraph at (a heading, a rule, a setext underline), quoted or not: it tests the
# rest of the paragraph again, whole, after each
_SPLITTING_LINE = re.compile(r"^(?:[ \t]*+>)*+[ \t]*+(?:#|[=-]++[ \t]*+$|(?:[*_][ \t]*+){3,}+$)")
SPLITS_LIMIT = 100  # such lines in one paragraph before it is shown as plain text
# Block-level HTML tags: md_in_html looks through the tags open around each one
_BLOCK_TAG = re.compile(r"<(/?)(?:address|article|aside|blockquote|body|canvas|center|colgroup|dd|details|div|dl|dt|"
                        r"fieldset|figcaption|figure|footer|form|group|h[1-6]|header|hgroup|html|iframe|legend|li|main|"
                        r"map|math|menu|nav|noscript|object|ol|option|output|p|pre|progress|script|section|style|summary|"
                        r"table|tbody|td|textarea|tfoot|th|thead|tr|ul|video)(?![\w-])", re.IGNORECASE)
TAG_DEPTH_LIMIT = 100  # block-level tags open at once


def _tag_depth(block):
    depth = deepest = 0
    for match in _BLOCK_TAG.finditer(block):
        depth = max(0, depth - 1) if match[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _costly(block, lines):
    """Whether a paragraph (its text and its lines) has what Python-Markdown's block parsing reads in time squared:
    many lines it splits the paragraph at (2,000 rules took 4 s, 12,000 a minute), a table row of thousands of
    backticks (each searched for its closer in a copy of the rest), block-level tags nested hundreds deep."""
    return (sum(1 for line in lines if _SPLITTING_LINE.match(line)) > SPLITS_LIMIT
            or any(line.count("`") > INLINE_MARKS_LIMIT and "|" in line for line in lines)
            or (block.count("<") > TAG_DEPTH_LIMIT and _tag_depth(block) > TAG_DEPTH_LIMIT))


class _Defuse(Preprocessor):
    """Show paragraphs that would make Python-Markdown quadratic as the plain text they are.

    Python-Markdown retries its inline patterns from every unmatched "[", "<" or "](", so a
    paragraph of thousands of them takes minutes; so do its block processors on the paragraphs
    ``_costly`` finds. Such paragraphs are never meaningful Markdown: each becomes one stashed
    ``<p>`` of escaped text. Code fences are left alone.
    """

    def run(self, lines):
        if sum(line.count("[") + line.count("<") for line in lines) <= DEFUSE_LIMIT and not _costly("", lines):
            return lines
        out, block = [], []

        def flush():
            if not block:
                return
            joined = "\n".join(block)
            unmatched, depth = _unmatched(joined)
            if unmatched > DEFUSE_LIMIT or depth > DEFUSE_DEPTH or _costly(joined, block):
                text = "<br>\n".join(html.escape(line.strip()) for line in block)
                out.extend(["", self.md.htmlStash.store(f"<p>{text}</p>"), ""])
            else:
                out.extend(block)
            block.clear()

        pairs = fence_pairs(lines, _FENCE_LINE)
        i = 0
        while i < len(lines):
            line = lines[i]
            if i in pairs:
                flush()
                out.extend(lines[i:pairs[i] + 1])
                i = pairs[i] + 1
                continue
            if line.strip():
                block.append(line)
            else:
                flush()
                out.append(line)
            i += 1
        flush()
        return out


_local = threading.local()


def markdown_to_html(markdown_text):
    """Unsanitised HTML straight from Python-Markdown (do not show this to anyone)."""
    md = getattr(_local, "md", None)
    if md is None:  # building a Markdown instance costs more than converting a section
        md = _local.md = markdown.Markdown(
            extensions=[*_MD_EXTENSIONS, _NestedFenceExtension()], extension_configs=_MD_CONFIG,
            output_format="html",
        )
    try:
        return md.reset().convert(markdown_text or "")
    except Exception:
        _local.md = None  # never reuse an instance left in a broken state
        raise


def render_markdown(markdown_text, resolve_image=None):
    """Safe HTML for a piece of note Markdown.

    ``resolve_image(src) -> ResolvedImage | None`` turns an image link into an uploaded
    picture; without it (or when it returns None) images become placeholders.
    """
    return render(markdown_text, resolve_image).html


@dataclass(frozen=True)
class Rendered:
    html: str
    text: str
    image_links: tuple  # every image src as written, in order
    unresolved: tuple  # the srcs resolve_image could not turn into a picture
    image_ids: tuple = ()  # NoteImage pks of the resolved pictures, in order


def render(markdown_text, resolve_image=None):
    """Render once, returning the safe HTML, its plain text and the image links found."""
    raw = markdown_to_html(markdown_text)
    links = tuple(image_links(raw))
    unresolved, image_ids = [], []

    def tracking_resolve(src):
        image = resolve_image(src) if (resolve_image and src) else None
        if image is None and src:
            unresolved.append(src)
        elif image is not None and image.id is not None and image.id not in image_ids:
            image_ids.append(image.id)
        return image

    safe = sanitise(_replace_images(raw, tracking_resolve))
    alt_only = _IMG_TAG.sub(lambda m: " " + html.escape(_meaningful_alt(m.group(0))) + " ", raw)
    text = html_to_text(sanitise(alt_only))
    return Rendered(html=safe, text=text, image_links=links, unresolved=tuple(unresolved),
                    image_ids=tuple(image_ids))


def html_to_text(html_text):
    """Plain text of rendered HTML, for search and excerpts."""
    text = re.sub(r"<br\s*/?>|</(?:p|li|h\d|tr|pre|blockquote|div|figure|summary|details)>", "\n", html_text or "")
    text = html.unescape(_TAG.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n", "\n".join(lines)).strip()
