"""The curated reference: families, members, AWS documentation facts. Data in fixtures/reference.yaml."""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .text import latin_words, norm

REFERENCE_PATH = Path(__file__).resolve().parents[2] / "fixtures" / "reference.yaml"


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    aliases: tuple
    topic: str = ""
    # words that give the member away in a definition without naming it (its katakana, a word of its name
    # in another form): "パッケージ" for packages, "Delete" for DeletionPolicy. Masked in its definition ->
    # term stems; a term -> definition key that uses one is a tell (validator ``word_tell``).
    tells: tuple = ()
    # the wrong options of its definition -> term questions, most tempting first: ids of other members of the
    # family or of ``neighbours`` (concepts of the same area from the AWS documentation). Set where the family's
    # own members are not plausible beside it (a grab-bag of services); else any members are drawn.
    neighbours: tuple = ()
    # what it is according to the AWS documentation (language -> one sentence) and that page: said of it where
    # it is offered as a neighbour and the notes do not define it
    is_: tuple = ()  # ((language, sentence), ...)
    url: str = ""
    title: str = ""
    # normalised names that stand for it only in a list of them in a bracket after words naming no member (its event
    # sources: "ストリーム（Kinesis / DynamoDB Streams）"), not aliases: "Kinesis：順序性の保証" is not its line
    listed: tuple = ()

    @property
    def normalised_aliases(self):
        return _normalised_names(self.name, self.aliases)


@lru_cache(maxsize=4096)
def _normalised_names(name, aliases):
    """A member's (or neighbour's) normalised names, computed once: generation asks for them per claim and per
    member (a third of its time on 300 synthetic files before this cache)."""
    return frozenset(norm(alias) for alias in (name, *aliases))


@dataclass(frozen=True)
class Neighbour:
    """A concept only ever offered as a wrong option, never asked: its name, and what it is according to the AWS
    documentation page it comes from (the option's explanation quotes it)."""
    id: str
    name: str
    aliases: tuple
    is_: dict  # language -> one sentence
    url: str
    title: str
    # words that point at it in a member's definition ("可視性タイムアウト" at Amazon SQS): a definition -> term question
    # offering it beside a definition that uses one is refused (``Family.pointers``, ``definition_points_to_distractor``)
    tells: tuple = ()

    @property
    def normalised_aliases(self):
        return _normalised_names(self.name, self.aliases)


@dataclass
class Family:
    id: str
    topic: str
    topic_name: str
    domain: str
    name: dict
    context: dict
    ask: dict
    anchors: tuple
    # who the single-answer scenario's observations are about, where the context leaves it open ("このロードバランサーは、")
    lead: dict = field(default_factory=dict)
    lead_many: dict = field(default_factory=dict)  # the lead of a "choose two" stem: about each answer
    # ja/ko: a sentence saying the observations as a clause before what is needed ("{clause}キーが必要です。"), in place
    # of the leads where a lead would make that thing the subject of a requirement (templates.describe)
    need: dict = field(default_factory=dict)
    # ja/ko: the same clause before a "choose two" stem's question ("{clause}キーはどれですか？"): "a key is needed" would
    # ask for one key and then for two
    need_many: dict = field(default_factory=dict)
    # True where the members differ by behaviour the lexicon models (deployment policies, load balancers): a
    # definition line the lexicon reads no value from is neither asked nor offered (``builders.definitions``)
    read_definitions: bool = False
    # normalised words that begin with a member's name and name no member ("Rolling back", "Immutable
    # infrastructure", "Canary in a coal mine"): a line that starts with one is about none of the family
    not_names: tuple = ()
    # normalised aliases that are also everyday words ("한 번에 모두", "一度にすべて", the adverb "all at once"): they
    # name their member only where a line uses them as a name (``families.used_as_name``)
    phrase_aliases: frozenset = frozenset()
    # normalised names of other services whose deployments share the members' words ("ECS 배포 정책", "Kubernetes の
    # デプロイ方法": 롤링, ローリング, 한 번에 모두): a section whose headings name one of them, and none of ``own``, is
    # about none of the family, whatever generic anchor ("배포 정책", "デプロイ方法") it has
    elsewhere: tuple = ()
    own: tuple = ()  # normalised names that keep such a section the family's ("ECS vs Elastic Beanstalk")
    members: dict = field(default_factory=dict)  # id -> Member, in order
    facts: dict = field(default_factory=dict)  # (member, attribute) -> set of values
    fact_source: dict = field(default_factory=dict)  # (member, attribute) -> (url, title)
    corrections: dict = field(default_factory=dict)  # (member, attribute) -> {lang: text, url, title}
    groups: tuple = ()  # (normalised phrase, member ids, normalised headings): a line naming several members
    neighbours: dict = field(default_factory=dict)  # id -> Neighbour, those its members name
    # id (member or neighbour) -> normalised words that point at it in a definition (``_set_pointers``)
    pointers: dict = field(default_factory=dict)

    def topic_for(self, member_id):
        member = self.members.get(member_id)
        return (member.topic if member and member.topic else self.topic)


