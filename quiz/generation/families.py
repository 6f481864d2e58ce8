"""Concept families and their attribute tables, built from claims.

A claim belongs to a family member when its subject (or the start of its text, or the
whole of a label line) is one of the member's aliases and the section mentions one of the
family's anchors. The lexicon turns the claim's wording into attribute values.

Then, for each family:

1. a note value that the curated reference contradicts is dropped and becomes a
   ``contradiction`` issue plus a correction on its section;
2. a claim in wording from another cloud provider is dropped the same way;
3. two different note values for one member and attribute: neither is used (the cell
   stays unknown) and a ``conflict`` issue is recorded;
4. a cell no note states may be filled from the reference (with its documentation URL);
   otherwise it stays unknown. Unknown is not false.
"""

import hashlib
import re
from dataclasses import dataclass, field

from . import templates as T
from .claims import Claim
from .text import latin_words, norm


@dataclass
class Cell:
    values: frozenset
    origin: str  # "note" or "reference"
    claims: tuple = ()
    url: str = ""
    title: str = ""


@dataclass
class Table:
    family: object  # reference.Family
    cells: dict = field(default_factory=dict)  # (member, attribute) -> Cell
    definitions: dict = field(default_factory=dict)  # member -> [Claim]
    statements: dict = field(default_factory=dict)  # member -> [(Claim, attribute, value)]
    claims: dict = field(default_factory=dict)  # member -> [Claim] (every claim about it)
    blocked: set = field(default_factory=set)  # (member, attribute) points not to be asked
    doubtful: set = field(default_factory=set)  # (file, line) of claims a correction or conflict covers
    lexicon: object = None  # what each observation means (Lexicon.truth); None: a value holds for itself only
    checked_numbers: set = field(default_factory=set)  # (file, line, digits) a reference number confirmed (``numerics``)

    def exclude_lines(self, lines):
        """Never ask these (file, line) claims: a correction covers them."""
        if not lines:
            return
        self.doubtful = set(self.doubtful) | set(lines)
        for member, items in self.definitions.items():
            self.definitions[member] = [c for c in items if (c.section.file, c.line) not in lines]
        for member, items in self.statements.items():
            self.statements[member] = [i for i in items if (i[0].section.file, i[0].line) not in lines]
        for key, cell in list(self.cells.items()):
            if cell.origin == "note" and any((c.section.file, c.line) in lines for c in cell.claims):
                del self.cells[key]
                self.blocked.add(key)

    def value(self, member, attribute):
        cell = self.cells.get((member, attribute))
        return cell.values if cell else None

    def satisfies(self, member, attribute, value):
        """True / False when known, None when the notes and reference do not say."""
        values = self.value(member, attribute)
        if values is None:
            return None
        if self.lexicon is not None:
            return self.lexicon.truth(attribute, value, values)
        return value in values


def _key(*parts):
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:40]


def name_candidates(text):
    """Ways a subject may name a concept: whole, without parentheses, inside them."""
    text = text.strip()
    names = {text}
    for opening, closing in (("(", ")"), ("（", "）")):
        if opening in text:
            head, _, tail = text.partition(opening)
            names.add(head.strip())
            names.add(tail.split(closing)[0].strip())
    for separator in (",", "、"):  # "Blue-green, Red-black, A/B 배포"
        if separator in text:
            names.update(part.strip() for part in text.split(separator))
    return {norm(name) for name in names if name}


def bracketed_aside(text, reference):
    """Names inside brackets that are an aside, not the subject's other name: the words before the bracket begin
    with another concept's name ("X-Ray 샘플링 (API Gateway)" is X-Ray's sampling, seen from API Gateway), so
    the bracket does not make the subject the concept it names ("Network Load Balancer(NLB)" still does)."""
    aside = set()
    for opening, closing in (("(", ")"), ("（", "）")):
        if opening not in text:
            continue
        head, _, tail = text.partition(opening)
        head, inside = norm(head), norm(tail.split(closing)[0])
        named_inside = set(reference.alias_index.get(inside, ()))
        named_before = {pair for alias, pairs in reference.alias_index.items()
                        if len(alias) >= 2 and head.startswith(alias) for pair in pairs}
        if named_inside and named_before and named_before.isdisjoint(named_inside):
            aside.add(inside)
    return aside


# After a member's name, the words that make it the topic of what follows ("NLB は", "동기 호출은", "ALB:", "ALB = L7").
_TOPIC = ("は", "も", "って", "는", "은", "도", "이", "가", ":", "=")
# Where a line goes on to another clause: a comma, or a conjunctive ending and a space ("ALB 는 7계층이고 NLB 는 4계층",
# "ALB 는 L7 이지만 NLB 는 L4", "ALB は L7 で NLB は L4").
_CLAUSE = re.compile(r"[、，,;；]|(?<=\S)(?:이고|이며|이지만|지만|는데|고|며)\s+|\s*(?:であり|だが|ですが|けど|で)\s+")
_LATIN_TERM = re.compile(r"[a-z][a-z0-9]*(?:[.\-][a-z0-9]+)*")  # an alias in Latin script: matched as a whole word


