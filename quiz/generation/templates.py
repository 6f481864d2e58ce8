"""Stem and explanation templates in ja, ko and en.

Family phrases (context, the question asked, the family's name) live in
fixtures/reference.yaml; requirement and trait phrases per attribute value live in
fixtures/lexicon.yaml. These templates only glue them together.
"""

import re
import string

LANGUAGES = ("ja", "ko", "en")

# A scenario: the situation (the family's context), what is observed (the lexicon's `observe` phrases as
# sentences, ``describe``), then the question (the family's ask). No "key: value" fragment in ja and ko.
SCENARIO = {
    "ja": "{context}{description}{ask}",
    "ko": "{context} {description} {ask}",
    "en": "{context} {description} {ask}",
}
SCENARIO_CHOOSE = {
    "ja": "{context}{description}この説明にすべて当てはまる{name}を {n} つ選んでください。",
    "ko": "{context} {description} 이 설명에 모두 해당하는 {name} {n}개를 고르십시오.",
    "en": "{context} {description} Choose the {n} {names} that fit all of this.",
}
# The same with a single observation ("all of" would read oddly).
SCENARIO_CHOOSE_ONE = {
    "ja": "{context}{description}この説明に当てはまる{name}を {n} つ選んでください。",
    "ko": "{context} {description} 이 설명에 해당하는 {name} {n}개를 고르십시오.",
    "en": "{context} {description} Choose the {n} {names} that fit this.",
}

# The same where the observations say what is asked for as a question of their own (a family's ``need_many``:
# 「…を動かすキーはどれですか？」), so only how many to choose follows.
SCENARIO_CHOOSE_NEED = {
    "ja": "{context}{description}{n} つ選んでください。",
    "ko": "{context} {description} {n}개를 고르십시오.",
}


