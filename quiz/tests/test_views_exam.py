"""Exams: list, start and resume, navigator, flags, review, deadline, submission, results."""

from datetime import timedelta

import re

import pytest
from django.utils.html import escape
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quiz import attempts
from quiz.attempts import label_of
from quiz.models import Attempt, AttemptItem, Mode, Quiz

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def exam(db):
    return Quiz.objects.create(slug="short", title="Short exam", mode=Mode.EXAM, question_count=5,
                               time_limit_minutes=1, only_approved=False)


@pytest.fixture
def started(make, learner, exam):
    compute = make.topic(domain="compute")
    storage = make.topic(domain="storage")
    for _ in range(3):
        make.question(compute)
    make.question(storage)
    make.question(storage, type="choose_n", choose=2, n_options=5)
    attempt, _ = attempts.start_exam(learner, exam, "en")
    return attempt


def item_url(attempt, number):
    return f"/quiz/attempts/{attempt.uid}/{number}/"


def test_the_exam_list_shows_the_exams_with_a_constant_number_of_queries(learner_client, learner, instructor, exam,
                                                                        local_cache, django_assert_max_num_queries):
    from quiz.attempts import mock_exam
    from quiz.instructor.models import Assignment, Classroom, Membership

    mock_exam()  # there already (a test database flushed by an earlier transactional test has none to get)
    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner, extra_minutes=15)
    counts = []
    for n in range(2):
        for m in range(4):  # each assigned to the learner's class, which gives extra time
            quiz = Quiz.objects.create(slug=f"extra-{n}-{m}", title=f"Extra {n}{m}", mode=Mode.EXAM)
            Assignment.objects.create(classroom=classroom, quiz=quiz, created_by=instructor)
        with CaptureQueriesContext(connection) as queries:
            html = learner_client.get("/quiz/exams/").content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # session with its user, mock exam get, overdue attempts, quizzes, in-progress attempts, finished attempts,
    # the extra minutes of the learner's classes, and the layout's own (the header's due-review count)
    with django_assert_max_num_queries(10):
        learner_client.get("/quiz/exams/")
    assert "Mock exam" in html and "Short exam" in html and "Extra 13</a>\n    · 65 questions, 2 h 25 min" in html


def test_starting_an_exam_redirects_to_its_first_question_and_a_second_start_resumes(make, learner_client,
                                                                                     learner, exam):
    make.question()
    response = learner_client.post("/quiz/exams/short/")
    attempt = Attempt.objects.get(user=learner)
    assert response["Location"] == item_url(attempt, 1)
    learner_client.get(item_url(attempt, 1))
    assert learner_client.post("/quiz/exams/short/")["Location"] == item_url(attempt, 1)
    assert Attempt.objects.count() == 1
    assert "Resume the exam" in learner_client.get("/quiz/exams/short/").content.decode()


def test_an_exam_without_questions_says_so(learner_client, exam):
    response = learner_client.post("/quiz/exams/short/")
    assert response.status_code == 200
    assert "This exam has no questions yet." in response.content.decode()
    assert not Attempt.objects.exists()
    # the start page says so before the learner tries, with no button that would be refused
    page = learner_client.get("/quiz/exams/short/").content.decode()
    assert "This exam has no questions yet." in page and "Start the exam" not in page
    assert "Back to my progress" in page and "two or more answers" not in page


TWO_OR_MORE = "Some questions ask for two or more answers"


def test_the_start_page_warns_of_questions_with_two_answers_only_where_the_quiz_can_ask_one(make, learner,
                                                                                          learner_client, exam):
    compute, storage = make.topic(domain="compute"), make.topic(domain="storage")
    single = [make.question(compute) for _ in range(3)]
    make.question(storage, type="choose_n", choose=2, n_options=5)
    assert TWO_OR_MORE in learner_client.get("/quiz/exams/short/").content.decode()  # a draw may give it
    exam.rules = {"topics": [compute.slug]}
    exam.save()
    assert TWO_OR_MORE not in learner_client.get("/quiz/exams/short/").content.decode()
    exam.rules = {"domains": {"storage": 1}}
    exam.save()
    assert TWO_OR_MORE in learner_client.get("/quiz/exams/short/").content.decode()
    exam.rules = {}
    exam.save()
    exam.questions.set(single)  # a fixed list of single-answer questions
    assert TWO_OR_MORE not in learner_client.get("/quiz/exams/short/").content.decode()
    exam.questions.clear()
    attempt, _ = attempts.start_exam(learner, exam, "en")
    asked = attempt.items.filter(question__choose__gt=1).exists()  # resumed: what the attempt asks
    assert (TWO_OR_MORE in learner_client.get("/quiz/exams/short/").content.decode()) == asked


def test_an_exam_question_has_no_key_and_no_explanation_in_its_html(started, learner_client):
    for number in range(1, 6):
        html = learner_client.get(item_url(started, number)).content.decode()
        assert "Why " not in html and "is-key" not in html and "Correct answer" not in html
        assert "correct" not in html[html.index('id="exam-panel"'):].lower()


def test_the_page_shows_a_countdown_from_the_server_deadline(started, learner_client):
    html = learner_client.get(item_url(started, 1)).content.decode()
    assert 'id="countdown"' in html and 'data-seconds-left="' in html
    assert "js/exam.js" in html and "<script>" not in html