def named_alias(text, reference, after=_TOPIC, latin=False):
    """The longest alias (normalised) ``text`` starts with, followed by one of ``after`` (a topic particle, or for
    ``latin`` aliases only an English verb); "" when none."""
    head, index = norm(text), reference.alias_index
    # by prefix lookup, longest first (each alias in turn took a clause's time times the aliases: 50,000 clauses of a
    # line of commas took 7 s)
    for size in range(min(len(head), reference.longest_alias), 1, -1):
        alias = head[:size]
        if alias in index and head[size:].startswith(after) and (not latin or _LATIN_TERM.fullmatch(alias)):
            return alias
    return ""


def named_topic(text, reference):
    """[(family id, member id)] of the longest alias ``text`` starts with, followed by a topic particle."""
    best = named_alias(text, reference)
    return list(reference.alias_index.get(best, ())) if best else []


def names_another(rest, family_id, member_id, reference):
    """Whether ``rest`` (normalised text) names a member of the family other than ``member_id``."""
    latin = latin_words(rest)
    return any(
        (alias in latin if _LATIN_TERM.fullmatch(alias) else alias in rest)
        for alias, pairs in reference.alias_index.items()
        if len(alias) >= 2 and any(f == family_id and m != member_id for f, m in pairs))


# English: a clause after "and", "but", "while" or "whereas" whose subject is a member ("ALB is layer 7 and NLB is
# layer 4"): the name followed by a verb, as a particle follows it in Japanese and Korean.
_EN_CLAUSE = re.compile(r"\s(?:and|but|while|whereas)\s", re.IGNORECASE)
_EN_TOPIC = ("is", "are", "was", "has", "have", "does", "uses", "works", "runs", "supports", "operates")


def _named_subject_en(clause, reference):
    """[(family id, member id)] of the longest Latin alias ``clause`` starts with, followed by a verb."""
    best = named_alias(clause, reference, after=_EN_TOPIC, latin=True)
    return list(reference.alias_index.get(best, ())) if best else []


# Values paired with names in order ("Immutalbe と All at once はそれぞれダウンタイムなし、ダウンタイムあり", "롤링과 올앳원스는
# 각각 …", "… and …, respectively"): which value is whose is not read (a misspelt name is no name at all)
_RESPECTIVELY = re.compile(r"それぞれ|各々|各自|각각|respectively", re.IGNORECASE)
# An aside in brackets that opens with another member's name ("新規インスタンスへのデプロイ（Rolling は既存インスタンスを更新）",
# "용량 감소 (롤링 위드 배치는 용량 유지)", "capacity is reduced (Rolling with additional batch keeps full capacity)")
_ASIDE = re.compile(r"[(（]\s*+([^()（）]{1,80})")


def _aside_names_another(text, family_id, member_id, reference):
    """Whether a bracket in ``text`` opens with the name of a member of the family other than ``member_id``, with words
    after it: the aside is about that one."""
    for found in _ASIDE.finditer(text):
        head = norm(found.group(1))
        alias = _longest_alias(head, reference, minimum=2)
        if alias and len(head) > len(alias) + 1 and any(
                f == family_id and m != member_id for f, m in reference.alias_index[alias]) and not any(
                f == family_id and m == member_id for f, m in reference.alias_index[alias]):
            return True
    return False


def compares(claim, family_id, member_id, reference):
    """Whether the line goes on to another member of the family after a comma or a conjunctive ending ("NLB は固定IP、
    ALB はパスベースルーティング", "ワーカー環境は SQS …し、ウェブサーバー環境は ELB …", "ALB 는 7계층이고 NLB 는 4계층",
    "ALB is layer 7 and NLB is layer 4"): its words are about two members, and which words belong to which is not
    read, so it states nothing about either."""
    clauses = [*_CLAUSE.split(claim.text)[1:], *_EN_CLAUSE.split(claim.text)[1:]]
    for clause in clauses:
        for other_family, other in [*named_topic(clause, reference), *_named_subject_en(clause, reference)]:
            if other_family == family_id and other != member_id:
                return True
    # ... or in a bracket, or the line gives several members their values in order: which words are whose is not read
    if _RESPECTIVELY.search(claim.text) and names_another(norm(claim.text), family_id, member_id, reference):
        return True
    return _aside_names_another(claim.text, family_id, member_id, reference)


# Between two names, the words that list them ("ALB/NLB", "NLB・ALB", "ALB.NLB", "ALB と NLB", "ALB 와 NLB"),
# normalised (no spaces).
_LIST = ("/", "・", ".", "&", "+", "および", "と", "や", "와", "과", "및", "and")


def _longest_alias(head, reference, minimum=3):
    """The longest alias (normalised) ``head`` starts with; "" when none."""
    index = reference.alias_index
    for size in range(min(len(head), reference.longest_alias), minimum - 1, -1):  # longest first
        if head[:size] in index:
            return head[:size]
    return ""


