"""Marking a note issue handled on /instructor/issues/: kept by the issue's identity across regeneration, open
again once its line changes; the status filter and its counts; what each issue keeps from being asked."""

from pathlib import Path

import pytest
from django.urls import reverse

from quiz.generation.pipeline import run
from quiz.instructor.models import AuditLog, HandledIssue
from quiz.models import GenerationIssue
from studynotes.importer import import_file

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "notes"
POLICIES = (SEEDS / "000_48280b37ea1cc327.txt").read_text(encoding="utf-8")
WRONG = "새 버전과 이전 버전이 공존하기 때문에 쉽게 롤 백 할 수 있다"  # the documentation: rolling back is not easy
ROLLING = f"## Deployment(배포)\n\n2. 롤링 배포 (단계적 배포)\n\n- 어플리케이션의 이전 버전을 새 버전로 점진적으로 교체하는 것\n- {WRONG}\n"
# Two notes disagree on whether Immutable goes in batches (as in quiz/tests/test_generation_pipeline.py).
CONFLICT_FAST = "# デプロイポリシー\n\n- Immutable (イミュータブル): 新規インスタンスを利用してデプロイするポリシー。\n  - 一度に全てデプロイ\n"
CONFLICT_SLOW = ("# デプロイポリシー\n\n- Immutable (イミュータブル): 新規インスタンスを利用してデプロイするポリシー。\n"
                 "  - バッチサイズに沿って進める\n")


def generate(rolling=ROLLING):
    import_file("000.txt", POLICIES.encode())
    import_file("rolling.md", rolling.encode())
    run()


def rollback_issue():
    return GenerationIssue.objects.get(active=True, member="rolling-deployment", attribute="rollback")


def mark(client, issue, handled="1"):
    return client.post(reverse("instructor:issue_handled", args=[issue.pk]), {"handled": handled})


def page(client, **query):
    return client.get(reverse("instructor:issues"), query).content.decode()


def test_a_handled_issue_stays_handled_after_its_line_moves_and_questions_are_regenerated(instructor_client):
    generate()
    issue = rollback_issue()
    assert mark(instructor_client, issue).status_code == 302
    assert WRONG not in page(instructor_client)  # open is the default

    generate(ROLLING.replace("\n\n2.", "\n\n배포에는 여러가지 방법이 있음\n\n2."))  # the line moves down two
    moved = rollback_issue()
    assert moved.key != issue.key  # a contradiction's row is named by its line: a new row
    assert WRONG not in page(instructor_client)
    html = page(instructor_client, status="handled")
    assert WRONG in html and "Reopen" in html


def test_an_edited_line_opens_its_issue_again(instructor_client):
    generate()
    mark(instructor_client, rollback_issue())
    generate(ROLLING.replace(WRONG, "새 버전과 이전 버전이 공존하므로 쉽게 롤 백 할 수 있다"))
    html = page(instructor_client)
    assert "새 버전과 이전 버전이 공존하므로" in html and "Mark as handled" in html
    assert HandledIssue.objects.count() == 1  # the old line's mark is kept, should the line come back


def test_reopening_lists_it_as_open_and_both_go_to_the_audit_log(instructor_client, instructor):
    generate()
    issue = rollback_issue()
    mark(instructor_client, issue)
    mark(instructor_client, issue, handled="0")
    assert not HandledIssue.objects.exists()
    assert WRONG in page(instructor_client)
    assert list(AuditLog.objects.filter(object_type="issue").values_list("action", "actor", "object_id")) == [
        ("reopen_issue", instructor.pk, str(issue.pk)), ("handle_issue", instructor.pk, str(issue.pk))]
    audit = instructor_client.get(reverse("instructor:audit")).content.decode()
    assert "Issue marked as handled" in audit and "Issue reopened" in audit


