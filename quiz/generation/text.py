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


_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_CJK = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u9fff]")


def line_language(text, section_language):
    """The language a note line is written in: its section's, unless its own script says otherwise (an English
    line in a Korean note, a Korean line in a Japanese one). A line quoted to a reader is asked in its own language:
    "layer 4, supports TCP and UDP" says little inside a Korean question, and a Korean stem would show it as Korean."""
    kana, hangul = len(_KANA.findall(text)), len(_HANGUL.findall(text))
    if kana or hangul:
        # an English line with a Japanese word in it ("draining (ドレイン)") stays English
        if section_language == "en" and len(re.findall(r"[A-Za-z]", text)) > 2 * (kana + hangul):
            return "en"
        return "ja" if kana >= hangul else "ko"
    # English words, not only names ("DynamoDB、Kinesis", "ELB＋AutoScaling" are in the note's language)
    if not _CJK.search(text) and not re.search(r"[\u3000-\u303f\uff00-\uffef]", text) \
            and re.search(r"(?<![A-Za-z])[a-z]{2,}", text):
        return "en"
    return section_language


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


# Numbers written in kanji or hangul ("三回", "十五分", "一万", "세 번", "십오 분", "오천 요청", "만 개"), read as digits where a
# counter or a unit follows them, so that the reference's number patterns read them as they read "3回" or "15 분".
_KANJI_DIGITS = dict(zip("〇一二三四五六七八九", range(10)))
_HANGUL_DIGITS = dict(zip("영일이삼사오육칠팔구", range(10)))
_SMALL = {"十": 10, "百": 100, "千": 1000, "십": 10, "백": 100, "천": 1000}
_LARGE = {"万": 10000, "만": 10000}
# A number starts where its run of numerals does, or one numeral into it where a digit or 万が comes before the run (the
# only starts that can match: all of a run's end at its end). Every start in a run was tried, each read to its end: a
# run of 12,000 numerals took 3 s.
_KANJI_NUMBER = re.compile(
    r"(?:(?<![〇一二三四五六七八九十百千万])|(?<=[0-9０-９][〇一二三四五六七八九十百千万])|(?<=万が[〇一二三四五六七八九十百千万]))"
    r"(?<!万が)(?<![0-9０-９])([〇一二三四五六七八九十百千万]++)(?!分[にながでだ])"
    r"(?=\s*(?:回|度目|分|秒|時間|件|個|テラ|ギガ|TB|GB|MB|リクエスト|rps|[、。,，)）]|$))", re.M)
_KANJI_UNIT = re.compile(r"\s*(?:回|度目|分|秒|時間|件|個|テラ|ギガ|TB|GB|MB|リクエスト|rps)")
# "만 오천" (15,000) is one number written with a space after 만
_HANGUL_NUMBER = re.compile(
    r"(?<![0-9가-힣])([영일이삼사오육칠팔구십백천]*만 [영일이삼사오육칠팔구십백천]+|[영일이삼사오육칠팔구십백천만]+)"
    r"(?=\s*(?:분|초|번|회|개|건|시간|요청|테라|기가))")
_HANGUL_COUNTS = re.compile(r"(?<![가-힣])(한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)(?=\s*(?:번|회|개|시간))")
_COUNTS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}


_DIGITS = {**_KANJI_DIGITS, **_HANGUL_DIGITS}
# a single 一 after these is part of a word: 単一, 同一, 統一, 唯一, 均一, 第一, 逐一
_ONE_IN_WORDS = "単同統唯均第逐"


def _not_a_numeral(word, before=""):
    """Words that only look like numbers: two digits side by side ("二三回": two or three times; "일일": daily),
    a word that starts with 万 ("万一"), a single 一 that ends a word ("単一リクエスト")."""
    side_by_side = any(a in _DIGITS and b in _DIGITS for a, b in zip(word, word[1:]))
    return side_by_side or word.startswith("万") or (word == "一" and before in _ONE_IN_WORDS and before != "")


def _numeral(word):
    digits = _DIGITS
    total = section = digit = 0
    for char in word:
        if char in digits:
            digit = digits[char]
        elif char in _SMALL:
            section += (digit or 1) * _SMALL[char]
            digit = 0
        else:  # 万 / 만
            total += (section + digit or 1) * _LARGE[char]
            section = digit = 0
    return str(total + section + digit)


def _kanji(match):
    # one kanji before a punctuation mark is the end of a word ("統一。", "唯一、"), not a number
    word, before = match.group(1), match.string[match.start() - 1:match.start()]
    if _not_a_numeral(word, before) or (len(word) == 1 and not _KANJI_UNIT.match(match.string, match.end())):
        return word
    return _numeral(word)


def _hangul(match):
    # one syllable before a counter is usually a word of its own: 이번 (this time), 이건 (this), 사건, 구분, 일번; with a
    # space before the counter ("재시도 삼 번", "최대 오 분") it is a digit, but for 이 ("이 분": this person, "이 번": this
    # time) and 일 ("일 분", "일 회": also a word for work)
    word = match.group(1).replace(" ", "")
    spaced = match.string[match.end():match.end() + 1].isspace()
    if _not_a_numeral(word) or (len(word) == 1 and word not in "십백천만" and (not spaced or word in "이일")):
        return word
    return _numeral(word)


# English number words before a count or a unit ("three times", "two retries", "fifteen minutes", "two-minute
# notice"), and "twice": notes copied from English pages write small numbers in words.
_ENGLISH_DIGITS = {word: str(value) for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split())}
_ENGLISH_NUMBER = re.compile(
    r"\b(" + "|".join(_ENGLISH_DIGITS) + r")(?=[\s-]+(?:more\s+)?(?:times?|retr(?:y|ies)|attempts?|minutes?|seconds?|hours?"
    r"|requests?|concurrent)\b)", re.IGNORECASE)
_TWICE = re.compile(r"\b(twice|thrice)\b", re.IGNORECASE)


def arabic(text):
    """``text`` with its kanji and hangul numbers before a counter or a unit written in digits."""
    text = _ENGLISH_NUMBER.sub(lambda m: _ENGLISH_DIGITS[m.group(1).lower()], text)
    text = _TWICE.sub(lambda m: "2 times" if m.group(1).lower() == "twice" else "3 times", text)
    text = _KANJI_NUMBER.sub(_kanji, text)
    text = _HANGUL_NUMBER.sub(_hangul, text)
    return _HANGUL_COUNTS.sub(lambda m: str(_COUNTS[m.group(1)]), text)
