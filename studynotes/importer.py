"""Note importer: bytes -> text -> sections -> rows. No view code here.

Entry points (other apps code against these names):

- ``decode(data) -> (text, encoding)``: UTF-8 (+BOM), UTF-16, Shift_JIS/CP932, EUC-JP,
  EUC-KR/CP949; refuses empty, binary, too large and undecodable input.
- ``parse_note(text) -> list[ParsedSection]``: pure, no database.
- ``import_file(name, data, **kw) -> FileResult``: one file, one ``transaction.atomic()``,
  idempotent; raises ``NoteImportError`` (one-line reason) for bad input, writing nothing.
- ``import_paths(paths) -> list[FileResult]``: files, folders and zips; never raises for one
  bad file (its FileResult has ``ok=False`` and the reason).
- ``import_upload(files) -> list[FileResult]``: ``[(name, bytes), ...]`` of notes, images and
  zips together, as an upload screen receives them.
- ``reimport_name(stored_name, uploaded_name)``: the name a new version uploaded from a note's page is
  imported under (the note's own, when the base names match; browsers send base names only).

A NoteFile is identified by its name. Sections are matched by heading path: changed ones
are updated in place (ids kept), a section whose heading was renamed is found by its body
(``renamed``), vanished ones are marked ``retired`` (never deleted).
"""

import bisect
import hashlib
import html
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import cards, linking, pagecache, rendering
from .models import Language, NoteCorrection, NoteFile, Section
from .sizes import grouped, size_and_limit

IMPORTER_VERSION = "16"  # bump when parsing or rendering changes: identical files are then re-rendered
NOTE_EXTENSIONS = {".md", ".markdown", ".mdown", ".mkd", ".txt", ".text"}
PATH_SEPARATOR = " › "
MAX_NAME_LENGTH = 255


class NoteImportError(Exception):
    """Bad input: the file is refused and nothing is written. ``str(error)`` is one line."""

    def __init__(self, reason):
        super().__init__(" ".join(str(reason).split()))

    @property
    def reason(self):
        return str(self)


@dataclass
class ParsedSection:
    heading: str
    level: int
    heading_path: str
    order: int
    language: str
    markdown: str
    line_start: int
    line_end: int


@dataclass
class FileResult:
    name: str
    ok: bool = True
    reason: str = ""
    encoding: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    sections: int = 0
    topics: list = field(default_factory=list)  # slugs of the topics the file's sections link to
    unresolved_images: list = field(default_factory=list)  # image links with no picture
    # "old path → new path" of the sections kept under a renamed heading (counted in ``updated``)
    renamed: list = field(default_factory=list)
    # other active files holding most of this file's sections word for word (a renamed copy: both are shown)
    duplicate_of: list = field(default_factory=list)
    note_file_id: int | None = None
    kind: str = "note"  # "note", "image" or "archive"

    @property
    def changed(self):
        return bool(self.created or self.updated or self.retired)

    def summary(self):
        if not self.ok:
            return f"{self.name}: FAILED: {self.reason}"
        if self.kind != "note":
            return f"{self.name}: {self.reason or 'ok'}"
        text = (
            f"{self.name}: ok ({self.encoding}) sections={self.sections} created={self.created} "
            f"updated={self.updated} unchanged={self.unchanged} retired={self.retired} topics={len(self.topics)}"
        )
        if self.renamed:
            text += f" renamed={len(self.renamed)}"
        if self.unresolved_images:
            text += f" unresolved_images={len(self.unresolved_images)}"
        if self.duplicate_of:
            text += (f" WARNING: the same sections are in {', '.join(self.duplicate_of)}"
                     " (a renamed file? retire the old name, or learners read them twice)")
        return text


