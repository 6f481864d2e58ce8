"""Claim extraction: what a note section states, line by line, with provenance.

A claim is one statement from one line of one section:

- ``definition``: ``Term: text`` / ``Term：text`` / ``Term ⇒ text`` / ``key : value``;
- ``property``: a line under a subject (a nested bullet under a term, a bullet after a
  numbered item ``1. 빅뱅 배포`` or indented under a numbered definition, a line under a
  heading); the first property under a term that has no inline text is marked ``first``
  (a definition candidate);
- ``label``: a line that is only a known concept name (``All at once`` under
  ``###In Place``), or a plain line naming a concept that the following lines describe.

Numbers stay in the claim text; ``reference.numbers`` patterns read them.
"""

import re
from dataclasses import dataclass, field, replace

from .text import clean, norm


@dataclass(frozen=True)
class SectionInput:
    """What generation needs from a note section (a Section row or a parsed snippet)."""

    id: int | None
    file: str
    heading_path: str
    language: str
    markdown: str
    line_start: int = 1
    topic_slugs: tuple = ()


@dataclass(frozen=True)
class Claim:
    kind: str
    subject: str
    text: str
    line: int
    section: SectionInput = field(compare=False, repr=False)
    heading: str = ""
    parent: str = ""
    first: bool = False
    line_end: int = 0  # the last line, when a sentence broke over several (0: the same as ``line``)
    unsure: bool = field(default=False, compare=False)  # the learner marks it as unsure ("(맞나?)"): checked, never asked
    # read by a guess at the line's structure (a table row, a footnote's body, a comparison's clause): also ``unsure``,
    # and no party to a conflict, so a misread cell never takes a right line of another note out of the questions
    guessed: bool = field(default=False, compare=False)
    # a guessed claim's line as the learner wrote it ("Immutable — キャパシティ：減る" for a table's cell, a footnote's
    # body, a comparison's clause after its names): what its correction quotes, so the learner recognises their line
    written: str = field(default="", compare=False)

    @property
    def quote(self):
        if self.kind == "definition" and self.subject:
            return f"{self.subject}: {self.text}"
        if self.kind == "label" and self.heading:
            return f"{self.heading} › {self.text}"
        return self.text

    @property
    def shown(self):
        """The claim as a correction or an issue quotes it: the line as written where the claim was built from it."""
        return self.written or self.quote

    def source(self):
        return {
            "section": self.section.id,
            "file": self.section.file,
            "heading_path": self.section.heading_path,
            "line_start": self.line,
            "line_end": self.line_end or self.line,
            "quote": self.shown,
        }


_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
# (Korean notes bullet with "·", "•" and "ㄴ", the last for a point under the line above)
_BULLET = re.compile(r"^([-*+・·•ㄴ]|\d{1,3}[.)])\s+")
# A task list's box after the bullet ("- [x] Rolling：…", "- [ ] …"): a ticked box means done, not wrong, so it goes
# before the line is read ("[X]" would otherwise call the line wrong, as "(X)" does, and be part of the term).
# A definition list's mark ("Immutable" / ": 既存インスタンスを…"): the line is the term's text, as an indented one is
_DEFINITION_MARK = re.compile(r"^:\s+")
_TASK_BOX = re.compile(r"^\[[ xX]\]\s+")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")
# A heading's part number: "3-2. Rolling", "3.2 Rolling", "第3章 Immutable", "제3장 롤링" (a list item's is ``_NUMBERED``)
_HEADING_NUMBER = re.compile(r"^(?:\d{1,3}(?:[-.]\d{1,3})+\.?\s+|[第제]\s?\d{1,3}\s?[章節部장절]\s*)")
_IMAGE_ONLY = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")
_RULE = re.compile(r"^\s*([-*_=])\1{2,}\s*$")
_BOLD_LINE = re.compile(r"^\*\*.*\*\*$")
_SEPARATOR = re.compile(r"(?<!https)(?<!http)(：|:(?!//)|⇒|=>)")
_PATH_PARTS = re.compile(r"\s*[›>]\s*")
_DECORATION = "●○◎■□◆◇★☆【】「」 \u3000"
# Struck text is withdrawn ("~~S3 はブロックストレージ~~ S3 はオブジェクトストレージ"): only its replacement is read, and an
# arrow that led from one to the other goes with it.
_STRUCK = re.compile(r"~~.*?~~\s*(?:→|->|⇒|=>)?\s*")
# So is text struck with HTML ("<del>…</del>", "<s>…</s>", "<strike>…</strike>") or a single tilde on each side, as GitHub
# shows "~Immutable：既存インスタンスを更新~" (not a range, "2~3회", nor a tilde ending a word, "빠름~"): read as "~~…~~".
_HTML_STRUCK = re.compile(r"<(del|s|strike)\b[^<>]{0,80}>([^<]*)</\1\s*>", re.IGNORECASE)
_TILDE_STRUCK = re.compile(r"(?<![~\w])~(?=[^\s~])([^~\n]{0,200}?[^\s~])?~(?![~\w])")
_COMMENT = re.compile(r"<!--.*?-->")
# A link reads as its text ("[All at once](https://…)：…" names All at once), not an image ("![…](…)"). Its address may
# hold a pair of brackets ("…/wiki/Foo_(bar)") and a title may follow it ("(https://… "Rolling")"). Where no link
# follows a "[", the second alternative passes over the text up to the next "]" (group 2, put back as it was): each
# "[" in it would end at the same "]" and fail the same way, and trying them all took time squared in the length of
# a line of "[" (minutes for 200 kB).
_LINK = re.compile(r"""(?<!!)\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)"""
                   r"|(?<!!)(\[[^\]\n]*)")
