"""The note lines a question cites, marked on the note's page.

A source link reads ``/files/<id>/?hl=<section id>:20-22,25&back=<signed path>#cited``: the page marks the
blocks of that section's stored HTML that hold file lines 20 to 22 and 25 (``class="cited"``, the first with
``id="cited"``), so the browser lands on them without JavaScript; ``back`` (signed for one user) links back
to the question.

The stored HTML keeps no line numbers, so lines are found by their text: each Markdown line of the section,
rendered alone, is looked for in the rendered blocks (paragraphs, list items, table rows, code blocks,
headings) in order, each line at or after the block the line before it was found in, so a line written twice
is found where it is. A line whose text is not found (a picture, a table's ruler) marks nothing; when no cited
line is found the page marks the whole section.

A paragraph (or list item) written on several lines renders as one block with a ``<br>`` between its lines
(``nl2br``). When only some of them are cited, the cited lines alone are wrapped in ``<span class="cited">``:
the block is cut at its own ``<br>`` (not one inside inline markup, where a span would not nest), each part is
matched to the line whose text it holds, and a line that cannot be told apart marks its whole block as before.
Nothing is added to the stored HTML: only the cited section's page is marked, at request time.
"""

import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.core import signing

from .redirects import local_path
from .rendering import html_to_text, markdown_to_html

BLOCK_TAGS = frozenset({"p", "li", "pre", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "summary"})
VOID_TAGS = frozenset({"br", "img", "hr", "wbr"})
ANCHOR = "cited"
MAX_SPANS = 20
MAX_SPAN_LINES = 200
# Work bounds for a huge section (any reader can ask for any line): lines read from the section's start, and
# lines-by-blocks compared. Past them the search stops; what was not found by then marks the whole section.
MAX_READ_LINES = 5000
MAX_COMPARISONS = 500_000

_HL = re.compile(r"^(\d{1,12}):(\d{1,7}(?:-\d{1,7})?(?:,\d{1,7}(?:-\d{1,7})?)*)$")
# list, heading and quote marks, and a callout's "[!note]" (rendering._Callouts shows a label instead)
_MARKER = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s*|>\s*|\[![A-Za-z][\w-]{0,30}\][+-]?\s*)+")
_IGNORED = re.compile(r"[\s|]+")


def parse_hl(value):
    """``(section id, [(first line, last line), ...])`` from an ``hl`` parameter (``"12:20-22,25"``), or None
    when it is not one (at most 20 spans of at most 200 lines)."""
    m = _HL.match(value or "")
    if not m:
        return None
    spans = []
    for part in m.group(2).split(",")[:MAX_SPANS]:
        first, _sep, last = part.partition("-")
        first, last = int(first), int(last or first)
        if first < 1 or last < first:
            return None
        spans.append((first, min(last, first + MAX_SPAN_LINES - 1)))
    return int(m.group(1)), spans


def hl_value(section_id, spans):
    """The ``hl`` parameter for ``spans`` (``[(first, last), ...]``) of a section."""
    return f"{section_id}:" + ",".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def cited_url(path, section_id, spans, back=""):
    """The file page at ``path`` landing on the lines ``spans`` of a section, marked (and, with ``back``, a
    signed path, leading back to where the link was followed from)."""
    query = {"hl": hl_value(section_id, spans), **({"back": back} if back else {})}
    return f"{path}?{urlencode(query)}#{ANCHOR}"


def _norm(text):
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text or ""))


class _Blocks(HTMLParser):
    """The block elements of some HTML in document order: ``[start of tag, end of tag, tag, own text, parent,
    parts]`` (text inside nested blocks is theirs; ``parent``, the index of the block it sits in, or None;
    ``parts``, the block's content cut at its own ``<br>``: ``[[start, end, text], ...]``)."""

    def __init__(self, html_text):
        super().__init__(convert_charrefs=True)
        self.line_offsets = [0]
        for line in html_text.split("\n")[:-1]:
            self.line_offsets.append(self.line_offsets[-1] + len(line) + 1)
        self.blocks, self.open = [], []
        self.hidden = 0  # depth inside a span only screen readers read (rendering.struck_labels): not the note's
        self.feed(html_text)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "span" and (self.hidden or ("class", "sr-only") in attrs):
            self.hidden += 1
        if tag in BLOCK_TAGS:
            start = self._offset()
            parent = self.open[-1][1] if self.open else None
            end = start + len(self.get_starttag_text())
            self.blocks.append([start, end, tag, "", parent, [[end, None, ""]]])
            self.open.append([tag, len(self.blocks) - 1, 0])  # and the depth of inline elements open in it
        elif self.open:
            current = self.open[-1]
            if tag not in VOID_TAGS:
                current[2] += 1
            elif tag == "br" and current[2] == 0:  # the block's own line break: a new part
                parts = self.blocks[current[1]][5]
                start = self._offset()
                parts[-1][1] = start
                parts.append([start + len(self.get_starttag_text()), None, ""])

    def handle_endtag(self, tag):
        if tag == "span" and self.hidden:
            self.hidden -= 1
        if tag in BLOCK_TAGS:
            while self.open:
                _tag, index, _depth = self.open.pop()
                self.blocks[index][5][-1][1] = self._offset()
                if _tag == tag:
                    break
        elif self.open and tag not in VOID_TAGS:
            self.open[-1][2] = max(0, self.open[-1][2] - 1)

    def handle_data(self, data):
        if self.open and not self.hidden:
            block = self.blocks[self.open[-1][1]]
            block[3] += data
            block[5][-1][2] += data


