"""manage.py export_topics --format json (format documented in docs/IMPORT.md)."""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from studynotes.importer import import_file, import_paths


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever another test left active on this thread."""
    with translation.override("en"):
        yield


SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "notes"


def export(*args):
    out = io.StringIO()
    call_command("export_topics", "--format", "json", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_writes_every_topic_with_aliases_and_sections():
    import_file("n.md", "# Lambda\n## ハンドラー\nイベントを処理する\n".encode())
    data = json.loads(export())
    assert data["format"] == "kumo-study/topics" and data["version"] == 2
    lam = next(t for t in data["topics"] if t["slug"] == "lambda")
    assert lam["name"] == "AWS Lambda" and lam["domain"] == "compute"
    assert {"text": "AWS Lambda", "language": "en"} in lam["aliases"]
    assert lam["names"] == {}  # a service name stays English
    policies = next(t for t in data["topics"] if t["slug"] == "eb-deployment-policies")
    assert policies["names"] == {"ja": "Elastic Beanstalk のデプロイポリシー", "ko": "Elastic Beanstalk 배포 정책"}
    assert lam["sections"][1] == {
        "file": "n.md", "heading_path": "Lambda › ハンドラー", "heading": "ハンドラー", "language": "ja",
        "line_start": 2, "line_end": 3, "via": "heading", "markdown": "イベントを処理する",
    }


@pytest.mark.django_db
def test_a_misspelling_from_the_notes_is_listed_apart_and_not_as_an_alias():
    import_paths([SEEDS])
    topics = {t["slug"]: t for t in json.loads(export())["topics"]}
    typos = [("lambda", "Lamdba"), ("blue-green-deployment", "Bule/Green"), ("dynamodb", "Dynamo DB"),
             ("ebextensions", ".ebextentions"), ("cloudwatch", "CloudwatchLogs")]
    for slug, typo in typos:
        assert typo not in {a["text"] for a in topics[slug]["aliases"]}, slug
        assert {"text": typo, "language": "en"} in topics[slug]["misspellings"], slug
    assert topics["s3"]["misspellings"] == []
    # still matched: the note that writes "Lamdba" is a Lambda section
    assert "Lamdba › リトライ" in {s["heading_path"] for s in topics["lambda"]["sections"]}


@pytest.mark.django_db
def test_the_output_is_stable_across_runs_and_reimports():
    import_paths([SEEDS])
    first = export()
    import_paths([SEEDS])
    assert export() == first
    slugs = [t["slug"] for t in json.loads(first)["topics"]]
    assert slugs == sorted(slugs)


@pytest.mark.django_db
def test_retired_sections_are_left_out():
    import_file("n.md", b"# Lambda\nx\n# S3\ny\n")
    import_file("n.md", b"# Lambda\nx\n")
    s3 = next(t for t in json.loads(export())["topics"] if t["slug"] == "s3")
    assert s3["sections"] == []


@pytest.mark.django_db
def test_it_writes_to_a_file_with_output(tmp_path):
    import_file("n.md", b"# Lambda\nx\n")
    target = tmp_path / "topics.json"
    export("--output", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["topics"]


@pytest.mark.django_db
def test_an_unwritable_output_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        export("--output", str(tmp_path / "missing-dir" / "x.json"))


@pytest.mark.django_db
def test_a_write_that_fails_half_way_leaves_the_previous_file_whole(tmp_path, disk_fills_up):
    import_file("n.md", b"# Lambda\nx\n")
    target = tmp_path / "topics.json"
    target.write_text('{"previous": true}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="^Cannot write .*topics.json: No space left on device$"):
        export("--output", str(target))
    assert json.loads(target.read_text(encoding="utf-8")) == {"previous": True}
    assert [p.name for p in tmp_path.iterdir()] == ["topics.json"]  # no temporary file left behind


@pytest.mark.django_db
def test_a_file_written_with_output_is_readable_like_any_other(tmp_path):
    import_file("n.md", b"# Lambda\nx\n")
    target = tmp_path / "出力 topics.json"
    export("--output", str(target))
    assert target.stat().st_mode & 0o777 == 0o666 & ~current_umask()


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.django_db
def test_the_export_runs_a_fixed_number_of_queries(django_assert_num_queries):
    import_paths([SEEDS])
    with django_assert_num_queries(3):  # topics, their aliases, section links with sections and files
        export()