# --- decoding ---------------------------------------------------------------------------

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
]
_BINARY_MAGIC = [
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"PK\x05\x06", b"\x7fELF", b"MZ",
    b"RIFF", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"OggS", b"ID3",
]
_LEGACY_ENCODINGS = ["cp932", "euc_jp", "cp949"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_JAMO = re.compile(r"[\u3131-\u318e]")  # Hangul compatibility jamo
_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")


def _undecodable():
    return _("undecodable: not UTF-8, UTF-16, Shift_JIS/CP932, EUC-JP or EUC-KR/CP949 text")


UTF16_GUESS_MIN_NULS = 4  # below 30 %, NUL bytes a BOM-less UTF-16 guess needs: "\x00\x01binary" is a binary


def _nuls_on_one_side(nuls, other, size):
    """Do ``nuls`` NUL bytes on one side of the byte pairs (``other`` on the other) look like UTF-16 text? Only
    characters below U+0100 put a NUL there, so Japanese or Korean text with a few ASCII words and line breaks has
    fewer than 30 % (a seed note: 29 %); the other side has NULs only from the odd U+xx00 (U+3000, 一)."""
    if other >= 0.05 * size:
        return False
    return nuls > 0.3 * size or (nuls >= UTF16_GUESS_MIN_NULS and nuls > 0.05 * size)


def _guess_utf16(data):
    """'utf-16-le' / 'utf-16-be' for BOM-less UTF-16 text (NULs on one side), else None."""
    if len(data) < 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if _nuls_on_one_side(odd.count(0), even.count(0), len(odd)):
        return "utf-16-le"
    if _nuls_on_one_side(even.count(0), odd.count(0), len(even)):
        return "utf-16-be"
    return None


_NOT_TEXT = ("Cc", "Cn", "Co", "Cs")  # control, unassigned, private use, surrogate
UTF16_GUESS_MIN_CHARS = 4  # printable characters a BOM-less UTF-16 guess needs: "\x00\x01\x02abc" is a binary


def _plausible_utf16(text):
    """Is the text of a BOM-less UTF-16 guess a note? The guess rests on NUL bytes only, which a few bytes of
    a binary show too, so it asks more than the check every file passes (which tolerates up to 8 stray control
    characters): no control, unassigned or private-use character beyond 1 in 20 (none at all in a text under
    20 characters), and at least ``UTF16_GUESS_MIN_CHARS`` printable characters. Text with a byte order mark,
    and UTF-8 (which has no NUL bytes), are not guesses and never come here."""
    sample = text[:65536]
    junk = sum(1 for c in sample if c not in "\t\n\r\f" and unicodedata.category(c) in _NOT_TEXT)
    printable = sum(1 for c in sample if not c.isspace() and c.isprintable())
    return junk <= len(sample) // 20 and printable >= UTF16_GUESS_MIN_CHARS


def decode(data):
    """(text, encoding name) of a note file's bytes, or NoteImportError with the reason."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise NoteImportError(_("not a file's bytes"))
    data = bytes(data)
    if not data:
        raise NoteImportError(_("empty file (0 bytes)"))
    if len(data) > settings.NOTE_MAX_BYTES:
        raise NoteImportError(
            _("file is too large: %(size)s, the limit is %(limit)s")
            % size_and_limit(len(data), settings.NOTE_MAX_BYTES)
        )
    text = encoding = None
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom):].decode(codec), label if label != "utf-8" else "utf-8-sig"
            except UnicodeDecodeError:
                raise NoteImportError(
                    _("undecodable: starts with a %(encoding)s byte order mark but is not %(encoding)s")
                    % {"encoding": label}
                )
            break
    if text is None:
        if any(data.startswith(magic) for magic in _BINARY_MAGIC):
            raise NoteImportError(_("binary file (not a text note)"))
        utf16 = _guess_utf16(data)
        if utf16:
            try:
                text, encoding = data.decode(utf16), "utf-16"
            except UnicodeDecodeError:
                raise NoteImportError(_("binary file (not a text note)"))
            if not _plausible_utf16(text):
                raise NoteImportError(_("binary file (not a text note)"))
        elif b"\x00" in data:
            raise NoteImportError(_("binary file (contains NUL bytes)"))
        else:
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError as error:
                text, encoding = _decode_not_utf8(data, error)
    if "\x00" in text or len(_CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 20):
        raise NoteImportError(_("binary file (control characters, not a text note)"))
    if _SURROGATE.search(text):
        raise NoteImportError(_("undecodable: invalid characters"))
    if not text.strip():
        raise NoteImportError(_("empty file (only whitespace)"))
    # importing, rendering and generating take time in proportion to the lines (about 30 us a line to generate:
    # 5 MB of one-character lines would hold an instructor's request for minutes); a note has hundreds
    lines = text.count("\n") + 1
    if lines > settings.NOTE_MAX_LINES:
        raise NoteImportError(
            _("too many lines: %(lines)s, the limit is %(limit)s")
            % {"lines": grouped(lines), "limit": grouped(settings.NOTE_MAX_LINES)}
        )
    return text, encoding


MOSTLY_UTF8 = 3  # valid non-ASCII UTF-8 characters per invalid sequence from which a file is UTF-8 with bad bytes
_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")


def _decode_not_utf8(data, error):
    """(text, encoding) of bytes that are not valid UTF-8: a legacy encoding, or a refusal naming the first bad
    byte. A UTF-8 note with a few bad bytes (a line pasted from a Shift_JIS file, a cut character) is refused
    rather than read as a legacy encoding: the detector would take any of them, every Japanese or Korean
    character turned into two or three wrong ones ("繧ｱ繝ｼ"), and importing nothing is better than that.
    Legacy text, read as UTF-8, has more invalid bytes than valid characters."""
    offset = error.start
    where = {"line": data.count(b"\n", 0, offset) + 1, "offset": offset, "byte": data[offset]}
    lenient = data.decode("utf-8", "replace")
    bad = lenient.count("\ufffd") - data.count("\ufffd".encode())
    if len(_NON_ASCII.findall(lenient)) >= MOSTLY_UTF8 * bad:
        raise NoteImportError(
            _("invalid UTF-8 at line %(line)d (byte offset %(offset)d, 0x%(byte)02X) in a file that is otherwise "
              "UTF-8: correct that line, or save the whole file again as UTF-8") % where
        )
    try:
        return _detect_legacy(data)
    except NoteImportError:
        raise NoteImportError(
            "%s %s" % (_undecodable(), _("(the first byte that is not UTF-8: line %(line)d, byte offset "
                                         "%(offset)d, 0x%(byte)02X)") % where)
        ) from None


def _detect_legacy(data):
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY_ENCODINGS + ["utf_8"]).best()
    if best is None:
        raise NoteImportError(_undecodable())
    encoding = best.encoding
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise NoteImportError(_undecodable())
    if encoding == "cp949" and len(_JAMO.findall(text)) > len(_SYLLABLE.findall(text)):
        # EUC-JP's kana are CP949's compatibility jamo, and on a few words the detector can tie the two:
        # "あとでよむ" read as "ㄲㅘㅗㅸㅰ". Korean is written in syllables, so mostly bare jamo is Japanese.
        try:
            japanese = data.decode("euc_jp")
        except UnicodeDecodeError:
            japanese = ""
        if _KANA.search(japanese):
            return japanese, "euc_jp"
    return text, encoding


# --- parsing ----------------------------------------------------------------------------

# "＃ 見出し": a Japanese IME in full-width mode types ＃, then a space (without one, "＃AWS" is a hashtag)
_ATX = re.compile(r"^ {0,3}(#{1,6}(?!#)|＃{1,6}(?=[ \t\u3000]))(.*)$")
_SPACE = " \t\u3000"
_BOLD_LINE = re.compile(r"^ {0,3}(\*\*|__)(?P<text>(?:(?!\1).){1,150})\1[ \t\u3000]*$")
_FENCE_OPEN = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_LIST_MARKER = re.compile(r"^(?:[-*+・]|\d{1,9}[.)])[ \t\u3000]+")
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\n]{0,1000}\)")
_HTML_TAG = re.compile(r"<[^>]{0,300}>")
# Emphasis marks as Markdown reads them in a heading: ``__`` only where it opens or closes a word (``my_var__name``
# keeps its underscores, as Markdown shows them); ``*`` everywhere, as Markdown reads ``2*3*4``. Code spans are
# taken out first and keep their text as written (``__init__.py``).
_EMPHASIS = re.compile(r"(\*\*|(?<!\w)__|__(?!\w)|\*|~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")  # as ``code_spans`` reads them
_BACKTICKS = re.compile(r"`+")


def code_spans(text):
    """``[(start, end, text start, text end)]`` of the code spans in ``text``: exactly what ``_CODE_SPAN.finditer``
    matches, in linear time. The regex tried every shorter opener at every backtick, each searched to the end of the
    line: a heading of 12,500 backticks took 22 s.

    A match opens with the backticks from its start (all of them first, then one fewer, ...) and closes at the
    first as many backticks after at least one character of text, on the same line: within the opening run itself
    when it is more than twice as long, else at the first later run at least that long."""
    spans, offset = [], 0
    for line in text.split("\n"):
        _line_code_spans(line, offset, spans)
        offset += len(line) + 1
    return spans


def _line_code_spans(line, offset, spans):
    runs = [match.span() for match in _BACKTICKS.finditer(line)]
    lengths = [end - start for start, end in runs]
    count = len(runs)
    longest_after = [0] * count  # the longest run after each run
    next_longer = [count] * count  # the first run after each run that is longer than it
    longest, stack = 0, []
    for i in range(count - 1, -1, -1):
        longest_after[i] = longest
        longest = max(longest, lengths[i])
        while stack and lengths[stack[-1]] <= lengths[i]:
            stack.pop()
        next_longer[i] = stack[-1] if stack else count
        stack.append(i)
    i, start = 0, 0
    while i < count:
        start = max(start, runs[i][0])
        opening = runs[i][1] - start  # the backticks from the match's start
        if opening <= 0:
            i += 1
            continue
        if longest_after[i] >= opening:
            width = opening
        else:
            width = max(min(longest_after[i], opening - 1), (opening - 1) // 2)
            if not width:
                return  # no later run: neither this start nor any after it closes
            if 2 * width + 1 <= opening:  # "```" is "`" around "`"
                spans.append((offset + start, offset + start + 2 * width + 1,
                              offset + start + width, offset + start + width + 1))
                start += 2 * width + 1
                continue
        j = i + 1  # the first later run at least ``width`` long (there is one): along ever longer runs
        while lengths[j] < width:
            j = next_longer[j]
        spans.append((offset + start, offset + runs[j][0] + width, offset + start + width, offset + runs[j][0]))
        i, start = j, runs[j][0] + width

_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


def detect_language(text):
    """'ja' (Hiragana/Katakana), 'ko' (Hangul) or 'en', by counting script characters."""
    kana = len(_KANA.findall(text))
    hangul = len(_HANGUL.findall(text))
    if not kana and not hangul:
        return Language.EN
    return Language.JA if kana >= hangul else Language.KO


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_QUOTE_MARKS = re.compile(r"^(?:[ \t]*>)+[ \t]?")
_IMAGE_OR_URL = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,1000}\)|https?://\S+")


def _mostly_english(text, times=3):
    """Whether the text's lines with words are in Latin script only at least ``times`` as often as not (code,
    images and bare links left out): an English note with a Japanese word in it (``ドレイン = draining``)."""
    lines = [_QUOTE_MARKS.sub("", line) for line in text.split("\n")]  # a fence may be quoted too
    fenced = _fenced_lines(lines, 0)
    latin = other = 0
    for i, line in enumerate(lines):
        if i in fenced:
            continue
        line = _IMAGE_OR_URL.sub("", line)
        if _KANA.search(line) or _HANGUL.search(line) or _IDEOGRAPH.search(line):
            other += 1
        elif _LATIN_WORD.search(line):
            latin += 1
    return latin > 0 and latin >= times * other


def _text_language(text, times=3):
    """``detect_language``, except that a text mostly in English lines is English."""
    return Language.EN if _mostly_english(text, times) else detect_language(text)


def _section_language(body, headings, file_language):
    """A section's language: its body's, when the body has kana or Hangul and is not mostly English lines.
    Otherwise (Latin or kanji only: ``All at once`` / ``Rolling`` under ``EBのデプロイ方法 › In Place``) the
    nearest heading of its path that has them decides; failing that, kanji or no body at all take the file's
    language, and Latin text is English."""
    if _KANA.search(body) or _HANGUL.search(body):
        return _text_language(body)
    for heading in reversed(headings):  # its own heading, then its parents
        if _KANA.search(heading) or _HANGUL.search(heading):
            return detect_language(heading)
    if not body.strip() or _IDEOGRAPH.search(body + "".join(headings)):
        return file_language
    return Language.EN


def clean_heading(raw):
    """Readable heading text: links become their text, emphasis and tags go, spaces collapse; a code span keeps
    its text as written (`` `__init__.py` `` is ``__init__.py``, not ``init.py``)."""
    parts, end = [], 0
    for start, stop, text_start, text_end in code_spans(raw):
        parts.append(_clean_prose(raw[end:start]))
        parts.append(raw[text_start:text_end])
        end = stop
    parts.append(_clean_prose(raw[end:]))
    text = " ".join("".join(parts).replace("\u3000", " ").split())
    return text or " ".join(raw.split())


# A character reference as Markdown reads one (``&amp;``, ``&#12354;``, ``&#x41;``: with its semicolon)
_CHAR_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _clean_prose(text):
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _HTML_TAG.sub("", text)
    text = _EMPHASIS.sub("", text).replace("`", "")  # an unpaired backtick goes too
    return _CHAR_REF.sub(lambda m: html.unescape(m.group()), text)  # "A &amp; B" reads "A & B", as rendered


# Invisible characters that pastes leave: Word's soft hyphens, a web page's zero-width spaces and word joiners, the
# byte order mark of a second file concatenated onto the first. Shown as nothing, they hide the "#" of a heading
# and split the words that search and topic links look for ("ser\u00advice", "Elas\u00adtic Beanstalk").
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))


def _normalise(text):
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)


# Obsidian's own syntax, which its reader shows otherwise than Markdown: a comment ``%%…%%`` (on one line or over
# several) is the writer's private aside and hidden there; a wikilink ``[[Page]]`` or ``[[Page|shown]]`` shows its
# text. Outside code fences and code spans (`` `printf '%%d'` ``, a shell's `` `[[ -f x ]]` ``: paired with a
# ``%%`` lines below, the first hid every line between); a ``%%`` with no closing one is text. An embed
# ``![[picture.png]]`` becomes a Markdown image, resolved (or reported unresolved) as any other; ``|300`` after it
# is its width, not its text. In a table the ``|`` is escaped (``[[Page\|shown]]``) not to end the cell.
_WIKILINK = re.compile(r"(!?)\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_EMBED_SIZE = re.compile(r"\d+(?:x\d+)?")


def _code_spans(line):
    """The code spans' starts and ends in ``line``, for ``_in_code``."""
    spans = code_spans(line)
    return [start for start, _end, _a, _b in spans], [end for _start, end, _a, _b in spans]


