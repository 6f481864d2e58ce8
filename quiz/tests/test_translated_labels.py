"""A label and its value are one translated message ("Time left: %(time)s"): the translation writes the colon
and the space ("残り時間：12:34" in Japanese), not the template after a translated label."""

import re
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import trans_real

from quiz import attempts
from quiz.models import Attempt, Mode, Quiz
from quiz.templatetags.quiz_text import around


@pytest.fixture
def japanese():
    """``japanese(msgid, msgstr)``: ``msgid`` translated for this test, as a catalogue writing "：" would."""
    catalog = trans_real.translation("ja")._catalog
    before = {}

    def translate(msgid, msgstr):
        before.setdefault(msgid, catalog.get(msgid))
        catalog[msgid] = msgstr

    yield translate
    for msgid, msgstr in before.items():  # the catalogue as it was, with or without these messages
        if msgstr is None:
            catalog._catalogs[0].pop(msgid, None)
        else:
            catalog[msgid] = msgstr


JA = {"HTTP_ACCEPT_LANGUAGE": "ja"}


@pytest.fixture
def exam_attempt(make, learner):
    quiz = Quiz.objects.create(slug="colon", title="Short exam", mode=Mode.EXAM, question_count=1,
                               time_limit_minutes=30, only_approved=False)
    make.question(make.topic())
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    return attempt


def test_the_countdown_label_is_one_message_that_places_the_timer(exam_attempt, learner_client, japanese):
    japanese("Time left: %(time)s", "残り時間：%(time)s")
    html = learner_client.get(f"/quiz/attempts/{exam_attempt.uid}/1/", **JA).content.decode()
    assert '<p class="countdown-line"><span>残り時間：<span id="countdown" class="countdown"' in html
    en = learner_client.get(f"/quiz/attempts/{exam_attempt.uid}/1/").content.decode()
    assert '<p class="countdown-line"><span>Time left: <span id="countdown"' in en and "s</span></span>" in en


def test_the_review_title_and_the_result_say_label_and_value_as_the_translation_writes_them(
        exam_attempt, learner_client, japanese):
    japanese("%(title)s: Review before submitting", "%(title)s：提出前の見直し")
    japanese("Result: %(title)s", "結果：%(title)s")
    japanese("Time used: %(time)s", "所要時間：%(time)s")
    japanese("Your choice: %(labels)s", "あなたの選択：%(labels)s")
    japanese("Correct answer: %(labels)s", "正解：%(labels)s")
    review = learner_client.get(f"/quiz/attempts/{exam_attempt.uid}/review/", **JA).content.decode()
    assert "<h1>Short exam：提出前の見直し</h1>" in review
    learner_client.post(f"/quiz/attempts/{exam_attempt.uid}/1/", {"choice": "A"})
    learner_client.post(f"/quiz/attempts/{exam_attempt.uid}/submit/")
    earlier = exam_attempt.started_at - timedelta(minutes=3)
    Attempt.objects.filter(pk=exam_attempt.pk).update(started_at=earlier)
    html = learner_client.get(f"/quiz/attempts/{exam_attempt.uid}/result/", **JA).content.decode()
    assert "<h1>結果：Short exam</h1>" in html and "<p>所要時間：" in html
    assert '<p class="choice-line">あなたの選択：A · 正解：' in html


def test_the_practice_summary_heading_is_one_message(make, learner, learner_client, japanese):
    japanese("Practice summary: %(name)s", "練習のまとめ：%(name)s")
    attempt = attempts.start_practice(learner, [make.question(make.topic(name="AWS Lambda"))], "en",
                                      origin="setup")
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/summary/", **JA).content.decode()
    assert "<h1>練習のまとめ：AWS Lambda</h1>" in html