def english_plural(name):
    """A family's English name for several of its members: "deployment policy" -> "deployment policies",
    ".ebextensions key" -> ".ebextensions keys", "load balancer type" -> "load balancer types"."""
    if re.search(r"[^aeiou]y$", name):
        return name[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", name):
        return name + "es"
    return name + "s"


# --- observations as sentences -------------------------------------------------------------------------
# The lexicon's `observe` phrases are written as a list item: Japanese in the plain form ("ダウンタイムが発生しない"),
# Korean as a noun form in -ㅁ/음 ("다운타임이 발생하지 않음"), English as a clause ("there is no downtime"). A stem
# says them as one polite sentence: each but the last in its joining form, the last in です/ます or 합니다체.

def _tail(phrase):
    """``(body, bracket)``: a phrase and the bracketed remark it ends with, if any ("…起動することはない", "（コストを抑える）")."""
    closing = {")": "(", "）": "（"}
    if phrase[-1:] not in closing:
        return phrase, ""
    depth = 0
    for i in range(len(phrase) - 1, -1, -1):
        if phrase[i] in closing:
            depth += 1
        elif phrase[i] in closing.values():
            depth -= 1
            if depth == 0:
                return (phrase[:i], phrase[i:]) if phrase[:i].strip() else (phrase, "")
    return phrase, ""


_JA_I_FROM = dict(zip("うくぐすつぬぶむるわかがさたなばまら", "いきぎしちにびみりいきぎしちにびみり"))
_JA_ICHIDAN = set("いきぎしじちぢにひびぴみりえけげせぜてでねへべぺめれ")


def _ja_forms(body):
    """``(polite end, joining form)`` of a Japanese plain-form predicate: 減る → 減ります / 減り, 持たない → 持ちません /
    持たず, である → です / であり; a noun or an adjective takes です (で / く)."""
    if body.endswith("である"):
        return body[:-2] + "す", body[:-1] + "り"
    if body.endswith("ている"):
        return body[:-1] + "ます", body[:-2] + "おり"
    if body[-3:-2] in ("は", "が", "も", "く") and body.endswith("ない"):  # ことはない, 早くない: the adjective ない
        return body[:-2] + "ありません", body[:-1] + "く"
    if body.endswith("しない"):
        return body[:-2] + "ません", body[:-3] + "せず"
    if body.endswith("ない") and len(body) > 2:
        kana = body[-3]
        stem = body[:-3] + _JA_I_FROM[kana] if kana in "わかがさたなばまら" else body[:-2]
        return stem + "ません", body[:-2] + "ず"
    if body.endswith("する"):
        return body[:-2] + "します", body[:-2] + "し"
    if body.endswith("る") and body[-2:-1] in _JA_ICHIDAN:
        return body[:-1] + "ます", body[:-1]
    if body[-1:] in _JA_I_FROM and body[-1] not in "わかがさたなばまら":
        stem = body[:-1] + _JA_I_FROM[body[-1]]
        return stem + "ます", stem
    if body.endswith("だ"):
        return body[:-1] + "です", body[:-1] + "で"
    if body.endswith("い") and len(body) > 1 and "\u3041" <= body[-2] <= "\u309f":  # an adjective: 短い
        return body + "です", body[:-1] + "く"
    return body + "です", body + "で"


_HANGUL = 0xAC00
_M, _LM, _L, _B = 16, 10, 8, 17  # final consonants: ㅁ, ㄻ, ㄹ, ㅂ


def _ko_with_final(syllable, final):
    code = ord(syllable) - _HANGUL
    return chr(_HANGUL + code - code % 28 + final)


def _ko_forms(body):
    """``(합니다체 end, verb stem)`` of a Korean noun form in -ㅁ/음: 발생함 → 발생합니다 / 발생하, 않음 → 않습니다 / 않,
    임 → 입니다 / 이, 줄어듦 → 줄어듭니다 / 줄어들; anything else is read as a noun (입니다 / 이)."""
    last = body[-1:]
    if last == "음" and len(body) > 1:
        return body[:-1] + "습니다", body[:-1]
    if last == "임":
        return body[:-1] + "입니다", body[:-1] + "이"
    if last and 0 <= ord(last) - _HANGUL < 11172 and (ord(last) - _HANGUL) % 28 in (_M, _LM):
        final = (ord(last) - _HANGUL) % 28
        return (body[:-1] + _ko_with_final(last, _B) + "니다",
                body[:-1] + _ko_with_final(last, _L if final == _LM else 0))
    return body + "입니다", body + "이"


def _ko_joining(stem, last_but_one):
    """-고, and -(으)며 before the last of three or more ("…유지되고, 다운타임이 발생하지 않으며, … 않습니다")."""
    if not last_but_one:
        return stem + "고"
    code = ord(stem[-1]) - _HANGUL if stem else -1
    consonant = 0 <= code < 11172 and code % 28 not in (0, _L)
    return stem + ("으며" if consonant else "며")


def _en_join(clauses):
    """Clauses as one sentence ("X, y, and z"); a clause with its own semicolon makes each its own sentence."""
    if any(";" in c for c in clauses):
        return ". ".join(c[:1].upper() + c[1:] for c in clauses)
    if len(clauses) == 1:
        return clauses[0]
    return ", ".join(clauses[:-1]) + ", and " + clauses[-1]


def _ko_adnominal(body):
    """The present adnominal form of a Korean noun form in -ㅁ/음, before the noun it describes: 설치함 → 설치하는,
    실행됨 → 실행되는, 풂 → 푸는, 않음 → 않는, 있음 → 있는, 임 → 인; anything else is read as a noun (인). Verbs only:
    a descriptive verb (같음) would need -(으)ㄴ."""
    last = body[-1:]
    if last == "음" and len(body) > 1:
        return body[:-1] + "는"
    if last == "임":
        return body[:-1] + "인"
    if last and 0 <= ord(last) - _HANGUL < 11172 and (ord(last) - _HANGUL) % 28 in (_M, _LM):
        return body[:-1] + _ko_with_final(last, 0) + "는"  # ㄹ drops before 는: 풀 → 푸는
    return body + "인"


def _clause(phrases, language):
    """ja/ko observations as one clause before a noun: each but the last in its joining form, the last in the
    plain form (ja, as the lexicon writes it) or the adnominal form (ko): 「…に実行され、…を動かす」, "…실행되고, …실행하는"."""
    parts = []
    for i, phrase in enumerate(phrases):
        body, bracket = _tail(phrase)
        if i == len(phrases) - 1:
            parts.append((body if language == "ja" else _ko_adnominal(body)) + bracket)
            continue
        joining = (_ja_forms if language == "ja" else _ko_forms)(body)[1]
        if language == "ko":
            joining = _ko_joining(joining, len(phrases) > 2 and i == len(phrases) - 2)
        parts.append(joining + bracket + ("、" if language == "ja" else ","))
    return ("" if language == "ja" else " ").join(parts)


def describe(phrases, language, lead="", frame=""):
    """Observations as one sentence in the stem's register, with its final stop: ja です/ます ("…減り、ダウンタイムが
    発生しません。"), ko 합니다체 ("…줄어들고, 다운타임이 발생하지 않습니다."), en a capitalised clause list
    ("Capacity drops temporarily, and there is no downtime."). ``lead`` names what they are about ("このロードバランサーは、",
    "이 로드 밸런서는", "This load balancer", which takes the place of an English clause's leading "it"). ``frame`` (ja, ko)
    is a sentence that says them as a clause before what is needed, in place of a lead: 「{clause}キーが必要です。」 →
    「yum や rpm でソフトウェアをインストールするキーが必要です。」 (a lead 「必要なキーは、」 made the key itself install)."""
    phrases = [p.strip() for p in phrases if p and p.strip()]
    if not phrases:
        return ""
    if frame and language in ("ja", "ko"):
        return frame.format(clause=_clause(phrases, language))
    if language == "en":
        text = _en_join(phrases)
        if lead and text.startswith("it "):
            return f"{lead} {text[3:]}."
        return text[:1].upper() + text[1:] + "."
    parts = []
    for i, phrase in enumerate(phrases):
        body, bracket = _tail(phrase)
        final, joining = (_ja_forms if language == "ja" else _ko_forms)(body)
        if language == "ko":
            joining = _ko_joining(joining, len(phrases) > 2 and i == len(phrases) - 2)
        if i == len(phrases) - 1:
            parts.append(final + bracket + ("。" if language == "ja" else "."))
        else:
            parts.append(joining + bracket + ("、" if language == "ja" else ","))
    text = ("" if language == "ja" else " ").join(parts)
    if lead:
        text = lead + ("" if language == "ja" else " ") + text
    return text


COMPARISON = {
    "ja": "次の{name}のうち、「{trait}」に当てはまらないものはどれですか？",
    "ko": "다음 {name} 중 '{trait}'에 해당하지 않는 것은 무엇입니까?",
    "en": "Which {name} below does NOT {trait}?",
}

CHOOSE_N = {
    "ja": "「{name}」について、ノートの内容に合う記述を {n} つ選んでください。",
    "ko": "'{name}'에 대해 노트 내용과 일치하는 설명을 {n}개 고르십시오.",
    "en": "Choose the {n} true statements about {name}, according to the notes.",
}


def asks_for(stem, n):
    """Does ``stem`` already say how many options to choose, as ``CHOOSE_N`` and ``SCENARIO_CHOOSE`` do
    ("2 つ選んで", "2개를 고르", "Choose the 2")? The page then does not say it again under it (an imported or
    edited stem may not say it)."""
    return bool(re.search(rf"(?<!\d){n} ?(?:つ選|개를? 고르)|\bchoose the {n}\b", stem, re.IGNORECASE))


DEFINITION_TO_TERM = {
    "ja": "ノートで次のように説明されているものはどれですか？\n「{definition}」",
    "ko": "노트에서 다음과 같이 설명하는 것은 무엇입니까?\n\"{definition}\"",
    "en": "Which term do the notes describe like this?\n\"{definition}\"",
}

TERM_TO_DEFINITION = {
    "ja": "「{term}」の説明として正しいものはどれですか？",
    "ko": "'{term}'에 대한 설명으로 옳은 것은 무엇입니까?",
    "en": "Which description matches \"{term}\"?",
}

NOTE = {"ja": "ノート", "ko": "노트", "en": "note"}
AWS_DOCS = {"ja": "AWS ドキュメント", "ko": "AWS 문서", "en": "AWS documentation"}
COLON = {"ja": "：", "ko": ": ", "en": ": "}
EVIDENCE_JOIN = {"ja": "、", "ko": "; ", "en": "; "}  # two sources inside one pair of brackets

# A scenario's key: the observations of its stem it meets, quoted, as a distractor's explanation
# quotes the one it breaks ("matches everything described" taught nothing; "all" of one read oddly). Each
# option says first whether it is right, as the other types' options do (gen-1.86).
KEY_MEETS_ALL = {
    "ja": "{name}：正解です。{observations}のいずれにも当てはまります（{evidence}）。",
    "ko": "{name}: 정답입니다. {observations}에 모두 해당합니다({evidence}).",
    "en": "{name}: correct. It matches each of {observations} ({evidence}).",
}
KEY_MEETS_ONE = {
    "ja": "{name}：正解です。{observations}に当てはまります（{evidence}）。",
    "ko": "{name}: 정답입니다. {observations}에 해당합니다({evidence}).",
    "en": "{name}: correct. It matches {observations} ({evidence}).",
}
QUOTE = {"ja": "「{}」", "ko": "'{}'", "en": '"{}"'}


def quote_all(phrases, language):
    """Phrases each in its quotation marks, as one list: 「a」、「b」 / 'a', 'b' / "a", "b" and "c"."""
    quoted_phrases = [QUOTE[language].format(p) for p in phrases]
    if language == "ja":
        return "、".join(quoted_phrases)
    if language == "ko" or len(quoted_phrases) < 2:
        return ", ".join(quoted_phrases)
    return ", ".join(quoted_phrases[:-1]) + " and " + quoted_phrases[-1]


DISTRACTOR_BREAKS = {
    "ja": "{name}：誤りです。「{observation}」に当てはまりません（{evidence}）。",
    "ko": "{name}: 틀렸습니다. '{observation}'에 해당하지 않습니다({evidence}).",
    "en": "{name}: wrong. It does not match \"{observation}\" ({evidence}).",
}
# A distractor whose own value for the broken clue is known to the lexicon: say what it does instead.
TRAIT_JOIN = {"ja": "」、「", "ko": "', '", "en": " and "}  # two traits inside DISTRACTOR_BREAKS_OWN's quotes


def join_traits(traits, language):
    """Two traits of one member as one phrase. In English the words both begin with are said once ("operate at
    layers 4 and 7", not "operate at layer 4 and operate at layer 7"); the noun before what differs takes the
    plural when each differs only by a number ("layer 4", "layer 7"). In ja and ko each stays whole in its quotes."""
    traits = [t for t in traits if t]
    if language == "en" and len(traits) > 1:
        words = [t.split(" ") for t in traits]
        shared = 0
        while all(len(w) > shared + 1 and w[shared] == words[0][shared] for w in words):
            shared += 1
        if shared and all(len(w) == shared + 1 and re.fullmatch(r"\d[\d,.]*", w[-1]) for w in words):
            words[0][shared - 1] = english_plural(words[0][shared - 1])
            traits[0] = " ".join(words[0])
        traits = traits[:1] + [" ".join(w[shared:]) for w in words[1:]]
    return TRAIT_JOIN[language].join(traits)


# What it does instead comes first, as a coach says it: the reason, then what it rules out (gen-1.86; it came
# after the verdict "does not match" as an afterthought, 「…に当てはまりません。「…」とされているためです」).
DISTRACTOR_BREAKS_OWN = {
    "ja": "{name}：誤りです。「{own}」とされているため、「{observation}」には当てはまりません（{evidence}）。",
    "ko": "{name}: 틀렸습니다. '{own}'라고 되어 있으므로 '{observation}'에 해당하지 않습니다({evidence}).",
    "en": "{name}: wrong. It is known to {own}, so it does not match \"{observation}\" ({evidence}).",
}
# Added when a distractor is ruled out by the AWS documentation only: what the notes themselves say it is.
NOTES_SAY = {
    "ja": "参考：{evidence}。",
    "ko": " 참고: {evidence}.",
    "en": " See also {evidence}.",
}
COMPARISON_KEY = {
    "ja": "{name}：「{trait}」に当てはまらないため、これが正解です（{evidence}）。",
    "ko": "{name}: '{trait}'에 해당하지 않으므로 이것이 정답입니다({evidence}).",
    "en": "{name}: it does not {trait} ({evidence}), so it is the exception.",
}
COMPARISON_OTHER = {
    "ja": "{name}：「{trait}」に当てはまるため、正解ではありません（{evidence}）。",
    "ko": "{name}: '{trait}'에 해당하므로 정답이 아닙니다({evidence}).",
    "en": "{name}: it does {trait} ({evidence}), so it is not the exception.",
}
# A true statement: which fact of the member it states, in the lexicon's words (as a false one says what the member
# does instead); STATEMENT_SAID when the lexicon has no words for it.
STATEMENT_TRUE = {
    "ja": "正しい記述です。ノートでは、{name}は「{trait}」とされています（{evidence}）。",
    "ko": "옳은 설명입니다. 노트에는 {name}에 대해 '{trait}'라고 되어 있습니다({evidence}).",
    "en": "Correct: {name} is known to {trait}, as the notes say ({evidence}).",
}
STATEMENT_SAID = {
    "ja": "正しい記述です（{evidence}）。",
    "ko": "옳은 설명입니다({evidence}).",
    "en": "Correct: the notes say so ({evidence}).",
}
STATEMENT_FALSE = {
    "ja": "誤りです。これは{other}に当てはまる記述です。ノートでは、{name}は「{trait}」とされています（{evidence}）。",
    "ko": "틀렸습니다. 이 설명은 {other}에 해당합니다. 노트에는 {name}에 대해 '{trait}'라고 되어 있습니다({evidence}).",
    "en": "False: this statement describes {other}. {name} is known to {trait}, as the notes say ({evidence}).",
}
# The same, when what makes the statement false comes from the curated reference, not from a note.
STATEMENT_FALSE_REFERENCE = {
    "ja": "誤りです。これは{other}に当てはまる記述です。AWS ドキュメントでは、{name}は「{trait}」とされています（{evidence}）。",
    "ko": "틀렸습니다. 이 설명은 {other}에 해당합니다. AWS 문서에는 {name}에 대해 '{trait}'라고 되어 있습니다({evidence}).",
    "en": "False: this statement describes {other}. {name} is known to {trait} ({evidence}).",
}
# The name opens the explanation and is not said again ("Rolling：正解です。ノートでは Rolling が…").
DEFINITION_KEY = {
    "ja": "{name}：正解です。ノートではこのように説明されています（{evidence}）。",
    "ko": "{name}: 정답입니다. 노트에서 이렇게 설명합니다({evidence}).",
    "en": "{name}: correct; this is how the notes describe it ({evidence}).",
}
# A wrong option of a term -> definition question: whose description it is.
DEFINITION_OF_OTHER = {
    "ja": "誤りです。これはノートにある{name}の説明です（{evidence}）。",
    "ko": "틀렸습니다. 이것은 노트에 있는 {name}에 대한 설명입니다({evidence}).",
    "en": "Wrong: this is how the notes describe {name} ({evidence}).",
}
# Its own description is the quoted line; then which member the question describes, as DEFINITION_NEIGHBOUR says.
DEFINITION_OTHER = {
    "ja": "{name}：誤りです。ノートでの説明は別の内容です（{evidence}）。問題文の説明に当てはまるのは{answer}です。",
    "ko": "{name}: 틀렸습니다. 노트에는 다른 설명이 있습니다({evidence}). 문제의 설명에 해당하는 것은 {answer}입니다.",
    "en": "{name}: wrong; the notes describe it differently ({evidence}). The description in the question is of {answer}.",
}
DEFINITION_NEIGHBOUR = {  # {what}: the AWS documentation's sentence without its final stop
    "ja": "{name}：誤りです。{what}（{reference}）。問題文の説明に当てはまるのは{answer}です。",
    "ko": "{name}: 틀렸습니다. {what}({reference}). 문제의 설명에 해당하는 것은 {answer}입니다.",
    "en": "{name}: wrong. {what} ({reference}). The description in the question is of {answer}.",
}
DEFINITION_OTHER_UNKNOWN = {
    "ja": "{name}：誤りです。{family}の一つですが、問題文の説明は{answer}のものです。",
    "ko": "{name}: 틀렸습니다. {family} 중 하나이지만, 문제의 설명은 {answer}에 대한 것입니다.",
    "en": "{name}: wrong. It is another {family}, but the description in the question is of {answer}.",
}
NUMERIC_KEY = {  # {explain}: the reference's explanation without its final stop; the sources close its last sentence
    "ja": "{value}：正解です。{explain}（{evidence}）。",
    "ko": "{value}: 정답입니다. {explain}({evidence}).",
    "en": "{value}: correct. {explain} ({evidence}).",
}
NUMERIC_WRONG = {
    "ja": "{value}：誤りです。{why}。",
    "ko": "{value}: 틀렸습니다. {why}.",
    "en": "{value}: wrong; {why}.",
}


def numeric_wrong(value, why, language):
    """A wrong number's explanation. An English reason with a semicolon of its own is a sentence of its own
    ("3,008: wrong. 3,008 MB is the old limit; …"), as in ``_en_join``: never two semicolons in one sentence."""
    if language == "en" and ";" in why:
        return f"{value}: wrong. {why[:1].upper()}{why[1:]}."
    return NUMERIC_WRONG[language].format(value=value, why=why)
# A note value the AWS documentation contradicts, where the reference has no correction text of its own: what
# the documentation says of the member, in the lexicon's words for its documented values.
DOCUMENTED = {
    "ja": "AWS ドキュメントでは、{name}は「{traits}」とされています。",
    "ko": "AWS 문서에는 {name}에 대해 '{traits}'라고 되어 있습니다.",
    "en": "According to the AWS documentation, {name} is known to {traits}.",
}
MASK = "［？］"


def note_place(claim):
    return place_in_notes(claim.section.heading_path, claim.section.file)


def place_in_notes(heading_path, file):
    """Where a note line is, as a learner reads it: the last two headings of its section (the file's name is
    a hash for imported notes), else the file."""
    parts = [p.strip() for p in (heading_path or "").split("›") if p.strip()]
    return " › ".join(parts[-2:]) if parts else file


def quoted(text):
    """A sentence as it goes between quotation marks: without its final 。 (「…する」, not
    「…する。」)."""
    return text[:-1] if text.endswith("。") else text


_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s)")
_CLAUSE_END = re.compile(r"[、，；]|[,;](?=\s)")