def _in_code(spans, at):
    """Whether ``at`` is in one of ``_code_spans`` (in order, apart): found by halving, not span by span (a line of
    code spans and "%%" took time squared in its length)."""
    starts, ends = spans
    k = bisect.bisect_right(starts, at) - 1
    return k >= 0 and at < ends[k]


def _obsidian(lines, start, fenced):
    """``lines`` (changed in place, as many as before: line numbers stay the file's) without Obsidian comments,
    their wikilinks as the text they show."""
    marks = []
    for i in range(start, len(lines)):
        if i not in fenced and "%%" in lines[i]:
            code = _code_spans(lines[i])
            marks += [(i, m.start()) for m in re.finditer("%%", lines[i]) if not _in_code(code, m.start())]
    cuts = {}  # line -> the (start, end) of its parts in comments, in order: each line is put together once (a line
    # of 100,000 comments was copied at each of them)
    for (i, a), (j, b) in zip(marks[0::2], marks[1::2]):  # pairs; an odd last one is text
        if i == j:
            cuts.setdefault(i, []).append((a, b + 2))
        else:
            cuts.setdefault(i, []).append((a, len(lines[i])))
            cuts.setdefault(j, []).append((0, b + 2))
            for k in range(i + 1, j):
                lines[k] = ""
    for i, parts in cuts.items():
        kept, end = [], 0
        for cut, stop in parts:
            kept.append(lines[i][end:cut])
            end = stop
        lines[i] = "".join(kept) + lines[i][end:]
    for i in range(start, len(lines)):
        if i not in fenced and "[[" in lines[i]:
            code = _code_spans(lines[i])
            lines[i] = _WIKILINK.sub(lambda m: m.group() if _in_code(code, m.start()) else _wikilink_text(m),
                                     lines[i])


