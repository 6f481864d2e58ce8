"""Quiz builder: fixed lists, random draws per domain and topic, checks, preview."""

import re

import pytest
from django.urls import reverse

from quiz.instructor.models import AuditLog
from quiz.models import Quiz


def quiz_data(**overrides):
    data = {
        "title": "Week 1 exam", "description": "", "mode": "exam", "language": "", "question_count": "5",
        "time_limit_minutes": "20", "pass_mark": "700", "attempts_allowed": "2", "opens_at": "", "closes_at": "",
        "shuffle": "on", "only_approved": "on", "published": "on",
    }
    data.update(overrides)
    return data


def test_building_a_quiz_from_a_fixed_list_saves_it_and_opens_the_preview(instructor_client, instructor, make):
    questions = [make.question() for _ in range(3)]
    response = instructor_client.post(reverse("instructor:quiz_new"),
                                      quiz_data(questions=[q.pk for q in questions]))
    quiz = Quiz.objects.get(title="Week 1 exam")
    assert response.status_code == 302 and response.url == reverse("instructor:quiz_preview", args=[quiz.pk])
    assert set(quiz.questions.all()) == set(questions)
    assert quiz.question_count == 3 and quiz.created_by == instructor and quiz.slug == "week-1-exam"
    assert (quiz.time_limit_minutes, quiz.pass_mark, quiz.attempts_allowed) == (20, 700, 2)
    entry = AuditLog.objects.get()
    assert (entry.action, entry.object_type) == ("create", "quiz")
    preview = instructor_client.get(response.url).content.decode()
    for question in questions:
        assert question.stem["en"] in preview


def test_a_fixed_list_without_shuffle_is_asked_in_the_order_the_builder_lists_it(instructor_client, make, learner):
    from quiz import attempts

    topics = {name: make.topic(slug=name, name=name) for name in ("Zeta", "Alpha", "Mid")}
    questions = [make.question(topics[name]) for name in ("Zeta", "Alpha", "Mid", "Alpha", "Zeta", "Mid", "Alpha",
                                                          "Zeta", "Mid", "Alpha")]
    listed = sorted(questions, key=lambda q: (q.topic.name, q.pk))  # as the builder lists them
    instructor_client.post(reverse("instructor:quiz_new"),
                           quiz_data(questions=[q.pk for q in reversed(questions)], shuffle="", only_approved=""))
    quiz = Quiz.objects.get(title="Week 1 exam")
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    assert list(attempt.items.order_by("position").values_list("question_id", flat=True)) == [q.pk for q in listed]
    # saving again with one question less keeps the rest in that order
    instructor_client.post(reverse("instructor:quiz_edit", args=[quiz.pk]),
                           quiz_data(questions=[q.pk for q in listed[1:]], shuffle="", only_approved=""))
    assert list(Quiz.questions.through.objects.filter(quiz=quiz).order_by("pk")
                .values_list("question_id", flat=True)) == [q.pk for q in listed[1:]]


def test_the_preview_of_a_fixed_list_without_shuffle_shows_it_in_the_order_learners_get_it(instructor_client, make):
    topics = {name: make.topic(slug=name, name=name) for name in ("Zeta", "Alpha", "Mid")}
    questions = [make.question(topics[name]) for name in ("Zeta", "Alpha", "Mid", "Alpha", "Zeta", "Mid", "Alpha",
                                                          "Zeta", "Mid", "Alpha")]
    listed = sorted(questions, key=lambda q: (q.topic.name, q.pk))
    instructor_client.post(reverse("instructor:quiz_new"),
                           quiz_data(questions=[q.pk for q in questions], shuffle="", only_approved=""))
    quiz = Quiz.objects.get(title="Week 1 exam")
    preview = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    shown = sorted(questions, key=lambda q: preview.index(q.stem["en"]))
    assert shown == listed
    # a fixed list is no draw: reloading shows it again, as learners get it
    assert "in the order learners get it." in preview and "Reload for another draw" not in preview
    quiz.shuffle = True
    quiz.save()
    preview = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "each attempt gets it in another order." in preview and "Reload for another draw" not in preview


def test_random_draws_store_counts_per_domain_and_topics(instructor_client, make):
    topic = make.topic(domain="networking")
    make.question(topic)
    instructor_client.post(reverse("instructor:quiz_new"),
                           quiz_data(domain_networking="4", domain_storage="2", topics=[topic.slug], mode="practice"))
    quiz = Quiz.objects.get(title="Week 1 exam")
    assert quiz.rules == {"domains": {"networking": 4, "storage": 2}, "topics": [topic.slug]}
    assert quiz.question_count == 6 and quiz.mode == "practice"


def test_the_preview_says_when_the_bank_lacks_questions(instructor_client, make):
    make.question(make.topic(domain="networking"))
    instructor_client.post(reverse("instructor:quiz_new"), quiz_data(domain_networking="3"))
    quiz = Quiz.objects.get(title="Week 1 exam")
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "lacks 2 questions" in html and "Reload for another draw." in html
    assert "Learners get 1 questions instead of 3" in html
    assert "<li>Networking: 1 of the 3 asked for</li>" in html  # the domain that falls short, by name