# A verdict the learner put before a line: one calling it wrong ("NG: …", "誤：…", "틀림: …", "WRONG: …") withdraws it, as
# "❌" and "(誤)" do; one calling it right ("✅ …", "⭕ …", "○ …", "正：…", "맞음: …", "OK: …", "(O) …") is taken off, and
# the line is read as if it were not there (else "✅ All at once" or "正" would be the term the line defines).
_WRONG_VERDICT = re.compile(r"^(?:NG|誤り?|誤答|間違い|틀림|틀린\s?것|오답|wrong|incorrect)\s*[:：]", re.IGNORECASE)
_RIGHT_VERDICT = re.compile(
    r"^(?:[✅⭕✔✓☑○◯👍](?:\s*[:：])?|(?:OK|正解?|正しい|맞음|맞는\s?것|정답|right|correct)\s*[:：]"
    r"|[（(【\[]\s*(?:O|OK|○|◯|⭕|正解?|맞음|정답)\s*[）)】\]])\s*", re.IGNORECASE)
# A claim quoted to refute it ("「Immutable は既存インスタンスを更新する」は誤り。…", "「…」는 틀린 설명이다", '"ALB works at
# layer 4" is wrong: …') is not the line's: the quote and its refutation are withdrawn, as struck text is, and the rest
# is read.
_REFUTED = re.compile(
    r"[「『“\"][^「『“\"」』”]{1,200}[」』”\"]\s*(?:(?:は|というのは|というのも|とするのは|って|는|은|이라는\s*것은|라는\s*것은"
    r"|라는\s*말은|is)\s*)?(?:誤り|間違い|まちがい|誤解|ウソ|嘘|틀린|틀렸|틀림|잘못|오해|거짓|俗説|wrong|false|incorrect|a\s+myth"
    r"|a\s+misconception)[^\s。.!！:：,、;]*(?:\s+(?:설명|말|내용|주장)[^\s。.!！:：,、;]*)?[\s。.!！:：,、;]*",
    re.IGNORECASE)
# The same without quotes: a claim followed by its refutation ("既存インスタンスを更新するというのは誤り", "…という説明は
# 間違い", "…한다는 설명은 틀렸다") or preceded by it ("It is a myth that …"). The claim runs from the sentence's start (or a
# term's colon) to the refutation, or from "that" to the end of its clause, and is withdrawn with it. Not "誤りやすい".
_REFUTES_BEFORE = re.compile(
    r"(?:と(?:いう|する)(?:の|説明|話|記述|理解|考え|主張|こと)?(?:は|も)|って(?:いう(?:の|説明)?は)?"
    # "よくある誤解" (a common misconception), "俗説" (a popular myth), "昔の話" (no longer true)
    # "…と言われるが誤り", "…と思われがちだが間違い" (said or thought, but wrong)
    r"|と\s?(?:よく\s?)?(?:言われ|いわれ|思われ|思い|考えられ|書かれ)(?:る|て(?:いる|た)|がち(?:だ|です)?|やすい)?"
    r"(?:が|けど|けれど(?:も)?)[、,]?\s*+(?:(?:それ|これ)(?:は|も)\s*+)?)\s*"
    r"(?:よくある|ありがちな)?(?:誤り|間違い|まちがい|誤解|俗説|ウソ|嘘|正しくない|間違っている|誤っている|昔の話|過去の話)"
    r"(?:だ|です|である)?(?=[\s。.!！、,:：;]|$)"
    # "이란/란" is also the topic of a definition ("Blue/Green 이란 잘못된 배포를 되돌리는 방식"): a refutation only
    # with a noun after it ("…이란 설명은 틀렸다")
    r"|(?:(?:라는|다는)\s*(?:(?:것은|건|설명은|말은|내용은|주장은|생각은)\s*)?"
    r"|(?:이란|란)\s*(?:것은|건|설명은|말은|내용은|주장은|생각은)\s*"
    # "…다고 하지만 틀린 말", '"…"고들 하는데 사실이 아님' (said, but wrong)
    r"|(?<=[다라])[\"”'’]?\s?고\s?들?\s?(?:하지만|하는데|하던데|말하지만|말하는데|알려져\s?있지만|생각하지만|생각하는데)[,，]?\s*+"
    r"(?:(?:그건|이건|그것은|이것은|그\s?말은)\s*+)?)"
    r"(?:흔한\s*)?(?:틀렸|틀린|틀림|잘못|오해|거짓|사실이\s*아(?:니|님|닙))"
    r"[^\s。.!！:：,、;]*(?:\s+(?:설명|말|내용|주장)[^\s。.!！:：,、;]*)?")
_REFUTES_AFTER = re.compile(
    r"^(?:it\s+is|it's|it\s+was)\s+(?:a\s+(?:common\s+)?(?:myth|misconception)|not\s+true|untrue|false|wrong|incorrect)"
    r"\s+that\s+[^:;.!?]*[:;.!?]?", re.IGNORECASE)