def lists_members(head, family_id, reference):
    """Whether ``head`` (normalised) starts with two or more members of the family in a list ("ALB/NLB は L7",
    "NLB・ALB は固定 IP", "ALB 와 NLB 는 4계층"): the words are about each of them or about none, and which is not
    read, so the line states nothing about any."""
    first = _longest_alias(head, reference, minimum=2)
    if not first or not any(f == family_id for f, _ in reference.alias_index[first]):
        return False
    rest = head[len(first):]
    for separator in _LIST:
        if rest.startswith(separator):
            second = _longest_alias(rest[len(separator):], reference, minimum=2)
            if second and any(f == family_id for f, _ in reference.alias_index[second]) and (
                    set(reference.alias_index[second]) != set(reference.alias_index[first])):
                return True
    return False


# After a member's name, words that set it apart from what the line says ("All at once を除き、ダウンタイムは発生しない",
# "All at once 以外は…", "All at once 를 제외하고는 …"): the line is about the other members, normalised.
_EXCEPT = ("を除き", "を除いて", "を除けば", "を除く", "以外", "를제외", "을제외", "은제외", "는제외", "외에는", "외의", "말고", "빼고")


def excepts(head, reference):
    """Whether ``head`` (normalised) starts with a member's name that the line excepts from what it says: it states
    nothing about that member, and which of the others it means is not read."""
    alias = _longest_alias(head, reference, minimum=2)
    return bool(alias) and head[len(alias):].startswith(_EXCEPT)


# After a member's name, words that set it apart from the member named next ("ALB と違い NLB は固定 IP を持つ", "NLB 와
# 달리 ALB 는 …"), or "unlike" before it ("Unlike ALB, NLB supports UDP"): the line is about the second, normalised.
# So does a name denied before another ("Immutable ではなく Rolling が既存インスタンスを更新する", "롤링이 아니라 이뮤터블이 …",
# "Not Immutable but Rolling updates …"): the words are the second's, never the denied one's.
_CONTRAST = ("と違い", "と違って", "とは違い", "とは違って", "と異なり", "とは異なり", "와달리", "과달리", "와는달리", "과는달리",
             "와다르게", "과다르게", "ではなくて", "ではなく", "じゃなくて", "じゃなく", "でなく", "이아니라", "가아니라", "이아니고",
             "가아니고",
             # compared with ("Immutable より速い" under "### All at once", "NLB보다 느림" under "### ALB"): the words are the
             # heading's member's, measured against the named one
             "よりも", "より", "と比べて", "と比べ", "に比べて", "に比べ", "と比較して", "보다는", "보다", "에비해", "에비하면",
             "와비교하면", "과비교하면")
_CONTRAST_EN = {"unlike": ",", "not": "but"}  # the word before the first name -> the word after it


def contrasted(head, reference):
    """(``head`` (normalised) from the member's name that a contrast with another member's name leads to, or
    ``head``; the name the line sets its words apart from, or "")."""
    english = next((word for word in _CONTRAST_EN if head.startswith(word)
                    and _longest_alias(head[len(word):], reference, minimum=2)), "")
    rest = head[len(english):]
    alias = _longest_alias(rest, reference, minimum=2)
    if not alias:
        return head, ""
    rest = rest[len(alias):]
    word = next((word for word in ((_CONTRAST_EN[english],) if english else _CONTRAST) if rest.startswith(word)), None)
    if word is None:
        return head, ""
    rest = rest[len(word):].lstrip("、,，")
    return (rest if _longest_alias(rest, reference, minimum=2) else head), alias


def _korean_topic(head, reference):
    """A two-syllable Korean name the line starts with as its topic ("롤링은 …", "빅뱅이 …"): ``_longest_alias`` wants
    three characters, as two Latin letters or kanji are often the start of another word ("環境変数"), but most Korean
    names are two syllables, and a particle after one makes it the line's subject; "" otherwise."""
    alias = named_alias(head, reference)
    return alias if len(alias) == 2 and all("가" <= ch <= "힣" for ch in alias) else ""


def begins_longer_name(alias, family_id, member_id, reference):
    """Whether another member of the family has a name that begins with ``alias`` ("Rolling" and "Rolling with
    additional batch", "롤링" and "롤링 위드 애디셔널 배치")."""
    return any(other != alias and other.startswith(alias) and any(f == family_id and m != member_id for f, m in pairs)
               for other, pairs in reference.alias_index.items())


def qualified(alias, rest, family_id, member_id, reference):
    """Whether ``alias`` is only the start of another name: it begins another member's name and more Latin words
    or a bracket follow ("Rolling w/ additional batch", "Rolling back", "Rolling（追加バッチあり）"), so it may be
    that other member, or no member."""
    if not rest or not begins_longer_name(alias, family_id, member_id, reference):
        return False
    return (rest[0].isascii() and rest[0].isalpha()) or rest[0] in "(["


def not_a_name(text, family):
    """Whether ``text`` (normalised) starts with words that begin with a member's name and name no member of the
    family (its ``not_names``: "Rolling back", "Immutable infrastructure", "Canary in a coal mine")."""
    return any(text.startswith(words) for words in family.not_names)


# After an alias that is also an everyday phrase ("한 번에 모두", "一度にすべて": the adverb "all at once"), normalised
# ("：" is ":", "（" is "("): what makes it a name. The policy noun (배포 정책, デプロイポリシー) does, デプロイ/배포 alone
# does not ("한 번에 모두 배포하면 …", "一度にすべてデプロイする" are what anyone writes), nor a subject particle
# ("한 번에 모두가" is "everyone at once", "一度にすべてが" "everything at once").
_POLICY_NOUN = re.compile(r"(?:デプロイ|배포|deployment)?(?:ポリシー|정책|polic)")
_TOPIC_PARTICLE = ("は", "는", "은")
_BRACKETS = {"(": ")", "[": "]", "【": "】"}


