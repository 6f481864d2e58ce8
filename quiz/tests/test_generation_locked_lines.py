"""An instructor's edit (a locked question) follows its note lines when they move, and says when one is gone."""

from pathlib import Path

import pytest

from quiz import attempts
from quiz import views as quiz_views
from quiz.generation.pipeline import run
from quiz.models import Question, QuestionVersion
from studynotes.importer import import_file

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "notes"
EB = (SEEDS / "004_e9cc76d6e1cfad47.txt").read_text(encoding="utf-8")
PACKAGES = "packages: yumやrpmを利用したパッケージのインストール\n"  # line 107 of 004_*.txt
NAME = "004_e9cc76d6e1cfad47.txt"

pytestmark = pytest.mark.django_db


def _packages_question():
    """The definition -> term question whose answer is packages (line 107), edited by an instructor: its stem,
    and the explanation of the services distractor (which cites line 110) rewritten by hand."""
    question = next(q for q in Question.objects.filter(type="definition_to_term")
                    if [s["line_start"] for s in q.sources] == [107])
    options = [dict(o) for o in question.options]
    services = next(o for o in options if o["text"] == "services")
    services["explanation"] = {"ja": "services：誤りです。ノート「.ebextentions › 実行可能な操作」110 行目は起動の設定です。"}
    Question.objects.filter(pk=question.pk).update(
        stem={"ja": "講師が書き直した問題文：パッケージをインストールするのは？"}, options=options, locked=True,
        version=2, status=Question.Status.APPROVED)
    question.refresh_from_db()
    return question


def _learner_links(question):
    """The note links a learner gets for ``question`` in a new attempt (the item snapshots its sources)."""
    item = attempts.snapshot(question, 0)
    return [source["url"] for source in quiz_views.item_sources(item, quiz_views.source_links([item]))]


def test_an_edited_question_follows_its_line_when_two_lines_are_inserted_above_it(instructor_client):
    import_file(NAME, EB.encode())
    run()
    edited = _packages_question()
    section = edited.sources[0]["section"]
    assert _learner_links(edited)[0].endswith(f"?hl={section}%3A107#cited")

    import_file(NAME, EB.replace(PACKAGES, "追加した行その1\n追加した行その2\n" + PACKAGES).encode())
    _, summary = run()

    after = Question.objects.get(pk=edited.pk)
    assert summary["followed"] == 1 and summary["lines_gone"] == 0
    assert [(s["line_start"], s["line_end"], s["quote"]) for s in after.sources] == [
        (109, 109, PACKAGES.strip())]
    assert after.stem == edited.stem and after.locked
    assert after.status == Question.Status.APPROVED and after.version == 3  # the move is a version, kept approved
    assert QuestionVersion.objects.get(question=after, version=2).data["sources"] == edited.sources
    before, now = ({o["key"]: o for o in q.options} for q in (edited, after))
    assert [(o["key"], o["text"], o["correct"]) for o in after.options] == [
        (o["key"], o["text"], o["correct"]) for o in edited.options]
    answer = next(key for key, o in now.items() if o["text"] == "packages")
    # the generator's own explanations cite the lines where they are now; the instructor's is left as written
    assert "107 行目" in before[answer]["explanation"]["ja"]
    assert now[answer]["explanation"]["ja"] == before[answer]["explanation"]["ja"].replace("107 行目", "109 行目")
    services = next(key for key, o in now.items() if o["text"] == "services")
    assert now[services]["explanation"] == before[services]["explanation"]
    assert now[services]["explanation"]["ja"].encode() == before[services]["explanation"]["ja"].encode()
    commands = next(key for key, o in now.items() if o["text"] == "commands")
    assert "114 行目" in now[commands]["explanation"]["ja"] and "112 行目" in before[commands]["explanation"]["ja"]

    # the learner's link and the instructor's page mark line 109, not the inserted line 107
    assert _learner_links(after)[0].endswith(f"?hl={section}%3A109#cited")
    html = instructor_client.get(f"/instructor/questions/{after.pk}/").content.decode()
    assert f'<li value="109" class="quoted"><mark lang="ja">{PACKAGES.strip()}</mark>' in html
    assert '<li value="107"><span lang="ja">追加した行その1</span>' in html

    _, again = run()  # nothing moved since: nothing written
    assert again["followed"] == 0 and Question.objects.get(pk=edited.pk).version == 3


def test_an_edited_question_whose_quoted_line_is_gone_is_kept_and_says_so(instructor_client):
    import_file(NAME, EB.encode())
    run()
    # commands -> its definition: the packages line (107) is one of its wrong options' sources
    edited = next(q for q in Question.objects.filter(type="term_to_definition")
                  if any(s["line_start"] == 107 for s in q.sources) and q.sources[0]["line_start"] == 112)
    Question.objects.filter(pk=edited.pk).update(stem={"ja": "講師の問題文"}, locked=True)
    edited.refresh_from_db()

    import_file(NAME, EB.replace(PACKAGES, "").encode())
    _, summary = run()

    after = Question.objects.get(pk=edited.pk)
    assert summary["lines_gone"] == 1
    assert after.status == Question.Status.DRAFT and after.locked
    assert (after.stem, [(o["key"], o["text"]) for o in after.options]) == (
        edited.stem, [(o["key"], o["text"]) for o in edited.options])
    gone = [s for s in after.sources if s.get("gone")]
    assert [(s["line_start"], s["quote"]) for s in gone] == [(107, PACKAGES.strip())]
    assert {s["quote"]: s["line_start"] for s in after.sources if not s.get("gone")}[
        "commands: デプロイ処理前に実行すべきコマンドやスクリプトを指定"] == 111

    item = attempts.snapshot(after, 0)
    listed = quiz_views.item_sources(item, quiz_views.source_links([item]))
    assert [(s["gone"], s["url"] is None, s["lines"]) for s in listed][-1] == (True, True, [])
    assert "107" not in listed[0]["url"]  # the gone line marks nothing on the note page
    html = instructor_client.get(f"/instructor/questions/{after.pk}/").content.decode()
    assert f"<q>{PACKAGES.strip()}</q> (no longer in the notes)" in html
    assert 'class="quoted"><mark lang="ja">sources:' not in html  # line 107 now holds the sources line
    flagged = instructor_client.get("/instructor/questions/?flag=lines_gone").content.decode()
    assert f"/instructor/questions/{after.pk}/" in flagged


def test_an_unedited_question_still_takes_the_generators_new_lines_as_before():
    import_file(NAME, EB.encode())
    run()
    question = next(q for q in Question.objects.filter(type="definition_to_term")
                    if [s["line_start"] for s in q.sources] == [107])
    Question.objects.filter(pk=question.pk).update(status=Question.Status.APPROVED)

    import_file(NAME, EB.replace(PACKAGES, "追加した行その1\n追加した行その2\n" + PACKAGES).encode())
    _, summary = run()

    after = Question.objects.get(pk=question.pk)
    assert summary["followed"] == 0 and not after.locked
    assert [s["line_start"] for s in after.sources] == [109]
    assert (after.stem, after.status, after.version) == (question.stem, Question.Status.APPROVED, 2)