# ... or said and then called wrong: 'People often say "Rolling causes downtime", but that is wrong', "It's often said that it
# causes downtime, which is wrong" (the whole line up to the refutation; from the line's start only, so linear)
_REFUTES_SAID_EN = re.compile(
    r"^(?:(?:people|many|some|they|others|everyone)\s+(?:often\s+|commonly\s+|usually\s+|sometimes\s+)?(?:say|think|believe|claim)"
    r"|it\s+is\s+(?:often\s+|commonly\s+|sometimes\s+)?said|it's\s+(?:often\s+|commonly\s+|sometimes\s+)?said)\b[^;.!?]*?"
    # (one space before "but" or "which": a run of spaces tried at each of its places took time squared in its length)
    r"(?:,\s?|\s)(?:but\s(?:that|this|it)(?:\sis|'s)|which\sis)\s(?:wrong|false|incorrect|untrue|not\strue|a\smyth)\b"
    r"[\s.!;,]*", re.IGNORECASE)
_SENTENCE_START = re.compile(r"[。．!！?？:：]")


def _unrefuted(body):
    """``body`` without a claim it refutes in words (and the refutation), and whether it had one."""
    body, refuted = _REFUTES_AFTER.subn("", body, count=1)
    if not refuted:
        body, refuted = _REFUTES_SAID_EN.subn("", body, count=1)
    match = _REFUTES_BEFORE.search(body)
    if match:
        # the claim's sentence starts after the last sentence end (or colon) before the refutation
        starts = [found.end() for found in _SENTENCE_START.finditer(body, 0, match.start())]
        body = body[: starts[-1] if starts else 0] + body[match.end():].lstrip(" 。.!！、,;")
    return body, refuted or match is not None


# A mark that calls the line wrong ("❌ Rolling はキャパシティが減らない", "Rolling：キャパシティを維持する ❌",
# "Immutable：❌ 既存インスタンスにデプロイ", "UDP 👎", "ALB ≠ L4"): the words state the opposite of what the line means, so
# the line states nothing. "×" counts only as a mark of its own (at the start, the end or after the term), not between
# two numbers.
_DENIED = re.compile(r"[❌✗✘✖❎✕☓╳👎≠]|^[×xX]\s|^×(?!\s*\d)|\s×$|^×$|[：:⇒]\s*×\s")
# The same in words, or a mark in brackets, at the start or the end: "Rolling：キャパシティを維持する ← 間違い",
# "… （誤り）", "【誤】…", "동기 호출은 호출자가 응답을 기다린다 (X)", "← 틀린 설명". Not "間違いやすい" (easy to get wrong).
# No two runs of spaces side by side (``\s*`` before an optional word and ``\s*`` after it): a long run of
# spaces would be split between them every way, in time squared in its length (a 100 kB line took minutes).
_WRONG_WORD = (r"(?:[×xX]|誤り?|間違い|まちがい|ウソ|嘘|NG|틀림|틀린(?:\s*(?:설명|말|내용))?|오답|잘못(?:된\s*(?:설명|내용))?"
               r"|거짓|wrong)")
# The wrong word may have the line itself for its subject: "これは", "以前の説明は", "この記述は", "이건", "이전 설명은".
_THIS_LINE = (r"(?:(?:これ|この|以前の|前の|元の|最初の)?(?:説明|記述|メモ|内容)?(?:は|が)"
              r"|이건|이게|이것은|(?:이|이전|예전|원래)?\s?(?:설명|내용|메모)(?:은|는|이|가))")
_SELF_DENIED = re.compile(
    rf"^[（(【\[]\s*{_WRONG_WORD}\s*[）)】\]]"
    # at the end, after an arrow and with the fix after it too: "（←間違い）", "（→ ×、新しいインスタンス）", "(wrong! twice)",
    # "（←以前の説明は間違い、実際は減る）"
    rf"|[（(【\[]\s*(?:(?:←|<-|⇐|→|->)\s*)?(?:{_THIS_LINE}\s*)?{_WRONG_WORD}\s*(?:[!！、,，:：][^（(）)【】\[\]]{{0,80}})?"
    rf"[）)】\]][\s。.!！]*$"
    rf"|(?:←|<-|⇐)\s*(?:{_THIS_LINE}\s*)?{_WRONG_WORD}[\s。.!！]*(?:[、,，].*)?$", re.IGNORECASE)
# The learner's own verdict after an arrow to the right, at the end or before the fix ("Rolling：キャパシティを維持 → NG",
# "롤링: 용량 유지 → 아님, 용량 감소", "All at once: no downtime -> wrong, downtime occurs", "동시 실행 한도 1만 → 틀림, 1천"):
# the words before it are taken back and the fix is a fragment, so the line states nothing. Not after a question ("no
# capacity loss? -> NO, capacity is reduced" answers it: ``lexicon`` reads the answer), nor "→ X-Ray".
_ARROW_DENIED = re.compile(
    rf"(?:→|->|⇒|=>)\s*+(?:(?:{_THIS_LINE}\s*+)?(?:{_WRONG_WORD}|違う|ちがう|違います|不正解|아님|아니요|아니에요|incorrect|no(?![a-z]))"
    r"[\s。.]*+(?:[、,，:：!！].*)?|[ㄴ\u1102]{2,}(?:\s.*)?)$", re.IGNORECASE)
