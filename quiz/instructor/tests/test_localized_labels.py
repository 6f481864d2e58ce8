"""Dates, brackets, language names and sizes on the instructor pages as each interface language writes them,
not as code does ("11-27 20:05", "[AWS Lambda]", "（ja）", "4495 バイト")."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def get(client, url, language):
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.mark.parametrize("language,label", [
    ("ja", "［Lambda］<span "), ("ko", "[Lambda] <span "), ("en", "[Lambda] <span "),
])
def test_the_quiz_builder_puts_each_questions_topic_in_the_languages_brackets(instructor_client, make, language,
                                                                            label):
    make.question(make.topic(name="Lambda"))
    assert label in get(instructor_client, reverse("instructor:quiz_new"), language)


@pytest.mark.parametrize("language,stem,explanation", [
    ("ja", "問題文（日本語）", "A の解説（韓国語）"),
    ("ko", "문제 본문(일본어)", "A 해설(한국어)"),
    ("en", "Stem (Japanese)", "Explanation of A (Korean)"),
])
def test_the_question_editor_names_each_language_in_the_interface_language(instructor_client, make, language,
                                                                           stem, explanation):
    question = make.question()
    question.languages = ["ja", "ko"]
    question.stem = {"ja": "どれですか。", "ko": "어느 것입니까?"}
    question.save()
    html = get(instructor_client, reverse("instructor:question", args=[question.pk]), language)
    assert f"<label>{stem} <textarea" in html and f"<label>{explanation} <textarea" in html
    assert "（ja）" not in html and "(ko)" not in html


@pytest.mark.parametrize("language,size,section_language", [
    ("ja", "4,495 バイト", "日本語"), ("ko", "4,495바이트", "일본어"), ("en", "4,495 bytes", "Japanese"),
])
def test_a_note_files_size_is_grouped_and_its_sections_language_named(instructor_client, make, language, size,
                                                                      section_language):
    note_file = make.note_file()
    note_file.byte_size = 4495
    note_file.save()
    make.section(note_file=note_file, language="ja")
    html = get(instructor_client, reverse("instructor:note_detail", args=[note_file.pk]), language)
    assert size in html
    assert f">{section_language}</td>" in html


def test_an_instructor_pages_request_error_says_nothing_of_saved_answers(client, instructor, learner):
    # static/js/app.js shows data-generic when an htmx request fails: an instructor has no answers to keep
    client.force_login(instructor)
    html = get(client, reverse("instructor:home"), "en")
    assert 'data-generic="Something went wrong. Please try again."' in html and "earlier answers" not in html
    assert 'data-offline="The server could not be reached. Check your connection and try again."' in html
    client.force_login(learner)
    html = get(client, "/quiz/", "en")
    assert 'data-generic="Something went wrong. Your earlier answers are saved; please try again."' in html