def phrase_use(alias, rest, pair, reference):
    """How a line uses ``alias`` when ``rest`` (normalised) follows it, for the member ``pair``: "name" (not an
    everyday phrase of that member's family; or the whole text, before a colon, the policy noun, or a bracket that
    holds another of the member's names or is followed by one of these), "topic" (before the topic particle は/는/
    은: "一度にすべてはダウンタイムが発生する" names it, "一度にすべてはデプロイしない" is "not all at once") or
    "words" (the adverb: "한 번에 모두 교체하는 빅뱅 배포는 …")."""
    if pair not in reference.phrases.get(alias, ()):
        return "name"
    if not rest or rest.startswith(":") or _POLICY_NOUN.match(rest):
        return "name"
    if rest.startswith(_TOPIC_PARTICLE):
        return "topic"
    closing = _BRACKETS.get(rest[0])
    if closing and closing in rest[1:]:
        inside, _, after = rest[1:].partition(closing)
        if pair in reference.alias_index.get(inside, ()):
            return "name"
        return "name" if phrase_use(alias, after, pair, reference) == "name" else "words"
    return "words"


def _opening_phrase(head, reference):
    """(alias, rest) for the longest everyday-phrase alias that ``head`` (normalised) starts with, or None."""
    alias = max((a for a in reference.phrases if head.startswith(a)), key=len, default="")
    return (alias, head[len(alias):]) if alias else None


def _names_used(text, names, reference):
    """``names`` (normalised candidates of ``text``) less the everyday-phrase aliases that ``text`` does not use as a
    name: a subject or label names "한 번에 모두" only when it starts with it as a name ("한 번에 모두",
    "一度にすべて（All at once）"), not "한 번에 모두(동시에) 교체"."""
    whole = norm(text)

    def used(name):
        return whole.startswith(name) and all(
            phrase_use(name, whole[len(name):], pair, reference) == "name" for pair in reference.phrases[name])

    return {name for name in names if name not in reference.phrases or used(name)}


def _phrase_context(found, head, reference):
    """``found`` once a line that starts with an everyday-phrase alias of a member M (and that M is not credited by
    name) is read: the phrase is reason to doubt the line, never alone to credit it. Where the line is another
    member's (its heading or parent bullet) it is neither's ("- Rolling:" / "  - 한 번에 모두는 교체하지 않는다": not
    all at once, or All at once compared); where it is no member's, M's only when the phrase is used as a name or a
    topic ("一度にすべてはダウンタイムが発生する" under "デプロイポリシーの比較"), not as words ("한 번에 모두 교체하는
    빅뱅 배포는 …")."""
    opening = _opening_phrase(head, reference)
    if not opening:
        return found
    alias, rest = opening
    for family_id, member_id in reference.phrases[alias]:
        if any(f == family_id and m == member_id for f, m, _ in found):
            continue
        if any(f == family_id for f, _, _ in found):
            found = [item for item in found if item[0] != family_id]
        elif phrase_use(alias, rest, (family_id, member_id), reference) in ("name", "topic"):
            found.append((family_id, member_id, "prefix"))
    return found


# A separator and the spaces around it, matched from the first space before it (or from the separator, right after
# the previous one): not from every space of a long run, which took time squared in its length.
_BRACKET_LIST = re.compile(r"(?<!\s)\s*(?:/|・|、|,|，)\s*|(?:/|・|、|,|，)\s*")


def _bracket_member(subject, reference):
    """The alias (normalised) of the member a bracket after words that name no member lists by its names alone, each an
    alias or one of its ``listed`` names ("ストリーム（Kinesis / DynamoDB Streams）": Stream polling); "" otherwise
    ("（SQS / DynamoDB Streams）" lists two members, "（Kinesis / MSK）" one and something else)."""
    for opening, closing in (("(", ")"), ("（", "）")):
        head, _, tail = subject.partition(opening)
        parts = [norm(part) for part in _BRACKET_LIST.split(tail.split(closing)[0].strip()) if part]
        if len(parts) < 2 or _longest_alias(norm(head), reference):
            continue
        named = set()
        for part in parts:
            pairs = reference.alias_index.get(part) or reference.listed_index.get(part)
            if not pairs:
                return ""
            named.update(pairs)
        if len(named) == 1:
            (family_id, member_id), = named
            return next((alias for alias in sorted(reference.families[family_id].members[member_id].normalised_aliases)
                         if reference.alias_index[alias] == [(family_id, member_id)]), "")
    return ""