_ASKED_BEFORE = re.compile(r"[?？]")
# A question's mark without a colon ("Q. ダウンタイムが発生するのは？ A. All at once", "問．…", "질문. …", "Q1) …") makes the
# line a question, as "Q: …" does (its term): not a statement of the member a heading above it names
_QUESTION = re.compile(r"^(Q\d{0,3}|問題?\d{0,3}|質問|문제|질문|문|Question)\s*+[.．)）]\s*+(?=\S)", re.IGNORECASE)
# A teacher's comment after an arrow that calls the line wrong ("→ 先生：違う、ダウンタイムが発生する", "→ 선생님: 틀림,
# 10,240MB", "-> teacher: no, twice"): the learner's words are withdrawn and the fix is a fragment whose subject is
# not read, so the line states nothing. A teacher's "正解" or "OK" denies nothing.
_TEACHER_DENIED = re.compile(
    r"(?:→|->|⇒|=>|←|<-)\s*(?:先生|講師|添削|선생님|강사|교수님|teacher|instructor|tutor)\s*(?:[:：]\s*)?"
    r"(?:違う|ちがう|違います|誤り|間違い|不正解|古い|[×✕]|NG|틀림|틀렸|틀린|아니요|아니에요|아님|오답|잘못|wrong|no\b"
    r"|incorrect|outdated)"
    # the teacher confirms it: "間違いない", "誤りなし", "틀림없음", "틀린 부분 없음", "no mistakes" (bounded: linear time)
    r"(?!\s{0,3}(?:は|が)?\s{0,3}(?:ない|なし|無し|ありません)|[^\s,，、。.!！]{0,3}\s{0,3}(?:[^\s,，、。.!！]{1,4}\s{0,3})?없"
    r"|\s{1,3}(?:mistakes?|errors?|problems?|issues?)\b)", re.IGNORECASE)
# What the learner once thought, or what was once true, before what holds now ("前は Rolling でダウンタイムが発生すると
# 思っていたが、今は発生しない", "예전에는 타임아웃 최대 5분이었지만 지금은 15분", "previously 5 minutes, but now 15"), from the
# line's start or a term's colon (no colon inside, so a line of colons stays linear): the past clause is not the
# line's, and only what is left, from "今"/"지금"/"now", is read ("今は UDP に対応" under "### NLB"; before gen-1.82 the
# whole line stated nothing).
_OUTDATED = re.compile(
    r"(?:^|(?<=[:：]))\s*(?:前は|以前は|昔は|かつては|예전에는|이전에는|전에는|옛날에는|previously|formerly|it\s+used\s+to\s+be)"
    r"[^。．!！?？:：]*?(?:(?:が|けど|けれど|지만|는데|but)[\s、,，]*|[、,，]\s?)(?=今|現在|지금|현재|now\b)", re.IGNORECASE)
# A lecturer's words quoted ("강사님 왈: 올앳원스가 젤 빠름", "先生曰く：…", "teacher says: …") are the line's statement:
# the attribution goes, or it would be the term the line defines.
_SAID_BY = re.compile(r"^(?:강사님|강사|선생님|교수님|先生|講師|teacher|instructor|lecturer)\s*(?:왈|말씀|피셜|曰く|いわく|says|said)"
                      r"\s*[:：]?\s*", re.IGNORECASE)
# A line the learner marks as unsure: a question mark in brackets ("(맞나?)", "(옛날 기준인 듯?)", "(?)"), a word for "to
# check" in brackets ("(확인 필요)", "（要確認）", "(not sure)"), or a question mark at its end ("3008MB였나?"). It is still
# checked against the AWS documentation (a correction answers the learner's doubt) but is no evidence: never asked nor
# cited, and no cell of a table rests on it alone. Bounded, so linear on long lines.
_UNSURE = re.compile(
    r"[（(][^()（）]{0,20}[?？][^()（）]{0,4}[)）]|[?？]\s*$"
    r"|[（(]\s*(?:확인\s*(?:필요|요망|해야|할\s*것)|요확인|要確認|確認中|未確認|要チェック|not\s+sure|unsure|to\s+check|TBC)\s*[)）]"
    # a guess at the line's end: "…없는 듯", "…인 듯함", "…인 것 같음", "…한 거 같아요" (not "…와 같음", "the same as")
    r"|(?<=[가-힣\s])듯(?:함|하다|해요|합니다|싶음|싶다)?[\s.~]*$|(?:것|거)\s*같(?:음|다|아|아요|습니다)[\s.~]*$",
    re.IGNORECASE)
# A Markdown table row ("| All at once | なし | 減る |"): which cell belongs to which member and column is not read,
# so a row says nothing, even under a heading that names a member.
_TABLE_ROW = re.compile(r"^\|.*\|")
# A table may also be written without its outer pipes ("Rolling | なし | 減る"): its delimiter row ("--- | ---") makes
# the line above it and the lines with a pipe after it rows.
_TABLE_DELIMITER = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?$")
# A footnote's body ("[^1]: Immutable：既存インスタンスを更新する"): the learner's words, but away from the line that
# points at it, so it is checked against the AWS documentation (a wrong one is corrected) and, like an unsure line,
# never asked nor cited.
_FOOTNOTE = re.compile(r"^\[\^[^\]\s]{1,20}\]:\s*")
# A comparison line's term ("ALB vs NLB: ALBは固定IP", "올앳원스 vs 롤링: 롤링은 다운타임 O"): the clauses after it that
# start with one of the two names are that member's, checked but never asked (which words are whose is a guess).
_VERSUS = re.compile(r"^([^\s].{0,40}?)\s+(?:vs|VS|Vs|versus)\.?\s+(.{1,40})$")
_CLAUSES = re.compile(r"[、,，;；]")
# The particle after a name that starts a clause ("ALBは", "롤링은 "): a Korean one only before a space.
_TOPIC_PARTICLE = re.compile(r"^\s*(?:(?:では|[はがも]|(?:은|는|이|가|도)(?=\s))\s*)?")
# A table cell's mark, as the O/X the lexicon reads after a noun ("| ALB | ❌ |" under "고정 IP": "고정 IP X")
# (an English table says "yes" and "no": "| All at once | yes |" under "downtime" is "downtime O")
# (a check mark and "可"/"不可" too: "| パスベースルーティング | ✓ | ✗ |", "| UDP | 可 |"; "△", partly, is read as nothing)
_CELL_MARKS = {"✅": "O", "⭕": "O", "○": "O", "◯": "O", "✓": "O", "✔": "O", "可": "O", "❌": "X", "×": "X", "✕": "X",
               "✗": "X", "✘": "X", "✖": "X", "不可": "X", "yes": "O", "no": "X"}