def test_a_learner_cannot_mark_an_issue_and_nothing_is_written(learner_client, client):
    generate()
    issue = rollback_issue()
    assert mark(learner_client, issue).status_code == 403
    client.logout()
    assert mark(client, issue)["Location"].startswith(reverse("login"))
    assert client.get(reverse("instructor:issue_handled", args=[issue.pk]), {"handled": "1"}).status_code in (302, 405)
    assert not HandledIssue.objects.exists() and not AuditLog.objects.exists()


def test_the_status_filter_counts_open_handled_and_all(instructor_client):
    generate()
    import_file("fast.md", CONFLICT_FAST.encode())
    import_file("slow.md", CONFLICT_SLOW.encode())
    run()
    total = GenerationIssue.objects.filter(active=True).count()
    assert total >= 2
    mark(instructor_client, rollback_issue())
    html = page(instructor_client)
    assert f'<option value="open" selected>Open ({total - 1})</option>' in html
    assert '<option value="handled">Handled (1)</option>' in html
    assert f'<option value="all">All ({total})</option>' in html
    assert f'<option value="">Any ({total - 1})</option>' in html  # the kinds count within the status shown
    html = page(instructor_client, status="all")
    assert WRONG in html and "バッチサイズに沿って進める" in html
    assert f'<option value="open" selected>Open ({total - 1})</option>' in page(instructor_client, status="nonsense")
    home = instructor_client.get(reverse("instructor:home")).content.decode()
    open_left = total - 1
    assert (f"{open_left} conflict or contradiction." if open_left == 1
            else f"{open_left} conflicts or contradictions.") in home


def test_each_issue_says_what_it_keeps_from_being_asked_in_the_interface_language(instructor_client):
    generate()
    import_file("fast.md", CONFLICT_FAST.encode())
    import_file("slow.md", CONFLICT_SLOW.encode())
    run()
    html = page(instructor_client)
    assert "Not asked: Rolling deployment — rollback" in html  # a contradiction: the notes' value is not used
    assert "Not asked: Immutable — batches" in html  # a conflict: neither note's value is
    ja = instructor_client.get(reverse("instructor:issues"), headers={"accept-language": "ja"}).content.decode()
    assert "Rolling deployment — ロールバック" in ja and "Immutable — バッチ" in ja


def test_the_note_file_filters_any_choice_has_its_count_as_the_kinds_has(instructor_client):
    generate()
    total = GenerationIssue.objects.filter(active=True).count()
    html = page(instructor_client)
    assert f'<select name="file"><option value="">Any ({total})</option>' in html
    assert f'<select name="kind"><option value="">Any ({total})</option>' in html


def test_the_audit_log_names_a_handled_issue_as_the_issues_page_does_in_the_readers_language(instructor_client):
    generate()
    issue = rollback_issue()
    mark(instructor_client, issue)
    mark(instructor_client, issue, handled="0")
    # recorded in English, as other labels are
    label = "deployment strategy › Rolling deployment › rollback"
    assert set(AuditLog.objects.values_list("object_label", flat=True)) == {label}
    audit = instructor_client.get(reverse("instructor:audit")).content.decode()
    assert audit.count(f" {label}</td>") == 2
    # shown in the reader's language from the stored ids, which are not a detail of their own
    ja = instructor_client.get(reverse("instructor:audit"), headers={"accept-language": "ja"}).content.decode()
    assert ja.count(" デプロイ戦略 › Rolling deployment › ロールバック</td>") == 2
    assert "rolling-deployment" not in audit + ja and "concept" not in audit


def test_an_issue_entry_without_a_readable_concept_keeps_its_stored_label(instructor_client, instructor):
    AuditLog.record(instructor, "handle_issue", None, object_type="issue", label="S3 › provider",
                    details={"identity": "abc"})  # written before the concept was stored
    AuditLog.record(instructor, "reopen_issue", None, object_type="issue", label="stored", details={"concept": [1]})
    audit = instructor_client.get(reverse("instructor:audit"))
    assert audit.status_code == 200
    assert " S3 › provider</td>" in audit.content.decode() and " stored</td>" in audit.content.decode()