def _wikilink_text(match):
    embed, target, shown = match.group(1), match.group(2).strip(), (match.group(3) or "").strip()
    target = target.removesuffix("\\").strip()  # "[[Page\|shown]]" in a table
    if embed:
        alt = target if not shown or _EMBED_SIZE.fullmatch(shown) else shown
        return f"![{alt}]({target.replace(' ', '%20')})"
    return shown or target.split("#")[0].strip() or target


def _front_matter_end(lines):
    """Index of the first line after YAML front matter (0 when there is none)."""
    if lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 300)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def _fenced_lines(lines, start):
    """Indexes of lines inside (or opening/closing) a closed code fence; unclosed ones are
    not fences (learners forget to close them)."""
    inside = set()
    for opening, closing in rendering.fence_pairs(lines[start:], _FENCE_OPEN).items():
        inside.update(range(start + opening, start + closing + 1))
    return inside


def _atx_heading(line):
    """(level, text) of an ATX heading line (``#`` to ``######``, space optional), else None."""
    m = _ATX.match(line)
    if not m:
        return None
    text = m.group(2).strip(_SPACE)
    without_closing = text.rstrip("#＃")  # "## Title ##": the closing hashes are decoration
    if without_closing != text and (not without_closing or without_closing[-1] in _SPACE):
        text = without_closing.rstrip(_SPACE)
    return (len(m.group(1)), text) if text else None


_SETEXT = re.compile(r"^ {0,3}(?:={2,}|-{3,})[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^(?:[ ]{4}|\t|\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)|\s*>)")


def _headings(lines, start, fenced):
    """[(line index, level, heading text, first body line)] for ATX headings, setext headings
    (a one-line paragraph underlined with === or ---) and bold pseudo-headings."""
    found = []
    last_level = 1
    heading_lines = set()
    for i in range(start, len(lines)):
        if i in fenced:
            continue
        line = lines[i]
        atx = _atx_heading(line)
        if atx:
            level, text = atx
            found.append((i, level, clean_heading(text), i + 1))
            heading_lines.add(i)
            last_level = level
            continue
        if _SETEXT.match(line) and i - 1 >= start and _setext_title(lines, i - 1, start, fenced, heading_lines):
            level = 1 if line.strip()[0] == "=" else 2
            found.append((i - 1, level, clean_heading(lines[i - 1]), i + 1))
            heading_lines.add(i)
            last_level = level
            continue
        b = _BOLD_LINE.match(line)
        if b and (i == start or not lines[i - 1].strip()) and (i + 1 >= len(lines) or not lines[i + 1].strip()):
            text = clean_heading(b.group("text"))
            if text:
                found.append((i, last_level, text, i + 1))
                heading_lines.add(i)
    return found


_NUMBERED_TITLE = re.compile(r"^(?P<number>\d{1,2})[.)][ \t\u3000]+(?P<text>\S.{0,79})$")
_NUMBERED_ITEM = re.compile(r"^\d{1,9}[.)](?:\s|$)")