# What a header says of its attribute after naming it ("Static IP per AZ", "固定 IP（AZ ごと）"): a cell's mark is the
# attribute's, and read right after its name ("Static IP X", not "Static IP per AZ X", where the X followed no phrase)
_HEADER_QUALIFIER = re.compile(r"\s*(?:[（(][^（()）]*[）)]|\bper\s+\w.*)$")
# A cell that says nothing ("| GWLB | L3 | - |": not applicable, not "UDP")
_EMPTY_CELL = re.compile(r"[-—–―−]+|[Nn]/?[Aa]")
# A blockquote's marks and the spaces between them, at once (one at a time copied the line each time)
_QUOTE_MARKS = re.compile(r"^[>\s]+")
# What a note's page shows as a box or a widget, not as text: a callout's "[!note]" (its title is text), and the
# tags of a <details> answer with its <summary> label ("答え"); the answer's own lines are read as any others.
_CALLOUT = re.compile(r"^\[![A-Za-z][\w-]{0,30}\][+-]?\s*")
# (a tag or a summary's text ends at the next "<" or summary tag: read to the end of the line, each unclosed one made
# a long line quadratic)
_DISCLOSURE = re.compile(r"<summary\b[^<>]*>[^<]*(?:<(?!/?summary\b)[^<]*)*</summary>|</?(?:details|summary)\b[^<>]*>",
                         re.IGNORECASE)
# A summary that is a member's name ("<details><summary>All at once</summary>") titles the answer's lines, as "**All at
# once**" on its line does, to the closing "</details>" (they were the lines above's: "ダウンタイムが発生しない" in it was
# read as the member defined before the block's)
_SUMMARY_NAME = re.compile(r"<summary\b[^<>]*>([^<]{1,80})</summary>", re.IGNORECASE)
# Inline HTML a note's page shows as formatting ("<b>Rolling</b>：…<br>"): the text is read without the tags
_INLINE_TAG = re.compile(r"</?(?:b|strong|i|em|u|mark|span|br)\b[^<>]{0,80}/?>", re.IGNORECASE)


def _unquoted(raw):
    """A line without the ``>`` marks of a blockquote."""
    body = raw.strip()
    return _QUOTE_MARKS.sub("", body, count=1) if body.startswith(">") else body


def _table_rows(lines):
    """Offsets of the lines of tables, with or without outer pipes."""
    rows, end = set(), 0
    for offset, raw in enumerate(lines):
        if offset and _TABLE_DELIMITER.match(_unquoted(raw)) and "|" in lines[offset - 1]:
            rows.add(offset - 1)
            after = max(offset, end)  # the lines before ``end`` are rows already (a delimiter among them)
            while after < len(lines) and "|" in lines[after]:
                rows.add(after)
                after += 1
            end = after
    return rows


def _cells(raw):
    """The cells of a table row, without its outer pipes."""
    body = _unquoted(raw).strip()
    return [cell.strip() for cell in body.removeprefix("|").removesuffix("|").split("|")]


def _table_headers(lines):
    """{offset of a table's body row: its table's header cells}."""
    headers = {}
    for offset, raw in enumerate(lines):
        if offset and _TABLE_DELIMITER.match(_unquoted(raw)) and "|" in lines[offset - 1]:
            header = _cells(lines[offset - 1])
            after = offset + 1
            while after < len(lines) and "|" in lines[after] and not _TABLE_DELIMITER.match(_unquoted(lines[after])):
                headers[after] = header
                after += 1
    return headers


def _row_claims(raw, header, line_no, section, heading, known_terms=frozenset()):
    """A table row read as its first cell's: "| All at once | 없음 |" under "| 정책 | 다운타임 |" is "All at once:
    다운타임 없음". A table with the members across its header ("| | All at once | Rolling |") is read the other way
    round: "| ダウンタイム | あり | なし |" is "All at once: ダウンタイム あり" and "Rolling: ダウンタイム なし". Checked
    against the AWS documentation, never asked nor cited (``unsure``): which cell is whose is a guess."""
    cells = _cells(raw)
    if len(cells) > len(header):
        return []
    names = [clean(name) for name in header[1:] if clean(name)]
    first = clean(_STRUCK.sub("", cells[0]))
    transposed = bool(first) and bool(names) and norm(first) not in known_terms and all(
        norm(name) in known_terms for name in names)
    # the members' column need not come first ("| ダウンタイム | ポリシー | キャパシティ |" / "| なし | Rolling | 維持 |"):
    # the first cell naming one is the row's subject, and the other columns are its attributes
    column = 0
    if not transposed and norm(first) not in known_terms:
        column = next((index for index, cell in enumerate(cells)
                       if norm(clean(_STRUCK.sub("", cell))) in known_terms and norm(header[index]) not in known_terms), 0)
    first = clean(_STRUCK.sub("", cells[column]))
    if not first:
        return []
    colon = "：" if section.language == "ja" else ": "
    claims = []
    for index, (name, cell) in enumerate(zip(header, cells)):
        name, cell = clean(name), clean(_STRUCK.sub("", cell))
        if index != column and (index or column) and name and cell and not _EMPTY_CELL.fullmatch(cell):
            subject, attribute = (name, first) if transposed else (first, name)
            said = _CELL_MARKS.get(cell.lower(), cell)
            read = _HEADER_QUALIFIER.sub("", attribute) or attribute if said in ("O", "X") else attribute
            claims.append(Claim("definition", subject, f"{read} {said}", line_no, section,
                                heading, unsure=True, guessed=True, written=f"{subject} — {attribute}{colon}{cell}"))
    return claims