def test_an_answer_is_saved_and_the_panel_comes_back(started, learner_client):
    item = started.items.filter(choose=1, position__lt=4).first()
    data = {"choice": label_of(item, "A"), "action": "next"}
    response = learner_client.post(item_url(started, item.number), data, **HX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="exam-panel"' in html and f"Question {item.number + 1} of 5" in html
    assert "Why " not in html and "is-key" not in html  # no key in the fragment either
    assert "1 of 5 answered" in html
    assert response["HX-Push-Url"] == item_url(started, item.number + 1)
    item.refresh_from_db()
    assert item.chosen == ["A"] and item.answered_at is not None
    assert item.correct is None  # graded only on submission
    started.refresh_from_db()
    assert started.position == item.position + 1


def test_without_javascript_next_and_previous_redirect(started, learner_client):
    item = started.items.get(position=1)
    response = learner_client.post(item_url(started, 2), {"choice": label_of(item, "B"), "action": "prev"})
    assert response["Location"] == item_url(started, 1)
    response = learner_client.post(item_url(started, 1), {"action": "next"})
    assert response["Location"] == item_url(started, 2)
    item.refresh_from_db()
    assert item.chosen == ["B"]


def test_an_answer_can_be_changed_until_submission(started, learner_client):
    item = started.items.get(position=0)
    learner_client.post(item_url(started, 1), {"choice": label_of(item, "B")}, **HX)
    learner_client.post(item_url(started, 1), {"choice": label_of(item, "A")}, **HX)
    item.refresh_from_db()
    assert item.chosen == ["A"]


def test_a_flag_shows_in_the_navigator_and_on_the_review_screen(started, learner_client):
    html = learner_client.post(item_url(started, 3), {"action": "flag"}, **HX).content.decode()
    assert "Flagged for review" in html
    assert 'class="cell unanswered flagged current"' in html
    assert started.items.get(position=2).flagged
    review = learner_client.get(f"/quiz/attempts/{started.uid}/review/").content.decode()
    flagged = review[review.index('class="flagged-list"'):]
    assert f'href="{item_url(started, 3)}"' in flagged
    assert "Unanswered (5)" in review
    # the flagged list comes before the unanswered one (which lists question 3 too): flagged on purpose
    assert review.index('class="flagged-list"') < review.index('class="unanswered-list"')
    # the grid says each state in words too, and a flagged cell shows the navigator's flag mark (an orange border
    # alone said it), explained by the navigator's legend; Submit comes before the lists and the grid
    cell = '3<span class="flag-mark" aria-hidden="true">\u2691</span><span class="sr-only">, Unanswered, flagged</span>'
    assert cell in html and cell in review
    assert review.count('class="flag-mark"') == 1
    legend = re.search(r'<p class="legend"[^>]*>.*?</p>', html, re.S).group()
    assert "Flagged" in legend and legend in review
    assert review.index('class="submit-exam"') < review.index('class="review-lists"')
    learner_client.post(item_url(started, 3), {"action": "unflag"}, **HX)
    assert not started.items.get(position=2).flagged


def test_choose_two_refuses_three_and_writes_nothing(started, learner_client):
    item = started.items.get(choose=2)
    response = learner_client.post(item_url(started, item.number), {"choice": ["A", "B", "C"]}, **HX)
    assert response.status_code == 200
    assert "Choose exactly 2 options." in response.content.decode()
    item.refresh_from_db()
    assert item.chosen == []


def test_choose_two_with_one_choice_stays_unanswered(started, learner_client):
    item = started.items.get(choose=2)
    html = learner_client.post(item_url(started, item.number), {"choice": ["A"]}, **HX).content.decode()
    assert "(1 of 2 chosen)" in html
    item.refresh_from_db()
    assert len(item.chosen) == 1 and item.answered_at is None


@pytest.mark.parametrize("language, partly, not_answered, sep", [
    ("en", "Partly answered", "Not answered", ", "), ("ja", "一部のみ解答", "未解答", "、"),
    ("ko", "일부만 응답", "미응답", ", "),
])
def test_the_result_says_a_half_answered_choose_two_is_partly_answered_as_the_review_screen_did(
        started, learner_client, language, partly, not_answered, sep):
    item = started.items.get(choose=2)
    learner_client.post(item_url(started, item.number), {"choice": [label_of(item, "A")]})
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    html = learner_client.get(f"/quiz/attempts/{started.uid}/result/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    article = html[html.index(f'id="q{item.number}"'):]
    article = article[:article.index("</article>")]
    heading = re.sub(r"\s+", " ", article[article.index("<h3>"):article.index("</h3>")])
    assert heading.endswith(f"· {partly}") and not_answered not in heading
    assert f'class="review-item unanswered" id="q{item.number}"' in html  # listed with "Wrong or not answered"
    cell = re.search(rf'<a href="\?#q{item.number}" class="cell ([^"]*)">', html)
    assert cell.group(1) == "unanswered partial"
    assert f'{item.number}<span class="sr-only">{sep}{partly}</span>' in html  # "4、一部のみ解答" in Japanese
    other = re.search(r'class="cell unanswered">\d<span class="sr-only">([^<]*)</span>', html)
    assert other.group(1) == sep + not_answered  # an untouched one is still "not answered"
    started.refresh_from_db()
    item.refresh_from_db()
    assert item.correct is False and started.raw_score == 0  # it scores zero, as before
    if language == "en":
        assert "(1 of 2 chosen)" in article and "4 unanswered" in html and "1 partly answered" in html


@pytest.mark.parametrize("language, shown", [
    ("en", "Time used: 12 min 5 s"), ("ja", "所要時間：12 分 5 秒"), ("ko", "걸린 시간: 12분 5초"),
])
def test_the_result_says_the_time_used_as_people_write_it(started, learner_client, language,
                                                          shown):
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    started.refresh_from_db()
    started_at = started.submitted_at - timedelta(minutes=12, seconds=5, microseconds=900000)
    Attempt.objects.filter(pk=started.pk).update(started_at=started_at)
    html = learner_client.get(f"/quiz/attempts/{started.uid}/result/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<p>{shown}</p>" in html and "0:12:05" not in html


def test_a_half_answered_choose_two_is_said_to_be_partly_answered_before_submitting(started, learner_client):
    # It counts as unanswered (and scores zero), but "Unanswered" for a question the learner touched read as a
    # lost answer, or was missed: the navigator, the review screen and its warning say it apart.
    item = started.items.get(choose=2)
    url = item_url(started, item.number)
    saved = learner_client.post(url, {"choice": [label_of(item, "A")]}, **HX).content.decode()
    assert (f'class="cell unanswered partial current" aria-current="step">{item.number}'
            '<span class="sr-only">, Partly answered</span>') in saved  # the cell sent out of band
    item.refresh_from_db()
    assert item.chosen == ["A"] and item.answered_at is None  # stored as before: one of two, not answered
    panel = learner_client.get(url, **HX).content.decode()
    assert f'{item.number}<span class="sr-only">, Partly answered</span>' in panel
    assert "1 of 5 answered" not in panel and "0 of 5 answered" in panel
    other = learner_client.get(item_url(started, 1 if item.number != 1 else 2)).content.decode()  # a full page
    assert 'class="cell unanswered partial"' in other
    review = " ".join(learner_client.get(f"/quiz/attempts/{started.uid}/review/").content.decode().split())
    assert "Unanswered (4)" in review and "Partly answered (1)" in review
    assert "4 questions are unanswered and will score zero." in review
    assert ("1 question has fewer options chosen than it asks for: it counts as unanswered and will score zero."
            in review)
    partial = review[review.index('class="partial-list"'):]
    partial = partial[:partial.index("</ul>")]
    assert f'href="{url}"' in partial and "1 of 2 chosen" in partial
    unanswered = review[review.index('class="unanswered-list"'):]
    assert f'href="{url}"' not in unanswered[:unanswered.index("</ul>")]
    assert f'{item.number}<span class="sr-only">, Partly answered</span>' in review
    # graded as before: not right, not answered
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    item.refresh_from_db()
    assert item.correct is False and item.answered_at is None
    assert "4 unanswered" in learner_client.get(f"/quiz/attempts/{started.uid}/result/").content.decode()


def test_the_result_counts_partly_answered_items_apart_from_unanswered_ones(started, learner_client):
    # the review screen listed them apart: the result says so too, the score unchanged
    item = started.items.get(choose=2)
    learner_client.post(item_url(started, item.number), {"choice": [label_of(item, "A")]})
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    html = " ".join(learner_client.get(f"/quiz/attempts/{started.uid}/result/").content.decode().split())
    assert "0 of 5 right (0%) · 4 unanswered · 1 partly answered</p>" in html
    started.refresh_from_db()
    assert started.raw_score == 0


def test_a_submitted_exams_questions_left_blank_make_no_reviews_and_only_the_answered_ones_come_back(
        started, learner, learner_client):
    # a mock exam given up after a few answers would otherwise fill the next day's reviews with questions the
    # learner never tried
    from quiz.progress import reviews
    from quiz.progress.models import ReviewCard, ReviewLog

    right, wrong = started.items.filter(domain="compute").order_by("position")[:2]
    learner_client.post(item_url(started, right.number), {"choice": [label_of(right, "A")]})
    learner_client.post(item_url(started, wrong.number), {"choice": [label_of(wrong, "C")]})
    partly = started.items.get(choose=2)
    learner_client.post(item_url(started, partly.number), {"choice": [label_of(partly, "A")]})
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    html = " ".join(learner_client.get(f"/quiz/attempts/{started.uid}/result/").content.decode().split())
    assert "1 of 5 right (20%) · 2 unanswered · 1 partly answered</p>" in html  # still counted wrong
    answered = {right.question_id, wrong.question_id}
    assert set(ReviewLog.objects.filter(user=learner).values_list("question_id", flat=True)) == answered
    assert set(ReviewCard.objects.filter(user=learner).values_list("question_id", flat=True)) == answered
    tomorrow = timezone.now() + timedelta(days=1)
    assert {question.pk for question in reviews.due_questions(learner, tomorrow)} == answered
    assert reviews.due_count(learner, tomorrow) == 2


def test_the_result_says_the_score_is_scaled_and_how_none_right_makes_100(started, learner_client):
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    html = " ".join(learner_client.get(f"/quiz/attempts/{started.uid}/result/").content.decode().split())
    # "100 / 1000 · Fail (pass mark 720)" with nothing right puzzled: the number is named, the right count follows
    score = html[html.index('<p class="scaled">'):]
    assert score.startswith('<p class="scaled"><span class="scaled-label">Scaled score</span> '
                            '<strong id="scaled-score">100</strong> / 1000')
    assert score.index("0 of 5 right (0%)") < score.index('<details class="scaled-help">')
    help_ = score[score.index('<details class="scaled-help">'):score.index("</details>")]
    assert "<summary>How is the scaled score worked out?</summary>" in help_
    assert "none right is 100, all right is 1000." in help_
    assert "The pass mark 720 takes 4 of 5 right." in help_  # 3 of 5 scales to 640, 4 to 820


def test_the_result_says_nothing_partly_answered_when_none_is(started, learner_client):
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    html = learner_client.get(f"/quiz/attempts/{started.uid}/result/").content.decode()
    assert "5 unanswered" in html and "partly answered" not in html


def test_the_review_screens_time_bar_counts_the_answered_questions_as_the_question_pages_do(started,
                                                                                           learner_client):
    # the phone's sticky bar said only the time left here: "n of N answered" came and went between the pages
    single = started.items.filter(choose=1).order_by("position").first()
    double = started.items.get(choose=2)
    learner_client.post(item_url(started, single.number), {"choice": label_of(single, "A")}, **HX)
    learner_client.post(item_url(started, double.number), {"choice": [label_of(double, "A")]}, **HX)  # one of two
    review = learner_client.get(f"/quiz/attempts/{started.uid}/review/").content.decode()
    bar = re.search(r'<p class="countdown-line">.*?</p>', review, re.S).group()
    assert '<span class="bar-answered" aria-hidden="true">1 of 5 answered</span>' in bar


def test_the_review_screen_warns_of_no_partial_answer_when_there_is_none(started, learner_client):
    item = started.items.get(choose=2)
    learner_client.post(item_url(started, item.number), {"choice": [label_of(item, k) for k in "AB"]}, **HX)
    review = learner_client.get(f"/quiz/attempts/{started.uid}/review/").content.decode()
    assert "Partly answered (" not in review and "data-partial-warning" not in review
    assert "Unanswered (4)" in review


def test_the_review_button_goes_to_the_review_screen(started, learner_client):
    response = learner_client.post(item_url(started, 1), {"action": "review"}, **HX)
    assert response["HX-Redirect"] == f"/quiz/attempts/{started.uid}/review/"


def test_submitting_grades_and_shows_the_result_with_a_review(started, learner_client):
    for item in started.items.all():
        keys = ["A", "B"] if item.choose == 2 else (["A"] if item.domain == "compute" else ["C"])
        learner_client.post(item_url(started, item.number), {"choice": [label_of(item, k) for k in keys]})
    response = learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    assert response["Location"] == f"/quiz/attempts/{started.uid}/result/"
    started.refresh_from_db()
    assert (started.state, started.raw_score, started.scaled_score, started.passed) == ("submitted", 4, 820, True)
    html = learner_client.get(f"/quiz/attempts/{started.uid}/result/").content.decode()
    assert 'id="scaled-score">820<' in html and "Pass" in html
    assert "Compute" in html and "100%" in html and "Storage" in html and "50%" in html
    assert '<table class="domains"><caption>Score by domain</caption>' in html  # named for screen readers
    assert "Why A is right." in html and "Your choice" in html
    assert "Report a problem with this question" in html


def test_the_review_marks_the_note_text_an_explanation_quotes_with_the_notes_language(make, learner,
                                                                                     learner_client, exam):
    from quiz.tests.test_views_practice import quoting_question

    question, claims = quoting_question(make)
    attempt, _ = attempts.start_exam(learner, exam, "en")
    learner_client.post(f"/quiz/attempts/{attempt.uid}/submit/")
    html = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    section = claims[0].section
    place = " › ".join(section.heading_path.split(" › ")[-2:])
    assert (f'(note &quot;<span lang="ja">{place}</span>&quot;, line 12: '
            f'&quot;<span lang="ja">{claims[0].quote}</span>&quot;). ') in html
    assert html.count('<span lang="ja">') == 8
    assert re.search(f'<li><a href="/files/{question.sections.get().note_file_id}/\\?hl={section.id}%3A12'
                     r'[^"]*&amp;back=[^"]+#cited" lang="ja">', html)


def test_the_review_marks_an_english_line_of_a_korean_note_as_english(make, learner, learner_client, exam):
    from quiz.tests.test_views_practice import english_line_question

    _question, claims = english_line_question(make)
    english, korean = claims[0].quote, claims[1].quote
    for language, english_quoted, korean_quoted in (
            ("en", f'line 5: &quot;{english}&quot;', f'line 6: &quot;<span lang="ko">{korean}</span>&quot;'),
            ("ko", f'5행: &quot;<span lang="en">{english}</span>&quot;', f'6행: &quot;{korean}&quot;')):
        attempt, _ = attempts.start_exam(learner, exam, language)
        learner_client.post(f"/quiz/attempts/{attempt.uid}/submit/")
        html = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/",
                                  HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert english_quoted in html and korean_quoted in html and f'<span lang="ko">{english}' not in html


def test_the_result_links_the_aws_page_an_explanation_cites_by_its_title(make, learner, learner_client, exam):
    from quiz.tests.test_views_practice import ASYNC_PAGE, citing_question

    citing_question(make)
    attempt, _ = attempts.start_exam(learner, exam, "en")
    learner_client.post(f"/quiz/attempts/{attempt.uid}/submit/")
    html = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    title, url = ASYNC_PAGE
    assert html.count(f'(AWS documentation: <a href="{url}" rel="noopener" target="_blank">{title}</a>).') == 4
    assert f">{url}" not in html


def test_the_results_source_list_is_a_heading_below_its_question_not_beside_it(started, learner_client):
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    html = learner_client.get(f"/quiz/attempts/{started.uid}/result/").content.decode()
    levels = re.findall(r"<h(\d)>(Question \d|Reread in your notes)", html)
    assert levels[:2] == [("3", "Question 1"), ("4", "Reread in your notes")]
    assert {level for level, text in levels if text == "Reread in your notes"} == {"4"}


def test_the_question_and_review_pages_are_not_kept_by_the_browser(started, learner_client):
    # else Back after submitting shows the cached page, its clock running and its Submit button there
    for url in (item_url(started, 1), f"/quiz/attempts/{started.uid}/review/"):
        assert "no-store" in learner_client.get(url)["Cache-Control"]


def test_the_result_shows_a_time_used_of_ten_hours_or_more_in_full(started, learner_client):
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    started.refresh_from_db()
    started_at = started.submitted_at - timedelta(hours=25, seconds=7)
    Attempt.objects.filter(pk=started.pk).update(started_at=started_at)
    html = learner_client.get(f"/quiz/attempts/{started.uid}/result/").content.decode()
    assert "Time used: 25 h</p>" in html  # not "1 day, " (a timedelta's days)


def test_the_result_before_submission_sends_back_to_the_questions(started, learner_client):
    response = learner_client.get(f"/quiz/attempts/{started.uid}/result/")
    assert response.status_code == 302 and response["Location"] == item_url(started, 1)


def test_an_answer_after_the_deadline_is_refused_and_the_exam_is_graded(started, learner_client):
    item = started.items.get(position=0)
    Attempt.objects.filter(pk=started.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    response = learner_client.post(item_url(started, 1), {"choice": label_of(item, "A")}, follow=True)
    assert "Time is up: answers are no longer accepted." in response.content.decode()
    item.refresh_from_db()
    assert item.chosen == []
    started.refresh_from_db()
    assert started.state == "expired" and started.scaled_score == 100


def test_an_answer_after_the_deadline_to_an_exam_already_graded_at_it_says_time_is_up(started, learner_client):
    # graded at its deadline by another page, another tab or ``expire_attempts`` before the answer came: the learner
    # did not submit it, and is told why the choice was not taken
    item = started.items.get(position=0)
    Attempt.objects.filter(pk=started.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    attempts.expire_overdue()
    response = learner_client.post(item_url(started, 1), {"choice": label_of(item, "A")}, follow=True)
    html = response.content.decode()
    assert "Time is up: answers are no longer accepted." in html and "already been submitted" not in html
    item.refresh_from_db()
    assert item.chosen == []


def test_an_answer_to_an_exam_submitted_in_another_tab_says_it_was_submitted(started, learner_client):
    item = started.items.get(position=0)
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    response = learner_client.post(item_url(started, 1), {"choice": label_of(item, "A")}, follow=True)
    assert "This exam has already been submitted." in response.content.decode()
    item.refresh_from_db()
    assert item.chosen == []


def test_an_htmx_answer_after_the_deadline_redirects_to_the_result(started, learner_client):
    Attempt.objects.filter(pk=started.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    response = learner_client.post(item_url(started, 1), {"choice": "A"}, **HX)
    assert response["HX-Redirect"] == f"/quiz/attempts/{started.uid}/result/"


def test_an_abandoned_exam_is_graded_at_its_deadline_when_next_opened(started, learner_client):
    item = started.items.get(position=0)
    learner_client.post(item_url(started, 1), {"choice": label_of(item, "A")})
    deadline = timezone.now() - timedelta(minutes=3)
    Attempt.objects.filter(pk=started.pk).update(deadline=deadline)
    response = learner_client.get(item_url(started, 2))
    assert response["Location"] == f"/quiz/attempts/{started.uid}/result/"
    started.refresh_from_db()
    assert (started.state, started.submitted_at) == ("expired", deadline)
    assert started.raw_score == (1 if item.domain == "compute" or item.choose == 1 else 0)


def test_a_reload_resumes_at_the_question_the_learner_was_on(started, learner_client):
    learner_client.get(item_url(started, 4))
    started.refresh_from_db()
    assert started.get_absolute_url() == item_url(started, 4)
    assert learner_client.post("/quiz/exams/short/")["Location"] == item_url(started, 4)


def test_another_learners_exam_is_not_found(started, client, other_learner):
    client.force_login(other_learner)
    for url in (item_url(started, 1), f"/quiz/attempts/{started.uid}/review/",
                f"/quiz/attempts/{started.uid}/result/"):
        assert client.get(url).status_code == 404
    assert client.post(item_url(started, 1), {"choice": "A"}).status_code == 404
    assert client.post(f"/quiz/attempts/{started.uid}/submit/").status_code == 404
    started.refresh_from_db()
    assert started.state == "in_progress"
    assert not AttemptItem.objects.exclude(chosen=[]).exists()


def _exam_answer_queries(client, make, learner, size):
    quiz = Quiz.objects.create(slug=f"size-{size}", title=f"Size {size}", mode=Mode.EXAM, question_count=size,
                               only_approved=False)
    topic = make.topic()
    for _ in range(size):
        make.question(topic)
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    item = attempt.items.get(position=0)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(item_url(attempt, 1), {"choice": label_of(item, "A"), "action": "next"}, **HX)
    assert response.status_code == 200
    return len(queries)


def test_queries_per_exam_answer_do_not_grow_with_the_exam(make, learner, learner_client,
                                                           django_assert_num_queries, local_cache):
    assert _exam_answer_queries(learner_client, make, learner, 5) == _exam_answer_queries(
        learner_client, make, learner, 40)
    quiz = Quiz.objects.create(slug="count", title="Count", mode=Mode.EXAM, question_count=20, only_approved=False)
    for _ in range(20):
        make.question()
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    # session with its user, item with its attempt (read and checked before the write transaction), savepoint,
    # rate-limit counter upsert, attempt FOR UPDATE (state, deadline), item update, position update,
    # release savepoint, next item (the navigator's cells come with the first read); on PostgreSQL the five
    # statements from the savepoint to its release and the next item are one (quiz.pgwrites)
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 9):
        learner_client.post(item_url(attempt, 1), {"choice": "A", "action": "next"}, **HX)


def test_queries_for_the_result_page_do_not_grow_with_the_exam(make, learner, learner_client, local_cache):
    counts = []
    for size in (3, 15):
        quiz = Quiz.objects.create(slug=f"r{size}", title="R", mode=Mode.EXAM, question_count=size,
                                   only_approved=False)
        for _ in range(size):
            make.question()
        attempt, _ = attempts.start_exam(learner, quiz, "en")
        attempts.submit(attempt, now=timezone.now())
        with CaptureQueriesContext(connection) as queries:
            assert learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_problem_cannot_be_reported_before_the_exam_is_submitted(started, learner_client):
    from quiz.models import ProblemReport

    response = learner_client.post(f"/quiz/attempts/{started.uid}/1/report/", {"text": "Option B is also right."})
    assert response.status_code == 404
    attempts.submit(started, now=timezone.now())
    response = learner_client.post(f"/quiz/attempts/{started.uid}/1/report/", {"text": "Option B is also right."})
    assert response.status_code == 302 and response["Location"].endswith("/result/#q1")
    assert ProblemReport.objects.get().text == "Option B is also right."


def test_the_start_page_counts_the_attempts_left_and_refuses_when_none_are(make, learner_client, learner, exam):
    make.question()
    exam.attempts_allowed = 1
    exam.save()
    assert "1 attempt left" in learner_client.get("/quiz/exams/short/").content.decode()
    learner_client.post("/quiz/exams/short/")
    attempt = Attempt.objects.get(user=learner)
    learner_client.post(f"/quiz/attempts/{attempt.uid}/submit/")
    html = learner_client.get("/quiz/exams/short/").content.decode()
    assert "0 attempts left" in html
    response = learner_client.post("/quiz/exams/short/")
    assert response.status_code == 200
    assert "You have used your 1 attempt at this exam." in response.content.decode()
    assert Attempt.objects.count() == 1


def test_the_start_page_says_another_exam_is_in_progress_and_links_to_it(make, learner_client, learner, exam):
    for _ in range(3):
        make.question()
    other = Quiz.objects.create(slug="other", title="Other <exam>", mode=Mode.EXAM, question_count=2,
                                time_limit_minutes=30, only_approved=False)
    assert "data-other-exam" not in learner_client.get("/quiz/exams/short/").content.decode()
    running, _ = attempts.start_exam(learner, other, "en")
    html = " ".join(learner_client.get("/quiz/exams/short/").content.decode().split())
    assert (f'<p data-other-exam>You have another exam in progress: <a href="{running.get_absolute_url()}">'
            "Other &lt;exam&gt;</a>. The answers to questions both exams ask are shown only after both have ended.</p>"
            in html)
    # not on the running exam's own start page, nor once its time is up (it no longer holds anything)
    assert "data-other-exam" not in learner_client.get("/quiz/exams/other/").content.decode()
    Attempt.objects.filter(pk=running.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    assert "data-other-exam" not in learner_client.get("/quiz/exams/short/").content.decode()


def test_the_mock_exam_and_practice_titles_follow_the_interface_language(make, learner_client, learner):
    from quiz.attempts import mock_exam, start_practice

    mock_exam()
    learner_client.cookies["django_language"] = "ja"
    html = learner_client.get("/quiz/exams/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "模擬試験" in html
    attempt = start_practice(learner, [make.question()], "en")
    assert attempt.title == "Practice"  # stored in English, shown in the reader's language
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/1/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "<h1>練習</h1>" in html


def test_a_logged_out_htmx_request_is_sent_to_the_login_page(started, client):
    response = client.post(item_url(started, 1), {"choice": "A"}, HTTP_HX_REQUEST="true",
                           HTTP_HX_CURRENT_URL=f"http://testserver{item_url(started, 1)}")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/accounts/login/?next=/quiz/attempts/")
    assert client.get(item_url(started, 1)).status_code == 302
    assert not AttemptItem.objects.exclude(chosen=[]).exists()


def test_a_logged_out_htmx_request_from_an_unreadable_page_url_is_still_sent_to_the_login_page(started, client):
    # "http://[::1" makes urlsplit() raise ValueError: the header is ignored, the request's own path kept
    response = client.post(item_url(started, 1), {"choice": "A"}, HTTP_HX_REQUEST="true",
                           HTTP_HX_CURRENT_URL="http://[::1")
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/accounts/login/?next={item_url(started, 1)}"
    assert not AttemptItem.objects.exclude(chosen=[]).exists()


def test_an_instructors_practice_quiz_starts_as_a_practice_set(make, learner_client, learner):
    make.question()
    Quiz.objects.create(slug="warm-up", title="Warm-up", mode=Mode.PRACTICE, question_count=5)
    html = learner_client.get("/quiz/exams/warm-up/").content.decode()
    assert "Start practice" in html and "passes" not in html
    response = learner_client.post("/quiz/exams/warm-up/")
    attempt = Attempt.objects.get(user=learner)
    assert response["Location"] == f"/quiz/practice/{attempt.uid}/1/"
    assert attempt.deadline is None


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_for_the_question_page_the_review_screen_and_the_index_do_not_grow(make, learner, learner_client,
                                                                                   local_cache):
    counts = {}
    for size in (3, 30):
        quiz = Quiz.objects.create(slug=f"q{size}", title="Q", mode=Mode.EXAM, question_count=size,
                                   only_approved=False)
        for _ in range(size):
            make.question()
        attempt, _ = attempts.start_exam(learner, quiz, "en")
        practice = attempts.start_practice(learner, list(attempt.items.values_list("question_id", flat=True)), "en")
        counts[size] = (
            _queries(learner_client, item_url(attempt, 2)),
            _queries(learner_client, f"/quiz/attempts/{attempt.uid}/review/"),
            _queries(learner_client, "/quiz/"),
            _queries(learner_client, f"/quiz/practice/{practice.uid}/2/"),
        )
    assert counts[3] == counts[30]


def test_moving_to_another_question_with_htmx_costs_three_queries(started, learner_client, local_cache,
                                                                 django_assert_num_queries):
    # session with its user, item with its attempt and the navigator's cells, position update
    with django_assert_num_queries(3):
        response = learner_client.get(item_url(started, 3), **HX)
    assert response["HX-Push-Url"] == item_url(started, 3)
    assert 'id="exam-panel"' in response.content.decode()


def _submit_meanwhile(attempt, monkeypatch):
    """Another tab submits ``attempt`` after this request checked the answer, before it takes the lock."""
    checked = attempts.exam_answer_changes

    def check_then_submit(*args, **kwargs):
        changes = checked(*args, **kwargs)
        Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.SUBMITTED, submitted_at=timezone.now())
        return changes

    monkeypatch.setattr(attempts, "exam_answer_changes", check_then_submit)


def test_an_answer_checked_just_before_another_tab_submits_is_not_stored(started, learner_client, monkeypatch):
    item = started.items.get(position=0)
    _submit_meanwhile(started, monkeypatch)
    response = learner_client.post(item_url(started, 1), {"choice": label_of(item, "A"), "action": "next"}, **HX)
    assert response["HX-Redirect"] == f"/quiz/attempts/{started.uid}/result/"
    item.refresh_from_db()
    assert item.chosen == [] and item.answered_at is None
    started.refresh_from_db()
    assert started.position == 0


def test_an_answer_arriving_after_the_deadline_grades_the_exam_at_its_deadline(started, learner_client):
    deadline = timezone.now() - timedelta(seconds=1)
    Attempt.objects.filter(pk=started.pk).update(deadline=deadline)
    item = started.items.get(position=0)
    response = learner_client.post(item_url(started, 1), {"choice": label_of(item, "A"), "action": "next"}, **HX)
    assert response["HX-Redirect"] == f"/quiz/attempts/{started.uid}/result/"
    started.refresh_from_db()
    assert started.state == Attempt.State.EXPIRED and started.submitted_at == deadline
    assert AttemptItem.objects.get(pk=item.pk).chosen == []


def test_a_refused_choice_writes_nothing_and_keeps_the_learner_on_the_question(started, learner_client):
    item = started.items.filter(choose=1).first()
    Attempt.objects.filter(pk=started.pk).update(position=item.position)
    response = learner_client.post(item_url(started, item.number), {"choice": ["A", "B"], "action": "next"}, **HX)
    assert response.status_code == 200
    assert "Choose 1 option." in response.content.decode()
    item.refresh_from_db()
    started.refresh_from_db()
    assert item.chosen == [] and started.position == item.position


def test_a_refused_choice_without_javascript_gives_its_message_the_focus_and_an_htmx_one_does_not(started,
                                                                                                 learner_client):
    item = started.items.filter(choose=1).first()
    page = learner_client.post(item_url(started, item.number), {"choice": ["A", "B"], "action": "next"})
    assert page.status_code == 200 and "<html" in page.content.decode()
    assert '<p class="error" role="alert" tabindex="-1" autofocus>Choose 1 option.</p>' in page.content.decode()
    panel = learner_client.post(item_url(started, item.number), {"choice": ["A", "B"], "action": "next"}, **HX)
    assert '<p class="error" role="alert">Choose 1 option.</p>' in panel.content.decode()  # the focus stays put
    assert "autofocus" not in panel.content.decode()
    item.refresh_from_db()
    assert item.chosen == []


def test_the_lock_reads_the_attempts_fresh_state_not_the_one_in_memory(started):
    Attempt.objects.filter(pk=started.pk).update(state=Attempt.State.SUBMITTED)
    assert started.state == Attempt.State.IN_PROGRESS
    assert attempts.lock_if_open(started, timezone.now()) is False
    assert started.state == Attempt.State.SUBMITTED


def test_the_htmx_panel_carries_a_csrf_token_a_strict_client_can_answer_with(started, learner):
    import re

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    html = client.get(item_url(started, 1), **HX).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    item = started.items.get(position=0)
    refused = client.post(item_url(started, 1), {"choice": label_of(item, "A"), "action": "save"}, **HX)
    assert refused.status_code == 403
    response = client.post(item_url(started, 1), {"choice": label_of(item, "A"), "action": "save",
                                                  "csrfmiddlewaretoken": token}, **HX)
    assert response.status_code == 200
    assert AttemptItem.objects.get(pk=item.pk).chosen == ["A"]


def test_attempt_urls_filled_into_a_reversed_pattern_are_what_reverse_gives(started):
    from django.urls import reverse

    from quiz.views import _attempt_url

    for number in (1, 9, 10, 65, 123):
        for name in ("quiz:exam_item", "quiz:practice_item", "quiz:report_problem"):
            assert _attempt_url(name, started.uid, number) == reverse(name, args=[started.uid, number])
    assert _attempt_url("quiz:practice_summary", started.uid) == reverse("quiz:practice_summary", args=[started.uid])


@pytest.mark.parametrize("action", ["", "next"])  # a save takes the counting lock, a Next the plain one
def test_an_answer_to_an_attempt_deleted_after_it_was_read_is_a_404_and_writes_nothing(started, learner_client,
                                                                                        monkeypatch, action):
    item = started.items.get(position=0)
    checked = attempts.exam_answer_changes

    def check_then_delete(*args, **kwargs):
        changes = checked(*args, **kwargs)
        Attempt.objects.filter(pk=started.pk).delete()
        return changes

    monkeypatch.setattr(attempts, "exam_answer_changes", check_then_delete)
    data = {"choice": label_of(item, "A"), **({"action": action} if action else {})}
    response = learner_client.post(item_url(started, 1), data, **HX)
    assert response.status_code == 404
    assert not AttemptItem.objects.filter(pk=item.pk).exists()


def _graded_four(make, learner, learner_client):
    """A graded four-question exam: question 1 right, 2 flagged and unanswered, 3 answered wrong, 4
    unanswered. Returns its result URL."""
    topic = make.topic(name="Blue/green deployment")
    for _ in range(4):
        make.question(topic)
    quiz = Quiz.objects.create(slug="filter", title="Filter exam", mode=Mode.EXAM, question_count=4,
                               only_approved=False)
    attempt, _created = attempts.start_exam(learner, quiz, "en")
    items = list(attempt.items.order_by("position"))
    first = items[0]
    first.chosen, first.answered_at = list(first.correct_keys), timezone.now()
    first.save()
    items[1].flagged = True
    items[1].save()
    third = items[2]
    third.chosen = [next(option["key"] for option in third.options if not option["correct"])]
    third.answered_at = timezone.now()
    third.save()
    learner_client.post(f"/quiz/attempts/{attempt.uid}/submit/")
    return f"/quiz/attempts/{attempt.uid}/result/"


REVIEWED = re.compile(r'<article class="review-item (\w+)" id="q(\d+)">\s*<details( open)?>\s*'
                      r'<summary><h3>(.*?)</h3>\s*'
                      r'<span class="stem-start" lang="en">(.*?)</span></summary>', re.S)


def test_the_result_review_can_show_only_the_wrong_or_the_flagged_questions(make, learner, learner_client):
    url = _graded_four(make, learner, learner_client)
    everything = learner_client.get(url).content.decode()
    assert everything.count('class="review-item') == 4 and "All questions (4)" in everything
    wrong = learner_client.get(url + "?show=wrong").content.decode()
    assert wrong.count('class="review-item') == 3 and 'id="q1"' not in wrong and "Wrong or not answered (3)" in wrong
    flagged = learner_client.get(url + "?show=flagged").content.decode()
    assert flagged.count('class="review-item') == 1 and 'id="q2"' in flagged
    # the grid links a question the filter hides to the full review, one it shows to the filtered page
    assert 'href="?#q1"' in flagged and 'href="?show=flagged#q2"' in flagged
    assert learner_client.get(url + "?show=bogus").content.decode().count('class="review-item') == 4


def test_the_result_review_lists_every_question_closed_with_its_number_verdict_and_stem(make, learner,
                                                                                       learner_client):
    # 65 open questions with every explanation made a phone page about 95,000 px tall
    url = _graded_four(make, learner, learner_client)
    html = learner_client.get(url).content.decode()
    rows = [(state, number, opened, re.sub(r"\s+", " ", heading), start)
            for state, number, opened, heading, start in REVIEWED.findall(html)]
    assert [row[:3] for row in rows] == [("right", "1", ""), ("unanswered", "2", ""), ("wrong", "3", ""),
                                         ("unanswered", "4", "")]
    assert [row[3] for row in rows] == ["Question 1 · Blue/green deployment · Right",
                                        "Question 2 · Blue/green deployment · Not answered · flagged",
                                        "Question 3 · Blue/green deployment · Wrong",
                                        "Question 4 · Blue/green deployment · Not answered"]
    assert all(re.fullmatch(r"Question \d+: which option fits\?", row[4]) for row in rows)
    # the explanations are there, behind the summary (the page works without JavaScript)
    assert html.count("Why A is right.") == 4 and html.count('<details open') == 0


def test_a_filtered_result_review_opens_the_questions_it_shows(make, learner, learner_client):
    url = _graded_four(make, learner, learner_client)
    wrong = REVIEWED.findall(learner_client.get(url + "?show=wrong").content.decode())
    assert [(number, opened) for _state, number, opened, _h, _s in wrong] == [("2", " open"), ("3", " open"),
                                                                              ("4", " open")]
    flagged = REVIEWED.findall(learner_client.get(url + "?show=flagged").content.decode())
    assert [(number, opened) for _state, number, opened, _h, _s in flagged] == [("2", " open")]


def test_the_summary_of_a_long_stem_shows_its_start_only(make, learner, learner_client):
    from quiz.models import AttemptItem

    url = _graded_four(make, learner, learner_client)
    item = AttemptItem.objects.get(position=0)
    item.stem = {"en": "A team deploys " + "a new version " * 20 + "with no downtime. Which policy fits?"}
    item.save()
    html = learner_client.get(url).content.decode()
    start = REVIEWED.findall(html)[0][4]
    assert start.startswith("A team deploys a new version") and start.endswith("…") and len(start) == 120
    assert "with no downtime. Which policy fits?</p>" in html  # the whole stem when the question is open


def test_the_exam_clock_line_carries_the_answered_count_for_the_phone_bar(started, learner_client):
    item = started.items.filter(choose=1).order_by("position").first()  # one choice answers it (not the choose-two)
    learner_client.post(item_url(started, item.position + 1), {"choice": label_of(item, "A")}, **HX)
    html = learner_client.get(item_url(started, 5 if item.position != 4 else 4)).content.decode()
    line = html[html.index('<p class="countdown-line">'):]
    line = line[:line.index("</p>")]
    # beside the time, hidden from screen readers: the question's progress line says it to them
    assert 'id="countdown"' in line
    assert '<span class="bar-answered" aria-hidden="true">1 of 5 answered</span>' in line
    assert '<span class="answered-count">1 of 5 answered</span>' in html
    review = learner_client.get(f"/quiz/attempts/{started.uid}/review/").content.decode()
    assert 'id="countdown"' in review and "1 of 5 answered" in review  # the phone's bar says it there too


def test_the_start_page_says_how_many_questions_an_attempt_gets_now(make, learner_client):
    from quiz.models import Quiz

    topic = make.topic(domain="compute")
    for _ in range(4):
        make.question(topic)
    short = Quiz.objects.create(slug="short-bank", title="Nine asked", mode=Mode.EXAM, question_count=9,
                                time_limit_minutes=10, only_approved=False)
    html = learner_client.get(f"/quiz/exams/{short.slug}/").content.decode()
    assert "<li>4 questions</li>" in html  # the bank has four: an attempt gets four, not nine


def test_the_start_page_gives_the_learner_the_time_their_class_gives_them(make, learner_client, learner,
                                                                         instructor, exam):
    from quiz.instructor.models import Assignment, Classroom, Membership

    make.question(make.topic(domain="compute"))
    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner, extra_minutes=15)
    Assignment.objects.create(classroom=classroom, quiz=exam, created_by=instructor)
    html = learner_client.get("/quiz/exams/short/").content.decode()
    assert "16 min; the clock keeps running" in html  # 1 + 15 extra
    learner_client.post("/quiz/exams/short/")
    Membership.objects.update(extra_minutes=0)  # changed after the start: the attempt keeps its deadline
    html = learner_client.get("/quiz/exams/short/").content.decode()
    assert "16 min; the clock keeps running" in html and "Resume the exam" in html


def test_the_exam_list_gives_the_learner_the_time_the_start_page_gives_them(make, learner_client, learner,
                                                                           instructor, exam):
    from quiz.instructor.models import Assignment, Classroom, Membership

    make.question(make.topic(domain="compute"))
    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    membership = Membership.objects.create(classroom=classroom, learner=learner, extra_minutes=15)
    Assignment.objects.create(classroom=classroom, quiz=exam, created_by=instructor)
    other = Classroom.objects.create(name="Weekend class", owner=instructor)
    Membership.objects.create(classroom=other, learner=learner, extra_minutes=40)  # a class not given this exam

    def shown():
        start = learner_client.get("/quiz/exams/short/").content.decode()
        listing = learner_client.get("/quiz/exams/").content.decode()
        on_start = re.search(r"<li>Time limit: (\d+) min; the clock", start).group(1)
        on_list = re.search(r"Short exam</a>\n    · \d+ questions?, (\d+) min[\n ]", listing).group(1)
        return on_start, on_list

    assert shown() == ("16", "16")  # 1 + 15 extra, not the 1 the quiz says nor the other class's 40
    learner_client.post("/quiz/exams/short/")
    membership.extra_minutes = 0
    membership.save()  # changed after the start: the attempt keeps its deadline, and both pages say so
    assert shown() == ("16", "16")


def test_the_start_page_says_how_many_questions_come_in_another_language(make, learner_client):
    from quiz.models import Question

    topic = make.topic(domain="compute")
    for n in range(5):
        question = make.question(topic)
        if n < 2:  # from a Japanese note: a definition question stays in its note's language
            question.languages, question.stem = ["ja"], {"ja": "どれですか？"}
            question.save()
    exam = Quiz.objects.create(slug="mixed-bank", title="Five asked", mode=Mode.EXAM, question_count=5,
                               time_limit_minutes=10, only_approved=False)
    html = learner_client.get(f"/quiz/exams/{exam.slug}/").content.decode()
    assert "The bank has too few questions in English: 2 questions are shown in the language of their notes." in html
    # in Japanese, the three English questions are the ones in another language
    html = learner_client.get(f"/quiz/exams/{exam.slug}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "日本語の問題が足りないため、3 問はノートの言語で表示されます。" in html
    # a fixed list is the instructor's choice: the bank lacks nothing
    exam.questions.set(Question.objects.all())
    html = learner_client.get(f"/quiz/exams/{exam.slug}/").content.decode()
    assert ("2 of this quiz's questions are not written in English: they are shown in the language of their "
            "notes.") in html and "The bank has too few" not in html
    # all in the learner's language: nothing to say
    Question.objects.update(languages=["en"])
    html = learner_client.get(f"/quiz/exams/{exam.slug}/").content.decode()
    assert "too few questions" not in html


@pytest.mark.parametrize("action", ["next", "flag"])
def test_the_panel_after_an_answer_shows_it_in_the_navigator(started, learner_client, action):
    # the navigator is read with the answered item, before the write: its own cell is the one just written
    item = started.items.filter(choose=1).order_by("position").first()
    Attempt.objects.filter(pk=started.pk).update(position=item.position)
    html = learner_client.post(item_url(started, item.number), {"choice": label_of(item, "A"), "action": action},
                               **HX).content.decode()
    cell = re.search(rf'<a [^>]*href="[^"]*/{item.number}/"[^>]*>', html).group(0)
    assert "answered" in cell
    assert ("flagged" in cell) is (action == "flag")
    assert f"1 of {started.item_count} answered" in html
    shown = started.items.get(position=item.position + (action == "next"))  # the next item, read with the write
    assert f'data-number="{shown.number}"' in html and escape(shown.stem_in("en")) in html


def test_a_one_minute_one_question_exam_says_minute_and_question_in_the_singular(make, learner_client):
    make.question()
    Quiz.objects.create(slug="quick", title="Quick check", mode=Mode.EXAM, question_count=1, time_limit_minutes=1,
                        only_approved=False)
    start = learner_client.get("/quiz/exams/quick/").content.decode()
    assert "1 question<" in start and "Time limit: 1 min; the clock keeps running" in start
    listing = learner_client.get("/quiz/exams/").content.decode()
    assert "Quick check</a>\n    · 1 question, 1 min\n" in listing
    assert "1 minutes" not in listing and "1 minutes" not in start


def test_the_exam_list_puts_each_count_in_the_singular_or_the_plural_on_its_own(make, learner_client):
    make.question()
    Quiz.objects.create(slug="one-long", title="One long", mode=Mode.EXAM, question_count=1, time_limit_minutes=10,
                        only_approved=False)
    Quiz.objects.create(slug="many-short", title="Many short", mode=Mode.EXAM, question_count=5, time_limit_minutes=1)
    Quiz.objects.create(slug="untimed", title="Untimed", mode=Mode.EXAM, question_count=1, time_limit_minutes=None)
    listing = learner_client.get("/quiz/exams/").content.decode()
    assert "One long</a>\n    · 1 question, 10 min\n" in listing
    assert "Many short</a>\n    · 5 questions, 1 min\n" in listing
    assert "Untimed</a>\n    · 1 question\n" in listing


def test_in_korean_and_japanese_the_results_review_is_not_called_like_the_spaced_review(started, learner_client):
    # "Review" is two things: the result's questions with their answers, and the spaced review of the navigation
    # (복습 / 復習). The result's heading has its own words.
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    for language, heading, nav in (("ko", "문제 다시 보기", "복습"), ("ja", "解答の振り返り", "復習")):
        html = learner_client.get(f"/quiz/attempts/{started.uid}/result/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'<h2 id="review">{heading}</h2>' in html
        assert f'data-review-link>{nav} <span' in html


def test_an_exam_shows_no_source_link_before_submission_and_links_back_to_the_review_after(started,
                                                                                           learner_client):
    from html import unescape

    for number in range(1, 6):
        learner_client.post(item_url(started, number), {"choice": "A"})
        html = learner_client.get(item_url(started, number)).content.decode()
        assert "/files/" not in html and "Reread in your notes" not in html and "hl=" not in html
    assert "/files/" not in learner_client.get(f"/quiz/attempts/{started.uid}/review/").content.decode()

    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    result = f"/quiz/attempts/{started.uid}/result/"
    html = learner_client.get(result, {"show": "wrong"}).content.decode()
    links = [unescape(link) for link in re.findall(r'<a href="(/files/[^"]+)"', html)]
    assert links and all(link.endswith("#cited") for link in links)
    page = learner_client.get(links[0]).content.decode()
    number = re.search(rf'{result}\?show=wrong#q(\d)">Back to the question', page).group(1)
    assert f'id="q{number}"' in learner_client.get(result, {"show": "wrong"}).content.decode()


def test_the_exam_list_shows_each_exams_best_and_last_score_so_the_learner_can_choose(learner_client, learner,
                                                                                     exam):
    from quiz.attempts import mock_exam

    mock = mock_exam()
    now = timezone.now()
    for minutes, score in ((30, 640), (20, 812), (10, 745)):  # the best is not the last
        Attempt.objects.create(user=learner, quiz=exam, mode=Mode.EXAM, state=Attempt.State.SUBMITTED,
                               scaled_score=score, started_at=now - timedelta(hours=1),
                               submitted_at=now - timedelta(minutes=minutes))
    html = learner_client.get("/quiz/exams/").content.decode()
    short_row = html[html.index("Short exam</a>"):].split("</li>")[0]
    assert "· 5 questions, 1 min" in short_row and "· best 812, last 745" in short_row
    mock_row = html[html.index(f'{mock.get_absolute_url()}">'):].split("</li>")[0]
    assert "65 questions, 2 h 10 min" in mock_row and "not taken yet" in mock_row and "best" not in mock_row

    Attempt.objects.create(user=learner, quiz=mock, mode=Mode.EXAM, state=Attempt.State.EXPIRED, scaled_score=500, started_at=now,
                           submitted_at=now)
    html = learner_client.get("/quiz/exams/").content.decode()
    mock_row = html[html.index(f'{mock.get_absolute_url()}">'):].split("</li>")[0]
    assert "· best 500" in mock_row and "last" not in mock_row  # one attempt: its score once


def test_an_assigned_exams_start_page_gives_its_due_date_in_the_learners_zone_and_its_time_limit(
        make, exam, learner, learner_client, instructor):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    from quiz.instructor.models import Assignment, Classroom, Membership

    make.question(make.topic())
    classroom = Classroom.objects.create(name="Evening", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    Assignment.objects.create(classroom=classroom, quiz=exam,
                              due_at=datetime(2099, 11, 27, 7, 37, tzinfo=dt_timezone.utc))
    learner_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Tokyo"})
    html = learner_client.get("/quiz/exams/short/").content.decode()
    assert "<li><strong>Due 2099-11-27 16:37</strong></li>" in html and "Times are in Asia/Tokyo." in html
    assert "<li>Time limit: 1 min; the clock keeps running" in html
    ja = learner_client.get("/quiz/exams/short/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "期限：2099-11-27 16:37" in ja


def test_the_results_last_button_leads_back_to_the_exams(started, learner_client):
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    html = learner_client.get(f"/quiz/attempts/{started.uid}/result/").content.decode()
    assert '<a role="button" href="/quiz/exams/">Back to exams</a>' in html


def test_the_exam_list_says_which_exams_a_class_assigned_and_when_they_are_due(make, learner_client, learner,
                                                                            instructor, exam):
    """A learner who joined a class saw "Short exam · not taken yet" with no sign that it was assigned or due."""
    from datetime import datetime
    from datetime import timezone as dt_timezone

    from quiz.instructor.models import Assignment, Classroom, Membership

    make.question(make.topic(domain="compute"))
    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    listing = learner_client.get("/quiz/exams/").content.decode()
    assert "Assigned by" not in listing and "Times are in" not in listing
    assignment = Assignment.objects.create(classroom=classroom, quiz=exam, created_by=instructor)
    listing = learner_client.get("/quiz/exams/").content.decode()
    assert "<strong>Assigned by Evening class</strong>" in listing and "Times are in" not in listing
    assignment.due_at = datetime(2031, 3, 4, 9, 30, tzinfo=dt_timezone.utc)
    assignment.save()
    listing = learner_client.get("/quiz/exams/").content.decode()
    assert "<strong>Assigned by Evening class, due 2031-03-04 09:30</strong>" in listing
    assert "Times are in UTC." in listing
    assert listing.count("Assigned by") == 1  # the mock exam is nobody's assignment


def test_the_exam_list_names_the_class_the_due_date_it_shows_is_from(make, learner_client, learner, instructor, exam):
    """Two classes assign the exam: the class's name and the due date were each the smallest of both, so the list
    said "Assigned by A class, due <B class's date>"."""
    from datetime import datetime
    from datetime import timezone as dt_timezone

    from quiz.instructor.models import Assignment, Classroom, Membership

    make.question(make.topic(domain="compute"))
    for name, due in (("A morning class", None), ("B evening class", datetime(2031, 3, 4, 9, 30, tzinfo=dt_timezone.utc))):
        classroom = Classroom.objects.create(name=name, owner=instructor)
        Membership.objects.create(classroom=classroom, learner=learner)
        Assignment.objects.create(classroom=classroom, quiz=exam, created_by=instructor, due_at=due)
    listing = learner_client.get("/quiz/exams/").content.decode()
    assert "<strong>Assigned by B evening class, due 2031-03-04 09:30</strong>" in listing


def _assigned(exam, learner, instructor, **kwargs):
    from quiz.instructor.models import Assignment, Classroom, Membership

    classroom = Classroom.objects.create(name="Evening", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    return Assignment.objects.create(classroom=classroom, quiz=exam, **kwargs)


@pytest.mark.parametrize("rule, review", [
    ("after_due", "Your answers open for review as soon as you submit."),  # the due date passed: open now
    ("never", "Your class does not open the answers of this exam for review."),
])
def test_an_overdue_exams_start_page_says_so_and_what_still_happens(make, exam, learner, learner_client, instructor,
                                                                    rule, review):
    """The start page gave the due date in bold and never said it had passed (the dashboard said "Overdue")."""
    make.question(make.topic())
    _assigned(exam, learner, instructor, due_at=timezone.now() - timedelta(hours=1), review_opens=rule)
    html = learner_client.get("/quiz/exams/short/").content.decode()
    assert "<strong data-overdue>Overdue</strong>" in html
    assert "The due date has passed, but you can still take it: your instructor sees when you submit it." in html
    assert review in html
    assert ">Start the exam</button>" in html  # the due date refuses nothing: only the quiz's closing time does
    ja = learner_client.get("/quiz/exams/short/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "<strong data-overdue>期限切れ</strong>" in ja


def test_a_start_page_says_overdue_neither_before_the_due_date_nor_once_the_exam_is_done(
        make, exam, learner, learner_client, instructor):
    make.question(make.topic())
    assignment = _assigned(exam, learner, instructor, due_at=timezone.now() + timedelta(hours=1))
    assert "data-overdue" not in learner_client.get("/quiz/exams/short/").content.decode()
    assignment.due_at = timezone.now() - timedelta(hours=1)
    assignment.save()
    assert "data-overdue" in learner_client.get("/quiz/exams/short/").content.decode()
    attempt, _ = attempts.start_exam(learner, exam, "en")
    attempts.submit(attempt, now=timezone.now())
    assert "data-overdue" not in learner_client.get("/quiz/exams/short/").content.decode()


def test_a_closed_overdue_exam_says_overdue_without_offering_to_take_it(make, exam, learner, learner_client,
                                                                       instructor):
    make.question(make.topic())
    exam.closes_at = timezone.now() - timedelta(minutes=5)
    exam.save()
    _assigned(exam, learner, instructor, due_at=timezone.now() - timedelta(hours=1))
    html = learner_client.get("/quiz/exams/short/").content.decode()
    assert "<strong data-overdue>Overdue</strong>" in html and "This exam closed on" in html
    assert "you can still take it" not in html and "Start the exam" not in html


def test_the_result_review_tells_a_topics_questions_apart_by_what_their_stems_do_not_share(make, learner,
                                                                                          learner_client):
    # Cut at 120 characters, both lines read "A team deploys a new application version to an Elastic Beanstalk
    # environment. Instances must…": the setting first, what tells the questions apart cut off.
    topic = make.topic(name="Elastic Beanstalk")
    setting = ("A team deploys a new application version to an Elastic Beanstalk environment, which serves "
               "customers in three regions.")
    own = ["Instances must stay in service with full capacity throughout.",
           "The deployment must finish as fast as possible, downtime is fine."]
    for requirement in own:
        question = make.question(topic)
        question.stem = {"en": f"{setting} {requirement} Which deployment policy should they use?"}
        question.save()
    quiz = Quiz.objects.create(slug="beanstalk", title="Beanstalk exam", mode=Mode.EXAM, question_count=2,
                               only_approved=False)
    attempt, _created = attempts.start_exam(learner, quiz, "en")
    learner_client.post(f"/quiz/attempts/{attempt.uid}/submit/")
    url = f"/quiz/attempts/{attempt.uid}/result/"
    for query in ("", "?show=wrong"):  # a filtered list says the same (both unanswered: both shown)
        rows = REVIEWED.findall(learner_client.get(url + query).content.decode())
        assert sorted(start for *_rest, start in rows) == ["…" + requirement for requirement in own]


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_the_result_says_a_topics_documentation_notice_under_its_questions_options(make, learner, learner_client,
                                                                                    exam, language):
    from studynotes.notices import for_topics

    make.question(make.topic(slug="x-ray"))
    make.question()
    attempt, _ = attempts.start_exam(learner, exam, "en")
    learner_client.post(f"/quiz/attempts/{attempt.uid}/submit/")
    html = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    [notice] = for_topics(["x-ray"], language)
    assert html.count('<p class="doc-notice-line" role="note">') == 1  # the X-Ray question's, not the other's
    assert f'<span lang="{language}">{escape(notice["text"])}</span>' in html
    assert f'<a href="{notice["url"]}" rel="noopener noreferrer external" lang="en">' in html
    xray = next(part for part in html.split('<article class="review-item')[1:] if "doc-notice-line" in part)
    assert xray.index("doc-notice-line") > xray.index('class="options reviewed"')


def test_a_finished_exam_practises_the_questions_it_got_wrong_or_left_blank(started, learner, learner_client):
    items = list(started.items.order_by("position"))
    right, wrong = items[0], items[1]
    learner_client.post(item_url(started, 1), {"choice": [label_of(right, k) for k in right.correct_keys]})
    wrong_key = next(o["key"] for o in wrong.options if o["key"] not in wrong.correct_keys)
    learner_client.post(item_url(started, 2), {"choice": label_of(wrong, wrong_key)})
    url = f"/quiz/attempts/{started.uid}/practise-wrong/"
    # while the exam is being taken nothing is wrong yet
    assert learner_client.post(url)["Location"].startswith(f"/quiz/attempts/{started.uid}/")
    assert not Attempt.objects.filter(mode="practice").exists()
    learner_client.post(f"/quiz/attempts/{started.uid}/submit/")
    page = learner_client.get(f"/quiz/attempts/{started.uid}/result/").content.decode()
    assert "Practise the 4 questions I got wrong or left blank" in page
    response = learner_client.post(url)
    practice = Attempt.objects.get(user=learner, mode="practice")
    assert response["Location"] == practice.get_absolute_url()
    assert (practice.origin, practice.language, practice.display_title) == ("wrong", started.language, "Wrong answers")
    assert set(practice.items.values_list("question_id", flat=True)) == {i.question_id for i in items[1:]}


def test_practising_a_finished_exams_wrong_answers_keeps_to_the_review_rule_and_the_owner(
        make, exam, learner, learner_client, instructor, other_learner, client):
    for _ in range(2):
        make.question()
    _assigned(exam, learner, instructor, review_opens="never")
    attempt, _ = attempts.start_exam(learner, exam, "en")
    attempts.submit(attempt, now=timezone.now())
    url = f"/quiz/attempts/{attempt.uid}/practise-wrong/"
    page = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    assert "practise-wrong" not in page  # the answers are not open: neither is practising them
    assert learner_client.post(url).status_code == 403
    client.force_login(other_learner)
    assert client.post(url).status_code == 404
    assert not Attempt.objects.filter(mode="practice").exists()