def test_the_preview_suggests_approving_drafts_only_where_the_quizs_rules_reach_one(instructor_client, make):
    networking, storage = make.topic(domain="networking"), make.topic(domain="storage")
    make.question(networking, status="approved")
    make.question(storage, status="draft")
    quiz = Quiz.objects.create(slug="net", title="Net", question_count=3, only_approved=True,
                               rules={"topics": [networking.slug]})
    hint = "approving drafts may close the gap"
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "lacks 2 questions" in html and hint not in html  # the only draft is another topic's
    make.question(networking, status="draft")
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert hint in html


def test_a_preview_with_no_question_says_so_in_a_paragraph_not_as_question_1(instructor_client, make):
    make.question(make.topic(domain="networking"))
    instructor_client.post(reverse("instructor:quiz_new"), quiz_data(domain_security="3"))
    quiz = Quiz.objects.get(title="Week 1 exam")
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "<p>No question matches this quiz.</p>" in html
    assert 'class="preview-items"' not in html  # no empty list either


def test_a_fixed_list_with_a_retired_question_shows_what_learners_get_and_warns(instructor_client, make, build,
                                                                                learner):
    from quiz import attempts
    from quiz.models import Question

    questions = [make.question() for _ in range(6)]
    quiz = build.quiz(questions, title="Fixed six", mode="exam")
    Question.objects.filter(pk=questions[2].pk).update(status=Question.Status.RETIRED)
    attempt, _created = attempts.start_exam(learner, quiz, "en")
    assert attempt.items.count() == 5
    listing = instructor_client.get(reverse("instructor:quizzes")).content.decode()
    assert "5 fixed" in listing and "6 fixed" not in listing
    assert '<span class="tag tag-warn">1 retired</span>' in listing
    preview = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "1 question of the fixed list is retired: learners get 5 questions, not 6." in preview
    assert reverse("instructor:question", args=[questions[2].pk]) in preview  # where to restore it
    builder = instructor_client.get(reverse("instructor:quiz_edit", args=[quiz.pk])).content.decode()
    assert "1 question of this quiz's fixed list is retired" in builder
    exams = instructor_client.get(reverse("quiz:exam_list")).content.decode()
    assert "Fixed six</a>\n    · 5 questions, 2 h 10 min" in exams


def test_a_fixed_list_all_retired_is_not_turned_into_random_draws_by_saving(instructor_client, make, build):
    from quiz.models import Question

    questions = [make.question(make.topic(domain="networking")) for _ in range(3)]
    quiz = build.quiz(questions, title="All retired")
    Question.objects.filter(pk__in=[q.pk for q in questions]).update(status=Question.Status.RETIRED)
    url = reverse("instructor:quiz_edit", args=[quiz.pk])
    builder = instructor_client.get(url).content.decode()
    assert "All 3 questions of this quiz's fixed list are retired: learners get no question" in builder
    assert "saving takes them off the list" not in builder  # it would not: saving is refused
    response = instructor_client.post(url, quiz_data(title="All retired", question_count="3"))  # nothing tickable
    assert response.status_code == 200
    assert ("Every question of this quiz&#x27;s fixed list is retired, so none is ticked: saving would turn it into "
            "random draws." in response.content.decode())
    quiz.refresh_from_db()
    assert quiz.questions.count() == 3 and quiz.rules == {}  # still the fixed list, nothing written
    live = make.question()
    response = instructor_client.post(url, quiz_data(title="All retired", questions=[live.pk]))
    assert response.status_code == 302  # ticking a live question keeps a fixed list
    assert list(Quiz.objects.get(pk=quiz.pk).questions.all()) == [live]


def test_random_draws_replace_an_all_retired_fixed_list_when_counts_are_entered(instructor_client, make, build):
    from quiz.models import Question

    question = make.question(make.topic(domain="networking"))
    quiz = build.quiz([question])
    Question.objects.filter(pk=question.pk).update(status=Question.Status.RETIRED)
    make.question(make.topic(domain="networking"))
    response = instructor_client.post(reverse("instructor:quiz_edit", args=[quiz.pk]),
                                      quiz_data(domain_networking="2"))
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert not quiz.questions.exists() and quiz.rules == {"domains": {"networking": 2}} and quiz.question_count == 2


def test_a_fixed_list_says_nothing_of_retired_questions_when_it_has_none(instructor_client, make, build):
    quiz = build.quiz([make.question() for _ in range(2)])
    assert "retired" not in instructor_client.get(reverse("instructor:quizzes")).content.decode()
    assert "retired" not in instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "retired" not in instructor_client.get(reverse("instructor:quiz_edit", args=[quiz.pk])).content.decode()


def test_the_domain_counts_say_how_many_questions_each_domain_has(instructor_client, make):
    topic = make.topic(domain="networking")
    make.question(topic)
    make.question(topic, status="draft")
    html = instructor_client.get(reverse("instructor:quiz_new")).content.decode()
    assert "1 of 2 questions approved" in html and "0 of 0 questions approved" in html


