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
