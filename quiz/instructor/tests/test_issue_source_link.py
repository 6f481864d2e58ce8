"""The AWS page a contradiction on /instructor/issues/ cites: named as the source, its English title marked English,
as the corrections on the note pages name theirs (a Korean or Japanese screen reader reads the title in English)."""

import pytest

from quiz.models import GenerationIssue

pytestmark = pytest.mark.django_db


def test_the_aws_page_of_an_issue_is_labelled_as_its_source_in_english(instructor_client):
    GenerationIssue.objects.create(
        key="k1", kind="contradiction", family="", member="S3", attribute="",
        details={"claims": [], "reason": "wording from another cloud provider",
                 "reference_url": "https://docs.aws.amazon.com/s3.html", "reference_title": "What is Amazon S3?"})
    html = instructor_client.get("/instructor/issues/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert ('<p class="issue-source">출처: <a href="https://docs.aws.amazon.com/s3.html" rel="noopener noreferrer" '
            'lang="en">What is Amazon S3?</a></p>') in html


def test_a_corrections_aws_page_on_the_learners_note_page_is_marked_english(client, make):
    from studynotes.models import NoteCorrection

    section = make.question().sections.get()
    NoteCorrection.objects.create(section=section, key="c1", claim="x", correction={"ko": "문서와 다릅니다."},
                                  reference_url="https://docs.aws.amazon.com/x.html", reference_title="X")
    html = client.get(f"/files/{section.note_file_id}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert ('출처: <a href="https://docs.aws.amazon.com/x.html" rel="noopener noreferrer external" lang="en">X</a>'
            in html)
