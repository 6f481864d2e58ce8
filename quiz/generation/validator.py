"""The validator every generated question must pass. Returns the reasons it fails.

Reasons (codes counted in the generation report):

- ``missing_stem``: a listed language has no stem;
- ``too_few_distractors``: fewer than three wrong options;
- ``wrong_number_of_keys``: not exactly ``choose`` correct options;
- ``duplicate_options``: two options read the same;
- ``distractor_is_alias``: a wrong option names the answer under another alias;
- ``stem_contains_answer``: the stem names the answer (or one of its aliases);
- ``stem_names_option``: the stem names a distractor (a give-away by elimination);
- ``length_tell``: the correct option is much the longest;
- ``missing_explanation``: an option has no explanation in a language of the question;
- ``no_source``: no note section to link to;
- ``no_clues``: a scenario or comparison without clues;
- ``not_exactly_one_fits``: by the attribute table, not exactly one option (``choose`` options
  for "choose two") satisfies the clues (scenario) or not exactly one option lacks the trait
  (comparison);
- ``clue_not_needed``: a scenario clue that no shown distractor needs (drop it and every
  distractor is still ruled out): the clue set is not minimal for its options;
- ``word_tell``: a definition question whose answer shows through a word: a word of the
  answer's name in the masked definition (definition -> term: "X-Ray SDK ..." with the option
  "X-Ray daemon"), or a word of the term in the right definition (term -> definition: "Lambda
  Layer" and "... upload libraries as a Layer ..."), that no distractor has;
- ``definition_points_to_distractor``: a definition -> term question whose definition uses a word that
  points at a shown distractor and not at the answer (its ``tells``, or a word of its AWS description no
  other concept uses: "フルマネージドの RabbitMQ ブローカー" beside Amazon MQ, the managed RabbitMQ
  broker): the distractor may fit the definition as well, a second right answer;
- ``repeated_statement``: two statements of a "choose two" question state one fact (the same attribute
  value: "最も迅速" and "最も迅速にデプロイできる"; for a statement whose value is not given, one's wording
  inside the other's after normalisation): two keys that say the same thing are picked together without
  knowing either, and a false one repeated is one distractor;
- ``not_singled_out``: a family member that is not offered is known (or, by the lexicon's
  ``unclear_for``, arguably) to satisfy every clue of the scenario, so the situation does not
  single out the answer.
"""

from .builders import restates
from .scenarios import fits, may_also_fit, necessary
from .text import norm, uses, words


def repeated_statement(question):
    """Two options of a "choose two" question that state one fact (``builders.restates``), or None."""
    facts = question.get("_statements") or {}  # option key -> (attribute, value) its statement states
    statements = [(o.get("text", ""), *facts.get(o["key"], (None, None)))
                  for o in question.get("options") or ()]
    for index, one in enumerate(statements):
        for other in statements[index + 1:]:
            if restates(one, other):
                return one[0], other[0]
    return None


def word_tell(question):
    """A word that gives a definition question's answer away (see ``word_tell`` above), or None."""
    kind = question.get("type")
    options = question.get("options") or []
    correct = [o for o in options if o.get("correct")]
    wrong = [o for o in options if not o.get("correct")]
    if len(correct) != 1 or not wrong:
        return None
    if kind == "definition_to_term":
        stem = norm(" ".join((question.get("stem") or {}).values()))
        hints = words(correct[0].get("text", "")) | {norm(tell) for tell in question.get("_tells") or ()}
        where = stem
    elif kind == "term_to_definition":
        hints = set().union(*(words(name) for name in question.get("_term") or ()))
        where = norm(correct[0].get("text", ""))
    else:
        return None
    others = " ".join(norm(o.get("text", "")) for o in wrong)
    for word in sorted(hints):
        if word in where and word not in others:
            return word
    return None


def validate(question, table=None):
    reasons = []
    options = question.get("options") or []
    languages = question.get("languages") or []
    stem = question.get("stem") or {}
    choose = question.get("choose", 1)
    correct = [o for o in options if o.get("correct")]
    wrong = [o for o in options if not o.get("correct")]

    if not languages or any(not (stem.get(lang) or "").strip() for lang in languages):
        reasons.append("missing_stem")
    if len(wrong) < 3:
        reasons.append("too_few_distractors")
    if len(correct) != choose:
        reasons.append("wrong_number_of_keys")
    texts = [norm(o.get("text", "")) for o in options]
    if len(set(texts)) != len(texts) or any(not t for t in texts):
        reasons.append("duplicate_options")

    aliases = question.get("_aliases") or {}  # option key -> set of normalised aliases
    correct_aliases = set()
    for option in correct:
        correct_aliases |= set(aliases.get(option["key"], ())) | {norm(option.get("text", ""))}
    for option in wrong:
        own = set(aliases.get(option["key"], ())) | {norm(option.get("text", ""))}
        if own & correct_aliases:
            reasons.append("distractor_is_alias")
            break

    stem_text = norm(" ".join(stem.values()))
    if question.get("type") != "term_to_definition":
        if any(alias and len(alias) >= 2 and alias in stem_text for alias in correct_aliases):
            reasons.append("stem_contains_answer")
        for option in wrong:
            own = set(aliases.get(option["key"], ())) | {norm(option.get("text", ""))}
            if any(alias and len(alias) >= 2 and alias in stem_text for alias in own):
                reasons.append("stem_names_option")
                break

    if correct and wrong and choose == 1:
        key_length = len(correct[0].get("text", ""))
        longest_wrong = max(len(o.get("text", "")) for o in wrong)
        if key_length > 1.6 * longest_wrong and key_length - longest_wrong > 12:
            reasons.append("length_tell")

    for option in options:
        explanation = option.get("explanation") or {}
        if any(not (explanation.get(lang) or "").strip() for lang in languages):
            reasons.append("missing_explanation")
            break

    if word_tell(question):
        reasons.append("word_tell")

    if question.get("type") == "definition_to_term":
        pointers = question.get("_pointers") or {}  # option text -> words that point at it, not at the answer
        if any(uses(text, term) for option in wrong for term in pointers.get(option.get("text"), ())
               for text in stem.values()):
            reasons.append("definition_points_to_distractor")

    if question.get("type") == "choose_n" and repeated_statement(question):
        reasons.append("repeated_statement")

    sources = question.get("sources") or []
    if not sources or any(not s.get("file") or not s.get("line_start") for s in sources):
        reasons.append("no_source")

    kind = question.get("type")
    if kind in ("scenario", "comparison"):
        clues = [(c["attribute"], c["value"]) for c in question.get("clues") or ()]
        members = question.get("_members") or {}
        if not clues:
            reasons.append("no_clues")
        elif table is None or len(members) != len(options):
            reasons.append("not_exactly_one_fits")
        elif kind == "scenario":
            fitting = [o for o in options if fits(table, members[o["key"]], clues)]
            if len(fitting) != choose or not all(o.get("correct") for o in fitting):
                reasons.append("not_exactly_one_fits")
            shown = set(members.values())
            distractors = [members[o["key"]] for o in wrong]
            if not necessary(table, clues, distractors):
                reasons.append("clue_not_needed")
            if any(may_also_fit(table, m, clues) for m in table.family.members if m not in shown):
                reasons.append("not_singled_out")
        else:
            attribute, value = clues[0]
            lacking = [o for o in options if table.satisfies(members[o["key"]], attribute, value) is False]
            having = [o for o in options if table.satisfies(members[o["key"]], attribute, value) is True]
            if len(lacking) != 1 or not lacking[0].get("correct") or len(having) != len(options) - 1:
                reasons.append("not_exactly_one_fits")
    return reasons