def _subject_names(subject, reference):
    """The normalised names a subject gives its claims: the whole when it is an alias ("Rolling（追加バッチあり）"
    is not "Rolling"); none when it lists members ("ALB/NLB", "ELB(ALB/NLB)", "同期/非同期"); otherwise its parts,
    less a bracketed aside and a name that the bracket after it may make another member's ("Rolling (extra
    batch)")."""
    whole = norm(subject)
    if whole in reference.alias_index:
        return {whole}
    listed = _bracket_member(subject, reference)
    if listed:
        return {listed}
    names = _names_used(subject, name_candidates(subject) - bracketed_aside(subject, reference), reference)
    for name in names:
        for family_id, _ in reference.alias_index.get(name, ()):
            if lists_members(name, family_id, reference):
                return set()
        for separator in ("/", "・"):
            parts = [part for part in name.split(separator) if part in reference.alias_index]
            if len(parts) >= 2 and len({pair for part in parts for pair in reference.alias_index[part]}) >= 2:
                return set()
    for opening in ("(", "（"):
        if opening in subject:
            head, _, tail = subject.partition(opening)
            head, inside = norm(head), norm(tail.split(")")[0].split("）")[0])
            if inside not in reference.alias_index and any(
                    begins_longer_name(head, f, m, reference) for f, m in reference.alias_index.get(head, ())):
                names.discard(head)
    return names


def _latin_word(word, text):
    """Whether ``word`` (normalised) is in ``text`` (normalised) and, when Latin, not inside a longer Latin word
    ("ecs" in "ECS のデプロイ", not in "specs")."""
    return any(not (text[i - 1:i].isascii() and text[i - 1:i].isalpha())
               and not (text[i + len(word):i + len(word) + 1].isascii() and text[i + len(word):i + len(word) + 1].isalpha())
               for i in (m.start() for m in re.finditer(re.escape(word), text)))


def headed_elsewhere(section, family):
    """Whether the section's headings name another service's deployments (``family.elsewhere``: "ECS 배포 정책",
    "Kubernetes のデプロイ方法"): its lines are about that service. The nearest heading that names a service decides:
    "EB と ECS のデプロイ比較 › ECS" is ECS's, "… › Elastic Beanstalk" and "ECS vs Elastic Beanstalk" (both) the
    family's, "Kubernetes 배포 정책 › 업데이트" Kubernetes'."""
    if not family.elsewhere:
        return False
    for heading in reversed([norm(part) for part in section.heading_path.split("›")]):
        if any(_latin_word(name, heading) for name in family.own):
            return False
        if any(_latin_word(name, heading) for name in family.elsewhere):
            return True
    return False


def _section_haystack(section, cache):
    key = (section.id, section.file, section.heading_path)
    if key not in cache:
        cache[key] = norm(section.heading_path + "\n" + section.markdown)
    return cache[key]


def _neighbour_topic(head, reference):
    """Whether ``head`` (normalised) starts with a neighbour's name followed by a topic particle ("SQS も", "SQS は")."""
    return any(head.startswith(name) and head[len(name):].startswith(_TOPIC) for name in reference.neighbour_names)


def resolve_members(claim, reference, cache):
    """[(family id, member id, kind)] the claim is about; kind: subject, prefix or label."""
    found = []
    if claim.kind == "label":
        for alias in _names_used(claim.text, name_candidates(claim.text), reference):
            for pair in reference.alias_index.get(alias, ()):
                found.append((*pair, "label"))
    else:
        named_elsewhere = False  # the line starts with a name that is not (only) a member's
        unlike = ""  # the name a heading's line sets itself apart from ("Rolling と違い、…"): never what it is about
        if claim.kind == "property" and claim.subject == claim.heading:
            # "ポーリング（ストリーム）はシャード数と同じ", "NLB は固定 IP アドレスを持つ": the line names its subject
            head, unlike = contrasted(norm(claim.text), reference)
            if unlike and head == norm(claim.text) and head.startswith(unlike):  # no other name after the contrast
                # "Rolling と違い、キャパシティが減る" under "### Immutable": the words are not the named member's (they
                # are the heading's, set apart from it), so that name neither takes the line nor is its subject
                head = head[len(unlike):]
            # "Rolling with additional batch は" is not also Rolling's
            alias = _longest_alias(head, reference) or _korean_topic(head, reference)
            # an everyday phrase that is not used as a name does not name the line's subject (``_phrase_context``)
            pairs = [pair for pair in reference.alias_index.get(alias, ())
                     if phrase_use(alias, head[len(alias):], pair, reference) == "name"]
            if pairs and len(head) > len(alias) + 2:
                named_elsewhere = True
                for pair in pairs:
                    if not qualified(alias, head[len(alias):], *pair, reference):
                        found.append((*pair, "prefix"))
            elif not alias and _neighbour_topic(head, reference):
                # "SQS もストリーム型のイベントソース" under "### DynamoDB Streams": the line is about SQS, a concept the
                # reference knows only as a neighbour, and says nothing of the heading's member
                named_elsewhere = True
            if not found and not named_elsewhere:
                # "それ以外は秒間呼び出し回数…" under 同時実行数: a phrase the family lists as naming
                # several members, only under the headings given for it.
                heading = norm(claim.heading)
                for family_id, family in reference.families.items():
                    for phrase, members, headings in family.groups:
                        if head.startswith(phrase) and len(head) > len(phrase) + 2 and heading in headings:
                            found.extend((family_id, member_id, "prefix") for member_id in members)
        if not found and not named_elsewhere:
            for alias in _subject_names(claim.subject, reference):
                for pair in reference.alias_index.get(alias, ()):
                    if pair not in reference.alias_index.get(unlike, ()):
                        found.append((*pair, "subject"))
        if claim.kind == "property" and found and claim.subject != claim.heading:
            # a bullet under one member that names another of its family as its topic is about that other one
            # ("- ALB：L7 で動作する" / "  - NLB は固定 IP アドレスを持つ")
            alias = named_alias(claim.text, reference)
            rest = norm(claim.text)[len(alias):]
            named = [pair for pair in named_topic(claim.text, reference)
                     if any(pair[0] == f and pair[1] != m for f, m, _ in found)
                     and phrase_use(alias, rest, pair, reference) == "name"]
            if named:
                # ... unless it goes on to name another member ("ALB は不可だが NLB は固定IPを持てる", "ALB가 아니라
                # NLB가 고정 IP 주소를 갖는다"): which words are whose is not read, so it states nothing about either
                found = [(*pair, "prefix") for pair in named if not names_another(rest, *pair, reference)]
        if claim.kind == "property":
            found = _phrase_context(found, norm(claim.text), reference)
    haystack = _section_haystack(claim.section, cache)
    said = norm(claim.text)
    result = []
    for family_id, member_id, kind in found:
        family = reference.families[family_id]
        if not_a_name(said, family) or not_a_name(norm(claim.subject), family):
            continue
        if claim.kind == "property" and lists_members(said, family_id, reference):
            continue
        if excepts(said, reference) or excepts(norm(claim.subject), reference):
            continue
        anchors = family.anchors
        if anchors and not any(anchor in haystack for anchor in anchors):
            continue
        if headed_elsewhere(claim.section, family):
            continue
        if (family_id, member_id, kind) not in result:
            result.append((family_id, member_id, kind))
    return result


