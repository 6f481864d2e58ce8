"""Text helpers shared by the generation modules."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def norm(text):
    """Normalised form for matching: NFKC, case-folded, without any whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or "").casefold())


def clean(text):
    """Display form of a note fragment: NFKC-free, single spaces, no Markdown emphasis."""
    text = (text or "").replace("**", "").replace("`", "")
    return _SPACE.sub(" ", text).strip()


def first_sentence(text, limit=140):
    text = clean(text)
    for stop in ("。", ". "):
        index = text.find(stop)
        if 0 < index < limit:
            return text[: index + len(stop)].strip()
    if len(text) > limit:
        return text[:limit].rstrip() + "…"
    return text


_WORD_BREAK = re.compile(r"[\s()（）［］\[\]/／・,，、。:：「」\"']+")


def name_parts(text):
    """The words of a name or text as written (split at spaces, brackets and punctuation) that are three
    or more characters long once normalised: what a learner could match between a definition and a name."""
    return [part for part in _WORD_BREAK.split(text or "") if len(norm(part)) >= 3]


def words(text):
    """``name_parts`` normalised."""
    return {norm(part) for part in name_parts(text)}


# A word in Latin script: a product, protocol or API name inside a Japanese or Korean sentence ("RabbitMQ",
# "HTTP", "EC2", "X-Ray").
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.\-][A-Za-z0-9]+)*")


def latin_words(text):
    """The Latin-script words of ``text``, normalised (NFKC, case-folded)."""
    return {norm(word) for word in _LATIN.findall(unicodedata.normalize("NFKC", text or ""))}


def uses(text, term):
    """Whether ``text`` uses ``term`` (normalised): a Latin-script word as a whole word ("java" is not in
    "JavaScript"), any other term anywhere ("トラフィック")."""
    if _LATIN.fullmatch(term):
        return term in latin_words(text)
    return bool(term) and term in norm(text)
