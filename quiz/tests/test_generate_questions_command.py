"""python manage.py generate_questions: counts by type, topic, language and rejections; idempotent."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from quiz.models import Question
from studynotes.importer import import_paths

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "notes"

pytestmark = pytest.mark.django_db


def generate():
    out = StringIO()
    call_command("generate_questions", stdout=out)
    return out.getvalue()


def test_it_prints_counts_by_type_topic_language_and_rejections_by_reason():
    import_paths([SEEDS])
    output = generate()
    assert "By type:" in output and "  scenario: " in output and "  numeric: 4" in output
    assert "By topic:" in output and "  route-53-failover: " in output
    assert "By language:" in output and "  ko: " in output
    assert "Rejected by reason:" in output
    assert f"created {Question.objects.count()}," in output


def test_running_it_twice_changes_nothing():
    import_paths([SEEDS])
    generate()
    rows = list(Question.objects.order_by("pk").values("pk", "identity", "version", "status", "updated_at"))
    output = generate()
    assert "created 0, updated 0," in output
    assert list(Question.objects.order_by("pk").values("pk", "identity", "version", "status", "updated_at")) == rows


def test_with_no_notes_it_creates_nothing_and_says_so():
    output = generate()
    assert "0 questions passed the validator" in output
    assert "No note sections to generate from: import notes first (manage.py import_notes PATH)." in output
    assert not Question.objects.exists()


def test_a_definition_that_points_at_a_distractor_is_reported_by_its_reason(tmp_path):
    # Amazon Kinesis Agent, one of the X-Ray daemon's three curated wrong options, is a Java application that
    # monitors files and sends new data: it would be a second right answer, and nothing can take its place
    (tmp_path / "xray.md").write_text(
        "## X-Ray\n- X-Ray デーモン: Java アプリとしてファイルを監視し、新しいデータを送信する\n", encoding="utf-8")
    import_paths([tmp_path])
    output = generate()
    assert "  definition_points_to_distractor: 1" in output
    assert not Question.objects.filter(type="definition_to_term").exists()


def test_it_says_how_many_reworded_definitions_kept_their_question(tmp_path):
    note = tmp_path / "keys.md"
    line = "sources: 外部からのアーカイブ(tarなど)をダウンロードして指定した場所に展開\n"
    note.write_text("## 環境設定のカスタマイズ\n### 実行可能な操作\npackages: yumやrpmを利用したパッケージのインストール\n"
                    + line + "files: 指定した場所にファイルを作成\nservices: serviceを起動したり、起動設定を変更したりする\n"
                    "commands: デプロイ処理前に実行すべきコマンドやスクリプトを指定\n", encoding="utf-8")
    import_paths([tmp_path])
    assert "Reworded definitions" not in generate()
    note.write_text(note.read_text(encoding="utf-8").replace(line, "sources: 外部のアーカイブを展開する\n"), encoding="utf-8")
    import_paths([tmp_path])
    output = generate()
    assert "created 0, updated " in output and ", retired 0" in output
    assert "Reworded definitions and statements that kept their question (counted as updated): 2\n" in output


def test_a_release_older_than_the_one_that_generated_the_bank_refuses_and_changes_nothing():
    """During a rolling deploy an old server's run would bring back what the new generator retired."""
    from django.core.management.base import CommandError

    from quiz.generation import GENERATOR_VERSION
    from quiz.models import GenerationRun

    import_paths([SEEDS])
    generate()
    assert GenerationRun.objects.first().version == GENERATOR_VERSION
    Question.objects.filter(pk=Question.objects.order_by("pk").first().pk).update(status=Question.Status.RETIRED)
    rows = list(Question.objects.order_by("pk").values("pk", "status", "version", "updated_at"))
    GenerationRun.objects.create(version="gen-99.0")

    with pytest.raises(CommandError, match="gen-99.0.*--allow-older"):
        generate()
    assert list(Question.objects.order_by("pk").values("pk", "status", "version", "updated_at")) == rows
    assert GenerationRun.objects.first().version == "gen-99.0"

    out = StringIO()  # an operator rolling the release back on purpose
    call_command("generate_questions", "--allow-older", stdout=out)
    assert "Saved:" in out.getvalue() and GenerationRun.objects.first().version == GENERATOR_VERSION
    generate()  # and from then on, as usual


def test_generator_versions_compare_by_number():
    from quiz.generation.pipeline import version_key

    assert version_key("gen-1.9") < version_key("gen-1.28") < version_key("gen-2.0")
    assert version_key("") is None and version_key("custom") is None


def test_it_says_when_the_reference_facts_were_last_checked_and_warns_when_that_is_long_ago(monkeypatch):
    import datetime

    from django.utils import timezone

    from quiz.generation.reference import load_reference

    import_paths([SEEDS])
    checked = load_reference().checked
    assert isinstance(checked, datetime.date)
    out, err = StringIO(), StringIO()
    call_command("generate_questions", stdout=out, stderr=err)
    assert f"Reference facts last checked against the AWS documentation: {checked:%Y-%m-%d}" in out.getvalue()
    assert "WARNING" not in err.getvalue() or (timezone.localdate() - checked).days > 180

    monkeypatch.setattr(load_reference(), "checked", timezone.localdate() - datetime.timedelta(days=400))
    err = StringIO()
    call_command("generate_questions", stdout=StringIO(), stderr=err)
    assert "checked 400 days ago" in err.getvalue()


def test_it_says_when_each_documentation_notice_was_checked_and_warns_when_one_is_due_a_review(monkeypatch):
    import datetime

    from django.utils import timezone

    import_paths([SEEDS])
    out, err = StringIO(), StringIO()
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 12, 1))
    call_command("generate_questions", stdout=out, stderr=err)
    assert ("Documentation notice on x-ray (X-Ray SDK and daemon end of support timeline) last checked: 2026-11-27 "
            "(4 days ago); review by 2027-02-25") in out.getvalue()
    assert "documentation notice" not in err.getvalue()

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2027, 2, 26))  # past the end of support
    err = StringIO()
    call_command("generate_questions", stdout=StringIO(), stderr=err)
    assert "WARNING: the documentation notice on x-ray (X-Ray SDK and daemon end of support timeline) should be " \
           "reviewed since 2027-02-25" in err.getvalue()