def build_tables(claims, reference, lexicon):
    """Returns (tables by family id, issues, corrections); issues and corrections are dicts."""
    tables = {family_id: Table(family, lexicon=lexicon) for family_id, family in reference.families.items()}
    issues, corrections = {}, {}
    observed = {}  # (family, member, attribute) -> {value: [Claim]}
    # (family, member, attribute, value, id(claim)) -> the other values the claim's words for ``value`` describe as well
    # (its phrases' ``also_describes``; none when one of its phrases says ``value`` alone)
    described = {}
    tainted = set()  # (file, heading_path, subject) whose children include foreign wording
    # (family, member, id(claim)): words that say less than the member's documented value (they also describe it, or
    # give one of its several values): no correction, and no definition of it either
    says_less = set()
    # (family, member, attribute, id(claim)): a value said to be the member's only one ("CLB：L7 だけ")
    said_only = set()
    cache = {}

    for claim in claims:
        marker = reference.foreign_marker(claim.text)
        if marker:
            if marker.get("kind") != "misconception":  # another provider's text: its neighbours are suspect too
                tainted.add((claim.section.file, claim.section.heading_path, claim.subject))
            _record_foreign(claim, marker, issues, corrections)

    for claim in claims:
        if reference.foreign_marker(claim.text):
            continue
        for family_id, member_id, kind in resolve_members(claim, reference, cache):
            if claim.kind != "label" and compares(claim, family_id, member_id, reference):
                continue
            table = tables[family_id]
            table.claims.setdefault(member_id, []).append(claim)
            subject_key = (claim.section.file, claim.section.heading_path, claim.subject)
            others = reference.others_named(family_id, member_id)
            set_aside = []
            if claim.kind == "label":
                matches = lexicon.match(claim.heading, family_id, others) if claim.heading else []
            else:
                matches = lexicon.match(claim.text, family_id, others, set_aside)
            if claim.kind == "definition" or (claim.kind == "property" and claim.first and kind == "subject"):
                # words read and set aside (said of a part, handed to another member, a need, a condition) are not
                # checked: a line with them is no definition ("…のは Immutable ではなく All at once", masked, says
                # Immutable has downtime)
                if subject_key not in tainted and len(claim.text) >= 8 and not set_aside:
                    table.definitions.setdefault(member_id, []).append(claim)
            for match in matches:
                said = observed.setdefault((family_id, member_id, match.attribute), {}).setdefault(
                    match.value, [])
                where = (family_id, member_id, match.attribute, match.value, id(claim))
                if match.only:
                    said_only.add((family_id, member_id, match.attribute, id(claim)))
                if not said or said[-1] is not claim:  # two phrases of one value in a line: one statement
                    said.append(claim)
                    described[where] = frozenset(match.also)
                else:
                    described[where] = described.get(where, frozenset()) & frozenset(match.also)
            if claim.kind == "property" and len(matches) == 1 and kind in ("subject", "prefix"):
                table.statements.setdefault(member_id, []).append((claim, matches[0].attribute, matches[0].value))

    for (family_id, member_id, attribute), by_value in observed.items():
        table = tables[family_id]
        family = table.family
        allowed = family.facts.get((member_id, attribute))
        if allowed is not None:
            for value in list(by_value):
                if value not in allowed:
                    # words true of the member as the AWS documentation has it ("デプロイ処理前に" of container_commands,
                    # which run after extraction and before the deployment; "full capacity" of a policy that grows it)
                    # are no correction, and no evidence of a value it does not have either
                    wrong = []
                    for claim in by_value.pop(value):
                        if lexicon.truth(attribute, value, allowed) is True:
                            continue
                        if described[(family_id, member_id, attribute, value, id(claim))] & allowed:
                            says_less.add((family_id, member_id, id(claim)))
                        else:
                            wrong.append(claim)
                    for claim in wrong:
                        _record_contradiction(table, claim, member_id, attribute, value, allowed, issues, corrections)
                    if wrong:
                        table.blocked.add((member_id, attribute))
        # a table row, a footnote or a comparison's clause is checked (above) but no party to a conflict: which cell
        # is whose is a guess, and it must not take another note's right line out of the questions
        by_value = {value: kept for value, found in by_value.items() if (kept := [c for c in found if not c.guessed])}
        # a line whose words also describe another value given here ("デプロイ処理前に" beside "展開後に") says less than
        # that one: no conflict, and no evidence of its own value
        by_value = {value: kept for value, found in by_value.items() if (kept := [
            c for c in found if not described[(family_id, member_id, attribute, value, id(c))] & (set(by_value) - {value})])}
        if not by_value:
            continue
        implied = _implying(lexicon, attribute, by_value)
        if implied is not None:  # "capacity is kept" beside "capacity grows": both true, the second says more
            by_value = {implied: by_value[implied]}
        if allowed is not None and len(allowed) > 1:
            # one or some of them said to be the only ones ("CLB：L7 だけ", "CLB: layer 4 only"): the line denies the
            # member the others, and is corrected
            given = {}
            for value, found in by_value.items():
                for claim in found:
                    given.setdefault(id(claim), (claim, set()))[1].add(value)
            wrong = [claim for claim, values in given.values()
                     if (family_id, member_id, attribute, id(claim)) in said_only and values < set(allowed)]
            for claim in wrong:
                _record_contradiction(table, claim, member_id, attribute, ",".join(sorted(given[id(claim)][1])) + " only",
                                      allowed, issues, corrections)
            if wrong:
                table.blocked.add((member_id, attribute))
                wrong_ids = {id(claim) for claim in wrong}
                by_value = {value: kept for value, found in by_value.items()
                            if (kept := [c for c in found if id(c) not in wrong_ids])}
            # values the AWS documentation gives the member together (CLB works at layers 4 and 7): lines giving them
            # ("CLB：L4 と L7", or "CLB：L4" beside "CLB：L7") do not conflict, and one giving some of them does not
            # deny it the others ("CLB：L4" alone must not make it the wrong side of "works at layer 7"). Values
            # outside the documented ones were taken out above.
            # Only a line giving all of them is evidence: "CLB：L4 のみ" is no evidence of layers 4 and 7, and the
            # reference fills the cell (below)
            whole = {id(claim) for claim in by_value.get(next(iter(allowed)), ())
                     if all(claim in by_value.get(value, ()) for value in allowed)}
            says_less.update((family_id, member_id, id(claim)) for found in by_value.values() for claim in found
                             if id(claim) not in whole)
            sure = tuple(claim for claim in by_value.get(next(iter(allowed)), ())
                         if id(claim) in whole and not claim.unsure)
            if sure:
                table.cells[(member_id, attribute)] = Cell(frozenset(allowed), "note", sure)
            continue
        if len(by_value) > 1:
            _record_conflict(table, member_id, attribute, by_value, issues)
            table.blocked.add((member_id, attribute))
            continue
        (value, value_claims), = by_value.items()
        # lines the learner marks as unsure are checked (above) and take part in a conflict, but are no evidence
        sure = tuple(claim for claim in value_claims if not claim.unsure)
        if sure:
            table.cells[(member_id, attribute)] = Cell(frozenset({value}), "note", sure)

    # Lines that a correction or a conflict covers are never asked, in any question type.
    doubtful = {(claim.section.file, claim.line) for claim in claims if claim.unsure}
    for issue in issues.values():
        for where in issue["details"].get("claims", []):
            doubtful.add((where["file"], where["line"]))
        for group in issue["details"].get("values", {}).values():
            for where in group:
                doubtful.add((where["file"], where["line"]))

    for table in tables.values():
        family = table.family
        conflicted = _conflicted(issues, family.id)
        # words that say less than the member's value ("Rolling with additional batch：既存インスタンスを更新するだけで…",
        # "CLB: layer 4 only") do not define it, and the rest of the line is not read
        for member_id, items in table.definitions.items():
            table.definitions[member_id] = [c for c in items if (family.id, member_id, id(c)) not in says_less]
        # A corrected line is no evidence for anything else it says either ("old and new coexist, so rolling
        # back is easy" must not back "old and new coexist" once its rollback half is corrected).
        table.exclude_lines(doubtful)
        for (member_id, attribute), values in family.facts.items():
            if (member_id, attribute) not in table.cells and (member_id, attribute) not in conflicted:
                url, title = family.fact_source[(member_id, attribute)]
                table.cells[(member_id, attribute)] = Cell(frozenset(values), "reference", (), url, title)
        for member_id, items in table.statements.items():
            table.statements[member_id] = [
                item for item in items
                if (member_id, item[1]) not in table.blocked
                and (item[0].section.file, item[0].line) not in doubtful
                and (table.cells.get((member_id, item[1])) or Cell(frozenset(), "")).origin == "note"
                and table.satisfies(member_id, item[1], item[2]) is not False  # words said less than the value (above)
                and (family.id, member_id, id(item[0])) not in says_less  # "L7 だけ" beside "L4 と L7" under "## CLB"
            ]
    return tables, list(issues.values()), list(corrections.values())