def _numbered_titles(lines, start, fenced, headings):
    """Numbered lines written as sub-headings (``1. 빅뱅 배포``, a blank line, bullets, ``2. 롤링 배포``, ...):
    [(line index, level, heading text, first body line)].

    A candidate is a line ``N. title`` at the margin, between blank lines, whose next text is at the
    margin too and is not the next item: that text is not the item's own (not indented under it), so
    Markdown ends the list there and the number only marks a part. Runs of two or more candidates
    numbered one after the other under the same heading count; their level is one below it.
    """
    parents = {i: level for i, level, _, _ in headings}
    found, chain, level = [], [], 1

    def close():
        if len(chain) >= 2:
            found.extend((i, level, text, i + 1) for i, _, text in chain)

    for i in range(start, len(lines)):
        if i in parents:
            close()
            chain, level = [], min(parents[i] + 1, 6)
            continue
        m = _NUMBERED_TITLE.match(lines[i])
        if not m or i in fenced or not (i == start or not lines[i - 1].strip() or (i - 1) in parents):
            continue
        if i + 1 >= len(lines) or lines[i + 1].strip():
            continue
        j = i + 2
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j >= len(lines) or j in parents or lines[j][0] in _SPACE or _NUMBERED_ITEM.match(lines[j]):
            continue  # nothing under it, its own indented text, or the next item of a list
        if not any(c.isalpha() for c in m.group("text")):
            continue
        number = int(m.group("number"))
        if chain and number != chain[-1][1] + 1:
            close()
            chain = []
        chain.append((i, number, clean_heading(lines[i])))
    close()
    return found


def _setext_title(lines, k, start, fenced, heading_lines):
    """Is line k a one-line paragraph (so the underline below makes it a heading)?"""
    line = lines[k]
    if k in fenced or k in heading_lines or not line.strip() or "|" in line or _NOT_PARAGRAPH.match(line):
        return False
    if _atx_heading(line) or _SETEXT.match(line):
        return False
    return k == start or not lines[k - 1].strip() or (k - 1) in heading_lines


def _outline_headings(lines, start, fenced):
    """For files without headings: a top-level line with indented children starts a section."""
    found = []
    n = len(lines)
    i = start
    while i < n:
        line = lines[i]
        if i not in fenced and line.strip() and not line[0].isspace() and line[0] != "\u3000":
            j = i + 1
            while j < n and not lines[j].strip():
                j += 1
            if j < n and (lines[j][0] in " \t\u3000") and lines[j].strip():
                text = clean_heading(_LIST_MARKER.sub("", line.strip())).rstrip(":：").strip()
                if text:
                    found.append((i, 1, text[:200], i))
        i += 1
    return found


def _trim(lines):
    a, b = 0, len(lines)
    while a < b and not lines[a].strip():
        a += 1
    while b > a and not lines[b - 1].strip():
        b -= 1
    return a, b


def parse_note(text):
    """Split a note into heading-delimited sections (pure; never touches the database)."""
    lines = _normalise(text).split("\n")
    start = _front_matter_end(lines)
    fenced = _fenced_lines(lines, start)
    _obsidian(lines, start, fenced)
    headings = _headings(lines, start, fenced)
    headings = sorted(headings + _numbered_titles(lines, start, fenced, headings))
    outline = not headings
    if outline:
        headings = _outline_headings(lines, start, fenced)

    whole = "\n".join(lines[start:])
    # a Japanese or Korean note's headings are often bare English names (#Lamdba, ###In Place): nine in ten
    file_language = _text_language(whole, times=9)

    blocks = []  # (heading, level, first body line, end line (exclusive), heading line or None)
    first = headings[0][0] if headings else len(lines)
    if first > start:
        blocks.append(("", 0, start, first, None))
    for k, (i, level, heading, body_start) in enumerate(headings):
        end = headings[k + 1][0] if k + 1 < len(headings) else len(lines)
        blocks.append((heading, level, body_start, end, i))

    sections = []
    stack = []  # [(level, heading)]
    used = {}
    for heading, level, body_start, end, heading_line in blocks:
        a, b = _trim(lines[body_start:end])
        body = lines[body_start + a: body_start + b]
        if heading_line is None and not body:
            continue
        if heading_line is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading[:200]))
            path = PATH_SEPARATOR.join(h for _, h in stack)
            context = [h for _, h in stack]
        else:
            path, context = "", []
        path = path[:980]
        if path in used:
            base = path
            while path in used:  # "A", "A", "A (2)": the third is "A (2) (2)", not a second "A (2)"
                used[base] += 1
                path = f"{base} ({used[base]})"
        used[path] = 1
        markdown_text = "\n".join(body)
        line_start = (heading_line if heading_line is not None else body_start + a) + 1
        line_end = body_start + b if body else line_start
        language = _section_language(markdown_text, context, file_language)
        sections.append(ParsedSection(
            heading=heading[:500], level=level, heading_path=path, order=len(sections),
            language=language, markdown=markdown_text, line_start=line_start, line_end=max(line_end, line_start),
        ))
    return sections


# --- importing --------------------------------------------------------------------------


def clean_name(name):
    """The NoteFile name for an uploaded or imported path: forward slashes, no leading ./"""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").strip()
    parts = [p for p in name.split("/") if p not in ("", ".", "..")]
    name = "/".join(parts)
    if not name or any(ord(c) < 32 for c in name):
        raise NoteImportError(_("invalid file name"))
    if len(name) > MAX_NAME_LENGTH:
        raise NoteImportError(_("file name is longer than %(n)d characters") % {"n": MAX_NAME_LENGTH})
    return name


def base_name(name):
    """The last part of a note's name, as a browser uploads it: ``a.md`` for ``sub/a.md`` (a file imported
    from a folder or a zip subfolder). Raises NoteImportError for a name ``clean_name`` refuses."""
    return clean_name(name).rsplit("/", 1)[-1]


def reimport_name(stored_name, uploaded_name):
    """The name to import ``uploaded_name`` under when it is uploaded as a new version of the note
    ``stored_name`` (its page knows which note): ``stored_name`` itself when the base names are the same, else
    None. A browser sends base names only, so ``sub/a.md`` comes back as ``a.md``; imported under ``sub/a.md``
    its sections, topics, questions and learners' history carry on as for any re-import."""
    try:
        same = base_name(uploaded_name) == base_name(stored_name)
    except NoteImportError:
        return None
    return stored_name if same else None


_SECTION_FIELDS = ["heading_path", "heading", "level", "order", "language", "markdown", "html", "text",
                   "line_start", "line_end", "retired"]