def test_the_topic_counts_say_how_many_of_their_questions_are_approved_as_the_domain_counts_do(instructor_client,
                                                                                                make):
    vpc, dns = make.topic(domain="networking"), make.topic(domain="networking")
    make.question(vpc)
    for status in ("draft", "draft", "retired"):
        make.question(vpc, status=status)
    make.question(dns)
    html = instructor_client.get(reverse("instructor:quiz_new")).content.decode()
    # the retired one is not counted; "approved only" draws from the approved one alone
    assert re.search(rf'aria-describedby="id_topic_count_{vpc.slug}_helptext"[^>]*>.*?'
                     rf'<small id="id_topic_count_{vpc.slug}_helptext">[^<]*· 1 of 3 questions approved</small>',
                     html, re.S)
    assert f'<small id="id_topic_count_{dns.slug}_helptext">Networking · 1 of 1 question approved</small>' in html


def test_the_time_limit_is_checked_by_the_server_with_one_message(instructor_client):
    # no range on the input, as for the pass mark: hidden for a practice set, a value out of it would keep the
    # browser from sending the form, saying nothing
    html = instructor_client.get(reverse("instructor:quiz_new")).content.decode()
    assert re.search(r'<input type="number" name="time_limit_minutes" value="130"', html)
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(time_limit_minutes="-5"))
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["time_limit_minutes"]] == ["time_limit_range"]
    assert not Quiz.objects.filter(title="Week 1 exam").exists()


@pytest.mark.parametrize("field,value,message", [
    ("time_limit_minutes", "99999999999", "Between 1 and 1440 minutes"),
    ("time_limit_minutes", "0", "Between 1 and 1440 minutes"),
    ("attempts_allowed", "0", "At least one attempt"),
    ("question_count", "501", "At most 500 questions"),
])
def test_out_of_range_settings_are_refused_with_a_message_and_nothing_saved(instructor_client, field, value,
                                                                           message):
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(**{field: value}))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists()


@pytest.mark.parametrize("field,value,code,low,high", [
    ("pass_mark", "-1", "pass_mark_range", None, None),  # no range on the input: it may be hidden (practice)
    ("time_limit_minutes", "-1", "time_limit_range", None, None),  # likewise
    ("question_count", "-1", "no_questions", "1", "500"),
    ("attempts_allowed", "-1", "no_attempts", "1", None),
])
def test_a_negative_setting_gets_its_ranges_one_message_and_the_input_the_same_range(instructor_client, field,
                                                                                     value, code, low, high):
    # not "greater than or equal to 0" for -1, and then another message for the 0 it suggested
    html = instructor_client.get(reverse("instructor:quiz_new")).content.decode()
    tag = re.search(rf'<input type="number" name="{field}"[^>]*>', html).group()
    assert f'min="{low}"' in tag if low else "min=" not in tag
    assert f'max="{high}"' in tag if high else "max=" not in tag
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(**{field: value}))
    assert [e.code for e in response.context["form"].errors.as_data()[field]] == [code]
    assert not Quiz.objects.filter(title="Week 1 exam").exists() and not AuditLog.objects.exists()


@pytest.mark.parametrize("field", ["question_count", "time_limit_minutes", "pass_mark", "attempts_allowed"])
def test_full_width_digits_from_a_japanese_ime_are_read_as_numbers(instructor_client, make, field):
    make.question(status="approved")
    value = {"question_count": "１０", "time_limit_minutes": "４５", "pass_mark": "８００", "attempts_allowed": "３"}
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(**{field: value[field]}))
    assert response.status_code == 302
    assert getattr(Quiz.objects.get(title="Week 1 exam"), field) == int(value[field])


def test_unapproved_questions_are_refused_when_only_approved_is_on(instructor_client, make):
    draft = make.question(status="draft")
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(questions=[draft.pk]))
    assert response.status_code == 200
    assert "not approved" in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists() and not AuditLog.objects.exists()


@pytest.mark.parametrize("bad_id", [str(2 ** 63), "9" * 30, str(-2 ** 63 - 1)])
def test_a_question_id_beyond_the_databases_integers_is_refused_with_a_message_and_nothing_saved(
        instructor_client, make, bad_id):
    question = make.question()
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(questions=[question.pk, bad_id]))
    assert response.status_code == 200
    assert f"{bad_id} is not one of the available choices" in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists() and not AuditLog.objects.exists()


def test_unapproved_questions_are_allowed_when_only_approved_is_off(instructor_client, make):
    draft = make.question(status="draft")
    data = quiz_data(questions=[draft.pk])
    del data["only_approved"]
    instructor_client.post(reverse("instructor:quiz_new"), data)
    assert list(Quiz.objects.get(title="Week 1 exam").questions.all()) == [draft]


def test_a_quiz_closing_before_it_opens_is_refused(instructor_client):
    response = instructor_client.post(reverse("instructor:quiz_new"),
                                      quiz_data(opens_at="2030-01-02T10:00", closes_at="2030-01-01T10:00"))
    assert "Closes must be after opens" in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists()


def test_a_pass_mark_off_the_scale_is_refused(instructor_client):
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(pass_mark="50"))
    assert "Use the 100-1000 scale" in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists()