def _versus_claims(term, separator, rest, line_no, section, heading, known_terms):
    """The clauses of a comparison line ("ALB vs NLB: ALB は L4、NLB は L7") that start with one of its two names,
    each read as that member's and never asked (``unsure``). A clause that starts with a longer name than the
    compared one ("Rolling with additional batch は …" after "Rolling vs …") is read for no one."""
    match = _VERSUS.match(term)
    if not match:
        return []
    names = {norm(name): clean(name) for name in match.groups() if norm(name)}
    longer = {said: [known for known in known_terms if len(known) > len(said) and known.startswith(said)]
              for said in names}
    claims = []
    for clause in _CLAUSES.split(rest):
        said = norm(clause)
        name = max((name for name in names if said.startswith(name)), key=len, default=None)
        if name is None or any(said.startswith(known) for known in longer[name]):
            continue
        # the clause as written from after the name (the name's characters, spaces aside)
        kept, seen = 0, 0
        while seen < len(name) and kept < len(clause):
            seen += len(norm(clause[kept]))
            kept += 1
        text = clean(_TOPIC_PARTICLE.sub("", clause[kept:], count=1))
        if text:
            written = f"{clean(term)}{separator}{clean(clause)}"  # "ALB vs NLB: ALB は L4", not "ALB: L4"
            claims.append(Claim("definition", names[name], text, line_no, section, heading, unsure=True, guessed=True,
                                written=written))
    return claims


def heading_text(text):
    """The subject a heading names: without decoration, a closing dot or a part number (``1. 빅뱅 배포``)."""
    text = text.strip().strip(_DECORATION).rstrip(".").strip()
    return clean(_HEADING_NUMBER.sub("", _NUMBERED.sub("", text, count=1), count=1))


def _indent(raw):
    width = 0
    for char in raw:
        if char == " ":
            width += 1
        elif char == "\u3000":
            width += 2
        elif char == "\t":
            width += 4
        else:
            break
    return width


def split_term(text):
    """``Term: definition`` -> (term, definition); (None, text) when the line is not one."""
    match = _SEPARATOR.search(text)
    if not match:
        return None, text
    term = text[: match.start()].strip()
    rest = text[match.end():].strip()
    if not clean(term) or len(term) > 60 or "。" in term or term.startswith(("(", "（", "例")):
        return None, text
    if term.lower().startswith(("http", "www")):
        return None, text
    return clean(term), clean(rest)


# A Japanese line ending in a particle or a comma has not finished its sentence: the next plain line goes on
# with it ("container_commands: 新バージョンの展開後に実行すべきコマンドや" / "スクリプトを指定"). So does a Korean one
# ending in a connective ("롤링 위드 배치: 추가 배치를 띄우기 때문에" / "용량이 줄어든다").
_UNFINISHED = ("や", "と", "の", "を", "に", "が", "は", "で", "、", "，", ",", "때문에", "므로", "하고", "하며", "해서")


