"""Practice: topic sets, set-up page, instant feedback (htmx and full page), summary, reports."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import ngettext

from conftest import autofocused
from quiz.attempts import label_of, start_practice
from quiz.generation.templates import quoted_line
from quiz.models import Attempt, AttemptItem, ProblemReport, Question

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def practice(make, learner):
    topic = make.topic(name="Blue/green deployment", domain="deployment")
    questions = [make.question(topic) for _ in range(3)]
    return start_practice(learner, questions, "en")


def item_url(attempt, number):
    return f"/quiz/practice/{attempt.uid}/{number}/"


def test_practise_this_topic_starts_a_ten_question_set(make, learner_client, learner):
    topic = make.topic(slug="blue-green")
    for _ in range(12):
        make.question(topic)
    response = learner_client.post("/quiz/practice/topic/blue-green/")
    attempt = Attempt.objects.get(user=learner)
    assert response.status_code == 302
    assert response["Location"] == item_url(attempt, 1)
    assert (attempt.mode, attempt.item_count, attempt.origin) == ("practice", 10, "topic")


def test_the_topic_page_shows_the_practise_button_to_learners(make, learner_client):
    make.question(make.topic(slug="canary"))
    html = learner_client.get("/topics/canary/").content.decode()
    assert 'action="/quiz/practice/topic/canary/"' in html


def test_a_topic_without_questions_says_so_and_writes_nothing(make, learner_client):
    make.topic(slug="empty-topic")
    response = learner_client.post("/quiz/practice/topic/empty-topic/", follow=True)
    assert "There are no questions to practise here yet." in response.content.decode()
    assert not Attempt.objects.exists()


def test_a_practice_set_short_of_questions_an_exam_in_progress_holds_says_why(make, learner_client, learner):
    from quiz.attempts import start_exam
    from quiz.models import Mode, Quiz

    topic = make.topic(slug="elb-types")
    questions = [make.question(topic) for _ in range(4)]
    exam = Quiz.objects.create(slug="mini", title="Mini", mode=Mode.EXAM, question_count=3, only_approved=False)
    exam.questions.set(questions[:3])
    start_exam(learner, exam, "en")
    page = learner_client.post("/quiz/practice/topic/elb-types/", follow=True).content.decode()
    practice = Attempt.objects.get(user=learner, mode="practice")
    assert practice.item_count == 1
    assert ("3 questions of these topics are in your exam in progress: this set leaves them out until the exam "
            "ends.") in page
    # the set-up page says the same, and with every question held, starts nothing and says why
    exam.questions.set(questions)
    exam.question_count = 4
    exam.save()
    Attempt.objects.all().delete()
    start_exam(learner, exam, "en")
    page = learner_client.post("/quiz/practice/topic/elb-types/", follow=True).content.decode()
    assert "All 4 questions to practise here are in your exam in progress" in page
    assert "There are no questions to practise here yet." not in page
    assert not Attempt.objects.filter(mode="practice").exists()
    page = learner_client.post("/quiz/practice/", {"topics": [topic.slug], "count": 5, "language": "en"}).content.decode()
    assert "All 4 questions to practise here are in your exam in progress" in page


def test_an_unanswered_question_has_no_key_and_no_explanation_in_its_html(practice, learner_client):
    html = learner_client.get(item_url(practice, 1)).content.decode()
    item = practice.items.get(position=0)
    assert item.stem_in("en") in html
    assert "Why " not in html  # explanations read "Why A is right." in the factory
    assert "is-key" not in html and "Correct answer" not in html
    panel = html[html.index('id="practice-item"'):html.index("</section>", html.index('id="practice-item"'))]
    assert "correct" not in panel.lower() and "explanation" not in panel.lower()
    for option in item.options:
        assert option["text"] in html
    # inputs carry the shown position letter, never the question's own key
    assert re.findall(r'name="choice" value="(\w)"', html) == ["A", "B", "C", "D"]


def test_an_htmx_answer_returns_the_feedback_fragment(practice, learner_client, learner):
    item = practice.items.get(position=0)
    response = learner_client.post(item_url(practice, 1), {"choice": label_of(item, "A")}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Right!" in html
    for key in "ABCD":
        assert f"Why {key} is" in html  # every option explained
    section_id = item.sources[0]["section"]
    # the source section as a link that lands on the quoted lines (and leads back here)
    note_file_id = item.question.sections.get().note_file_id
    assert f'href="/files/{note_file_id}/?hl={section_id}%3A1-3&amp;back=' in html
    assert '#cited"' in html
    assert f'href="{item_url(practice, 2)}"' in html


def test_a_wrong_answer_shows_the_key_and_the_explanations(practice, learner_client):
    item = practice.items.get(position=0)
    html = learner_client.post(item_url(practice, 1), {"choice": label_of(item, "B")}, **HX).content.decode()
    assert "Not quite." in html
    key_text = next(option["text"] for option in item.options if option["key"] == "A")
    assert f"The answer is {label_of(item, 'A')} (<span lang=\"en\">{key_text}</span>)." in html
    assert "Why B is wrong." in html
    item.refresh_from_db()
    assert (item.chosen, item.correct) == (["B"], False)


def test_without_javascript_an_answer_posts_and_redirects_to_the_feedback(practice, learner_client):
    item = practice.items.get(position=0)
    response = learner_client.post(item_url(practice, 1), {"choice": label_of(item, "A")})
    assert response.status_code == 302 and response["Location"] == item_url(practice, 1)
    assert "Right!" in learner_client.get(item_url(practice, 1)).content.decode()


def test_answering_again_does_not_change_the_first_answer(practice, learner_client):
    item = practice.items.get(position=0)
    learner_client.post(item_url(practice, 1), {"choice": label_of(item, "B")}, **HX)
    learner_client.post(item_url(practice, 1), {"choice": label_of(item, "A")}, **HX)
    item.refresh_from_db()
    assert (item.chosen, item.correct) == (["B"], False)


def test_no_choice_gets_a_clear_message_and_writes_nothing(practice, learner_client):
    response = learner_client.post(item_url(practice, 1), {}, **HX)
    assert response.status_code == 200
    assert "Choose 1 option." in response.content.decode()
    assert not AttemptItem.objects.filter(answered_at__isnull=False).exists()


def test_choose_two_needs_exactly_two(make, learner, learner_client):
    question = make.question(type="choose_n", choose=2, n_options=5)
    attempt = start_practice(learner, [question], "en")
    item = attempt.items.get()
    html = learner_client.get(item_url(attempt, 1)).content.decode()
    assert 'type="checkbox"' in html and "Choose 2." in html
    response = learner_client.post(item_url(attempt, 1), {"choice": [label_of(item, "A")]}, **HX)
    assert "Choose exactly 2 options." in response.content.decode()
    item.refresh_from_db()
    assert item.answered_at is None
    learner_client.post(item_url(attempt, 1), {"choice": [label_of(item, "A"), label_of(item, "B")]}, **HX)
    item.refresh_from_db()
    assert item.correct is True


def test_a_refused_one_of_two_comes_back_with_its_tick_kept_and_stores_nothing(make, learner, learner_client):
    question = make.question(type="choose_n", choose=2, n_options=5)
    attempt = start_practice(learner, [question], "en")
    item = attempt.items.get()
    response = learner_client.post(item_url(attempt, 1), {"choice": [label_of(item, "A")]}, **HX)
    html = response.content.decode()
    assert "Choose exactly 2 options." in html
    checked = re.findall(r'<input type="checkbox" name="choice" value="([A-E])"[^>]* checked', html)
    assert checked == [label_of(item, "A")]  # one more tick answers it, no need to tick A again
    item.refresh_from_db()
    assert (item.chosen, item.answered_at, item.correct) == ([], None, None)
    from quiz.progress.models import ReviewLog

    assert not ReviewLog.objects.exists()


def test_an_unknown_option_is_refused(practice, learner_client):
    response = learner_client.post(item_url(practice, 1), {"choice": "Z"}, **HX)
    assert "That option is not part of this question." in response.content.decode()
    assert not AttemptItem.objects.filter(answered_at__isnull=False).exists()


def test_another_learners_practice_is_not_found(practice, client, other_learner):
    client.force_login(other_learner)
    assert client.get(item_url(practice, 1)).status_code == 404
    assert client.post(item_url(practice, 1), {"choice": "A"}).status_code == 404
    assert client.get(f"/quiz/practice/{practice.uid}/summary/").status_code == 404
    assert not AttemptItem.objects.filter(answered_at__isnull=False).exists()


def test_a_question_number_outside_the_set_is_not_found(practice, learner_client):
    assert learner_client.get(item_url(practice, 4)).status_code == 404
    assert learner_client.get(item_url(practice, 0)).status_code == 404


def test_the_feedback_offers_to_end_the_set_beside_the_next_question(practice, learner_client):
    # "End this set" was only on an unanswered question: to stop after an answer, one opened the next question
    item = practice.items.get(position=0)
    html = learner_client.post(item_url(practice, 1), {"choice": label_of(item, "A")}, **HX).content.decode()
    form = html[html.index('<form method="post" action="/quiz/practice/'):]
    form = form[:form.index("</form>")]
    assert f'action="/quiz/practice/{practice.uid}/summary/" class="next">' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert f'href="{item_url(practice, 2)}" hx-get="{item_url(practice, 2)}"' in form
    assert '<button type="submit" class="secondary outline">End this set</button>' in form
    response = learner_client.post(f"/quiz/practice/{practice.uid}/summary/")
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.state, practice.raw_score, practice.item_count) == ("submitted", 1, 3)
    # the set ended: its answered question offers the way on only
    html = learner_client.get(item_url(practice, 1), **HX).content.decode()
    assert "End this set" not in html and f'href="{item_url(practice, 2)}"' in html


def test_the_summary_counts_right_answers_by_domain(practice, learner_client):
    for number in (1, 2, 3):
        item = practice.items.get(position=number - 1)
        learner_client.post(item_url(practice, number), {"choice": label_of(item, "A" if number < 3 else "C")})
    practice.refresh_from_db()
    assert practice.state == Attempt.State.SUBMITTED
    html = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    assert "2 of 3 right (67%)" in html  # to the nearest, halves up, as on every page (not down)
    assert "Deployment" in html


def test_a_fully_answered_set_left_ungraded_is_graded_on_its_summary(practice, learner_client):
    # On PostgreSQL the last answer grades the set after its own statement: a worker killed in between leaves
    # every item answered and the set open. Its summary grades it.
    for number in (1, 2, 3):
        item = practice.items.get(position=number - 1)
        learner_client.post(item_url(practice, number), {"choice": label_of(item, "A")})
    Attempt.objects.filter(pk=practice.pk).update(state=Attempt.State.IN_PROGRESS, raw_score=None,
                                                  scaled_score=None, passed=None, submitted_at=None)
    html = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    practice.refresh_from_db()
    assert practice.state == Attempt.State.SUBMITTED and practice.raw_score == 3
    assert "3 of 3 right (100%)" in html


def test_ending_a_set_early_grades_what_was_answered(practice, learner_client):
    item = practice.items.get(position=0)
    learner_client.post(item_url(practice, 1), {"choice": label_of(item, "A")})
    response = learner_client.post(f"/quiz/practice/{practice.uid}/summary/")
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.state, practice.raw_score, practice.item_count) == ("submitted", 1, 3)


def test_the_setup_page_starts_a_set_by_domain_and_count(make, learner_client, learner):
    compute = make.topic(domain="compute")
    storage = make.topic(domain="storage")
    for _ in range(4):
        make.question(compute)
        make.question(storage)
    assert learner_client.get("/quiz/practice/").status_code == 200
    response = learner_client.post("/quiz/practice/", {"domains": ["compute"], "language": "en", "count": 3})
    attempt = Attempt.objects.get(user=learner)
    assert response.status_code == 302
    assert attempt.item_count == 3
    assert set(attempt.items.values_list("domain", flat=True)) == {"compute"}


def _japanese_only(question):
    Question.objects.filter(pk=question.pk).update(languages=["ja"], stem={"ja": f"どれですか？{question.pk}"})


def test_a_set_in_english_takes_english_questions_of_other_domains_before_japanese_ones(make, learner_client,
                                                                                        learner):
    # Spread evenly over four domains, dns and storage (no English questions) gave 4 of 10 in Japanese with a
    # message that the bank had too few in English, while deployment had 10 English questions left.
    deployment, networking = make.topic(domain="deployment"), make.topic(domain="networking")
    for _ in range(10):
        make.question(deployment)
    for _ in range(4):
        make.question(networking)
    for domain in ("dns", "storage"):
        topic = make.topic(domain=domain)
        for _ in range(5):
            _japanese_only(make.question(topic))
    response = learner_client.post("/quiz/practice/", {"language": "en", "count": 10}, follow=True)
    attempt = Attempt.objects.get(user=learner)
    items = list(attempt.items.all())
    assert [item for item in items if "en" not in item.stem] == []
    # the spread kept where English allows it: networking gives all four it has
    assert sorted(item.domain for item in items) == ["deployment"] * 6 + ["networking"] * 4
    assert "too few questions" not in response.content.decode()
    # only when the bank really lacks English questions does it say so, and how many are in another language
    learner_client.post(f"/quiz/practice/{attempt.uid}/summary/")
    response = learner_client.post("/quiz/practice/", {"language": "en", "count": 17}, follow=True)
    items = list(Attempt.objects.latest("started_at").items.all())
    assert sum(1 for item in items if "en" not in item.stem) == 3
    assert ("The bank has too few questions in English: 3 questions are shown in the language of their notes."
            in response.content.decode())


def test_the_weakest_topics_set_takes_the_english_questions_first_too(make, learner_client, learner):
    deployment, dns = make.topic(domain="deployment"), make.topic(domain="dns")
    for _ in range(10):
        make.question(deployment)
    for _ in range(5):
        _japanese_only(make.question(dns))
    learner_client.post("/progress/weakest/", HTTP_ACCEPT_LANGUAGE="en")
    items = Attempt.objects.get(user=learner, origin="weakest").items.all()
    assert items and all("en" in item.stem for item in items)


def test_a_weakest_topics_set_with_questions_in_another_language_says_so_on_its_first_question(
        make, learner_client, learner):
    dns = make.topic(domain="dns")
    for _ in range(2):
        make.question(dns)
    for _ in range(3):
        _japanese_only(make.question(dns))
    response = learner_client.post("/progress/weakest/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.redirect_chain[0][0].endswith("/1/")
    assert ("The bank has too few questions in English: 3 questions are shown in the language of their notes."
            in response.content.decode())


def test_the_setup_page_refuses_a_bad_count_and_writes_nothing(make, learner_client):
    make.question()
    response = learner_client.post("/quiz/practice/", {"language": "en", "count": 0})
    assert response.status_code == 200
    assert "greater than or equal to 1" in response.content.decode()
    assert not Attempt.objects.exists()


def test_a_problem_report_is_saved_after_answering(practice, learner_client, learner):
    item = practice.items.get(position=0)
    report_url = f"/quiz/attempts/{practice.uid}/1/report/"
    assert learner_client.post(report_url, {"text": "The key looks wrong to me."}).status_code == 404
    learner_client.post(item_url(practice, 1), {"choice": label_of(item, "A")})
    response = learner_client.post(report_url, {"text": "The key looks wrong to me."}, **HX)
    assert "Thank you" in response.content.decode()
    report = ProblemReport.objects.get()
    assert (report.user, report.question_id, report.item_id, report.resolved) == (learner, item.question_id,
                                                                                  item.pk, False)


def test_an_empty_problem_report_gets_a_message_and_writes_nothing(practice, learner_client):
    item = practice.items.get(position=0)
    learner_client.post(item_url(practice, 1), {"choice": label_of(item, "A")})
    response = learner_client.post(f"/quiz/attempts/{practice.uid}/1/report/", {"text": ""}, **HX)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_a_refused_problem_report_focuses_its_text_box_with_htmx_and_without(practice, learner_client):
    item = practice.items.get(position=0)
    learner_client.post(item_url(practice, 1), {"choice": label_of(item, "A")})
    url = f"/quiz/attempts/{practice.uid}/1/report/"
    fragment = learner_client.post(url, {"text": "ab   "}, **HX).content.decode()
    page = learner_client.post(url, {"text": ""}).content.decode()
    # htmx focuses what comes in with autofocus; the page without JavaScript, as the browser loads it
    for tags in (autofocused("<main>" + fragment), autofocused(page)):
        assert len(tags) == 1 and tags[0].startswith("<textarea") and 'aria-invalid="true"' in tags[0], tags
    assert not ProblemReport.objects.exists()


def _answer_queries(client, make, learner, size):
    topic = make.topic()
    attempt = start_practice(learner, [make.question(topic) for _ in range(size)], "en")
    item = attempt.items.get(position=0)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(item_url(attempt, 1), {"choice": label_of(item, "A")}, **HX)
    assert response.status_code == 200
    return len(queries)


def test_queries_per_practice_answer_do_not_grow_with_the_set(make, learner, learner_client,
                                                              django_assert_num_queries, local_cache):
    small = _answer_queries(learner_client, make, learner, 3)
    large = _answer_queries(learner_client, make, learner, 25)
    assert small == large
    topic = make.topic()
    attempt = start_practice(learner, [make.question(topic) for _ in range(10)], "en")
    item = attempt.items.get(position=0)
    # Before the write transaction: session with its user, item with its attempt, its source sections and the
    # question's topic with the learner's card for it (none yet). Then savepoint, rate-limit counter upsert, attempt FOR UPDATE (state,
    # and how many other items are answered: is this the last?), item update (answer and review rating), card
    # insert, log insert (no savepoint around them: each skips a conflict instead of raising), attempt
    # position and answered count, release (the item's source sections, for the feedback's links, come with the
    # first read). 10. On PostgreSQL (quiz.pgwrites) the upsert, the attempt's lock, position and count, the
    # item, card and log, and the count of other answered items are one statement, outside a transaction: 3
    expected = 3 if connection.vendor == "postgresql" else 10
    assert small == expected
    with django_assert_num_queries(expected):
        learner_client.post(item_url(attempt, 1), {"choice": label_of(item, "A")}, **HX)


def test_queries_for_the_summary_do_not_grow_with_the_set(make, learner, learner_client, local_cache):
    counts = []
    for size in (2, 12):
        attempt = start_practice(learner, [make.question() for _ in range(size)], "en")
        with CaptureQueriesContext(connection) as queries:
            assert learner_client.get(f"/quiz/practice/{attempt.uid}/summary/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_japanese_set_shows_the_japanese_stem_and_explanations(make, learner, learner_client):
    question = make.question()
    question.stem = {"en": "Which fits?", "ja": "どれが当てはまりますか？"}
    question.options = [{**o, "explanation": {**o["explanation"], "ja": f"{o['key']} の理由"}} for o in question.options]
    question.languages = ["en", "ja"]
    question.save()
    attempt = start_practice(learner, [question], "ja")
    item = attempt.items.get()
    html = learner_client.get(item_url(attempt, 1)).content.decode()
    assert "どれが当てはまりますか？" in html and "Which fits?" not in html
    html = learner_client.post(item_url(attempt, 1), {"choice": label_of(item, "A")}, **HX).content.decode()
    assert "A の理由" in html and "Why A is right." not in html


def test_the_setup_page_can_narrow_a_set_to_chosen_topics(make, learner_client, learner):
    wanted = make.topic(slug="sqs-visibility")
    other = make.topic(slug="sns-fanout")
    for _ in range(3):
        make.question(wanted)
        make.question(other)
    learner_client.post("/quiz/practice/", {"topics": ["sqs-visibility"], "language": "en", "count": 10})
    attempt = Attempt.objects.get(user=learner)
    assert attempt.item_count == 3
    assert set(attempt.items.values_list("topic_slug", flat=True)) == {"sqs-visibility"}


def test_the_summary_of_a_topic_set_offers_the_same_topic_again(make, learner_client, learner):
    topic = make.topic(slug="route53-failover")
    make.question(topic)
    learner_client.post("/quiz/practice/topic/route53-failover/")
    attempt = Attempt.objects.get(user=learner)
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/summary/").content.decode()
    assert 'action="/quiz/practice/topic/route53-failover/"' in html


def test_setup_offers_only_domains_with_questions_and_refuses_another_writing_nothing(make, learner_client):
    make.question(make.topic(domain="compute"))
    retired = make.question(make.topic(domain="storage"), status="retired")
    page = learner_client.get("/quiz/practice/").content.decode()
    assert 'value="compute"' in page and 'value="dns"' not in page and 'value="storage"' not in page
    assert retired.topic.slug not in page  # a topic whose only question is retired has nothing to practise
    response = learner_client.post("/quiz/practice/", {"domains": ["dns"], "language": "en", "count": 5})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    # a topic of one domain with another domain: nothing matches both, said once
    other = make.question(make.topic(domain="networking"))
    response = learner_client.post("/quiz/practice/", {"domains": ["compute"], "topics": [other.topic.slug],
                                                       "language": "en", "count": 5})
    html = response.content.decode()
    assert html.count("There are no questions to practise here yet.") == 1
    assert 'class="form-errors" role="alert" tabindex="-1" autofocus>' in html  # said at once, and focused
    assert not Attempt.objects.exists()


def test_the_feedback_lists_each_source_section_once_with_the_lines_it_quotes(make, learner, learner_client):
    topic = make.topic(domain="deployment")
    question = make.question(topic)
    first = question.sources[0]
    question.sources = [{**first, "line_start": 39, "line_end": 39}, {**first, "line_start": 27, "line_end": 27},
                        {**first, "line_start": 39, "line_end": 39}]
    question.save()
    attempt = start_practice(learner, [question], "en")
    item = attempt.items.get()
    html = learner_client.post(item_url(attempt, 1), {"choice": label_of(item, "A")}, **HX).content.decode()
    sources = html[html.index("Reread in your notes"):]
    assert sources.count(first["heading_path"]) == 1
    assert "<h2>Reread in your notes</h2>" in html  # the page's next level under its h1, none skipped
    assert "(lines 27, 39)" in sources


def test_the_source_lines_are_written_in_the_interface_language(make, learner, learner_client):
    topic = make.topic(domain="deployment")
    question = make.question(topic)
    question.sources = [{**question.sources[0], "line_start": 24, "line_end": 24}]
    question.save()
    attempt = start_practice(learner, [question], "en")
    item = attempt.items.get()
    html = learner_client.post(item_url(attempt, 1), {"choice": label_of(item, "A")},
                               HTTP_ACCEPT_LANGUAGE="ja", **HX).content.decode()
    # "24 行目" once translated: the topic pages say 行, not a code editor's "L"
    with translation.override("ja"):
        line = ngettext(" (line %(lines)s)", " (lines %(lines)s)", 1) % {"lines": 24}
    assert f'<small class="source-lines">{line}</small>' in html and "L24" not in html


def quoting_question(make):
    """A question on a Japanese note whose explanations, in ja and en, cite two of its lines as the generator does
    (the second line long enough to be cut)."""
    from quiz.generation import templates as T
    from quiz.generation.claims import Claim, SectionInput

    section = make.section(heading="Lamdba › リトライ", language="ja")
    cited = SectionInput(id=section.pk, file=section.note_file.name, heading_path=section.heading_path,
                         language="ja", markdown=section.markdown)
    claims = [Claim("definition", "非同期呼び出し", "自動で２回まで遅延を含んでリトライされ、その後破棄", 12, cited),
              Claim("definition", "ポーリング（ストリーム）", "失敗したら有効期限が切れるか、成功処理するまでそのシャードから読み込まない。" * 3, 13,
                    cited)]
    question = make.question(section=section)
    question.sources = [claim.source() for claim in claims]
    question.options = [{**option, "explanation": {
        language: T.DEFINITION_OTHER[language].format(name=option["text"], answer="X",
                                                      evidence=T.evidence_note(claims[i % 2], language))
        for language in ("ja", "en")}} for i, option in enumerate(question.options)]
    question.save()
    return question, claims


def test_an_explanation_marks_the_note_text_it_quotes_with_the_notes_language(make, learner, learner_client):
    question, claims = quoting_question(make)
    attempt = start_practice(learner, [question], "en")
    html = learner_client.post(item_url(attempt, 1), {"choice": "A"}, **HX).content.decode()
    place = " › ".join(claims[0].section.heading_path.split(" › ")[-2:])
    short, cut = claims[0].quote, quoted_line(claims[1].quote)
    assert len(claims[1].quote) > 90 and cut.endswith("読み込まない。…")  # cut where its first sentence ends
    # the English explanation quotes the Japanese note: its place and its line are marked as Japanese
    for line, quote in ((12, short), (13, cut)):
        assert (f'(note &quot;<span lang="ja">{place}</span>&quot;, line {line}: '
                f'&quot;<span lang="ja">{quote}</span>&quot;). ') in html
    assert html.count('<p class="explanation" lang="en">') == 4 and html.count('<span lang="ja">') == 8
    # and so is the note's heading among the sources to reread
    assert re.search(r'<li><a href="/files/\d+/\?hl=\d+%3A[0-9%A-F-]+&amp;back=[^"#]+#cited" lang="ja">'
                     + re.escape(claims[0].section.heading_path)
                     + "</a>", html)


def english_line_question(make):
    """A question on a Korean note whose explanations, in ko and en, cite its English line and its Korean one."""
    from quiz.generation import templates as T
    from quiz.generation.claims import Claim, SectionInput

    section = make.section(heading="ELB › 로드 밸런서", language="ko")
    cited = SectionInput(id=section.pk, file=section.note_file.name, heading_path=section.heading_path,
                         language="ko", markdown=section.markdown)
    claims = [Claim("definition", "NLB", "layer 4, supports TCP and UDP", 5, cited),
              Claim("definition", "ALB", "7계층에서 동작하고 경로 기반 라우팅을 지원", 6, cited)]
    question = make.question(section=section)
    question.sources = [claim.source() for claim in claims]
    question.options = [{**option, "explanation": {
        language: T.DEFINITION_OTHER[language].format(name=option["text"], answer="X",
                                                      evidence=T.evidence_note(claims[i % 2], language))
        for language in ("ko", "en")}} for i, option in enumerate(question.options)]
    question.save()
    return question, claims


def test_an_english_line_of_a_korean_note_is_marked_english_not_korean(make, learner, learner_client):
    # the section's language was the mark of every line it quoted: a Korean voice read "layer 4, supports TCP"
    question, claims = english_line_question(make)
    english, korean = claims[0].quote, claims[1].quote
    attempt = start_practice(learner, [question], "en")
    html = learner_client.post(item_url(attempt, 1), {"choice": "A"}, **HX).content.decode()
    assert f'line 5: &quot;{english}&quot;). ' in html and f'<span lang="ko">{english}' not in html
    assert f'line 6: &quot;<span lang="ko">{korean}</span>&quot;). ' in html
    attempt = start_practice(learner, [question], "ko")
    html = learner_client.post(item_url(attempt, 1), {"choice": "A"}, HTTP_ACCEPT_LANGUAGE="ko",
                               **HX).content.decode()
    assert f'5행: &quot;<span lang="en">{english}</span>&quot;). ' in html
    assert f'6행: &quot;{korean}&quot;). ' in html


def test_an_explanation_in_the_notes_own_language_has_no_mark_inside(make, learner, learner_client):
    question, claims = quoting_question(make)
    attempt = start_practice(learner, [question], "ja")
    html = learner_client.post(item_url(attempt, 1), {"choice": "A"}, HTTP_ACCEPT_LANGUAGE="ja",
                               **HX).content.decode()
    assert html.count('<p class="explanation" lang="ja">') == 4
    assert f"12 行目：「{claims[0].quote}」" in html and '<span lang="ja">' not in html


ASYNC_PAGE = ("How Lambda handles errors and retries with asynchronous invocation",
              "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html")


def citing_question(make):
    """A question whose explanations, in ja and en, cite an AWS documentation page by title and URL, as the
    generator writes them."""
    from quiz.generation import templates as T

    question = make.question()
    question.languages = ["ja", "en"]
    question.stem = {**question.stem, "ja": "どれが当てはまりますか。"}
    question.options = [{**option, "explanation": {
        "ja": f"非同期呼び出しは２回まで再試行されます（{T.evidence_reference(*ASYNC_PAGE, 'ja')}）。",
        "en": f"Retried twice ({T.evidence_reference(*ASYNC_PAGE, 'en')})."}} for option in question.options]
    question.save()
    return question


def test_an_explanation_links_the_aws_page_it_cites_by_its_title_not_its_url(make, learner, learner_client):
    # a bare URL (80 characters) broke a 390 px phone's line anywhere and left "）。" to start the next one
    attempt = start_practice(learner, [citing_question(make)], "ja")
    html = learner_client.post(item_url(attempt, 1), {"choice": "A"}, HTTP_ACCEPT_LANGUAGE="ja",
                               **HX).content.decode()
    title, url = ASYNC_PAGE
    linked = f'<a href="{url}" rel="noopener" target="_blank" lang="en">{title}</a>）。'  # an English title
    assert html.count(f"（AWS ドキュメント：{linked}") == 4
    assert f">{url}" not in html and f"{title} {url}" not in html
    # the full page (a reload after answering) renders the same explanation through the template
    page = learner_client.get(item_url(attempt, 1), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert page.count(linked) == 4


def _meanwhile(monkeypatch, action):
    """Run ``action`` after this request checked its answer and computed the review, before it writes."""
    from quiz import attempts

    prepare = attempts.prepare_practice_answer
    done = []

    def prepare_then_act(*args, **kwargs):
        answer = prepare(*args, **kwargs)
        if not done:  # once: the action's own answer goes through here too
            done.append(True)
            action()
        return answer

    monkeypatch.setattr(attempts, "prepare_practice_answer", prepare_then_act)


def test_a_review_whose_card_changed_meanwhile_is_recorded_on_the_fresh_card(make, learner, learner_client,
                                                                             monkeypatch, local_cache):
    from django.utils import timezone

    from quiz import attempts
    from quiz.progress.models import ReviewCard, ReviewLog

    question = make.question()
    first = start_practice(learner, [question], "en")
    attempts.answer_practice(first, first.items.get(), ["A"], now=timezone.now())
    second = start_practice(learner, [question], "en")
    third = start_practice(learner, [question], "en")
    # Another tab answers the same question in a third set while this answer is being checked.
    _meanwhile(monkeypatch, lambda: attempts.answer_practice(third, third.items.get(), ["A"], now=timezone.now()))
    response = learner_client.post(item_url(second, 1), {"choice": "B"}, **HX)
    assert response.status_code == 200
    card = ReviewCard.objects.get(user=learner, question=question)
    assert card.reps == 3
    assert ReviewLog.objects.filter(card=card).count() == 3
    assert AttemptItem.objects.get(attempt=second).answered_at is not None


def test_a_review_whose_card_was_created_meanwhile_is_recorded_on_that_card(make, learner, learner_client,
                                                                           monkeypatch, local_cache):
    from django.utils import timezone

    from quiz import attempts
    from quiz.progress.models import ReviewCard, ReviewLog

    question = make.question()
    first, second = (start_practice(learner, [question], "en") for _ in range(2))
    # This answer finds no card; another tab's answer to the same question creates it meanwhile.
    _meanwhile(monkeypatch, lambda: attempts.answer_practice(second, second.items.get(), ["A"], now=timezone.now()))
    assert learner_client.post(item_url(first, 1), {"choice": "B"}, **HX).status_code == 200
    card = ReviewCard.objects.get(user=learner, question=question)
    assert card.reps == 2
    assert sorted(ReviewLog.objects.filter(card=card).values_list("attempt_item__attempt", flat=True)) == sorted(
        [first.pk, second.pk])
    assert AttemptItem.objects.get(attempt=first).answered_at is not None


def test_an_item_answered_meanwhile_in_another_tab_keeps_that_first_answer(practice, learner_client, monkeypatch,
                                                                           local_cache):
    from django.utils import timezone

    from quiz import attempts
    from quiz.progress.models import ReviewLog

    item = practice.items.get(position=0)
    first_label, second_label = label_of(item, item.correct_keys[0]), None
    second_label = next(label for label in "ABCD" if label != first_label)
    _meanwhile(monkeypatch, lambda: attempts.answer_practice(
        Attempt.objects.get(pk=practice.pk), AttemptItem.objects.get(pk=item.pk), [first_label],
        now=timezone.now()))
    html = learner_client.post(item_url(practice, 1), {"choice": second_label}, **HX).content.decode()
    item.refresh_from_db()
    assert item.correct is True and item.chosen == sorted(item.correct_keys)
    assert ReviewLog.objects.filter(attempt_item=item).count() == 1
    assert "Right!" in html


def test_an_answer_to_a_set_ended_meanwhile_in_another_tab_is_refused_and_not_stored(practice, learner_client,
                                                                                     monkeypatch, local_cache):
    from django.utils import timezone

    from quiz import attempts
    from quiz.progress.models import ReviewCard

    def end_the_set():
        attempts.grade(Attempt.objects.get(pk=practice.pk), now=timezone.now())

    _meanwhile(monkeypatch, end_the_set)
    html = learner_client.post(item_url(practice, 1), {"choice": "A"}, **HX).content.decode()
    assert "Not answered." in html  # the ended set shows its feedback
    assert not AttemptItem.objects.filter(attempt=practice).exclude(answered_at=None).exists()
    assert not ReviewCard.objects.exists()


def test_a_topic_set_is_titled_with_the_topics_name_in_the_interface_language(make, learner_client, learner):
    topic = make.topic(slug="canary", name="Canary deployment", names={"ja": "カナリアデプロイ"})
    make.question(topic)
    learner_client.post("/quiz/practice/topic/canary/", HTTP_ACCEPT_LANGUAGE="ja")
    assert Attempt.objects.get(user=learner).title == "カナリアデプロイ"


def test_a_practice_item_names_its_topic_in_the_interface_language(make, learner, learner_client):
    topic = make.topic(name="Canary deployment", names={"ja": "カナリアデプロイ"})
    attempt = start_practice(learner, [make.question(topic)], "en")
    item = attempt.items.get()
    assert item.topic_names == {"ja": "カナリアデプロイ"}  # frozen with the attempt
    ja = learner_client.get(item_url(attempt, 1), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    en = learner_client.get(item_url(attempt, 1), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "· カナリアデプロイ</p>" in ja
    assert "· Canary deployment</p>" in en


def test_a_topic_sets_summary_names_the_topic_in_the_viewers_language(make, learner_client, learner):
    topic = make.topic(slug="blue-green", name="Blue/Green deployment",
                       names={"ja": "ブルー/グリーンデプロイ", "ko": "블루/그린 배포"})
    make.question(topic)
    learner_client.post("/quiz/practice/topic/blue-green/", HTTP_ACCEPT_LANGUAGE="ja")
    attempt = Attempt.objects.get(user=learner)
    response = learner_client.get(f"/quiz/practice/{attempt.uid}/summary/", HTTP_ACCEPT_LANGUAGE="ko")
    ko = response.content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", ko).group(1)
    assert "블루/그린 배포" in heading and "ブルー" not in heading


def test_the_setup_page_lists_topics_by_their_name_in_the_interface_language(make, learner_client):
    make.question(make.topic(name="Blue/Green deployment", names={"ko": "블루/그린 배포"}))
    ko = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    en = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert " 블루/그린 배포</label>" in ko and "Blue/Green deployment</label>" not in ko
    assert " Blue/Green deployment</label>" in en


def test_the_quiz_index_does_not_say_practice_twice_for_a_set_titled_practice(make, learner, learner_client):
    start_practice(learner, [make.question()], "en")
    ko = learner_client.get("/quiz/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "연습</a> · 문제 1 / 1" in ko and "연습</a> · 연습" not in ko


def test_the_quiz_index_names_topic_sets_in_the_viewers_language(make, learner_client, learner):
    topic = make.topic(slug="blue-green", name="Blue/Green deployment",
                       names={"ja": "ブルー/グリーンデプロイ", "ko": "블루/그린 배포"})
    make.question(topic)
    learner_client.post("/quiz/practice/topic/blue-green/", HTTP_ACCEPT_LANGUAGE="ja")
    first = Attempt.objects.get()
    learner_client.post(f"/quiz/practice/{first.uid}/summary/")  # ended: the next click starts a new set
    learner_client.post("/quiz/practice/topic/blue-green/", HTTP_ACCEPT_LANGUAGE="en")
    assert Attempt.objects.count() == 2
    ko = learner_client.get("/quiz/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert ko.count(">블루/그린 배포</a>") == 2 and "ブルー" not in ko and ">Blue/Green deployment<" not in ko
    en = learner_client.get("/quiz/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert en.count(">Blue/Green deployment</a>") == 2


def test_practice_pages_are_titled_by_topic_in_the_viewers_language_without_practice_twice(make, learner_client,
                                                                                         learner):
    topic = make.topic(slug="canary-t", name="Canary deployment", names={"ja": "カナリアデプロイ", "ko": "카나리아 배포"})
    make.question(topic)
    learner_client.post("/quiz/practice/topic/canary-t/", HTTP_ACCEPT_LANGUAGE="ja")
    attempt = Attempt.objects.get(user=learner)
    ko = learner_client.get(attempt.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "<h1>카나리아 배포</h1>" in ko and "カナリア" not in ko.split("<main")[1]
    assert "<title>카나리아 배포" in ko
    start_practice(learner, [make.question()], "en")
    plain = Attempt.objects.filter(user=learner).exclude(pk=attempt.pk).get()
    en = learner_client.get(plain.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<title>Practice ·" in en and "Practice · Practice" not in en


def test_the_summary_lists_each_question_by_its_stem(make, learner_client, learner):
    question = make.question()
    question.stem = {"en": "A team needs zero downtime and full capacity during deploys: which policy?"}
    question.save()
    attempt = start_practice(learner, [question.pk], "en")
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/summary/").content.decode()
    assert "A team needs zero downtime and full capacity during deploys: which policy?</a>" in html


SETTING = {"en": "A team deploys a new application version to an Elastic Beanstalk environment.",
           "ja": "チームが Elastic Beanstalk 環境に新しいバージョンのアプリケーションをデプロイします。",
           "ko": "팀이 Elastic Beanstalk 환경에 새 버전의 애플리케이션을 배포합니다."}
QUESTION = {"en": "Which deployment policy should they use?", "ja": "どのデプロイポリシーを使うべきですか？",
            "ko": "어떤 배포 정책을 사용해야 합니까?"}
REQUIREMENTS = [
    {"en": "Instances must stay in service with full capacity throughout.",
     "ja": "デプロイ中も全容量を維持する必要があります。", "ko": "배포 중에도 전체 용량을 유지해야 합니다."},
    {"en": "The deployment must finish as fast as possible, downtime is fine.",
     "ja": "ダウンタイムは許容され、できるだけ早く終わらせる必要があります。", "ko": "다운타임은 괜찮고 최대한 빨리 끝나야 합니다."},
]


@pytest.mark.parametrize("language", ["en", "ja", "ko"])
def test_the_summary_of_a_topic_set_tells_its_questions_apart_by_what_their_stems_do_not_share(
        make, learner_client, learner, language):
    # Cut at 90 characters, every row read "A team deploys a new application version to an Elastic Beanstalk
    # environment. Insta…": the same setting and question, the requirements in between lost.
    topic = make.topic()
    questions = []
    for requirement in REQUIREMENTS:
        question = make.question(topic)
        question.stem = {lang: f"{SETTING[lang]} {requirement[lang]} {QUESTION[lang]}"
                         for lang in ("en", "ja", "ko")}
        question.languages = ["en", "ja", "ko"]
        question.save()
        questions.append(question)
    attempt = start_practice(learner, questions, language, shuffle=False)
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/summary/").content.decode()
    for number, requirement in enumerate(REQUIREMENTS, 1):
        text = requirement[language]
        assert f'<a href="/quiz/practice/{attempt.uid}/{number}/" lang="{language}">…{text}</a>' in html


def test_the_summary_marks_a_stem_shown_in_its_notes_language_with_that_language(make, learner_client, learner):
    question = make.question()
    question.stem, question.languages = {"ja": "次の説明に当てはまるものはどれですか？"}, ["ja"]
    question.save()
    attempt = start_practice(learner, [question.pk, make.question().pk], "en")
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/summary/").content.decode()
    assert f'<a href="/quiz/practice/{attempt.uid}/1/" lang="ja">次の説明に当てはまるものはどれですか？</a>' in html
    assert f'<a href="/quiz/practice/{attempt.uid}/2/" lang="en">' in html


def test_practice_setup_offers_topics_as_checkboxes_a_phone_can_tick(make, learner_client):
    make.question(make.topic(slug="elb", name="Elastic Load Balancing", names={"ja": "ELB（ロードバランサー）"}))
    html = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert 'type="checkbox" name="topics" value="elb"' in html and "<select name=\"topics\"" not in html
    assert "ELB（ロードバランサー）" in html
    response = learner_client.post("/quiz/practice/", {"topics": ["elb"], "language": "en", "count": 1})
    assert response.status_code == 302


def test_a_stem_in_another_language_than_the_set_says_so(make, learner_client, learner):
    question = make.question()
    question.stem, question.languages = {"ja": "次の説明に当てはまるものはどれですか？"}, ["ja"]
    question.save()
    attempt = start_practice(learner, [question.pk], "ko")
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/1/").content.decode()
    assert '<p class="stem" id="stem-1" lang="ja">次の説明に当てはまるものはどれですか？</p>' in html
    same = start_practice(learner, [make.question().pk], "en")
    html = learner_client.get(f"/quiz/practice/{same.uid}/1/").content.decode()
    assert '<p class="stem" id="stem-1" lang="en">' in html


def test_only_the_question_texts_carry_the_language_they_are_written_in(make, learner_client, learner):
    # The interface around them ("Question 1 of 1", "Options", "Check answer") is in the page's language.
    question = make.question()
    question.stem, question.languages = {"ja": "どれですか？"}, ["ja"]
    question.options = [{**option, "explanation": {"en": "Because."}} for option in question.options]
    question.save()
    attempt = start_practice(learner, [question.pk], "ko")
    url = f"/quiz/practice/{attempt.uid}/1/"
    html = learner_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<section class="practice-item" id="practice-item">' in html
    assert '<fieldset class="options" aria-describedby="stem-1">' in html
    assert html.count('</span> <span lang="ja">Option ') == 4
    answer = learner_client.post(url, {"choice": "A"}, HTTP_ACCEPT_LANGUAGE="en", HTTP_HX_REQUEST="true")
    html = answer.content.decode()
    assert '<section class="practice-item" id="practice-item">' in html and 'lang="ko"' not in html
    assert '<p class="stem" lang="ja">どれですか？</p>' in html
    assert '<p class="explanation" lang="en">Because.</p>' in html


def test_a_topic_set_with_questions_not_in_the_interface_language_says_so_on_its_first_question(
        make, learner_client, learner):
    topic = make.topic(slug="lambda-l", name="AWS Lambda")
    for _ in range(3):
        make.question(topic)  # written in English only
    korean = make.question(topic)
    Question.objects.filter(pk=korean.pk).update(languages=["ko"], stem={"ko": "어느 것이 맞습니까?"})
    response = learner_client.post("/quiz/practice/topic/lambda-l/", HTTP_ACCEPT_LANGUAGE="ko", follow=True)
    assert "한국어 문제가 부족하여 3문제는 노트의 언어로 표시됩니다." in response.content.decode()
    assert response.redirect_chain[0][0].endswith("/1/")
    again = learner_client.get(response.redirect_chain[0][0], HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "노트의 언어로" not in again  # said once, where the set starts
    learner_client.post(f"/quiz/practice/{Attempt.objects.get().uid}/summary/")
    english = learner_client.post("/quiz/practice/topic/lambda-l/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert Attempt.objects.count() == 2
    assert "1 question is shown in the language of its notes." in english.content.decode()
    # a set whose questions are all in its language says nothing
    Question.objects.filter(pk=korean.pk).update(status="retired")
    learner_client.post(f"/quiz/practice/{Attempt.objects.latest('started_at').uid}/summary/")
    plain = learner_client.post("/quiz/practice/topic/lambda-l/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert Attempt.objects.count() == 3 and "language of" not in plain.content.decode()


def test_a_set_from_the_setup_page_in_another_language_says_how_many_questions_are_not_in_it(
        make, learner_client):
    topic = make.topic(slug="lambda-s", name="AWS Lambda")
    for _ in range(2):
        make.question(topic)
    response = learner_client.post("/quiz/practice/", {"topics": ["lambda-s"], "language": "ja", "count": 10},
                                   HTTP_ACCEPT_LANGUAGE="ja", follow=True)
    assert "日本語の問題が足りないため、2 問はノートの言語で表示されます。" in response.content.decode()


def test_practising_a_topic_again_resumes_the_set_still_open_on_it(make, learner_client, learner):
    topic = make.topic(slug="canary-r", name="Canary deployment")
    for _ in range(3):
        make.question(topic)
    first = learner_client.post("/quiz/practice/topic/canary-r/")
    again = learner_client.post("/quiz/practice/topic/canary-r/", follow=True)
    assert Attempt.objects.count() == 1 and again.redirect_chain[0][0] == first["Location"]
    assert "You have a practice set on this topic open" in again.content.decode()
    other = make.topic(slug="other-r", name="Other")
    make.question(other)
    learner_client.post("/quiz/practice/topic/other-r/")
    assert Attempt.objects.count() == 2  # another topic: a set of its own


def test_practice_setup_lists_topics_in_the_order_of_their_names_in_the_interface_language(make, learner_client):
    for slug, name, ja in [("s3-o", "Amazon S3", "Amazon S3"), ("bb-o", "Big bang", "ビッグバンデプロイ"),
                           ("cn-o", "Canary", "カナリアデプロイ")]:
        make.question(make.topic(slug=slug, name=name, names={"ja": ja}))
    ja = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert ja.index("Amazon S3") < ja.index("カナリアデプロイ") < ja.index("ビッグバンデプロイ")
    en = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert en.index("Amazon S3") < en.index(" Big bang<") < en.index(" Canary<")


def test_practice_setup_sorts_hiragana_and_katakana_names_together_and_latin_of_either_width(
        make, learner_client, django_assert_num_queries, local_cache):
    for slug, name, ja, ko in [
        ("idem", "Idempotency", "べき等性", "멱등성"), ("bb-k", "Big bang", "ビッグバンデプロイ", "빅뱅 배포"),
        ("roll-k", "Rolling", "ローリングデプロイ", "롤링 배포"), ("sam-k", "AWS SAM", "ＡＷＳ SAM", "AWS SAM"),
        ("s3-k", "Amazon S3", "Amazon S3", "Amazon S3"), ("xr-k", "AWS X-Ray", "AWS X-Ray", "AWS X-Ray"),
    ]:
        make.question(make.topic(slug=slug, name=name, names={"ja": ja, "ko": ko}))
    learner_client.get("/quiz/practice/")
    # the session and user, the domains with questions, the topics with questions: sorted in Python
    with django_assert_num_queries(3):
        ja = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    names = re.findall(r'name="topics" value="[^"]+"[^>]*>\s*([^<]+)</label>', ja)
    assert names == ["Amazon S3", "ＡＷＳ SAM", "AWS X-Ray", "ビッグバンデプロイ", "べき等性", "ローリングデプロイ"]
    ko = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    names = re.findall(r'name="topics" value="[^"]+"[^>]*>\s*([^<]+)</label>', ko)
    assert names == ["Amazon S3", "AWS SAM", "AWS X-Ray", "롤링 배포", "멱등성", "빅뱅 배포"]


def test_an_answer_from_a_stale_second_tab_is_not_recorded_and_says_so(make, learner, learner_client):
    attempt = start_practice(learner, [make.question(), make.question()], "en")
    item = attempt.items.get(position=0)
    url = f"/quiz/practice/{attempt.uid}/1/"
    right, wrong = label_of(item, item.correct_keys[0]), next(
        label for label in "ABCD" if label != label_of(item, item.correct_keys[0]))
    learner_client.post(url, {"choice": right}, HTTP_HX_REQUEST="true")
    html = learner_client.post(url, {"choice": wrong}, HTTP_HX_REQUEST="true").content.decode()
    assert "that first answer counts, this one was not recorded." in html
    item.refresh_from_db()
    assert item.correct is True
    same = learner_client.post(url, {"choice": right}, HTTP_HX_REQUEST="true").content.decode()
    assert "first answer counts" not in same  # the same choice again: nothing to say


def test_a_set_from_the_practice_setup_is_named_by_its_topics_on_the_quiz_index(make, learner, learner_client):
    lam = make.topic(slug="lam-i", name="Lambda", names={"ja": "Lambda"})
    s3 = make.topic(slug="s3-i", name="Amazon S3")
    start_practice(learner, [make.question(lam), make.question(s3), make.question(s3)], "en", origin="setup",
                   shuffle=False)
    start_practice(learner, [make.question(lam)], "en", origin="setup")
    html = learner_client.get("/quiz/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Practice: Lambda and 1 more topic</a>" in html and ">Practice: Lambda</a>" in html


def test_the_quiz_index_lists_every_open_set_and_pages_through_finished_ones(make, learner, learner_client):
    from datetime import timedelta

    from django.utils import timezone

    from quiz.views import INDEX_PAGE_SIZE

    question = make.question()
    start_practice(learner, [question], "en", title="Oldest open set",
                   now=timezone.now() - timedelta(days=2))
    finished = [start_practice(learner, [question], "en", title=f"Finished {n}",
                               now=timezone.now() - timedelta(hours=n)) for n in range(INDEX_PAGE_SIZE + 5)]
    Attempt.objects.filter(pk__in=[a.pk for a in finished]).update(state=Attempt.State.SUBMITTED, raw_score=1)

    first = learner_client.get("/quiz/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Oldest open set</a>" in first
    assert ">Finished 0</a>" in first and ">Finished 19</a>" in first and ">Finished 20</a>" not in first
    assert '<a href="?page=2" rel="next">Older</a>' in first and "Page 1 of 2" in first
    second = learner_client.get("/quiz/?page=2", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Finished 20</a>" in second and ">Finished 24</a>" in second and ">Oldest open set</a>" in second
    assert '<a href="?page=1" rel="prev">Newer</a>' in second


def test_the_quiz_index_runs_the_same_queries_however_many_attempts(make, learner, learner_client,
                                                                    django_assert_num_queries):
    question = make.question()

    def attempts_made(n):
        made = [start_practice(learner, [question], "en") for _ in range(n)]
        Attempt.objects.filter(pk__in=[a.pk for a in made[1:]]).update(state=Attempt.State.SUBMITTED)

    attempts_made(2)
    # session with its user, overdue attempts to expire, open attempts, count of finished, a page of finished
    with django_assert_num_queries(5):
        learner_client.get("/quiz/")
    attempts_made(30)
    with django_assert_num_queries(5):
        learner_client.get("/quiz/?page=2")


def test_the_summary_of_a_set_from_the_setup_page_names_its_topics_not_practice(make, learner, learner_client):
    lam = make.topic(slug="lambda", name="AWS Lambda", names={"ja": "AWS Lambda"})
    s3 = make.topic(slug="s3", name="Amazon S3", names={"ja": "Amazon S3"})
    ebs = make.topic(slug="ebs", name="Amazon EBS", names={"ja": "Amazon EBS"})
    several = start_practice(learner, [make.question(lam), make.question(s3), make.question(ebs)], "en",
                             origin="setup", shuffle=False)
    one = start_practice(learner, [make.question(lam)], "en", origin="setup")
    heading = re.search(r"<h1>(.*?)</h1>", learner_client.get(
        f"/quiz/practice/{several.uid}/summary/").content.decode()).group(1)
    assert heading == "Practice summary: AWS Lambda and 2 more topics"
    heading = re.search(r"<h1>(.*?)</h1>", learner_client.get(
        f"/quiz/practice/{one.uid}/summary/").content.decode()).group(1)
    assert heading == "Practice summary: AWS Lambda"


@pytest.mark.parametrize("language, title, heading", [
    ("en", "Practice: AWS Lambda and 2 more topics", "Practice summary: AWS Lambda and 2 more topics"),
    ("ja", "練習：AWS Lambda ほか 2 トピック", "練習のまとめ：AWS Lambda ほか 2 トピック"),
    ("ko", "연습: AWS 람다 외 2개 토픽", "연습 요약: AWS 람다 외 2개 토픽"),
])
def test_the_index_and_the_summary_name_a_setup_set_by_its_topics_in_each_language(make, learner, learner_client,
                                                                                    language, title, heading):
    lam = make.topic(slug="lambda", name="AWS Lambda", names={"ja": "AWS Lambda", "ko": "AWS 람다"})
    topics = [lam, make.topic(slug="s3", name="Amazon S3"), make.topic(slug="ebs", name="Amazon EBS")]
    several = start_practice(learner, [make.question(topic) for topic in topics], "en", origin="setup",
                             shuffle=False)
    index = learner_client.get("/quiz/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f">{title}</a>" in index
    summary = learner_client.get(f"/quiz/practice/{several.uid}/summary/", HTTP_ACCEPT_LANGUAGE=language)
    assert re.search(r"<h1>(.*?)</h1>", summary.content.decode()).group(1) == heading


def test_the_setup_reads_each_domain_once_not_a_row_per_question(learner_client, make, django_assert_max_num_queries):
    """The domains offered come from one DISTINCT over the domain alone: the question model's default ordering
    would add its columns to the DISTINCT and read a row per live question."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for domain in ("compute", "storage"):
        topic = make.topic(domain=domain)
        for _ in range(3):
            make.question(topic)
    with CaptureQueriesContext(connection) as ctx:
        assert learner_client.get("/quiz/practice/").status_code == 200
    [domains] = [q["sql"] for q in ctx.captured_queries if "DISTINCT" in q["sql"] and "domain" in q["sql"]]
    assert "ORDER BY" not in domains and '"quiz_question"."id"' not in domains.split("FROM")[0]