def _implying(lexicon, attribute, by_value):
    """The one value the notes give that makes every other given value's statement true (``satisfied_by``:
    Immutable "keeps full capacity" and "grows capacity temporarily"), or None. Such values do not conflict."""
    if len(by_value) < 2:
        return None
    for value in by_value:
        if all(lexicon.truth(attribute, other, {value}) is True for other in by_value if other != value):
            return value
    return None


def _conflicted(issues, family_id):
    return {
        (issue["member"], issue["attribute"])
        for issue in issues.values()
        if issue["kind"] == "conflict" and issue["family"] == family_id
    }


def _where(claim):
    return {"file": claim.section.file, "heading_path": claim.section.heading_path, "line": claim.line,
            "quote": claim.shown, "section": claim.section.id}


def _lines(claim):
    """The file lines a correction of ``claim`` marks on its section."""
    return {"line_start": claim.line, "line_end": claim.line_end or claim.line}


def _record_conflict(table, member_id, attribute, by_value, issues):
    key = _key("conflict", table.family.id, member_id, attribute)
    claims = [claim for group in by_value.values() for claim in group]
    issues[key] = {
        "key": key, "kind": "conflict", "family": table.family.id, "member": member_id, "attribute": attribute,
        "details": {"values": {value: [_where(c) for c in group] for value, group in by_value.items()}},
        "sections": sorted({c.section.id for c in claims if c.section.id is not None}),
    }