def extract_claims(section, known_terms=frozenset()):
    """Claims of one section. ``known_terms``: normalised concept names (labels)."""
    claims = []
    stack = []  # (indent, subject, has_inline_text, children_seen)
    heading = heading_text(_PATH_PARTS.split(section.heading_path)[-1]) if section.heading_path else ""
    label = ""  # subject set by a numbered item or a label line, for the lines after it
    outer_label = ""  # the label before a numbered list: its subject again after the list
    list_item = None  # the indentation of a numbered definition's text: a bullet left of it is past its list
    after_blank = False  # a blank line just above: a paragraph left of a numbered definition's text is past its list
    under_heading = 0  # lines seen directly under the heading (the first is a definition candidate)
    previous_item = None  # subject of the bullet on the line just above (for lazy continuation lines)
    open_definition = None  # index in ``claims`` of a definition whose sentence goes on on the next line
    in_fence = in_comment = False
    lines = section.markdown.splitlines()
    table_rows = _table_rows(lines)
    table_headers = _table_headers(lines)
    # footnotes, outdated_lines, asked_lines: line -> its body as written
    unsure_lines, footnotes, outdated_lines, asked_lines = set(), {}, {}, {}
    outline, titled = [], []  # (indentation, line) of the lines the current one is nested in; those of a member's name
    details_open = False  # a <details> block titled by a member's name
    for offset, raw in enumerate(lines):
        line_no = section.line_start + offset
        stripped = raw.strip()
        if details_open and "</details>" in stripped.lower():
            details_open = False
            label = outer_label = ""
        # a code block quoted in a blockquote ("> ```yaml") is a code block too
        if _unquoted(raw).startswith(("```", "~~~")) and not in_comment:
            in_fence = not in_fence
            continue
        if not in_fence and ("<!--" in raw or in_comment):  # an HTML comment is not shown: it states nothing
            raw, in_comment = _uncommented(raw, in_comment)
            stripped = raw.strip()
        if in_fence or not stripped:
            previous_item = open_definition = None
            after_blank = not in_fence
            continue
        match = _HEADING.match(raw)
        if match and not stripped.startswith("#!"):
            heading = heading_text(match.group(2))
            stack, label, outer_label, list_item, under_heading, outline = [], "", "", None, 0, []
            continue
        if _RULE.match(stripped) or _BOLD_LINE.match(stripped):
            stack, label, outer_label, list_item = [], "", "", None
            named = clean(stripped.strip("*"))
            if _BOLD_LINE.match(stripped) and norm(named) in known_terms:
                # "**All at once**" titles the lines after it, as "All at once" alone on its line does (they were
                # read as the heading's: "### Rolling" / "**All at once**" / "- ダウンタイムなし" was Rolling's)
                label = outer_label = named
                claims.append(Claim("label", named, named, line_no, section, heading))
            continue
        indent = _indent(raw)
        while outline and outline[-1][0] >= indent:
            outline.pop()
        nested_in = [line for _, line in outline]
        outline.append((indent, line_no))
        summary = _SUMMARY_NAME.search(stripped)
        if summary and norm(clean(summary.group(1))) in known_terms:
            named = clean(summary.group(1))
            stack, label, outer_label, list_item = [], named, named, None
            details_open = "</details>" not in stripped.lower()
            claims.append(Claim("label", named, named, line_no, section, heading))
        body = _DISCLOSURE.sub("", _CALLOUT.sub("", _unquoted(stripped), count=1)).strip()
        body = _INLINE_TAG.sub("", _HTML_STRUCK.sub(r"~~\2~~", body)).strip()
        if _TABLE_ROW.match(body) or offset in table_rows:
            previous_item = open_definition = None
            if offset in table_headers:
                claims.extend(_row_claims(body, table_headers[offset], line_no, section, heading, known_terms))
            continue
        if _FOOTNOTE.match(body):
            body = _FOOTNOTE.sub("", body, count=1)
            footnotes[line_no] = ""
        numbered = _NUMBERED.match(body)
        bulleted = bool(_BULLET.match(body))
        if list_item is not None and (bulleted or after_blank) and not numbered and indent < list_item:
            # "3. Immutable：…" / "- ダウンタイムが発生する": the bullet is not nested under the item (Markdown nests
            # it only at the item's text's indentation), so it is the heading's, not the list's last member's; nor is
            # a paragraph after a blank line (only a line right below the item's goes on with its text)
            label, list_item = outer_label, None
        after_blank = False
        body = _LINK.sub(r"\1\2", _BULLET.sub("", _DEFINITION_MARK.sub("", body, count=1), count=1))
        body = _TILDE_STRUCK.sub(lambda found: f"~~{found.group(0)[1:-1]}~~", body) if "~" in body else body
        struck_out = "~~" in body
        body = _STRUCK.sub("", body).strip().lstrip("※").strip()
        if bulleted:
            body = _TASK_BOX.sub("", body, count=1)
        withdrawn = bool(_WRONG_VERDICT.match(body)) or (struck_out and not body)
        body = _RIGHT_VERDICT.sub("", body, count=1)
        body = _SAID_BY.sub("", body, count=1)
        if _QUESTION.match(body):
            asked_lines[line_no] = clean(body)  # what a correction quotes: the line as written ("Q. …", not "Q: …")
            body = _QUESTION.sub(r"\1: ", body, count=1)
        if _UNSURE.search(body):
            unsure_lines.add(line_no)
        body, refuted = _REFUTED.subn("", body)
        body, refuted_in_words = _unrefuted(body)
        body = body.strip(" 。.、,:：;") if refuted or refuted_in_words else body
        if not withdrawn and (not body or _IMAGE_ONLY.match(body) or body.lower().startswith(("http://", "https://", "!["))):
            continue
        if not withdrawn and (outdated := _OUTDATED.search(body)):
            # only what holds now is the line's: "以前は UDP 非対応だったが、今は UDP に対応" says "今は UDP に対応", checked
            # (and corrected as the line written) but, its subject perhaps left behind, never asked nor cited
            outdated_lines[line_no] = clean(body)
            body = body[:outdated.start()] + body[outdated.end():]
        arrow_denied = (arrow := _ARROW_DENIED.search(body)) is not None and not _ASKED_BEFORE.search(body, 0, arrow.start())
        if withdrawn or arrow_denied or _DENIED.search(body) or _SELF_DENIED.search(body) or _TEACHER_DENIED.search(body):
            # it may head bullets of its own: they are withdrawn with it (a struck-out "~~Immutable~~" with its
            # bullets), not read as the line above's
            while stack and stack[-1][0] >= indent:
                stack.pop()
            stack.append([indent, None, True, 0])
            previous_item = open_definition = None
            continue
        continuation = previous_item if not bulleted and not numbered else None
        previous_item = None
        unfinished, open_definition = open_definition, None
        text = clean(body)
        if not text:
            continue
        if line_no in footnotes:
            footnotes[line_no] = text
        if unfinished is not None and not bulleted and not numbered and split_term(text)[0] is None:
            before = claims[unfinished]
            joined = before.text + ("" if section.language == "ja" else " ") + text
            claims[unfinished] = replace(before, text=joined, line_end=line_no)
            open_definition = unfinished if text.endswith(_UNFINISHED) else None
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stack and stack[-1][1] is None:  # under a withdrawn line
            stack.append([indent, None, True, 0])
            continue
        if numbered:
            # "1. All at once：ダウンタイムなし" defines its term, as a bullet would; the lines after it are the term's
            term, rest = split_term(text)
            label, stack = (term, []) if term is not None else (text, [])
            # a definition is an item of a list, which the bullets after it at its level are not part of; an item
            # with no text of its own ("1. 빅뱅 배포", "3. Immutable：") titles the lines after it, however indented
            list_item = indent + numbered.end() if term is not None and rest else None
            claims.append(Claim("definition", term, rest, line_no, section, heading) if term is not None and rest
                          else Claim("label", label, label, line_no, section, heading))
            if term is not None and rest.endswith(_UNFINISHED):
                open_definition = len(claims) - 1
            continue
        if norm(text) in known_terms:
            if not bulleted and indent <= 1:
                label, outer_label, list_item, stack = text, text, None, []
            else:
                stack.append([indent, text, False, 0])
                titled.append(nested_in)
            claims.append(Claim("label", text, text, line_no, section, heading))
            continue
        if continuation:
            claims.append(Claim("property", continuation, text, line_no, section, heading, "", False))
            previous_item = continuation
            continue
        term, rest = split_term(text)
        parent = stack[-1][1] if stack else label
        if bulleted:
            previous_item = term if term is not None else text
        if term is not None:
            separator = _SEPARATOR.search(text).group(1)
            separator = separator if separator == "：" else separator + " "
            versus = _versus_claims(term, separator, rest, line_no, section, heading, known_terms) if rest else []
            if versus:
                claims.extend(versus)
            elif rest:
                claims.append(Claim("definition", term, rest, line_no, section, heading, parent))
                if rest.endswith(_UNFINISHED):
                    open_definition = len(claims) - 1
            stack.append([indent, term, bool(rest), 0])
            continue
        if stack:
            entry = stack[-1]
            entry[3] += 1
            first = entry[3] == 1 and not entry[2]
            grand = stack[-2][1] if len(stack) > 1 else label
            claims.append(Claim("property", entry[1], text, line_no, section, heading, grand, first))
            # a sub-heading naming another concept ("NLB の特徴", "NLB との違い" under "ALB"): the lines under it may be
            # either one's, so they state nothing
            said = norm(text)
            if any(said.startswith(known) and not norm(entry[1]).startswith(known) for known in known_terms):
                stack.append([indent, None, True, 0])
        elif label:
            claims.append(Claim("property", label, text, line_no, section, heading, "", False))
        else:
            under_heading += 1
            claims.append(Claim("property", heading, text, line_no, section, heading, "", under_heading == 1))
    claims = _without_titles(claims, titled)
    claims = [replace(c, unsure=True) if c.line in unsure_lines or c.line_end in unsure_lines else c for c in claims]
    claims = [replace(c, unsure=True, written=outdated_lines[c.line]) if c.line in outdated_lines else c for c in claims]
    claims = [replace(c, written=asked_lines[c.line]) if c.line in asked_lines and not c.written else c for c in claims]
    claims = [replace(c, unsure=True, guessed=True, written=footnotes[c.line]) if c.line in footnotes else c
              for c in claims]
    return _mark_label_children(claims)