@pytest.mark.parametrize("posted", ["", "50", "900"])
def test_a_practice_sets_pass_mark_is_not_asked_and_its_stored_one_is_kept(instructor_client, make, build,
                                                                           posted):
    # hidden while "Practice" is chosen (instructor.css): what the hidden input holds neither refuses the form
    # nor replaces the mark the quiz gets back if it is made an exam again
    quiz = build.quiz([make.question()], title="Week 1 practice", mode="practice", pass_mark=700)
    response = instructor_client.post(reverse("instructor:quiz_edit", args=[quiz.pk]),
                                      quiz_data(title="Week 1 practice", mode="practice", pass_mark=posted))
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert (quiz.mode, quiz.pass_mark) == ("practice", 700)
    response = instructor_client.post(reverse("instructor:quiz_new"),
                                      quiz_data(title="New practice", mode="practice", pass_mark=posted))
    assert response.status_code == 302
    assert Quiz.objects.get(title="New practice").pass_mark == 720  # the default


@pytest.mark.parametrize("posted", ["", "0", "5000", "45"])
def test_a_practice_sets_time_limit_is_not_asked_and_its_stored_one_is_kept(instructor_client, make, build, posted):
    # a practice set is never timed (attempts.start_attempt): its time limit is hidden like the pass mark, and what
    # the hidden input holds (typed while an exam) neither refuses the form nor is stored
    quiz = build.quiz([make.question()], title="Week 1 practice", mode="practice", time_limit_minutes=30)
    response = instructor_client.post(reverse("instructor:quiz_edit", args=[quiz.pk]),
                                      quiz_data(title="Week 1 practice", mode="practice", time_limit_minutes=posted))
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert (quiz.mode, quiz.time_limit_minutes) == ("practice", 30)
    html = instructor_client.get(reverse("instructor:quiz_new")).content.decode()
    assert '<div data-field="time_limit_minutes">' in html  # what the CSS hides for a practice set
    assert not re.search(r" (min|max)=", re.search(r'<input type="number" name="time_limit_minutes"[^>]*>',
                                                   html).group())
    assert "Exams only: a practice set has no time limit." in html


def test_an_exams_time_limit_out_of_range_is_still_refused(instructor_client):
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(time_limit_minutes="5000"))
    assert [e.code for e in response.context["form"].errors.as_data()["time_limit_minutes"]] == ["time_limit_range"]
    assert not Quiz.objects.filter(title="Week 1 exam").exists()


def test_an_exam_needs_a_pass_mark_though_the_input_is_not_required_in_the_browser(instructor_client):
    html = instructor_client.get(reverse("instructor:quiz_new")).content.decode()
    assert '<div data-field="pass_mark">' in html  # what the CSS hides for a practice set
    assert " required" not in re.search(r'<input type="number" name="pass_mark"[^>]*>', html).group()
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(pass_mark=""))
    assert [e.code for e in response.context["form"].errors.as_data()["pass_mark"]] == ["required"]
    assert "This field is required." in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists()


def test_editing_a_quiz_keeps_its_slug_and_logs_the_edit(instructor_client, make, build):
    quiz = build.quiz([make.question()], title="Old title")
    slug = quiz.slug
    instructor_client.post(reverse("instructor:quiz_edit", args=[quiz.pk]),
                           quiz_data(title="New title", questions=[q.pk for q in quiz.questions.all()]))
    quiz.refresh_from_db()
    assert quiz.title == "New title" and quiz.slug == slug
    assert AuditLog.objects.get().action == "edit"


def test_the_quiz_list_runs_a_constant_number_of_queries(instructor_client, make, build, constant_queries):
    build.quiz([make.question()])
    # own: quizzes with their counts
    constant_queries(lambda: instructor_client.get(reverse("instructor:quizzes")),
                     lambda: [build.quiz([make.question()]) for _ in range(3)], own=1)


def test_editing_keeps_rules_the_builder_does_not_show(instructor_client, make, build):
    quiz = build.quiz([], title="Blueprint", rules={"weights": {"networking": 30, "storage": 70}})
    instructor_client.post(reverse("instructor:quiz_edit", args=[quiz.pk]),
                           quiz_data(title="Blueprint", question_count="10"))
    quiz.refresh_from_db()
    assert quiz.rules == {"weights": {"networking": 30, "storage": 70}}


def test_per_topic_counts_are_saved_with_the_domain_counts_and_set_the_number_of_questions(instructor_client,
                                                                                           make):
    vpc = make.topic(domain="networking", name="VPC")
    dns = make.topic(domain="networking", name="DNS")
    for topic in (vpc, dns):
        make.question(topic)
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(
        **{f"topic_count_{vpc.slug}": "3", f"topic_count_{dns.slug}": "0", "domain_storage": "2"}
    ))
    quiz = Quiz.objects.get(title="Week 1 exam")
    assert response.status_code == 302
    assert quiz.rules == {"domains": {"storage": 2}, "topic_counts": {vpc.slug: 3}}
    assert quiz.question_count == 5
    assert AuditLog.objects.get().details["rules"]["topic_counts"] == {vpc.slug: 3}
    form = instructor_client.get(reverse("instructor:quiz_edit", args=[quiz.pk])).content.decode()
    assert f'name="topic_count_{vpc.slug}" value="3"' in form


