"""Lists an instructor reads are joined with the language's list separator ("、" in Japanese), not ", "."""

import json
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from quiz.instructor import views
from quiz.instructor.bank import export_bank
from quiz.instructor.models import AuditLog
from quiz.models import Quiz

from .test_results import exam  # noqa: F401  (fixture)

JA = {"headers": {"accept-language": "ja"}}


def test_the_audit_log_lists_quizzes_topics_and_identities_in_the_languages_punctuation(instructor_client,
                                                                                      instructor, make):
    first, second = (Quiz.objects.create(slug=f"q{n}", title=f"Week {n}") for n in (1, 2))
    alpha, beta = make.topic(name="Alpha"), make.topic(name="Beta")
    AuditLog.record(instructor, "delete", None, object_type="quiz", label="x",
                    details={"quizzes": [first.pk, second.pk], "identities": ["id-1", "id-2"],
                             "rules": {"topics": [alpha.slug, beta.slug]}})
    html = instructor_client.get(reverse("instructor:audit"), **JA).content.decode()
    # a quiz's id in the language's parentheses too
    assert f"Week 1（#{first.pk}）、Week 2（#{second.pk}）" in html and "id-1、id-2" in html and "Alpha、Beta" in html
    html = instructor_client.get(reverse("instructor:audit")).content.decode()
    assert f"Week 1 (#{first.pk}), Week 2 (#{second.pk})" in html and "id-1, id-2" in html and "Alpha, Beta" in html


def test_import_reports_and_issue_values_list_in_the_languages_punctuation():
    result = SimpleNamespace(name="a.md", ok=True, reason="", sections=2, created=2, updated=0, unchanged=0,
                             retired=0, topics=[], unresolved_images=["a.png", "b.png"],
                             duplicate_of=["x.md", "y.md"], renamed=["A › B → A › C", "D → E"])
    with translation.override("ja"):
        details = dict(views.describe_result(result)["details"])
        assert "A › B → A › C" in details["新しい見出しで引き継いだセクション"]
        assert details["見つからない画像"] == "a.png、b.png" and "x.md、y.md" in details["注意"]
        report = views.report_rows({"encoding": {"name": "utf-8", "bom": "no"}})
        assert report == [("文字コード", "name: utf-8、bom: no")]
        assert views.issue_details({"reference_values": [5, 10]})["reference_values"] == "5、10"
    with translation.override("ko"):
        assert views.issue_details({"reference_values": [5, 10]})["reference_values"] == "5, 10"


def test_a_sections_topics_and_a_learners_attempts_are_listed_in_the_languages_punctuation(
        instructor_client, make, build, exam):  # noqa: F811
    section = make.section(topics=[make.topic(name="Alpha"), make.topic(name="Beta")])
    html = instructor_client.get(reverse("instructor:note_detail", args=[section.note_file.pk]), **JA)
    assert ">Alpha、Beta</td>" in html.content.decode()
    good = exam["learners"][0]
    build.attempt(good, exam["quiz"], exam["questions"], [["A"], ["B"]])  # a second attempt: two review links
    results = reverse("instructor:results", args=[exam["assignment"].pk])
    html = instructor_client.get(results, **JA).content.decode()
    assert "</a>、<a " in html and "</a>, <a " not in html


def test_the_preview_lists_its_topic_counts_in_the_languages_punctuation(instructor_client, make):
    alpha, beta = make.topic(name="Alpha"), make.topic(name="Beta")
    make.question(alpha), make.question(beta)
    quiz = Quiz.objects.create(slug="p", title="P", question_count=2,
                               rules={"topic_counts": {alpha.slug: 1, beta.slug: 1}}, only_approved=False)
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk]), **JA).content.decode()
    assert "トピックごとに先に出題：Alpha × 1、Beta × 1</p>" in html  # no space after the full-width colon
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "Drawn first, per topic: Alpha × 1, Beta × 1</p>" in html


def test_a_bank_entry_lacking_fields_names_them_in_the_languages_punctuation(instructor_client, make):
    data = export_bank([make.question()])
    data["questions"].append({"identity": "bad"})
    upload = SimpleUploadedFile("bank.json", json.dumps(data).encode(), "application/json")
    html = instructor_client.post(reverse("instructor:bank_import"), {"file": upload}, **JA).content.decode()
    assert "type、topic、stem、options" in html


def test_the_questions_whose_key_a_bank_import_changed_are_linked_in_the_languages_punctuation(
        instructor_client, make):
    questions = [make.question(), make.question()]
    data = export_bank(questions)
    for entry in data["questions"]:
        for option in entry["options"]:
            option["correct"] = option["key"] == "B"
            option["explanation"] = {"en": f"Rewritten {option['key']}"}
    upload = SimpleUploadedFile("bank.json", json.dumps(data).encode(), "application/json")
    html = instructor_client.post(reverse("instructor:bank_import"), {"file": upload}, follow=True,
                                  **JA).content.decode()
    assert f"{questions[0].identity}</a>、<a " in html or f"{questions[1].identity}</a>、<a " in html