def test_the_readiness_verdict_and_the_delete_confirmation_keep_their_markup_inside_the_message(
        learner, learner_client, make, japanese):
    from quiz.progress.readiness import MIN_SEEN_PER_DOMAIN
    from quiz.progress.tests.conftest import Answering

    topic = make.topic(domain="dns")
    for _ in range(MIN_SEEN_PER_DOMAIN):  # enough answers for an estimate
        Answering().answer(learner, make.question(topic), correct=False)
    japanese("%(verdict)s: estimated score today %(estimate)s%% (about %(scaled)s on the 100–1000 scale; "
             "the pass mark is %(pass)s).", "%(verdict)s：今日の推定正答率 %(estimate)s%%（約 %(scaled)s、合格点 %(pass)s）。")
    japanese("Type your user name to confirm: %(name)s", "確認のためユーザー名を入力：%(name)s")
    html = learner_client.get("/progress/", **JA).content.decode()
    assert '<p class="readiness-verdict"><strong data-verdict="not_yet">' in html
    assert re.search(r"</strong>：今日の推定正答率 \d+%（約 \d+、合格点 \d+）。</p>", html)
    html = learner_client.get("/progress/delete/", **JA).content.decode()
    assert "確認のためユーザー名を入力：<code>alice</code></label>" in html


def test_the_join_code_is_one_message_around_its_code(instructor_client, instructor, japanese):
    from quiz.instructor.models import Classroom

    japanese("Join code: %(code)s", "参加コード：%(code)s")
    classroom = Classroom.objects.create(name="Evening", owner=instructor)
    html = instructor_client.get(f"/instructor/classes/{classroom.pk}/", **JA).content.decode()
    assert f"<p>参加コード：<code data-join-code>{classroom.join_code}</code> · " in html


def test_the_instructor_audit_lists_each_detail_as_one_message(instructor_client, instructor, japanese):
    from quiz.instructor.models import AuditLog

    japanese("%(key)s: %(value)s", "%(key)s：%(value)s")
    AuditLog.record(instructor, "extra_time", object_type="membership", label="alice",
                    details={"extra_minutes": 15})
    html = instructor_client.get("/instructor/audit/", **JA).content.decode()
    assert "<small>延長時間（分）：15</small>" in html


def test_a_conflict_box_on_the_question_page_writes_its_colon_and_line_as_the_translation_does(
        instructor_client, make, japanese):
    from quiz.models import GenerationIssue

    japanese("%(place)s (line %(n)s)", "%(place)s（%(n)s 行目）")
    section = make.section()
    question = make.question(section=section, status="draft")
    issue = GenerationIssue.objects.create(
        key="conflict-ja", kind="conflict", family="lambda-invocation", member="async", attribute="retries",
        details={"values": {"2": [{"file": "a.md", "heading_path": "Lambda › リトライ", "line": 4},
                                  {"file": "b.md", "heading_path": "Lambda", "line": 9}]}})
    issue.sections.add(section)
    html = instructor_client.get(f"/instructor/questions/{question.pk}/", **JA).content.decode()
    assert ('<strong>2</strong>：<span title="a.md">a.md › Lambda › リトライ（4 行目）</span>; '
            '<span title="b.md">b.md › Lambda（9 行目）</span></li>') in html
    assert re.search(r'<p class="correction-title"><strong>[^<]+</strong>：[^<:]+</p>', html)


def test_around_cuts_a_message_at_its_placeholder_and_keeps_it_safe():
    before, after = around(mark_safe("残り時間：{time}（目安）"), "{time}")
    assert (before, after) == ("残り時間：", "（目安）")
    assert isinstance(before, SafeData) and isinstance(after, SafeData)
    assert around(mark_safe("Time left"), "{time}") == ("Time left", "")  # no placeholder: the value last
    plain = around("a < b: {x}", "{x}")
    assert plain == ("a < b: ", "") and not isinstance(plain[0], SafeData)  # escaped when shown