@dataclass
class NumberFact:
    id: str
    family: str
    member: str
    topic: str
    pattern: re.Pattern
    value: int
    unit: dict
    wrong: list
    stem: dict
    explain: dict
    url: str
    title: str
    ask: bool = True  # False: the number only checks notes (a wrong one is corrected) and is not asked
    # normalised words one of which the line's section (heading path or text) must use for the number to be
    # read there ("タイムアウト最大5分" is Lambda's timeout only in a section about Lambda); empty: any section
    anchors: tuple = ()
    label: dict = field(default_factory=dict)  # {ja, ko, en}: what the number is, for instructor screens
    # normalised names of a variant the number does not hold for (Lambda Managed Instances have other limits): a line
    # that uses one, or under a heading that does, is not read for it
    elsewhere: tuple = ()
    # normalised names of the number's own service where it has no ``anchors`` (Lambda's throttling status): a heading
    # naming one below a heading naming a variant ("API Gateway と Lambda › Lambda スロットリング") is the service's
    own: tuple = ()
    adjustable: bool = False  # a default quota AWS raises on request: a line saying it cannot be raised is no evidence


class Reference:
    def __init__(self, data):
        self.checked = data.get("checked")  # a date: the facts' last check against the AWS documentation
        self.families = {}
        for family_id, spec in (data.get("families") or {}).items():
            family = Family(
                id=family_id,
                topic=spec.get("topic", family_id),
                topic_name=spec.get("topic_name", family_id),
                domain=spec.get("domain", "general"),
                name=spec.get("name", {}),
                context=spec.get("context", {}),
                ask=spec.get("ask", {}),
                lead=spec.get("lead") or {},
                lead_many=spec.get("lead_many") or spec.get("lead") or {},
                need=spec.get("need") or {},
                need_many=spec.get("need_many") or {},
                anchors=tuple(norm(a) for a in spec.get("anchors") or ()),
                read_definitions=bool(spec.get("read_definitions", False)),
                not_names=tuple(norm(n) for n in spec.get("not_names") or ()),
                phrase_aliases=frozenset(norm(n) for n in spec.get("phrase_aliases") or ()),
                elsewhere=tuple(norm(n) for n in (spec.get("elsewhere") or {}).get("names") or ()),
                own=tuple(norm(n) for n in (spec.get("elsewhere") or {}).get("unless") or ()),
            )
            family.groups = tuple(
                (norm(group["phrase"]), tuple(group["members"]), tuple(norm(h) for h in group.get("headings") or ()))
                for group in spec.get("groups") or ()
            )
            for member in spec.get("members") or ():
                family.members[member["id"]] = Member(
                    member["id"], member["name"], tuple(member.get("aliases") or ()), member.get("topic", ""),
                    tuple(member.get("tells") or ()), tuple(member.get("neighbours") or ()),
                    tuple(sorted((member.get("is") or {}).items())), member.get("url", ""), member.get("title", ""),
                    tuple(norm(name) for name in member.get("listed") or ()),
                )
            named = {alias for member in family.members.values() for alias in member.normalised_aliases}
            unknown = family.phrase_aliases - named
            if unknown:
                raise ValueError(f"{family_id}: phrase_aliases that are no member's alias: {sorted(unknown)}")
            self.families[family_id] = family
        self.neighbours = {
            item["id"]: Neighbour(item["id"], item["name"], tuple(item.get("aliases") or ()), dict(item["is"]),
                                  item["url"], item.get("title", ""), tuple(item.get("tells") or ()))
            for item in data.get("neighbours") or ()
        }
        for family in self.families.values():
            for member in family.members.values():
                for other in member.neighbours:
                    if other in family.members:
                        continue
                    if other not in self.neighbours:
                        raise ValueError(f"{family.id}.{member.id}: unknown neighbour {other!r}")
                    family.neighbours[other] = self.neighbours[other]
        self._set_pointers()
        for fact in data.get("facts") or ():
            family = self.families[fact["family"]]
            for member_id, values in (fact.get("values") or {}).items():
                for attribute, value in values.items():
                    vals = value if isinstance(value, list) else [value]
                    family.facts[(member_id, attribute)] = {str(v) for v in vals}
                    family.fact_source[(member_id, attribute)] = (fact["url"], fact.get("title", ""))
            # a fact's correction text is about its own members ("a rolling deployment rolls back by redeploying"
            # is no correction for a big bang said to roll back easily)
            for attribute, correction in (fact.get("corrections") or {}).items():
                for member_id, values in (fact.get("values") or {}).items():
                    if attribute in values:
                        family.corrections[(member_id, attribute)] = correction
        self.numbers = [
            NumberFact(
                id=item["id"], family=item.get("family", ""), member=item.get("member", ""),
                topic=item.get("topic", ""), pattern=re.compile(item["pattern"]), value=int(item["value"]),
                unit=item.get("unit", {}), wrong=item.get("wrong", []), stem=item["stem"],
                explain=item.get("explain", {}), url=item["url"], title=item.get("title", ""),
                ask=bool(item.get("ask", True)), anchors=tuple(norm(a) for a in item.get("anchors") or ()),
                label=item.get("label", {}), elsewhere=tuple(norm(e) for e in item.get("elsewhere") or ()),
                own=tuple(norm(o) for o in item.get("own") or ()),
                adjustable=bool(item.get("adjustable", False)),
            )
            for item in data.get("numbers") or ()
        ]
        self.foreign = [
            {**item, "normalised": [norm(p) for p in item.get("phrases", [])]} for item in data.get("foreign") or ()
        ]
        # normalised alias -> [(family id, member id)]
        self.alias_index = {}
        for family in self.families.values():
            for member in family.members.values():
                for alias in member.normalised_aliases:
                    self.alias_index.setdefault(alias, []).append((family.id, member.id))
        self.known_terms = frozenset(self.alias_index)
        self.longest_alias = max(map(len, self.alias_index), default=0)  # the longest a prefix lookup tries
        # the neighbours' names (normalised, two characters or more), for ``families._neighbour_topic``
        self.neighbour_names = tuple(dict.fromkeys(
            name for neighbour in self.neighbours.values() for name in map(norm, (neighbour.name, *neighbour.aliases))
            if len(name) >= 2))
        # normalised listed name -> [(family id, member id)] (``Member.listed``)
        self.listed_index = {}
        for family in self.families.values():
            for member in family.members.values():
                for name in member.listed:
                    self.listed_index.setdefault(name, []).append((family.id, member.id))
        # normalised alias -> {(family id, member id)} for which it is an everyday phrase as well as a name
        self.phrases = {}
        for family in self.families.values():
            for alias in family.phrase_aliases:
                self.phrases.setdefault(alias, set()).update(
                    pair for pair in self.alias_index[alias] if pair[0] == family.id)
        self._others = {}  # (family id, member id) -> a regex of the family's other members' names (``others_named``)

    def others_named(self, family_id, member_id):
        """A regex of the normalised names of the members of ``family_id`` other than ``member_id``, built once: the
        lexicon reads a value handed to one of them ("files：アーカイブの展開は sources で行う") as not ``member_id``'s."""
        key = (family_id, member_id)
        if key not in self._others:
            members = self.families[family_id].members
            names = sorted({alias for other in members.values() if other.id != member_id
                            for alias in other.normalised_aliases if len(alias) >= 2}, key=len, reverse=True)
            # not where the line's own member is named by a longer name that starts with one of them ("Rolling with
            # additional batch" is not "Rolling"): "…が減るのは Rolling with additional batch" is said of itself
            own = sorted({alias for alias in members[member_id].normalised_aliases
                          if any(alias != name and alias.startswith(name) for name in names)}, key=len, reverse=True)
            pattern = "|".join(map(re.escape, names))
            if own:
                pattern = f"(?!{'|'.join(map(re.escape, own))})(?:{pattern})"
            self._others[key] = re.compile(pattern) if names else None
        return self._others[key]

    def _set_pointers(self):
        """What points at one concept (a member or a neighbour) in a definition: its ``tells``, and the
        Latin-script words of its AWS description (``is``, ja and ko: "RabbitMQ" and "ActiveMQ" for Amazon MQ)
        that no other concept's name, aliases, tells or description uses ("AWS", "DNS" and "EC2" are in
        several and point at none). A definition -> term question does not offer a concept its definition
        points at."""
        concepts = [((family.id, member.id), member) for family in self.families.values()
                    for member in family.members.values()]
        concepts += [((None, neighbour.id), neighbour) for neighbour in self.neighbours.values()]

        def described(concept):
            said = dict(concept.is_)
            return {word for word in latin_words(" ".join((said.get("ja", ""), said.get("ko", ""))))
                    if len(word) >= 3}

        users = {}  # word -> concepts whose names or descriptions use it
        for key, concept in concepts:
            named = latin_words(" ".join((concept.name, *concept.aliases, *getattr(concept, "tells", ()))))
            for word in named | described(concept):
                users.setdefault(word, set()).add(key)
        pointers = {key: frozenset({norm(tell) for tell in getattr(concept, "tells", ())}
                                   | {word for word in described(concept) if len(users[word]) == 1})
                    for key, concept in concepts}
        for family in self.families.values():
            family.pointers = {member_id: pointers[(family.id, member_id)] for member_id in family.members}
            family.pointers.update({other: pointers[(None, other)] for other in family.neighbours})

    def foreign_marker(self, text):
        haystack = norm(text)
        for item in self.foreign:
            if any(phrase and phrase in haystack for phrase in item["normalised"]):
                return item
        return None


def load_reference(path=None):
    if path is None:
        return _default()
    with open(path, encoding="utf-8") as handle:
        return Reference(yaml.safe_load(handle) or {})


@lru_cache(maxsize=1)
def _default():
    return load_reference(REFERENCE_PATH)
