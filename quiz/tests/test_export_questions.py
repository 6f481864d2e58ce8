"""python manage.py export_questions --format json (format in docs/QUESTIONS.md)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from quiz.generation.pipeline import run
from studynotes.importer import import_file

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "notes"

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank():
    import_file("000_48280b37ea1cc327.txt", (SEEDS / "000_48280b37ea1cc327.txt").read_bytes())
    run()


def export(*args):
    out = StringIO()
    call_command("export_questions", *args, stdout=out)
    return out.getvalue()


def test_it_writes_every_question_with_its_documented_fields(bank):
    payload = json.loads(export("--format", "json"))
    assert payload["format_version"] == 1
    questions = payload["questions"]
    assert questions
    scenario = next(q for q in questions if q["type"] == "scenario")
    assert set(scenario) >= {"id", "type", "topic", "domain", "languages", "stem", "options", "clues", "sources",
                             "status", "generator_version"}
    assert scenario["topic"] == "eb-deployment-policies" and scenario["domain"] == "deployment"
    assert set(scenario["stem"]) == {"ja", "ko", "en"}
    option = scenario["options"][0]
    assert set(option) == {"key", "text", "correct", "explanation"} and set(option["explanation"]) == {"ja", "ko", "en"}
    assert all(set(c) >= {"attribute", "value"} for c in scenario["clues"])
    source = scenario["sources"][0]
    assert source["file"] == "000_48280b37ea1cc327.txt" and source["line_start"] <= source["line_end"]
    assert source["heading_path"] and source["quote"]
    assert scenario["status"] == "draft"


DOCUMENTED = {"id": str, "pk": int, "identity": str, "type": str, "topic": str, "domain": str, "family": str,
              "languages": list, "stem": dict, "choose": int, "options": list, "clues": list, "sources": list,
              "figure": (dict, type(None)), "status": str, "locked": bool, "version": int, "generator_version": str}


def test_every_question_has_the_documented_fields_and_types(bank):
    questions = json.loads(export("--format", "json"))["questions"]
    for question in questions:
        assert set(question) == set(DOCUMENTED)
        assert all(isinstance(question[field], kind) for field, kind in DOCUMENTED.items()), question["pk"]
        assert set(question["stem"]) == set(question["languages"])
        assert sum(o["correct"] for o in question["options"]) == question["choose"]


def test_a_choose_two_question_is_asked_in_its_notes_language_and_explained_in_all_three(bank):
    questions = json.loads(export("--format", "json"))["questions"]
    choose_two = next(q for q in questions if q["type"] == "choose_n")
    assert choose_two["languages"] == ["ja"] and choose_two["choose"] == 2
    assert all(set(o["explanation"]) == {"ja", "ko", "en"} for o in choose_two["options"])
    definition = next(q for q in questions if q["type"] == "definition_to_term")
    assert all(set(o["explanation"]) == set(definition["languages"]) for o in definition["options"])


def test_it_can_write_to_a_file(bank, tmp_path):
    target = tmp_path / "questions.json"
    message = export("--format", "json", "--output", str(target))
    assert "Wrote" in message
    assert json.loads(target.read_text(encoding="utf-8"))["questions"]


def test_an_unknown_format_is_refused_and_writes_nothing(bank, tmp_path):
    target = tmp_path / "questions.csv"
    with pytest.raises(CommandError, match="invalid choice: 'csv'"):  # as export_topics refuses it
        call_command("export_questions", "--format", "csv", "--output", str(target), stdout=StringIO())
    assert not target.exists()


def test_a_path_it_cannot_write_is_a_clear_error(bank, tmp_path):
    with pytest.raises(CommandError, match="Cannot write .*: No such file or directory"):
        call_command("export_questions", "--output", str(tmp_path / "missing" / "q.json"), stdout=StringIO())


def test_a_write_that_fails_half_way_leaves_the_previous_file_whole(bank, tmp_path, disk_fills_up):
    target = tmp_path / "questions.json"
    target.write_text('{"previous": true}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="^Cannot write .*questions.json: No space left on device$"):
        call_command("export_questions", "--output", str(target), stdout=StringIO())
    assert json.loads(target.read_text(encoding="utf-8")) == {"previous": True}
    assert [p.name for p in tmp_path.iterdir()] == ["questions.json"]  # no temporary file left behind


def test_a_source_whose_line_is_gone_is_exported_marked_and_a_bank_import_keeps_it(bank):
    from quiz.instructor.bank import import_bank
    from quiz.models import Question

    question = Question.objects.filter(type="scenario").first()
    sources = [{**question.sources[0], "gone": True}, *question.sources[1:]]
    Question.objects.filter(pk=question.pk).update(sources=sources, locked=True)
    payload = json.loads(export("--format", "json"))

    exported = next(q for q in payload["questions"] if q["pk"] == question.pk)
    assert exported["sources"][0]["gone"] is True
    assert all("gone" not in s for s in exported["sources"][1:])
    result = import_bank(payload)  # the bank as it was exported: nothing changes, the marker stays
    assert result.updated == 0
    assert Question.objects.get(pk=question.pk).sources == sources