def import_file(name, data, *, resolve_image=None, matcher=None, sync=True, now=None, reparse=False):
    """Import one note file atomically. Raises NoteImportError for bad input (nothing written).

    ``resolve_image(src) -> rendering.ResolvedImage | None`` resolves image links (issue 9);
    ``matcher`` and ``sync=False`` let batch callers build the topic matcher once;
    ``reparse=True`` renders again even when the bytes are the same (new pictures came along).
    """
    name = clean_name(name)
    sha = hashlib.sha256(bytes(data)).hexdigest() if isinstance(data, (bytes, bytearray, memoryview)) else ""
    known = None
    if not reparse:
        known = NoteFile.objects.filter(name=name, sha256=sha, importer_version=IMPORTER_VERSION).first()
    if known is not None and not _may_resolve_more(known) and not _sections_missing(known):
        return _unchanged(known, matcher, sync)  # same bytes, no new picture to show: skip parsing
    text, encoding = decode(data)
    parsed = parse_note(text)
    if not parsed:
        raise NoteImportError(_("no content: the file has no text outside front matter"))
    if resolve_image is None:
        from .images import ImageResolver

        resolve_image = ImageResolver().for_note(name)  # pictures stored by earlier uploads
    rendered = []
    for p in parsed:
        # placeholder labels speak the section's language here; pages show them in the reader's (display_html)
        with translation.override(p.language):
            rendered.append(rendering.render(p.markdown, resolve_image))
    unresolved = list(dict.fromkeys(src for r in rendered for src in r.unresolved))
    report = {"encoding": encoding, "sections": len(parsed), "unresolved_images": unresolved}
    result = FileResult(name=name, encoding=encoding, sections=len(parsed), unresolved_images=unresolved)
    try:
        with transaction.atomic():
            if sync:
                linking.sync_glossary()
            _write(name, data, sha, encoding, report, parsed, rendered, result, matcher, now)
    except IntegrityError:  # a concurrent import of the same file won the race
        raise NoteImportError(_("conflicting concurrent import of the same file, try again"))
    except DatabaseError as exc:  # "database is locked", a lost connection: this file's result, not a traceback
        raise NoteImportError(_("the database refused it, nothing of this file was written: %(error)s")
                              % {"error": exc}) from exc
    result.duplicate_of = duplicates_of(result.note_file_id, [p.markdown for p in parsed])
    return result


DUPLICATE_SHARE = 0.8  # of a file's sections found word for word in another active file


def duplicates_of(note_file_id, markdowns):
    """Names of the other active note files that hold at least ``DUPLICATE_SHARE`` of ``markdowns`` (the sections
    of the file just imported) word for word: the same notes under another name, most likely a renamed file whose
    old name is still imported, so learners would read everything twice (one query)."""
    texts = {m for m in markdowns if len(m.strip()) >= DUPLICATE_MIN_CHARS}
    if not texts:
        return []
    rows = (Section.objects.filter(retired=False, note_file__retired=False, markdown__in=texts)
            .exclude(note_file_id=note_file_id).values_list("note_file__name", "markdown"))
    found = {}
    for name, markdown in rows:
        found.setdefault(name, set()).add(markdown)
    return sorted(name for name, same in found.items() if len(same) >= DUPLICATE_SHARE * len(texts))


DUPLICATE_MIN_CHARS = 20  # a body shorter than this ("x", "TBD") proves nothing about two files


def _may_resolve_more(note_file):
    """Could re-rendering identical bytes show more pictures than last time?"""
    from .models import NoteImage

    if not (note_file.report or {}).get("unresolved_images"):
        return False
    return NoteImage.objects.filter(created_at__gte=note_file.imported_at).exists()


def _sections_missing(note_file):
    """Has a section of the last parse gone from the database (deleted in the admin)? Identical bytes are then
    parsed again, so the section comes back (with a new id) instead of staying lost until the file changes."""
    active = Section.objects.filter(note_file=note_file, retired=False).count()
    return active != (note_file.report or {}).get("sections")


def _unchanged(note_file, matcher, sync):
    """The result of re-importing identical bytes: nothing written except topic links that
    a changed glossary would move (diff only, so usually nothing at all)."""
    with transaction.atomic():
        if sync:
            linking.sync_glossary()
        sections = list(Section.objects.filter(note_file=note_file).only("id", "heading_path", "text", "retired"))
        linking.link_sections(sections, matcher)
    active = sum(1 for s in sections if not s.retired)
    topics = Section.objects.filter(note_file=note_file, retired=False).values_list("topics__slug", flat=True)
    return FileResult(
        name=note_file.name, encoding=note_file.encoding, unchanged=active, sections=active,
        topics=sorted(set(topics) - {None}), note_file_id=note_file.pk,
        # still missing: no picture came since the last parse (else it would have parsed again)
        unresolved_images=list((note_file.report or {}).get("unresolved_images") or []),
    )


TITLE_CHARS = 200


def note_title(parsed, rendered=()):
    """What learners see as a note's title: its first heading, else the first line of its text, else ""
    (the page shows the file name then)."""
    for p in parsed:
        if p.heading.strip():
            return p.heading.strip()[:TITLE_CHARS]
    for r in rendered:
        for line in r.text.split("\n"):
            if line.strip():
                return Truncator(line.strip()).chars(80)[:TITLE_CHARS]
    return ""


RENAME_SIMILARITY = 0.6  # of character pairs shared: one line of a short body reworded keeps about 0.75
RENAME_MAX_PAIRS = 400  # bodies compared for likeness; beyond that only identical bodies pair (linear)


def _character_pairs(markdown):
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", markdown).translate(_INVISIBLE))
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _heading_key(heading):
    # stored by an importer that kept soft hyphens: "Elas\u00adtic Beanstalk" is "Elastic Beanstalk" renamed
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", heading).translate(_INVISIBLE)).casefold()


def _alike_headings(old, new):
    """A heading renamed by adding to it or taking from it (``Rolling`` → ``Rolling (ローリング)``, ``141`` →
    ``141 デプロイポリシー``; a parent renamed leaves it as it was). ``Rolling`` → ``Immutable`` is another
    section, however alike templated bodies are."""
    old, new = _heading_key(old), _heading_key(new)
    return bool(old and new) and (old in new or new in old)


