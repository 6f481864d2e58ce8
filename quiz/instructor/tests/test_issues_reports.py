"""The open learner reports on /instructor/issues/: filtered by topic and by question, each choice with its count,
the note-issue filters kept; and the documentation notices learners are shown."""

import re

import pytest

from quiz.models import ProblemReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(make, learner):
    lambda_ = make.topic(name="AWS Lambda")
    s3 = make.topic(name="Amazon S3")
    first, second, bucket = make.question(lambda_), make.question(lambda_), make.question(s3)
    for question, text in ((first, "key wrong"), (first, "typo"), (second, "unclear"), (bucket, "old limit")):
        ProblemReport.objects.create(user=learner, question=question, text=text)
    ProblemReport.objects.create(user=learner, question=bucket, text="fixed already", resolved=True)
    return {"lambda": lambda_, "s3": s3, "first": first, "second": second, "bucket": bucket}


def report_texts(html):
    return set(re.findall(r'<td data-label="Report">([^<]*)</td>', html))


def test_the_reports_are_filtered_by_topic_with_a_count_for_each(instructor_client, reports):
    html = instructor_client.get("/instructor/issues/", {"topic": reports["lambda"].pk}).content.decode()
    assert report_texts(html) == {"key wrong", "typo", "unclear"}
    assert f'<option value="{reports["lambda"].pk}" selected>AWS Lambda (3)</option>' in html
    assert f'<option value="{reports["s3"].pk}">Amazon S3 (1)</option>' in html
    assert '<select name="topic"><option value="">Any (4)</option>' in html


def test_the_reports_are_filtered_by_question(instructor_client, reports):
    first = reports["first"]
    html = instructor_client.get("/instructor/issues/", {"question": first.pk}).content.decode()
    assert report_texts(html) == {"key wrong", "typo"}
    assert f'<option value="{first.pk}" selected>AWS Lambda #{first.pk} (2)</option>' in html


def test_an_unknown_or_malformed_report_filter_shows_every_open_report(instructor_client, reports):
    for value in ("999999", "²", "x"):
        html = instructor_client.get("/instructor/issues/", {"topic": value, "question": value}).content.decode()
        assert report_texts(html) == {"key wrong", "typo", "unclear", "old limit"}


def test_each_filter_form_keeps_the_other_forms_choices(instructor_client, reports):
    html = instructor_client.get("/instructor/issues/", {"status": "handled", "kind": "conflict",
                                                         "topic": reports["s3"].pk}).content.decode()
    assert report_texts(html) == {"old limit"}
    assert '<option value="handled" selected>Handled (0)</option>' in html  # the note-issue status filter
    assert f'<input type="hidden" name="topic" value="{reports["s3"].pk}">' in html
    assert '<input type="hidden" name="status" value="handled">' in html
    assert '<input type="hidden" name="kind" value="conflict">' in html


def test_resolving_a_report_returns_to_the_same_filtered_list(instructor_client, reports):
    topic = reports["lambda"].pk
    url = f"/instructor/issues/?topic={topic}&status=handled&kind=conflict"
    html = instructor_client.get(url).content.decode()
    next_path = url.replace("&", "&amp;") + "#reports"
    assert f'<input type="hidden" name="next" value="{next_path}">' in html
    report = ProblemReport.objects.get(text="typo")
    response = instructor_client.post(f"/instructor/reports/{report.pk}/resolve/", {"next": url + "#reports"})
    assert response["Location"] == url + "#reports"


def test_the_audit_log_names_a_resolved_reports_detail_in_the_interface_language(instructor_client, reports):
    report = ProblemReport.objects.get(text="typo")
    instructor_client.post(f"/instructor/reports/{report.pk}/resolve/")
    html = instructor_client.get("/instructor/audit/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert f"신고: {report.pk}" in html
    assert f"report: {report.pk}" not in html


def test_with_a_topic_chosen_only_its_questions_are_offered(instructor_client, reports):
    first, second, bucket = reports["first"], reports["second"], reports["bucket"]
    html = instructor_client.get("/instructor/issues/", {"topic": reports["lambda"].pk}).content.decode()
    assert f'<option value="{first.pk}">AWS Lambda #{first.pk} (2)</option>' in html
    assert f'<option value="{second.pk}">AWS Lambda #{second.pk} (1)</option>' in html
    assert f'<option value="{bucket.pk}">' not in html
    assert '<select name="question"><option value="">Any (3)</option>' in html  # the topic's reports


def test_a_question_of_another_topic_is_ignored(instructor_client, reports):
    response = instructor_client.get("/instructor/issues/", {"topic": reports["lambda"].pk,
                                                             "question": reports["bucket"].pk})
    assert response.status_code == 200
    assert report_texts(response.content.decode()) == {"key wrong", "typo", "unclear"}


def test_the_overview_counts_one_report_and_one_draft_in_the_singular(instructor_client, make, learner):
    question = make.question(status="draft")
    make.question()  # approved
    ProblemReport.objects.create(user=learner, question=question, text="typo")
    html = instructor_client.get("/instructor/").content.decode()
    assert "1 draft waiting for review, 1 approved." in html
    assert "1 open learner report." in html and "0 conflicts or contradictions." in html
    ProblemReport.objects.create(user=learner, question=question, text="unclear")
    assert "2 open learner reports." in instructor_client.get("/instructor/").content.decode()


EOS_PAGE = "https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon-eos.html"


# the new headings' translations come with the catalogue: in Japanese the dates and the notice's own text are asserted
@pytest.mark.parametrize("language, text, checked, review", [
    ("en", "The X-Ray SDKs and the X-Ray daemon have been in maintenance", "checked on Nov. 27, 2026",
     "review by Feb. 25, 2027</strong>"),
    ("ja", "X-Ray SDK と X-Ray デーモンは 2026年2月25日から", "2026年11月27日 に確認", "2027年2月25日"),
])
def test_the_documentation_notices_are_listed_with_their_check_date_and_the_review_once_due(
        instructor_client, make, monkeypatch, language, text, checked, review):
    import datetime

    from django.utils import timezone

    xray = make.topic(slug="x-ray", name="AWS X-Ray")
    html = instructor_client.get("/instructor/issues/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    notices = html.split('<h2 id="notices">')[1].split("<h2")[0]
    assert language != "en" or notices.startswith("Documentation notices shown to learners</h2>")
    assert f'<a href="{xray.get_absolute_url()}">AWS X-Ray</a>' in notices
    assert f'<p lang="{language}">{text}' in notices and f'<a href="{EOS_PAGE}"' in notices
    assert checked in notices and "notice-review" not in notices

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2027, 2, 26))
    html = instructor_client.get("/instructor/issues/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    review_by = html.split('<strong class="notice-review">')[1]
    assert review in review_by.split("</small>")[0]