def _without_titles(claims, titled):
    """``claims`` without those of the lines a member's name is nested under ("- Load balancers" / "  - Layer 4" /
    "    - NLB" after "ALB" on its own line): they title a group of members, they say nothing of the subject above
    them ("Layer 4" was read as ALB's and corrected). A member's own name ends the climb: the lines above it are
    its, or its group's."""
    names = {c.line for c in claims if c.kind == "label"}
    titles = set()
    for nested_in in titled:
        for line in reversed(nested_in):
            if line in names:
                break
            titles.add(line)
    return [c for c in claims if not (c.kind == "property" and c.line in titles)]


def _uncommented(raw, in_comment):
    """``raw`` without the parts inside an HTML comment, and whether a comment is still open at its end."""
    if in_comment:
        if "-->" not in raw:
            return "", True
        raw = raw.split("-->", 1)[1]
    # no comment closes past the last "-->": each "<!--" there would be searched to the end of the line, in
    # time squared in its length (a 100 kB line of them took minutes)
    closed = raw.rfind("-->") + 3
    raw = _COMMENT.sub("", raw[:closed]) + raw[closed:] if closed > 2 else raw
    if "<!--" in raw:
        return raw.split("<!--", 1)[0], True
    return raw, False


def _mark_label_children(claims):
    """The first property directly after a label (same subject) is a definition candidate."""
    seen = set()
    result = []
    for claim in claims:
        if claim.kind == "label":
            seen.discard(claim.subject)
        elif claim.kind == "property" and not claim.first and claim.subject and not claim.parent:
            key = (claim.subject, claim.section.id, claim.section.heading_path)
            if key not in seen and any(
                c.kind == "label" and c.subject == claim.subject for c in result[-3:]
            ):
                claim = Claim("property", claim.subject, claim.text, claim.line, claim.section,
                              claim.heading, claim.parent, True, unsure=claim.unsure, guessed=claim.guessed,
                              written=claim.written)
            seen.add(key)
        result.append(claim)
    return result