def renamed(gone, added):
    """``{index in added: index in gone}``: the sections of a re-imported file whose heading path is new
    (``added``, ``(heading, body)`` pairs) that are sections whose path vanished (``gone``) under another
    heading. A body found in exactly one of each is the same section; of the rest, a pair whose bodies share at
    least ``RENAME_SIMILARITY`` of their character pairs (a heading renamed and a line reworded in one edit)
    when each is the other's one best match and one heading holds the other (``_alike_headings``): a section
    deleted and another added in one edit must not take its learners' history. Empty bodies and ties are not
    guessed at."""
    pairs = {}
    by_body = {}
    for side, sections in enumerate((gone, added)):
        for index, (_heading, body) in enumerate(sections):
            if body.strip():
                by_body.setdefault(body, ([], []))[side].append(index)
    for old, new in by_body.values():
        if len(old) == len(new) == 1:
            pairs[new[0]] = old[0]
    taken = set(pairs.values())
    rest_gone = [j for j, (_heading, body) in enumerate(gone) if body.strip() and j not in taken]
    rest_added = [i for i, (_heading, body) in enumerate(added) if body.strip() and i not in pairs]
    if not rest_gone or not rest_added or len(rest_gone) * len(rest_added) > RENAME_MAX_PAIRS:
        return pairs
    old_pairs = {j: _character_pairs(gone[j][1]) for j in rest_gone}
    new_pairs = {i: _character_pairs(added[i][1]) for i in rest_added}
    scores = {(i, j): len(new_pairs[i] & old_pairs[j]) / (len(new_pairs[i] | old_pairs[j]) or 1)
              for i in rest_added for j in rest_gone}

    def best(candidates):
        ranked = sorted(candidates, key=scores.get, reverse=True)
        if len(ranked) > 1 and scores[ranked[0]] == scores[ranked[1]]:
            return None
        return ranked[0]

    for i in rest_added:
        pair = best([(i, j) for j in rest_gone])
        if (pair and scores[pair] >= RENAME_SIMILARITY and best([(k, pair[1]) for k in rest_added]) == pair
                and _alike_headings(gone[pair[1]][0], added[i][0])):
            pairs[i] = pair[1]
    return pairs


def _write(name, data, sha, encoding, report, parsed, rendered, result, matcher, now):
    pagecache.bump_content_stamp()  # cached topic pages and search results go stale with this commit
    note_file = NoteFile.objects.select_for_update().filter(name=name).first()
    # NoteFile.retired is the instructor's decision (retire/restore); importing never changes it.
    meta = {"sha256": sha, "encoding": encoding, "byte_size": len(data), "importer_version": IMPORTER_VERSION,
            "report": report, "title": note_title(parsed, rendered)}
    created = note_file is None
    if created:
        note_file = NoteFile.objects.create(name=name, imported_at=now or timezone.now(), **meta)
        existing = {}
    else:
        existing = {s.heading_path: s for s in note_file.sections.all()}
    result.note_file_id = note_file.pk

    new, changed, moved = [], [], []  # moved: sections whose lines may have moved
    for p, r in zip(parsed, rendered):
        values = {"heading": p.heading, "level": p.level, "order": p.order, "language": p.language,
                  "markdown": p.markdown, "html": r.html, "text": r.text, "line_start": p.line_start,
                  "line_end": p.line_end, "retired": False}
        section = existing.pop(p.heading_path, None)
        if section is None:
            new.append(Section(note_file=note_file, heading_path=p.heading_path, **values))
        elif any(getattr(section, k) != v for k, v in values.items()):
            if (section.markdown, section.line_end) != (p.markdown, p.line_end):
                moved.append(section.pk)
            for k, v in values.items():
                setattr(section, k, v)
            changed.append(section)
        else:
            result.unchanged += 1
    vanished = [s for s in existing.values() if not s.retired]
    # A renamed heading is the same section: it keeps its id, so learners' answers still link to it and the
    # questions on its lines stay theirs (a line reworded in the same import is then paired by the generator).
    pairs = renamed([(s.heading, s.markdown) for s in vanished], [(s.heading, s.markdown) for s in new])
    for i, j in pairs.items():
        result.renamed.append(f"{vanished[j].heading_path} → {new[i].heading_path}")
        for k in _SECTION_FIELDS:
            setattr(vanished[j], k, getattr(new[i], k))
        changed.append(vanished[j])
        moved.append(vanished[j].pk)
    kept = set(pairs.values())
    vanished = [s for j, s in enumerate(vanished) if j not in kept]
    new = [s for i, s in enumerate(new) if i not in pairs]
    for section in vanished:
        section.retired = True
    # Orders of retired sections may collide with new ones; only active sections are shown.
    if changed or vanished:
        Section.objects.bulk_update(changed + vanished, _SECTION_FIELDS)
    if new:
        Section.objects.bulk_create(new)
    if moved:  # a correction's lines may now be another's: none marked until generation finds its claim again
        corrections = NoteCorrection.objects.filter(section__in=moved, line_start__isnull=False)
        corrections.update(line_start=None, line_end=None)
    result.created, result.updated, result.retired = len(new), len(changed), len(vanished)

    if not created and (result.changed or any(getattr(note_file, k) != v for k, v in meta.items())):
        for k, v in meta.items():
            setattr(note_file, k, v)
        note_file.imported_at = now or timezone.now()
        note_file.save()

    sections = list(Section.objects.filter(note_file=note_file).only("id", "heading_path", "text", "retired"))
    linking.link_sections(sections, matcher)
    _link_images(note_file, sections, parsed, rendered)
    result.topics = sorted(
        set(note_file.sections.filter(retired=False).values_list("topics__slug", flat=True)) - {None}
    )