def test_the_pass_mark_brackets_are_the_translations_full_width_ones_in_japanese(exam_attempt, learner_client):
    learner_client.post(f"/quiz/attempts/{exam_attempt.uid}/submit/")
    html = learner_client.get(f"/quiz/attempts/{exam_attempt.uid}/result/", **JA).content.decode()
    assert f"不合格</strong>（合格点 {exam_attempt.pass_mark}）" in html and "(合格点" not in html  # no space before "（"
    html = learner_client.get(f"/quiz/attempts/{exam_attempt.uid}/result/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert f"(합격 점수 {exam_attempt.pass_mark})" in html
    assert f"(pass mark {exam_attempt.pass_mark})" in learner_client.get(
        f"/quiz/attempts/{exam_attempt.uid}/result/").content.decode()


def test_form_labels_end_in_a_full_width_colon_in_japanese_and_a_half_width_one_in_korean():
    from django import forms
    from django.utils import translation

    class Form(forms.Form):
        name = forms.CharField(label="Option A")

    for language, suffix in (("ja", "：</label>"), ("ko", ":</label>"), ("en", ":</label>")):
        with translation.override(language):
            assert Form()["name"].label_tag().endswith("Option A" + suffix), language


def test_djangos_password_confirmation_label_has_full_width_brackets_in_japanese():
    from django.contrib.auth.forms import SetPasswordForm
    from django.utils import translation

    with translation.override("ja"):
        assert SetPasswordForm(user=None)["new_password2"].label_tag().endswith("新しいパスワード（確認用）：</label>")


def test_the_exam_review_headings_say_their_count_as_the_translation_writes_it(
        exam_attempt, learner_client, japanese):
    japanese("Flagged for review (%(n)s)", "見直しフラグ付き（%(n)s）")
    japanese("Unanswered (%(n)s)", "未解答（%(n)s）")
    html = learner_client.get(f"/quiz/attempts/{exam_attempt.uid}/review/", **JA).content.decode()
    assert "<h2>見直しフラグ付き（0）</h2>" in html and "<h2>未解答（1）</h2>" in html
    html = learner_client.get(f"/quiz/attempts/{exam_attempt.uid}/review/").content.decode()
    assert "<h2>Flagged for review (0)</h2>" in html and "<h2>Unanswered (1)</h2>" in html


def test_the_closed_review_note_writes_the_time_zone_in_the_translations_brackets(
        exam_attempt, learner, learner_client, instructor, japanese):
    from quiz.instructor.models import Assignment, Classroom, Membership

    japanese("%(time)s (%(zone)s)", "%(time)s（%(zone)s）")
    classroom = Classroom.objects.create(name="Evening", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    Assignment.objects.create(classroom=classroom, quiz=exam_attempt.quiz, review_opens="after_due",
                              due_at=datetime(2099, 11, 27, 7, 37, tzinfo=dt_timezone.utc))
    learner_client.post(f"/quiz/attempts/{exam_attempt.uid}/submit/")
    html = learner_client.get(f"/quiz/attempts/{exam_attempt.uid}/result/", **JA).content.decode()
    assert "2099-11-27 07:37（UTC）" in html and "(UTC)" not in html
    en = learner_client.get(f"/quiz/attempts/{exam_attempt.uid}/result/").content.decode()
    assert "2099-11-27 07:37 (UTC)" in en


def test_cited_note_lines_are_one_message_with_the_translations_brackets_and_separator(japanese):
    from django.template.loader import render_to_string
    from django.utils import translation

    japanese((" (line %(lines)s)", 0), "（%(lines)s 行目）")
    japanese("between line numbers\x04, ", "、")
    sources = [{"heading_path": "Lambda › 制限", "file": "a.md", "lines": [112, 114]}]
    with translation.override("ja"):
        html = render_to_string("quiz/_options_review.html", {"options": [], "sources": sources})
    assert 'Lambda › 制限<small class="source-lines">（112、114 行目）</small>' in html
    with translation.override("ko"):
        html = render_to_string("quiz/_options_review.html", {"options": [], "sources": sources})
    assert "112, 114" in html  # Korean keeps its comma
    html = render_to_string("quiz/_options_review.html", {"options": [], "sources": sources})
    assert 'Lambda › 制限<small class="source-lines"> (lines 112, 114)</small>' in html


def test_the_issues_page_writes_counts_lines_and_quotes_as_the_translation_does(
        instructor_client, make, japanese):
    from quiz.models import GenerationIssue

    japanese("Conflicts and contradictions found by the generator (%(n)s)", "生成時に見つかった矛盾（%(n)s）")
    japanese("%(label)s (%(n)s)", "%(label)s（%(n)s）")
    japanese("a note line\x04 (%(line)s)", "（%(line)s）")
    japanese("what a note line says\x04: “%(quote)s”", "：「%(quote)s」")
    section = make.section()
    issue = GenerationIssue.objects.create(
        key="conflict-ja", kind="conflict", family="lambda-invocation", member="async", attribute="retries",
        details={"values": {"2": [{"file": "a.md", "heading_path": "Lambda", "line": 15,
                                   "quote": "リトライは 2 回"}]}})
    issue.sections.add(section)
    html = instructor_client.get("/instructor/issues/?status=all", **JA).content.decode()
    assert "<h2>生成時に見つかった矛盾（1）</h2>" in html
    assert re.search(r'<option value="">[^<(]+（1）</option>', html)  # "Any (1)"
    assert re.search(r'<option value="all" selected>[^<(]+（1）</option>', html)
    assert "（15 行目）" in re.sub(r"<[^>]+>", "", html) and "：「<span" in html and "</span>」" in html
    assert "(line" not in html and ": “" not in html
    en = instructor_client.get("/instructor/issues/?status=all").content.decode()
    assert "Conflicts and contradictions found by the generator (1)</h2>" in en
    assert '<span title="a.md">a.md › Lambda</span> (' in en and "line 15" in en
    assert ': “<span lang="ja">リトライは 2 回</span>”' in en


def test_the_audit_log_names_an_approval_as_an_action_and_a_quizs_topics_by_their_names(
        instructor_client, instructor, make, japanese):
    from quiz.instructor.models import AuditLog

    japanese("audit action\x04Approved", "承認")
    make.topic(slug="lambda", name="AWS Lambda", names={"ja": "ラムダ"})
    AuditLog.record(instructor, "approve", object_type="question", label="q")
    AuditLog.record(instructor, "create", object_type="quiz", label="Weekly",
                    details={"rules": {"topic_counts": {"lambda": 5}, "topics": ["lambda", "gone"]}})
    html = instructor_client.get("/instructor/audit/", **JA).content.decode()
    assert ">承認</td>" in html and "承認済み" not in html
    assert "トピックごとの問題数：ラムダ 5" in html and "lambda 5" not in html
    assert "：ラムダ、gone" in html  # a topic deleted since keeps its slug
    en = instructor_client.get("/instructor/audit/").content.decode()
    assert ">Approved</td>" in en and "Questions per topic: AWS Lambda 5" in en


@pytest.mark.parametrize("language, shown", [
    ("en", "· 1 question, 30 min\n    \n    · best 812, last 745"),
    ("ja", "· 1 問、30 分\n    \n    · 最高 812、前回 745"),
    ("ko", "· 1문제, 30분\n    \n    · 최고 점수 812, 최근 745"),
])
def test_the_exam_list_says_its_time_and_both_scores_each_as_one_message(
        exam_attempt, learner_client, language, shown):
    from django.utils import timezone

    attempts.submit(exam_attempt, now=timezone.now())
    Attempt.objects.filter(pk=exam_attempt.pk).update(scaled_score=812)
    Attempt.objects.create(user=exam_attempt.user, quiz=exam_attempt.quiz, mode=Mode.EXAM, scaled_score=745,
                           state=Attempt.State.SUBMITTED, started_at=timezone.now(), submitted_at=timezone.now())
    html = learner_client.get("/quiz/exams/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    row = html[html.index("Short exam</a>"):].split("</li>")[0]
    assert shown in row, row


@pytest.mark.parametrize("language, key, other", [
    ("en", "✓<span class=\"visually-hidden\"> (key)</span>: 1</span></li>", ": 0</span></li>"),
    ("ja", "✓<span class=\"visually-hidden\"> （正解）</span>：1</span></li>", "：0</span></li>"),
    ("ko", "✓<span class=\"visually-hidden\"> (정답)</span>: 1</span></li>", ": 0</span></li>"),
])
def test_item_analysis_says_each_options_count_as_one_message(instructor_client, instructor, learner, make,
                                                              language, key, other):
    from django.utils import timezone

    from quiz.instructor.models import Assignment, Classroom, Membership

    question = make.question(make.topic())
    quiz = Quiz.objects.create(slug="counts", title="Counts", mode=Mode.EXAM, question_count=1, only_approved=False)
    classroom = Classroom.objects.create(name="Evening", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    assignment = Assignment.objects.create(classroom=classroom, quiz=quiz)
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    item = attempt.items.get()
    attempts.save_exam_answer(attempt, item, [attempts.label_of(item, "A")], now=timezone.now())
    attempts.submit(attempt, now=timezone.now())
    html = instructor_client.get(f"/instructor/assignments/{assignment.pk}/items/",
                                 HTTP_ACCEPT_LANGUAGE=language).content.decode()
    counts = html[html.index('<ul class="option-counts">'):].split("</ul>")[0]
    assert key in counts and counts.count(other) == len(question.options) - 1, counts
    assert f"{question.options[0]['text']}<span class=\"option-count\"> {key}" in counts  # one unbroken count
