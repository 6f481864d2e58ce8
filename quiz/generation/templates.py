"""Stem and explanation templates in ja, ko and en.

Family phrases (context, the question asked, the family's name) live in
fixtures/reference.yaml; requirement and trait phrases per attribute value live in
fixtures/lexicon.yaml. These templates only glue them together.
"""

import re
import string

LANGUAGES = ("ja", "ko", "en")

SCENARIO = {
    "ja": "{context}{observations}。{ask}",
    "ko": "{context} {observations}. {ask}",
    "en": "{context}: {observations}. {ask}",
}
JOIN = {"ja": "、", "ko": ", ", "en": "; "}
SCENARIO_CHOOSE = {
    "ja": "次のすべてに当てはまる{name}を {n} つ選んでください：{observations}。",
    "ko": "다음 조건에 모두 해당하는 {name} {n}개를 고르십시오: {observations}.",
    "en": "Choose the {n} options that fit all of the following (each option is a {name}): {observations}.",
}
# The same with a single requirement ("all of the following" would read oddly).
SCENARIO_CHOOSE_ONE = {
    "ja": "次に当てはまる{name}を {n} つ選んでください：{observations}。",
    "ko": "다음 조건에 해당하는 {name} {n}개를 고르십시오: {observations}.",
    "en": "Choose the {n} options that fit the following (each option is a {name}): {observations}.",
}

COMPARISON = {
    "ja": "次の{name}のうち、「{trait}」に当てはまらないものはどれですか？",
    "ko": "다음 {name} 중 '{trait}'에 해당하지 않는 것은 무엇입니까?",
    "en": "Which {name} below does NOT {trait}?",
}

CHOOSE_N = {
    "ja": "「{name}」について、ノートの内容として正しい記述を {n} つ選んでください。",
    "ko": "'{name}'에 대해 노트 내용으로 옳은 설명을 {n}개 고르십시오.",
    "en": "Choose the {n} true statements about {name}, according to the notes.",
}

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

KEY_MEETS_ALL = {
    "ja": "{name}：説明のすべてに当てはまります（{evidence}）。",
    "ko": "{name}: 설명에 모두 해당합니다({evidence}).",
    "en": "{name}: matches everything described ({evidence}).",
}
DISTRACTOR_BREAKS = {
    "ja": "{name}：「{observation}」に当てはまりません（{evidence}）。",
    "ko": "{name}: '{observation}'에 해당하지 않습니다({evidence}).",
    "en": "{name}: does not match \"{observation}\" ({evidence}).",
}
# A distractor whose own value for the broken clue is known to the lexicon: say what it does instead.
TRAIT_JOIN = {"ja": "」「", "ko": "', '", "en": " and "}  # two traits inside DISTRACTOR_BREAKS_OWN's quotes


def join_traits(traits, language):
    """Two traits of one member as one phrase. In English the words both begin with are said once ("operate at
    layer 4 and 7", not "operate at layer 4 and operate at layer 7"); in ja and ko each stays whole in its quotes."""
    traits = [t for t in traits if t]
    if language == "en" and len(traits) > 1:
        words = [t.split(" ") for t in traits]
        shared = 0
        while all(len(w) > shared + 1 and w[shared] == words[0][shared] for w in words):
            shared += 1
        traits = traits[:1] + [" ".join(w[shared:]) for w in words[1:]]
    return TRAIT_JOIN[language].join(traits)