def _correct_the_key(question, instructor):
    """An instructor's edit that moves the key to the next option, as the edit form saves it."""
    from django.db import transaction

    from quiz.instructor.bank import save_version
    from quiz.models import Question

    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        old_keys = question.correct_keys()
        right = [option["correct"] for option in question.options]
        question.options = [{**option, "correct": right[i - 1]} for i, option in enumerate(question.options)]
        question.version += 1
        save_version(question, old_keys, instructor)
    return question


def test_an_answer_checked_before_an_instructor_corrected_the_key_is_not_stored_and_asked_again(
        make, learner, instructor, learner_client, monkeypatch, local_cache):
    from quiz.progress.models import ReviewCard, ReviewLog

    question = make.question()
    attempt = start_practice(learner, [question], "en")
    item = attempt.items.get()
    old_right = label_of(item, item.correct_keys[0])
    # The key moves while this answer (right by the old key) is being checked: storing it would show "Right!"
    # beside the new key, and schedule the review as if it were right.
    _meanwhile(monkeypatch, lambda: _correct_the_key(question, instructor))
    html = learner_client.post(item_url(attempt, 1), {"choice": old_right}, **HX).content.decode()
    assert "An instructor changed this question while you were answering it." in html
    assert "Right!" not in html
    item.refresh_from_db()
    assert item.answered_at is None and item.question_version == 2 and item.correct is None
    assert not ReviewCard.objects.exists() and not ReviewLog.objects.exists()
    # Asked again, the answer is checked against the key the item now holds.
    new_right = label_of(item, item.correct_keys[0])
    assert new_right != old_right
    html = learner_client.post(item_url(attempt, 1), {"choice": new_right, "version": "2"}, **HX).content.decode()
    assert "Right!" in html
    item.refresh_from_db()
    assert item.correct is True and item.chosen == item.correct_keys