def test_only_topics_with_live_questions_get_a_count_input(instructor_client, make):
    live = make.topic(name="Has questions")
    retired_only = make.topic(name="Only retired")
    empty = make.topic(name="Empty")
    make.question(live)
    make.question(retired_only, status="retired")
    html = instructor_client.get(reverse("instructor:quiz_new")).content.decode()
    assert f'name="topic_count_{live.slug}"' in html
    assert f'name="topic_count_{retired_only.slug}"' not in html
    assert f'name="topic_count_{empty.slug}"' not in html


def test_a_bad_topic_count_re_renders_the_form_with_the_message_and_writes_nothing(instructor_client, make):
    topic = make.topic(name="Load balancing")
    make.question(topic)
    for value, message in [("-1", "The count for Load balancing cannot be negative."),
                           ("two", "Enter a whole number of questions for Load balancing."),
                           ("501", "At most 500 questions from Load balancing.")]:
        response = instructor_client.post(reverse("instructor:quiz_new"),
                                          quiz_data(**{f"topic_count_{topic.slug}": value}))
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists() and not AuditLog.objects.exists()


def test_counts_that_add_up_to_zero_are_refused_without_a_fixed_list(instructor_client, make):
    topic = make.topic()
    question = make.question(topic)
    response = instructor_client.post(reverse("instructor:quiz_new"),
                                      quiz_data(**{f"topic_count_{topic.slug}": "0", "domain_storage": "0"}))
    assert response.status_code == 200
    assert "The domain and topic counts add up to 0." in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists() and not AuditLog.objects.exists()
    # with a fixed list the counts do not matter
    instructor_client.post(reverse("instructor:quiz_new"),
                           quiz_data(questions=[question.pk], **{f"topic_count_{topic.slug}": "0"}))
    assert Quiz.objects.get(title="Week 1 exam").question_count == 1


def test_the_preview_lists_the_topic_counts_and_draws_them(instructor_client, make):
    vpc = make.topic(domain="networking", name="VPC")
    storage = make.topic(domain="storage")
    in_vpc = [make.question(vpc) for _ in range(2)]
    make.question(storage)
    instructor_client.post(reverse("instructor:quiz_new"), quiz_data(**{f"topic_count_{vpc.slug}": "2"}))
    quiz = Quiz.objects.get(title="Week 1 exam")
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "VPC × 2" in html and "lacks" not in html
    for question in in_vpc:
        assert question.stem["en"] in html


def test_an_exam_built_with_topic_counts_draws_those_counts(instructor_client, learner, make):
    from collections import Counter

    from django.test import Client

    from quiz.models import Attempt

    vpc = make.topic(domain="networking", name="VPC")
    dns = make.topic(domain="networking", name="DNS")
    storage = make.topic(domain="storage")
    for topic in (vpc, dns, storage):
        for _ in range(4):
            make.question(topic)
    instructor_client.post(reverse("instructor:quiz_new"), quiz_data(
        **{f"topic_count_{vpc.slug}": "3", f"topic_count_{dns.slug}": "1", "domain_storage": "2"}
    ))
    quiz = Quiz.objects.get(title="Week 1 exam")
    learner_client = Client()
    learner_client.force_login(learner)
    assert learner_client.post(reverse("quiz:exam_start", args=[quiz.slug])).status_code == 302
    attempt = Attempt.objects.get(user=learner, quiz=quiz)
    drawn = [item.question for item in attempt.items.select_related("question__topic")]
    assert len(drawn) == len({q.pk for q in drawn}) == 6
    assert Counter(q.topic.slug for q in drawn) == {vpc.slug: 3, dns.slug: 1, storage.slug: 2}


def test_a_negative_domain_count_shows_its_message_and_writes_nothing(instructor_client):
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(domain_storage="-2"))
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists() and not AuditLog.objects.exists()