def quoted_line(quote):
    """A note line as an explanation quotes it: without its final 。, cut to 90 characters where a sentence
    ends ("…デプロイするポリシー。…"), else where a clause does ("…処理するが…"), in its second half; inside a
    word ("割合を設定して新…") only when neither ends there."""
    quote = quoted(quote)
    if len(quote) <= 90:
        return quote
    head = quote[:89]
    for boundary, keep in ((_SENTENCE_END, True), (_CLAUSE_END, False)):
        ends = [found for found in boundary.finditer(head) if found.start() >= 45]
        if ends:
            return head[:ends[-1].end() if keep else ends[-1].start()].rstrip() + "…"
    return quote[:88].rstrip() + "…"


_JA_LETTER = re.compile("[\u3041-\u30ff\u3400-\u9fff]")  # kana and kanji (not punctuation)
_LATIN = re.compile("[0-9A-Za-z._]")
_LATIN_END = re.compile("[0-9A-Za-z._)]")  # "Classic Load Balancer (CLB) は", "アプリケーション (application) について"


def _ko_final(text):
    """Whether Korean ``text`` ends in a syllable with a final consonant (a bracket at its end aside)."""
    body, _bracket = _tail(text)
    code = ord(body[-1]) - _HANGUL if body else -1
    return 0 <= code < 11172 and code % 28 != 0