def _line_texts(line):
    """What a Markdown line shows, normalised: rendered alone, and as written without its list or heading
    marker."""
    texts = [_norm(html_to_text(markdown_to_html(line)))] if line.strip() else []
    texts.append(_norm(_MARKER.sub("", line)))
    return [t for t in dict.fromkeys(texts) if t]


def locate_lines(html_text, markdown_text):
    """``(blocks, lines)``: the blocks of ``html_text`` as ``_Blocks`` gives them, without their text
    (``[start of tag, end of tag, tag, parent, parts]``, ``parts`` the ``(start, end)`` of each of the block's
    lines when it has several and holds no other block, else None), and for each Markdown line read (the
    first ``MAX_READ_LINES``, within ``MAX_COMPARISONS``) ``(index of the block it was found in, index of its
    part or None)``, or None. Depends on the section's stored text alone, so a page keeps it per content stamp
    (views._mark_cited): rendering each line alone is most of the work (20 ms for a 330-line section)."""
    parsed = _Blocks(html_text).blocks
    parents = {block[4] for block in parsed}
    blocks = [[start, end, tag, parent, [(a, b) for a, b, _text in parts]
               if len(parts) > 1 and j not in parents and parts[-1][1] else None]
              for j, (start, end, tag, _text, parent, parts) in enumerate(parsed)]
    lines = []
    if not blocks:
        return blocks, lines
    own = [_norm(block[3]) for block in parsed]
    cursor, budget, part_cursor, part_texts = 0, MAX_COMPARISONS, None, {}
    for line in markdown_text.split("\n")[:MAX_READ_LINES]:
        at = None
        for text in _line_texts(line):
            if budget <= 0:
                return blocks, lines
            stop = min(len(blocks), cursor + budget)
            j = next((j for j in range(cursor, stop) if text in own[j]), None)
            budget -= (j + 1 if j is not None else stop) - cursor
            if j is not None:
                part = None
                if blocks[j][4]:  # which of the block's lines: after the line before's, the next one (a
                    # line break is a <br>), else still that one (a break inside inline markup cuts nothing)
                    after = part_cursor if j == cursor else None
                    texts = part_texts.get(j)
                    if texts is None:
                        texts = part_texts[j] = [_norm(t) for _a, _b, t in parsed[j][5]]
                    order = range(len(texts)) if after is None else [*range(after + 1, len(texts)), after]
                    part = next((k for k in order if text in texts[k]), None)
                    part_cursor = part if part is not None else after
                cursor, at = j, (j, part)
                break
        lines.append(at)
    return blocks, lines


def cited_blocks(html_text, markdown_text, body_start, spans, located=None):
    """Indexes (into the blocks) of the blocks holding the file lines in ``spans``, for a section whose
    Markdown starts on file line ``body_start``; and the blocks (``located``: what ``locate_lines`` gave for
    this HTML and Markdown, else found here)."""
    return _cited(markdown_text, body_start, spans, located or locate_lines(html_text, markdown_text))[:2]


def _cited(markdown_text, body_start, spans, located):
    """``(found, blocks, parts)``: as ``cited_blocks``, and ``{block index: sorted indexes of its cited
    parts}`` for the blocks of which only some lines are cited (the others are cited whole)."""
    blocks, lines = located
    wanted = {line - body_start for first, last in spans for line in range(first, last + 1)}
    hits = [lines[k] for k in wanted if 0 <= k < len(lines) and lines[k] is not None]
    found = sorted({j for j, _part in hits})
    whole = {j for j, part in hits if part is None}
    parts = {}
    for j, part in hits:
        if j not in whole:
            parts.setdefault(j, set()).add(part)
    parts = {j: sorted(ks) for j, ks in parts.items() if len(ks) < len(blocks[j][4])}
    return found, blocks, parts


def _runs(indexes):
    """``[(first, last), ...]``: the runs of consecutive numbers in sorted ``indexes``."""
    runs = []
    for k in indexes:
        if runs and runs[-1][1] == k - 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    return runs


def labelled_blocks(blocks, found):
    """Of the cited blocks ``found`` (indexes into ``blocks``), those that start a run: the label goes once on
    each run of cited blocks, the first (so the outermost) of a run. A block inside a cited block, or coming
    right after a cited block or one inside it (the next cited item of a list, a row), continues the run: a
    cited item whose sub-items are cited too said the label on every level, four times in one item."""
    cited = set(found)

    def covered(j):  # cited, or inside a cited block
        while j is not None:
            if j in cited:
                return True
            j = blocks[j][3]
        return False

    return [j for j in found if not covered(blocks[j][3]) and not (j > 0 and covered(j - 1))]