def _link_images(note_file, sections, parsed, rendered):
    """Make Section.images match the pictures each section shows (diff only)."""
    from .models import NoteImage

    through = NoteImage.sections.through
    ids = {s.heading_path: s.pk for s in sections}
    wanted = {(ids[p.heading_path], image_id) for p, r in zip(parsed, rendered) for image_id in r.image_ids}
    rows = through.objects.filter(section__note_file=note_file).values_list("id", "section_id", "noteimage_id")
    have = {(section_id, image_id): pk for pk, section_id, image_id in rows}
    stale = [pk for key, pk in have.items() if key not in wanted]
    if stale:
        through.objects.filter(pk__in=stale).delete()
    if wanted - set(have):
        through.objects.bulk_create(
            [through(section_id=s, noteimage_id=i) for s, i in wanted - set(have)], ignore_conflicts=True
        )


def _note_result_for_error(name, exc, kind="note"):
    return FileResult(name=str(name), ok=False, reason=str(exc), kind=kind)


def import_paths(paths):
    """Import files, folders (recursively) and zips; one FileResult per file, never raises.

    In folders only note, image and zip files are taken (hidden ones skipped); a file named
    explicitly is always tried, whatever its extension.
    """
    uploads = []
    results = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = file.relative_to(path)
                if not any(part.startswith(".") for part in rel.parts) and _is_wanted(rel.name):
                    uploads.append((rel.as_posix(), file))
        elif path.is_file():
            uploads.append((path.name, path))
        elif path.exists():  # /dev/null, a named pipe (reading one would wait for a writer forever)
            results.append(_note_result_for_error(raw, _("not a regular file or folder")))
        else:
            results.append(_note_result_for_error(raw, _("no such file or directory")))
    files = []
    # a path given twice (or a folder and a file in it) is read once: else its line is printed twice
    for name, file in dict.fromkeys((name, file.resolve()) for name, file in uploads):
        try:
            size, limit = file.stat().st_size, _max_read_bytes(name)
            if size > limit:
                raise NoteImportError(
                    _("file is too large: %(size)s, the limit is %(limit)s") % size_and_limit(size, limit)
                )
            files.append((name, file.read_bytes()))
        except NoteImportError as exc:
            results.append(_note_result_for_error(name, exc))
        except OSError as exc:
            results.append(_note_result_for_error(
                name, _("cannot read the file (%(error)s)") % {"error": exc.strerror or exc}
            ))
    return results + import_upload(files)


def _is_wanted(name):
    suffix = os.path.splitext(name)[1].lower()
    from . import images

    return suffix in NOTE_EXTENSIONS or suffix in images.IMAGE_EXTENSIONS or suffix == ".zip"


def _max_read_bytes(name):
    from . import images

    suffix = os.path.splitext(name)[1].lower()
    if suffix == ".zip":
        return images.ZIP_MAX_BYTES
    if suffix in images.IMAGE_EXTENSIONS:
        return images.IMAGE_MAX_BYTES
    return settings.NOTE_MAX_BYTES


def import_upload(files):
    """Import ``[(name, bytes), ...]``: note files, images and zips together.

    Images are stored first, then every note is imported with links resolved against the
    images of this upload (by path, then by file name) and those stored before.
    Returns one FileResult per note, image and archive; never raises for one bad file.
    """
    from . import images

    results = []
    notes, pictures = [], []
    for name, data in files:
        suffix = os.path.splitext(str(name))[1].lower()
        if suffix == ".zip":
            try:
                entries = images.read_zip(data)
            except NoteImportError as exc:
                results.append(_note_result_for_error(name, exc, kind="archive"))
                continue
            results.append(FileResult(name=str(name), kind="archive",
                                      reason=_("%(n)d files taken from the archive") % {"n": len(entries)}))
            for entry_name, entry_data in entries:
                is_image = os.path.splitext(entry_name)[1].lower() in images.IMAGE_EXTENSIONS
                if isinstance(entry_data, NoteImportError):
                    kind = "image" if is_image else "note"
                    results.append(_note_result_for_error(entry_name, entry_data, kind=kind))
                elif is_image:
                    pictures.append((entry_name, entry_data))
                else:
                    notes.append((entry_name, entry_data))
        elif suffix in images.IMAGE_EXTENSIONS:
            pictures.append((name, data))
        else:
            notes.append((name, data))

    stored = []
    for name, data in pictures:
        try:
            image = images.store_image(name, data)
        except NoteImportError as exc:
            results.append(_note_result_for_error(name, exc, kind="image"))
            continue
        stored.append((str(name), image))
        size = {"width": grouped(image.width), "height": grouped(image.height)}
        results.append(FileResult(name=str(name), kind="image", reason=_("stored, %(width)s×%(height)s pixels") % size))

    resolver = images.ImageResolver(stored)
    try:
        linking.sync_glossary()
    except Exception as exc:  # noqa: BLE001 - a broken glossary must not hide the notes' results
        reason = _("glossary could not be loaded: %(error)s") % {"error": exc}
        return results + [_note_result_for_error(name, reason) for name, _data in notes]
    matcher = linking.TopicMatcher.from_database()
    clashes = _name_clashes(notes)
    for name, data in notes:
        if _name_or_none(name) in clashes:
            results.append(_note_result_for_error(name, _(
                "another file of this upload has the same name and other contents: none of them was imported; "
                "rename one and upload again")))
            continue
        try:
            results.append(
                import_file(name, data, resolve_image=resolver.for_note(name), matcher=matcher, sync=False,
                            reparse=bool(stored))
            )
        except NoteImportError as exc:
            results.append(_note_result_for_error(name, exc))
    if notes:
        cards.refresh_topic_cards(matcher)  # once the whole upload is linked: cards differ from each other
    return results


def _name_or_none(name):
    try:
        return clean_name(name)
    except NoteImportError:
        return None


def _name_clashes(notes):
    """The names two notes of one upload share with different contents (``README.md`` from two folders, a zip
    holding a file twice): imported one after the other, the last would replace the first without a word."""
    seen, clashes = {}, set()
    for name, data in notes:
        key = _name_or_none(name)
        digest = hashlib.sha256(bytes(data)).digest() if isinstance(data, (bytes, bytearray, memoryview)) else None
        if key is not None and seen.setdefault(key, digest) != digest:
            clashes.add(key)
    return clashes