def render(template, language, **values):
    """``template.format(**values)``; in Japanese with a space between a value's Latin word and the kana
    or kanji the template writes next to it, as "Lambda 関数" is written ("当てはまる .ebextensions のキー");
    in Korean a quote closed by "'라고" takes "'이라고" after a final consonant ("'…발생하지 않음'이라고")."""
    if language == "ko":
        text = ""
        for literal, field, spec, _conversion in string.Formatter().parse(template):
            if literal.startswith("'라고") and _ko_final(text):
                literal = "'이" + literal[1:]
            text += literal
            if field is not None:
                text += format(values[field], spec)
        return text
    if language != "ja":
        return template.format(**values)
    text = ""
    for literal, field, spec, _conversion in string.Formatter().parse(template):
        if literal and _LATIN_END.match(text[-1:]) and _JA_LETTER.match(literal[0]):
            literal = " " + literal
        text += literal
        if field is not None:
            value = format(values[field], spec)
            if _LATIN.match(value[:1]) and _JA_LETTER.match(text[-1:]):
                value = " " + value
            text += value
    return text


LINE = {"ja": "{line} 行目", "ko": "{line}행", "en": "line {line}"}


def evidence_note(claim, language):
    """The place and line of the notes an explanation cites, quoted in the note's own words (the render marks
    them with the note's language: ``quiz.templatetags.quiz_text.explanation_html``)."""
    quote = quoted_line(claim.quote)
    line = LINE[language].format(line=claim.line)
    if language == "ja":
        return f"{NOTE[language]}「{note_place(claim)}」{line}：「{quote}」"
    return f"{NOTE[language]} \"{note_place(claim)}\", {line}: \"{quote}\""


def evidence_reference(title, url, language):
    """The reference fact's page: its title and its URL."""
    if title and url:
        return f"{AWS_DOCS[language]}{COLON[language]}{title} {url}"
    return f"{AWS_DOCS[language]}{COLON[language]}{title or url}"