def line_marks(html_text, body_start, marks, located):
    """``{offset in html_text: HTML}``: where each of ``marks`` (``[(file line, HTML), ...]``, for a section
    whose Markdown starts on file line ``body_start``; ``located`` what ``locate_lines`` gave) goes: at the start
    of the block holding its line (a row's first cell; the line itself in a block written on several lines). A
    line not found is left out."""
    blocks, lines = located
    inserts = {}
    for line, mark in marks:
        k = line - body_start
        at = lines[k] if 0 <= k < len(lines) else None
        if at is None:
            continue
        j, part = at
        _start, end, tag, _parent, parts = blocks[j]
        if part is not None and parts:
            a, b = parts[part]
            offset = a + len(html_text[a:b]) - len(html_text[a:b].lstrip())  # as mark_cited's span starts
        elif tag == "tr":
            cell = re.compile(r"<t[dh][^>]*>").search(html_text, end)
            if cell is None:
                continue
            offset = cell.end()
        else:
            offset = end
        inserts[offset] = inserts.get(offset, "") + mark
    return inserts


def _inserting(html_text, inserts):
    """``piece(a, b)``: ``html_text[a:b]`` with the ``inserts`` (``line_marks``) that fall in it."""
    offsets = sorted(inserts or ())

    def piece(a, b):
        out, done = [], a
        for offset in offsets:
            if a <= offset < b:
                out += [html_text[done:offset], inserts[offset]]
                done = offset
        out.append(html_text[done:b])
        return "".join(out)

    return piece


def insert_marks(html_text, inserts):
    """``html_text`` with ``inserts`` (``line_marks``) in place."""
    return _inserting(html_text, inserts)(0, len(html_text)) if inserts else html_text


def mark_cited(html_text, markdown_text, body_start, spans, label, lang=None, located=None, inserts=None):
    """``(html, found)``: ``html_text`` (safe, stored) with the blocks holding the cited lines marked
    ``class="cited"`` (the first also ``id="cited"``), each run of them starting with ``label`` (escaped here;
    once a run, ``labelled_blocks``) for screen readers and in print, marked ``lang`` (the interface's: the
    label sits in the note's ``lang``, and a screen reader would read "문제에서 인용한 부분" in a Japanese voice);
    ``found`` is False when no cited line was found (nothing marked). ``inserts`` (``line_marks``, offsets in
    ``html_text``) are put in too."""
    from html import escape

    found, blocks, parts = _cited(markdown_text, body_start, spans,
                                  located or locate_lines(html_text, markdown_text))
    if not found:
        return insert_marks(html_text, inserts), False
    piece = _inserting(html_text, inserts)
    lang_attr = f' lang="{escape(lang)}"' if lang else ""
    tag_label = f'<span class="cited-label"{lang_attr}>{escape(label)}</span> '
    labelled = set(labelled_blocks(blocks, found))
    out, done = [], 0
    for n, j in enumerate(found):
        start, end, tag, _parent, lines = blocks[j]
        anchor = f' id="{ANCHOR}"' if n == 0 else ""
        if j in parts:  # some of the block's lines: each run of them in a span, the block left as it is
            for r, (first, last) in enumerate(_runs(parts[j])):
                a, b = lines[first][0], lines[last][1]
                a += len(html_text[a:b]) - len(html_text[a:b].lstrip())  # the line break's newline stays out
                label = tag_label if r > 0 or j in labelled else ""  # a later run in the block: its own run
                out.append(f'{piece(done, a)}<span class="cited"{anchor if r == 0 else ""}>{label}'
                           f"{piece(a, b)}</span>")
                done = b
            continue
        start_tag = html_text[start:end]
        if ' class="' in start_tag:  # a figure's class: add to it
            start_tag = start_tag.replace(' class="', f'{anchor} class="cited ', 1)
        else:
            start_tag = f'{start_tag[:-1].rstrip("/").rstrip()} class="cited"{anchor}>'
        out.append(piece(done, start) + (inserts or {}).get(start, ""))  # a mark right before the tag stays
        out.append(start_tag)
        done = end
        if j not in labelled:
            continue
        if tag == "tr":  # the label goes in the row's first cell
            cell = re.compile(r"<t[dh][^>]*>").search(html_text, end)
            if cell is None:
                continue
            out.append(piece(done, cell.end()))
            done = cell.end()
        out.append(tag_label)
    out.append(piece(done, len(html_text)))
    return "".join(out), True


# --- the way back to the question -------------------------------------------------------------------------


def _signer(user_id):
    return signing.Signer(salt=f"studynotes.citing.back.{user_id}")


def back_token(user_id, path):
    """``back`` for a source link shown to user ``user_id`` on the page at ``path``: only that user gets the
    link back (another user opening the same address sees none)."""
    return _signer(user_id).sign(path)


def back_path(request):
    """The path a source link's ``back`` leads to, if it was signed for this user and is a path on this site;
    else ""."""
    token = request.GET.get("back", "")
    if not token or not request.user.is_authenticated:
        return ""
    try:
        path = _signer(request.user.pk).unsign(token)
    except signing.BadSignature:
        return ""
    return local_path(request, path)