def test_the_topic_count_messages_follow_the_interface_language(instructor_client, make):
    topic = make.topic(name="VPC")
    make.question(topic)
    instructor_client.cookies["django_language"] = "ja"
    form = instructor_client.get(reverse("instructor:quiz_new"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "トピックごとの問題数" in form
    data = quiz_data(**{f"topic_count_{topic.slug}": "x"})
    response = instructor_client.post(reverse("instructor:quiz_new"), data, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 200
    assert "VPC の問題数は整数で入力してください。" in response.content.decode()


def test_the_builder_form_runs_a_constant_number_of_queries_as_topics_grow(instructor_client, make,
                                                                           constant_queries):
    make.question(make.topic())
    # own: the question picker, the topic restriction list, the topics with live questions and their counts
    constant_queries(lambda: instructor_client.get(reverse("instructor:quiz_new")),
                     lambda: [make.question(make.topic()) for _ in range(3)], own=3)


def test_one_unapproved_question_is_named_in_the_singular(instructor_client, make):
    draft = make.question(status="draft")
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(questions=[draft.pk]))
    html = response.content.decode()
    assert "1 chosen question is not approved; approve it or untick" in html
    drafts = [make.question(status="draft") for _ in range(2)]
    ja = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(questions=[d.pk for d in drafts]),
                                HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "選んだ問題のうち 2 問が未承認です。" in ja


def test_the_fixed_list_tags_drafts_so_the_unapproved_ones_the_builder_refuses_can_be_found(instructor_client, make):
    approved, draft = make.question(), make.question(status="draft")
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(questions=[approved.pk, draft.pk]),
                                      HTTP_ACCEPT_LANGUAGE="ja")
    html = response.content.decode()
    assert "選んだ問題のうち 1 問が未承認です。" in html
    labels = {pk: re.search(rf'name="questions" value="{pk}".*?</label>', html, re.S).group(0)
              for pk in (approved.pk, draft.pk)}
    assert f'<span class="tag">下書き</span> <span lang="en">{draft.stem["en"]}' in labels[draft.pk]
    assert 'class="tag"' not in labels[approved.pk]


def test_the_quiz_list_and_pages_show_the_mock_exams_title_in_the_interface_language(instructor_client,
                                                                                    build):
    quiz = build.quiz(title="Mock exam")
    ja_list = instructor_client.get(reverse("instructor:quizzes"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    ja_edit = instructor_client.get(reverse("instructor:quiz_edit", args=[quiz.pk]),
                                    HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    ja_preview = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk]),
                                       HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert ">模擬試験</a>" in ja_list and ">Mock exam<" not in ja_list
    assert "<h1>模擬試験" in ja_edit and "模擬試験" in ja_preview.split("<h1>")[1]


def test_the_builder_names_topics_in_the_interface_language(instructor_client, make):
    topic = make.topic(name="Blue/Green deployment", names={"ja": "ブルー/グリーンデプロイ"})
    question = make.question(topic)
    ja = instructor_client.get(reverse("instructor:quiz_new"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert f'<option value="{topic.slug}">ブルー/グリーンデプロイ</option>' in ja  # draw only from these topics
    assert f"［ブルー/グリーンデプロイ］<span lang=\"en\">{question.stem['en']}</span>" in ja  # the fixed-question picker
    assert "ブルー/グリーンデプロイ <input" in ja  # the per-topic count's label
    assert "Blue/Green deployment" not in ja


def test_an_error_message_is_an_alert_and_looks_unlike_a_success(instructor_client, make):
    error = instructor_client.post(reverse("instructor:approve"), {}, follow=True).content.decode()
    assert ('<article class="message message-error" role="alert" tabindex="-1" autofocus>'
            "Tick at least one question.</article>") in error  # and it takes the focus
    question = make.question(status="draft")
    done = instructor_client.post(reverse("instructor:approve"), {"id": question.pk}, follow=True).content.decode()
    link = f'<a href="{reverse("instructor:question", args=[question.pk])}">Open the question</a>'
    assert f'<article class="message message-success" role="status">1 question approved. {link}</article>' \
        in done


def test_a_title_in_korean_or_japanese_keeps_its_words_in_the_slug_and_the_link_opens(instructor_client, learner,
                                                                                       make):
    from django.test import Client

    make.question()
    instructor_client.post(reverse("instructor:quiz_new"), quiz_data(title="AWS 1주차 시험"))
    instructor_client.post(reverse("instructor:quiz_new"), quiz_data(title="第1週の試験"))
    instructor_client.post(reverse("instructor:quiz_new"), quiz_data(title="!!!"))
    slugs = dict(Quiz.objects.filter(title__in=["AWS 1주차 시험", "第1週の試験", "!!!"]).values_list("title", "slug"))
    assert slugs["AWS 1주차 시험"] == "aws-1주차-시험"  # not "aws", a slug other titles share
    assert slugs["第1週の試験"] == "第1週の試験"
    assert slugs["!!!"].startswith("quiz-")  # nothing of the title to keep
    url = Quiz.objects.get(title="AWS 1주차 시험").get_absolute_url()
    assert url == "/quiz/exams/aws-1%EC%A3%BC%EC%B0%A8-%EC%8B%9C%ED%97%98/"
    learner_client = Client()
    learner_client.force_login(learner)
    response = learner_client.get(url)
    assert response.status_code == 200 and "AWS 1주차 시험" in response.content.decode()


def test_a_quiz_keeps_the_ascii_slug_it_was_made_with(learner_client, make, build):
    quiz = build.quiz([make.question()], title="1주차 시험")
    Quiz.objects.filter(pk=quiz.pk).update(slug="1")  # as the ASCII slugify made it: learners' links
    assert learner_client.get("/quiz/exams/1/").status_code == 200


def test_every_help_and_error_a_quiz_form_input_names_is_on_the_page(instructor_client, make):
    import re

    make.question()
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(pass_mark="5000", title=""))
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    refs = {ref for group in re.findall(r'aria-describedby="([^"]+)"', html) for ref in group.split()}
    assert refs and all(f'id="{ref}"' in html for ref in refs)


def test_the_preview_marks_a_question_in_another_language_with_its_own(instructor_client, make):
    """A Japanese-only question previewed in the Korean interface is lang="ja", not the interface's "ko"."""
    from quiz.models import Question

    question = make.question()
    Question.objects.filter(pk=question.pk).update(languages=["ja"], stem={"ja": "日本語の問題"})
    quiz = Quiz.objects.create(slug="ja-preview", title="Preview", question_count=1, only_approved=False)
    quiz.questions.add(question)
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk]),
                                 HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<p lang="ja">日本語の問題</p>' in html
    assert '<ul class="options" lang="ja">' in html


def test_the_quiz_list_says_when_each_quiz_of_a_shared_title_was_created(instructor_client, make, build):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    quizzes = [build.quiz([make.question()], title="Midterm") for _ in range(2)]
    build.quiz([make.question()], title="Final")
    for quiz, day in zip(quizzes, [2, 9]):
        Quiz.objects.filter(pk=quiz.pk).update(created_at=datetime(2026, 11, day, 14, 5, tzinfo=dt_timezone.utc))
    html = instructor_client.get(reverse("instructor:quizzes")).content.decode()
    rows = re.findall(r'<tr><td data-label="Title"><a [^>]*>(Midterm|Final)</a>(.*?)</td>', html, re.S)
    assert rows == [("Final", ""), ("Midterm", "\n      <br><small>created 2026-11-02 14:05</small>"),
                    ("Midterm", "\n      <br><small>created 2026-11-09 14:05</small>")]
    assert "Times are in UTC." in html


def test_the_fixed_question_picker_marks_each_stem_with_its_language(instructor_client, make):
    from quiz.models import Question

    japanese = make.question()
    Question.objects.filter(pk=japanese.pk).update(languages=["ja"], stem={"ja": "どれですか <b>"})
    html = instructor_client.get(reverse("instructor:quiz_new"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<span lang="ja">どれですか &lt;b&gt;</span>' in html  # a Japanese-only stem in the Korean interface


def test_the_preview_says_how_many_attempts_are_allowed(instructor_client, build, make):
    limited = build.quiz([make.question()], attempts_allowed=2)
    once = build.quiz([make.question()], attempts_allowed=1)
    unlimited = build.quiz([make.question()])
    cases = ((limited, "2 attempts allowed"), (once, "1 attempt allowed"), (unlimited, "unlimited attempts"))
    for quiz, text in cases:
        html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
        assert f"pass mark {quiz.pass_mark}\n · {text}" in html, text


def test_a_practice_set_is_not_listed_or_previewed_with_the_time_limit_it_does_not_have(instructor_client, make):
    # a practice set's attempts have no deadline (attempts.start_quiz times exams only): the list and the preview
    # said "130 min" (the builder's default) all the same; a new practice set now stores no time limit at all
    question = make.question()
    instructor_client.post(reverse("instructor:quiz_new"),
                           quiz_data(title="Drill", mode="practice", time_limit_minutes="130", questions=[question.pk]))
    instructor_client.post(reverse("instructor:quiz_new"),
                           quiz_data(title="Exam", time_limit_minutes="45", questions=[question.pk]))
    practice, exam = Quiz.objects.get(title="Drill"), Quiz.objects.get(title="Exam")
    assert practice.time_limit_minutes is None
    rows = [row.split("</tr>")[0]
            for row in instructor_client.get(reverse("instructor:quizzes")).content.decode().split("<tr>")]
    drill_row, exam_row = (next(row for row in rows if f">{title}</a>" in row) for title in ("Drill", "Exam"))
    assert "2 h 10 min" not in drill_row and "—" in drill_row
    assert "45 min" in exam_row
    preview = instructor_client.get(reverse("instructor:quiz_preview", args=[practice.pk])).content.decode()
    assert "2 h 10 min" not in preview and "no time limit" in preview
    preview = instructor_client.get(reverse("instructor:quiz_preview", args=[exam.pk])).content.decode()
    assert "45 min" in preview


def test_an_edit_logs_which_settings_it_changed_from_what_and_the_audit_log_shows_them(instructor_client, make,
                                                                                       build):
    quiz = build.quiz([make.question()], title="Week 1 exam", time_limit_minutes=30)
    quiz.mode, quiz.pass_mark, quiz.attempts_allowed, quiz.published = "exam", 700, 2, True
    quiz.save()
    instructor_client.post(reverse("instructor:quiz_edit", args=[quiz.pk]),
                           quiz_data(time_limit_minutes="1", questions=[q.pk for q in quiz.questions.all()]))
    entry = AuditLog.objects.get(action="edit")
    assert entry.details["changed"] == {"time_limit_minutes": [30, 1]}  # the settings left as they were: not listed
    page = instructor_client.get(reverse("instructor:audit")).content.decode()
    assert "Time limit (minutes): 30 → 1" in page


def test_the_quiz_list_says_when_the_bank_has_fewer_questions_than_a_draw_asks(instructor_client, make):
    topic = make.topic(domain="storage")
    for _ in range(8):
        make.question(topic)
    make.question(topic, status="draft")  # not drawn by an approved-only quiz
    Quiz.objects.create(slug="short", title="Short", question_count=10, only_approved=True)
    Quiz.objects.create(slug="drafts-too", title="Drafts too", question_count=9, only_approved=False)
    html = instructor_client.get(reverse("instructor:quizzes")).content.decode()
    short = html.split(">Short</a>")[1].split("</tr>")[0]
    assert "10 asked, 8 available" in short and "drawn" not in short
    assert "9 drawn" in html.split(">Drafts too</a>")[1].split("</tr>")[0]


def test_the_builder_marks_a_long_stem_it_cuts_with_an_ellipsis(instructor_client, make):
    question = make.question()
    question.stem = {"en": "You customise an environment. " * 10 + "Which key?"}
    question.save()
    html = instructor_client.get(reverse("instructor:quiz_new")).content.decode()
    assert "You customise an environment.…</span>" in html
    assert "Which key?" not in html


def test_the_preview_leads_to_each_of_the_instructors_classes_with_the_quiz_chosen(
        instructor_client, instructor, make, build, django_user_model):
    """Saved and previewed, the quiz is assigned next: the preview had no way there but the class list."""
    from quiz.instructor.models import Classroom

    quiz = build.quiz(questions=[make.question() for _ in range(2)])
    preview = reverse("instructor:quiz_preview", args=[quiz.pk])
    html = instructor_client.get(preview).content.decode()
    assert f'href="{reverse("instructor:classes")}"' in html.split('id="assign-next-h"')[1]  # none yet: make one

    mine = Classroom.objects.create(name="Evening class", owner=instructor)
    other = django_user_model.objects.create_user("other-teacher", password="x")
    Classroom.objects.create(name="Someone else's class", owner=other)
    html = instructor_client.get(preview).content.decode()
    link = f'{mine.get_absolute_url()}?quiz={quiz.pk}#assign'
    assert f'href="{link}"' in html and "Someone else" not in html

    page = instructor_client.get(link.split("#")[0]).content.decode()
    assert 'id="assign"' in page
    assert re.search(rf'<option value="{quiz.pk}"[^>]*selected', page)
    assert instructor_client.get(f"{mine.get_absolute_url()}?quiz=x²").status_code == 200  # not a pk: nothing chosen


def test_the_preview_marks_the_classes_that_have_the_quiz_already_with_their_due_date(
        instructor_client, instructor, make, build, settings):
    """Sent to the assign form of a class that has the quiz, the instructor got "This quiz is already assigned to
    the class." after filling it in: the preview says so first and leads to the class's assignments instead."""
    from datetime import datetime
    from datetime import timezone as dt_timezone

    settings.TIME_ZONE = "Asia/Tokyo"
    quiz = build.quiz(questions=[make.question() for _ in range(2)])
    due = build.classroom(instructor, name="A due class")
    build.assignment(due, quiz, due_at=datetime(2026, 11, 27, 3, 0, tzinfo=dt_timezone.utc))
    undated = build.classroom(instructor, name="B undated class")
    build.assignment(undated, quiz)
    build.assignment(build.classroom(instructor, name="C other quiz class"), build.quiz([make.question()]))
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    items = html.split('id="assign-next-h"')[1].split("</ul>")[0].split("<li>")[1:]
    assert len(items) == 3
    assert f'href="{due.get_absolute_url()}"' in items[0] and "?quiz=" not in items[0]
    assert "Already assigned · Due 2026-11-27 12:00" in items[0]
    assert "Already assigned</small>" in items[1] and "Due" not in items[1]
    assert "Already assigned" not in items[2] and f"?quiz={quiz.pk}#assign" in items[2]


def test_a_topic_count_above_what_the_topic_has_is_not_filled_from_other_topics(instructor_client, learner, make):
    from django.test import Client

    from quiz.models import Attempt

    xray = make.topic(domain="observability", name="X-Ray")
    storage = make.topic(domain="storage")
    in_xray = {make.question(xray).pk for _ in range(2)}
    for _ in range(6):
        make.question(storage)
    instructor_client.post(reverse("instructor:quiz_new"), quiz_data(**{f"topic_count_{xray.slug}": "5"}))
    quiz = Quiz.objects.get(title="Week 1 exam")
    assert quiz.question_count == 5
    # the preview, the quiz list and the learner's attempt all give the topic's 2, not 3 storage questions on top
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "lacks 3 questions" in html and "Learners get 2 questions instead of 5" in html
    assert "<li>X-Ray: 2 of the 5 asked for</li>" in html
    listed = instructor_client.get(reverse("instructor:quizzes")).content.decode()
    assert "5 asked, 2 available" in listed.split(">Week 1 exam</a>")[1].split("</tr>")[0]
    learner_client = Client()
    learner_client.force_login(learner)
    assert learner_client.post(reverse("quiz:exam_start", args=[quiz.slug])).status_code == 302
    attempt = Attempt.objects.get(user=learner, quiz=quiz)
    assert set(attempt.items.values_list("question_id", flat=True)) == in_xray


def test_the_preview_names_a_short_domain_beside_topic_counts(instructor_client, make):
    vpc = make.topic(domain="networking", name="VPC")
    for _ in range(3):
        make.question(vpc)
    make.question(make.topic(domain="storage"))
    instructor_client.post(reverse("instructor:quiz_new"),
                           quiz_data(**{f"topic_count_{vpc.slug}": "2", "domain_storage": "3"}))
    quiz = Quiz.objects.get(title="Week 1 exam")
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "lacks 2 questions" in html and "<li>Storage: 1 of the 3 asked for</li>" in html
    assert "VPC:" not in html  # the topic gives its 2