DISTRACTOR_BREAKS_OWN = {
    "ja": "{name}：「{observation}」に当てはまりません。{name} は「{own}」とされています（{evidence}）。",
    "ko": "{name}: '{observation}'에 해당하지 않습니다. {name}에 대해서는 '{own}'라고 되어 있습니다({evidence}).",
    "en": "{name}: does not match \"{observation}\"; it is known to {own} ({evidence}).",
}
# Added when a distractor is ruled out by the AWS documentation only: what the notes themselves say it is.
NOTES_SAY = {
    "ja": "参考：{evidence}。",
    "ko": " 참고: {evidence}.",
    "en": " See also {evidence}.",
}
COMPARISON_KEY = {
    "ja": "{name}：「{trait}」に当てはまらないので、これが答えです（{evidence}）。",
    "ko": "{name}: '{trait}'에 해당하지 않으므로 이것이 답입니다({evidence}).",
    "en": "{name}: it does not {trait} ({evidence}), so it is the exception.",
}
COMPARISON_OTHER = {
    "ja": "{name}：「{trait}」に当てはまるので、答えではありません（{evidence}）。",
    "ko": "{name}: '{trait}'에 해당하므로 답이 아닙니다({evidence}).",
    "en": "{name}: it does {trait} ({evidence}), so it is not the exception.",
}
# A true statement: which fact of the member it states, in the lexicon's words (as a false one says what the member
# does instead); STATEMENT_SAID when the lexicon has no words for it.
STATEMENT_TRUE = {
    "ja": "正しい記述です。ノートでは、{name} は「{trait}」とされています（{evidence}）。",
    "ko": "옳은 설명입니다. 노트에는 {name}에 대해 '{trait}'라고 되어 있습니다({evidence}).",
    "en": "Correct: {name} is known to {trait}, as the notes say ({evidence}).",
}
STATEMENT_SAID = {
    "ja": "正しい記述です（{evidence}）。",
    "ko": "옳은 설명입니다({evidence}).",
    "en": "Correct: the notes say so ({evidence}).",
}
STATEMENT_FALSE = {
    "ja": "誤りです。この記述は {other} のものです。ノートでは、{name} は「{trait}」とされています（{evidence}）。",
    "ko": "틀렸습니다. 이 설명은 {other}에 해당합니다. 노트에는 {name}에 대해 '{trait}'라고 되어 있습니다({evidence}).",
    "en": "False: this statement describes {other}. {name} is known to {trait}, as the notes say ({evidence}).",
}
# The same, when what makes the statement false comes from the curated reference, not from a note.
STATEMENT_FALSE_REFERENCE = {
    "ja": "誤りです。この記述は {other} のものです。AWS ドキュメントでは、{name} は「{trait}」とされています（{evidence}）。",
    "ko": "틀렸습니다. 이 설명은 {other}에 해당합니다. AWS 문서에는 {name}에 대해 '{trait}'라고 되어 있습니다({evidence}).",
    "en": "False: this statement describes {other}. {name} is known to {trait} ({evidence}).",
}
DEFINITION_KEY = {
    "ja": "{name}：正解です。ノートでは {name} がこのように説明されています（{evidence}）。",
    "ko": "{name}: 정답입니다. 노트에서는 {name}에 대해 이렇게 설명합니다({evidence}).",
    "en": "{name}: correct; this is how the notes describe it ({evidence}).",
}
# A wrong option of a term -> definition question: whose description it is.
DEFINITION_OF_OTHER = {
    "ja": "誤りです。これはノートにある {name} の説明です（{evidence}）。",
    "ko": "틀렸습니다. 노트에 있는 {name}에 대한 설명입니다({evidence}).",
    "en": "Wrong: this is how the notes describe {name} ({evidence}).",
}
DEFINITION_OTHER = {
    "ja": "{name}：誤りです。ノートには {name} について別の説明があります（{evidence}）。",
    "ko": "{name}: 틀렸습니다. 노트에는 {name}에 대해 다른 설명이 있습니다({evidence}).",
    "en": "{name}: wrong; the notes describe it differently ({evidence}).",
}
DEFINITION_NEIGHBOUR = {  # {what}: the AWS documentation's sentence without its final stop
    "ja": "{name}：{what}（{reference}）。この説明に当てはまるのは {answer} です。",
    "ko": "{name}: {what}({reference}). 이 설명에 해당하는 것은 {answer}입니다.",
    "en": "{name}: {what} ({reference}). The description is of {answer}.",
}
DEFINITION_OTHER_UNKNOWN = {
    "ja": "{name}：{family}の一つですが、この説明は {answer} のものです。",
    "ko": "{name}: {family} 중 하나이지만, 이 설명은 {answer}에 대한 것입니다.",
    "en": "{name}: also a {family}, but this description is of {answer}.",
}
NUMERIC_KEY = {
    "ja": "{value}：正解です。{explain}（{evidence}）",
    "ko": "{value}: 정답입니다. {explain} ({evidence})",
    "en": "{value}: correct. {explain} ({evidence})",
}
NUMERIC_WRONG = {
    "ja": "{value}：誤りです。{why}。",
    "ko": "{value}: 틀렸습니다. {why}.",
    "en": "{value}: wrong; {why}.",
}
# A note value the AWS documentation contradicts, where the reference has no correction text of its own: what
# the documentation says of the member, in the lexicon's words for its documented values.
DOCUMENTED = {
    "ja": "AWS ドキュメントでは、{name} は「{traits}」とされています。",
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


def quoted_line(quote):
    """A note line as an explanation quotes it: cut to 90 characters, without its final 。."""
    quote = quoted(quote)
    return quote if len(quote) <= 90 else quote[:88].rstrip() + "…"


_JA_LETTER = re.compile("[\u3041-\u30ff\u3400-\u9fff]")  # kana and kanji (not punctuation)
_LATIN = re.compile("[0-9A-Za-z._]")


def render(template, language, **values):
    """``template.format(**values)``; in Japanese with a space between a value's Latin word and the kana
    or kanji the template writes next to it, as "Lambda 関数" is written ("当てはまる .ebextensions のキー")."""
    if language != "ja":
        return template.format(**values)
    text = ""
    for literal, field, spec, _conversion in string.Formatter().parse(template):
        if literal and _LATIN.match(text[-1:]) and _JA_LETTER.match(literal[0]):
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