def _record_contradiction(table, claim, member_id, attribute, value, allowed, issues, corrections):
    family = table.family
    url, title = family.fact_source[(member_id, attribute)]
    correction = family.corrections.get((member_id, attribute)) or {}
    text = {lang: correction[lang] for lang in ("ja", "ko", "en") if correction.get(lang)} or _documented(
        table, member_id, attribute, allowed)
    url = correction.get("url", url)
    title = correction.get("title", title)
    key = _key("contradiction", family.id, member_id, attribute, claim.section.file, claim.line)
    issue = issues.setdefault(key, {
        "key": key, "kind": "contradiction", "family": family.id, "member": member_id, "attribute": attribute,
        "details": {"note_value": value, "reference_values": sorted(allowed), "claims": [],
                    "reference_url": url, "reference_title": title},
        "sections": [],
    })
    issue["details"]["claims"].append(_where(claim))
    if claim.section.id is not None and claim.section.id not in issue["sections"]:
        issue["sections"].append(claim.section.id)
    ckey = _key("correction", family.id, member_id, attribute, claim.line)
    corrections[(claim.section.file, claim.section.heading_path, ckey)] = {
        "section": claim.section.id, "file": claim.section.file, "heading_path": claim.section.heading_path,
        "key": ckey, "claim": claim.shown, "correction": text, "reference_url": url, "reference_title": title,
        **_lines(claim),
    }


def _documented(table, member_id, attribute, allowed):
    """{lang: text}: what the AWS documentation says of ``member_id`` (its values for ``attribute``) in the
    lexicon's words. A learner reads it on the section, in their language, under the struck-out note line."""
    name = table.family.members[member_id].name
    text = {}
    for lang in T.LANGUAGES:
        traits = [table.lexicon.trait(attribute, v, lang) for v in sorted(allowed)] if table.lexicon else []
        if traits and all(traits):
            text[lang] = T.render(T.DOCUMENTED[lang], lang, name=name, traits=T.join_traits(traits, lang))
    values = ", ".join(sorted(allowed))
    return text or {"en": f"The AWS documentation says {name} has {attribute} = {values}."}


def _record_foreign(claim, marker, issues, corrections):
    key = _key("foreign", claim.section.file, claim.section.heading_path, claim.line)
    issues[key] = {
        "key": key, "kind": "contradiction", "family": "", "member": claim.subject[:200], "attribute": "provider",
        "details": {"claims": [_where(claim)],
                    "reason": marker.get("reason") or "wording from another cloud provider",
                    "reference_url": marker["url"], "reference_title": marker.get("title", "")},
        "sections": [claim.section.id] if claim.section.id is not None else [],
    }
    ckey = _key("foreign-correction", claim.line, norm(claim.text)[:80])
    corrections[(claim.section.file, claim.section.heading_path, ckey)] = {
        "section": claim.section.id, "file": claim.section.file, "heading_path": claim.section.heading_path,
        "key": ckey, "claim": claim.shown, "correction": marker["correction"],
        "reference_url": marker["url"], "reference_title": marker.get("title", ""), **_lines(claim),
    }


def all_claims(sections, reference):
    from .claims import extract_claims

    claims: list[Claim] = []
    for section in sections:
        claims.extend(extract_claims(section, reference.known_terms))
    return claims