def test_an_answer_from_a_page_showing_an_older_version_of_the_question_is_asked_again(
        make, learner, instructor, learner_client, local_cache):
    question = make.question()
    attempt = start_practice(learner, [question], "en")
    page = learner_client.get(item_url(attempt, 1)).content.decode()
    assert '<input type="hidden" name="version" value="1">' in page
    _correct_the_key(question, instructor)  # after the page was shown, before the learner answers
    html = learner_client.post(item_url(attempt, 1), {"choice": "A", "version": "1"}).content.decode()
    assert "An instructor changed this question while you were answering it." in html
    assert '<input type="hidden" name="version" value="2">' in html
    assert not AttemptItem.objects.filter(attempt=attempt).exclude(answered_at=None).exists()
    # a request without the field (a page from before it) or with junk in it is checked as it arrives
    response = learner_client.post(item_url(attempt, 1), {"choice": "A", "version": "x"})
    assert response.status_code == 302
    assert AttemptItem.objects.get(attempt=attempt).answered_at is not None


def test_a_topic_set_started_in_korean_says_so_on_an_english_page_and_offers_one_in_english(
        make, learner_client, learner):
    topic = make.topic(slug="canary-l", name="Canary deployment")
    for _ in range(3):
        make.question(topic)
    korean = learner_client.post("/quiz/practice/topic/canary-l/", HTTP_ACCEPT_LANGUAGE="ko")
    attempt = Attempt.objects.get(user=learner)
    assert attempt.language == "ko"
    html = learner_client.get(korean["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    notice = html.split('class="set-language"')[1].split("</div>")[0]
    assert "This set is in Korean" in notice
    assert 'action="/quiz/practice/topic/canary-l/"' in notice and "Practise this topic in English" in notice
    same = learner_client.get(korean["Location"], HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert 'class="set-language"' not in same

    # Pressing it ("Practise this topic" on an English page) starts an English set; the Korean one stays open
    english = learner_client.post("/quiz/practice/topic/canary-l/", HTTP_ACCEPT_LANGUAGE="en")
    new = Attempt.objects.exclude(pk=attempt.pk).get(user=learner)
    assert new.language == "en" and english["Location"] == item_url(new, 1)
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.IN_PROGRESS
    # In Korean again, the Korean set is resumed, and in English the English one: never a third
    for language, started in (("ko", korean), ("en", english)):
        again = learner_client.post("/quiz/practice/topic/canary-l/", HTTP_ACCEPT_LANGUAGE=language)
        assert again["Location"] == started["Location"]
    assert Attempt.objects.count() == 2


def test_a_set_from_the_setup_page_in_another_language_links_the_setup_page_for_a_new_one(
        make, learner_client, learner):
    attempt = start_practice(learner, [make.question(make.topic())], "ja", origin="setup")
    html = learner_client.get(item_url(attempt, 1), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    notice = html.split('class="set-language"')[1].split("</div>")[0]
    assert "This set is in Japanese" in notice
    assert '<a href="/quiz/practice/">Start a new set in English</a>' in notice
    # the item itself still works as before, answered with language-neutral letters
    learner_client.post(item_url(attempt, 1), {"choice": "A", "version": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    answered = learner_client.get(item_url(attempt, 1), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert attempt.items.get().answered_at is not None and "This set is in Japanese" in answered


def test_a_practice_answer_makes_a_card_a_blank_exam_left_unanswered_an_answered_one(make, learner,
                                                                                     learner_client):
    """The card a blank exam item made before such items made no review (``answered`` False) counts as answered
    once the question is practised: through the one-statement write on PostgreSQL, the locked path on SQLite."""
    from django.utils import timezone

    from quiz.progress.models import ReviewCard
    from quiz.progress.tests.conftest import review_blanks_as_before

    topic = make.topic(domain="deployment")
    questions = [make.question(topic) for _ in range(2)]
    # graded (its reviews are recorded then): an exam still in progress would hold its questions out of practice
    exam = Attempt.objects.create(user=learner, mode="exam", item_count=2, started_at=timezone.now(),
                                  state="submitted", submitted_at=timezone.now())
    for position, question in enumerate(questions):
        AttemptItem.objects.create(attempt=exam, position=position, question=question, options=question.options,
                                   correct_keys=question.correct_keys(), correct=False)
    review_blanks_as_before(list(AttemptItem.objects.filter(attempt=exam).select_related("attempt")), timezone.now())
    assert list(ReviewCard.objects.values_list("answered", flat=True)) == [False, False]
    practice = start_practice(learner, questions[:1], "en")
    item = practice.items.get()
    learner_client.post(item_url(practice, 1), {"choice": label_of(item, "B")}, **HX)
    answered = dict(ReviewCard.objects.values_list("question_id", "answered"))
    assert answered == {questions[0].pk: True, questions[1].pk: False}
    assert ReviewCard.objects.get(question=questions[0]).reps == 2


def _written_in(question, *languages):
    question.languages = list(languages)
    question.stem = {language: f"Stem in {language}" for language in languages}
    question.save(update_fields=["languages", "stem"])
    return question


def test_the_setup_says_how_many_questions_each_topic_and_language_has(make, learner_client,
                                                                        django_assert_num_queries, local_cache):
    lam = make.topic(slug="lam-c", name="AWS Lambda")
    s3 = make.topic(slug="s3-c", name="Amazon S3")
    for languages in [("ja",), ("ja",), ("ja", "ko", "en")]:
        _written_in(make.question(lam), *languages)
    _written_in(make.question(s3), "ko")
    retired = _written_in(make.question(s3), "en")
    Question.objects.filter(pk=retired.pk).update(status=Question.Status.RETIRED)
    learner_client.get("/quiz/practice/")

    # the session and user, the domains with questions, the topics with questions (their questions per language
    # come from the cache: test_the_question_counts_are_read_once_per_content_stamp)
    with django_assert_num_queries(3):
        html = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # each topic: its live questions, and how many are written in each language (a retired one is not counted)
    counts = dict(re.findall(r'value="([^"]+)"[^>]*aria-describedby="id_topics_\d+_counts">[^<]*</label>\s*'
                             r'<small class="question-counts" id="id_topics_\d+_counts">([^<]+)</small>', html))
    assert counts == {"lam-c": "3 questions · Japanese 3 · Korean 1 · English 1", "s3-c": "1 question · Korean 1"}
    # each language: how many of all the questions it has; the interface's is chosen
    assert '<option value="ja">Japanese (3 of 4 questions)</option>' in html
    assert '<option value="ko">Korean (2 of 4 questions)</option>' in html
    assert '<option value="en" selected>English (1 of 4 questions)</option>' in html
    # and what a set in a language short of questions gives, as the set's first question will say
    assert "When it has too few, the set is filled with questions in the language of their notes" in html


def test_the_question_counts_are_read_once_per_content_stamp(make, learner_client, local_cache):
    from studynotes.pagecache import bump_content_stamp

    lam = make.topic(slug="lam-s", name="AWS Lambda")
    questions = [_written_in(make.question(lam), "ja") for _ in range(3)]
    first = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="ja">Japanese (3 of 3 questions)</option>' in first

    # a change that bumps no stamp is not counted yet: before, every page ran the count (4 ms on 2,000 questions)
    Question.objects.filter(pk=questions[0].pk).update(status=Question.Status.RETIRED)
    cached = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="ja">Japanese (3 of 3 questions)</option>' in cached

    bump_content_stamp()  # as generation, an import or the instructor's retiring do
    fresh = learner_client.get("/quiz/practice/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="ja">Japanese (2 of 2 questions)</option>' in fresh
    assert '<small class="question-counts" id="id_topics_0_counts">2 questions · Japanese 2</small>' in fresh


def test_a_refused_setup_still_says_how_many_questions_each_language_has(make, learner_client):
    _written_in(make.question(make.topic(slug="only-ja", domain="compute")), "ja")
    response = learner_client.post("/quiz/practice/", {"language": "xx", "count": 10})
    assert response.status_code == 200
    assert '<option value="ja">Japanese (1 of 1 question)</option>' in response.content.decode()


def test_a_source_link_lands_on_the_quoted_lines_and_leads_back_to_the_question(practice, learner_client,
                                                                                other_learner, client):
    from html import unescape

    item = practice.items.get(position=1)
    wrong = next(label for label in "ABCD" if label != label_of(item, item.correct_keys[0]))
    html = learner_client.post(item_url(practice, 2), {"choice": wrong}, **HX).content.decode()
    link = unescape(re.search(r'<div class="sources">.*?<a href="([^"]+)"', html, re.S).group(1))
    section_id = item.sources[0]["section"]
    assert f"?hl={section_id}%3A1-3&" in link and link.endswith("#cited")

    page = learner_client.get(link).content.decode()
    assert 'id="cited"' in page  # the quoted lines, marked (the factory's one-line section: the whole of it)
    assert f'<a href="{item_url(practice, 2)}">Back to the question</a>' in page
    assert learner_client.get(item_url(practice, 2)).status_code == 200  # leading to the answer

    client.force_login(other_learner)  # the link, shared: no way to another's answers
    assert "Back to the question" not in client.get(link).content.decode()


@pytest.mark.parametrize("lang, stem, asked", [
    ("ja", "「Rolling」について、ノートの内容に合う記述を 2 つ選んでください。", "2 つ選んでください。"),
    ("ko", "Rolling에 대해 노트 내용과 일치하는 설명을 2개 고르십시오.", "2개를 고르세요."),
    ("en", "Choose the 2 true statements about Rolling, according to the notes.", "Choose 2."),
])
def test_a_choose_two_stem_that_says_so_is_not_followed_by_the_same_instruction(make, learner, learner_client,
                                                                                  lang, stem, asked):
    question = make.question(type="choose_n", choose=2, n_options=5)
    Question.objects.filter(pk=question.pk).update(stem={lang: stem})
    attempt = start_practice(learner, [question], lang)
    item = attempt.items.get()
    html = learner_client.get(item_url(attempt, 1), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert stem in html and 'type="checkbox"' in html
    assert 'class="choose-n"' not in html and html.count(asked) == stem.count(asked)
    # answered, the feedback shows the stem once too
    html = learner_client.post(item_url(attempt, 1), {"choice": [label_of(item, "A"), label_of(item, "B")]},
                               HTTP_ACCEPT_LANGUAGE=lang, **HX).content.decode()
    assert stem in html and 'class="choose-n"' not in html


def test_the_summary_of_a_set_ended_early_says_how_many_were_answered(practice, learner_client):
    item = practice.items.get(position=0)
    learner_client.post(item_url(practice, 1), {"choice": label_of(item, "A")})
    learner_client.post(f"/quiz/practice/{practice.uid}/summary/")
    html = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    # "1 of 3 right" alone reads as two wrong answers
    assert "1 of 3 right (33%)" in html
    assert "You ended this set after answering 1 of 3 questions: the others count as not right." in html


def test_the_summary_of_a_finished_set_does_not_speak_of_ending_it_early(practice, learner_client):
    for number in (1, 2, 3):
        item = practice.items.get(position=number - 1)
        learner_client.post(item_url(practice, number), {"choice": label_of(item, "A")})
    html = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    assert "3 of 3 right" in html and "ended-early" not in html


def test_the_summary_of_a_setup_set_leads_on_to_practise_again_or_to_my_progress(practice, learner_client):
    learner_client.post(f"/quiz/practice/{practice.uid}/summary/")
    html = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    assert '<a role="button" href="/quiz/practice/">Practise again</a>' in html
    assert '<a role="button" class="secondary outline" href="/progress/">My progress</a>' in html


def test_a_review_sets_summary_speaks_of_review_and_leads_back_to_the_review_page(make, learner,
                                                                                  learner_client):
    attempt = start_practice(learner, [make.question()], "en", title="Review", origin="review")
    titles = {"ja": ("復習のまとめ", "続けて復習する"), "ko": ("복습 요약", "계속 복습하기"),
              "en": ("Review summary", "Continue reviewing")}
    for lang, (title, button) in titles.items():
        html = learner_client.get(f"/quiz/practice/{attempt.uid}/summary/",
                                  HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert f"<h1>{title}</h1>" in html
        assert f'<a role="button" href="/progress/review/">{button}</a>' in html
        # and on to what the reviews did: the forecast and mastery are on the progress page
        assert re.search(r'<a role="button" class="secondary outline" href="/progress/" data-to-progress>[^<]+</a>',
                         html)
        assert '"/quiz/practice/"' not in html.split("<main")[1]  # not "Practise again" (the practice setup)
