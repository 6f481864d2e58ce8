"""The remaining list pages keep a constant number of queries as their data grows."""

import pytest
from django.urls import reverse

from quiz.instructor.models import AuditLog, HandledIssue
from quiz.models import GenerationIssue, ProblemReport
from studynotes.models import NoteCorrection


def test_the_overview_keeps_a_constant_number_of_queries(instructor_client, instructor, make, build,
                                                         constant_queries):
    # own: question counts, file count, active issues, their handled marks, report count, classes with learner counts
    constant_queries(lambda: instructor_client.get(reverse("instructor:home")),
                     lambda: [build.classroom(instructor, build.learners(2)), make.question(status="draft")], own=6)


def test_the_issues_page_keeps_a_constant_number_of_queries(instructor_client, instructor, make, learner,
                                                            constant_queries):
    def grow():
        for n in range(3):
            issue = GenerationIssue.objects.create(key=f"k{n}-{make.next()}", kind="conflict", family="ELB")
            issue.sections.add(make.section(), make.section())
            section = make.section()
            claim = {"file": section.note_file.name, "heading_path": section.heading_path, "line_start": 2,
                     "line_end": 2, "quote": "ALB is layer 4", "section": section.pk}
            issue = GenerationIssue.objects.create(key=f"c{n}-{make.next()}", kind="contradiction", family="ELB",
                                                   details={"claims": [claim], "reference_value": 7})
            issue.sections.add(section)
            HandledIssue.objects.create(identity=issue.identity, handled_by=instructor)
            NoteCorrection.objects.create(section=section, key=f"c{n}", claim="ALB is layer 4",
                                          correction={"en": "ALB works at layer 7."},
                                          reference_url="https://docs.aws.amazon.com/x")
            ProblemReport.objects.create(user=learner, question=make.question(), text="typo")

    grow()
    # own: issues, their sections with their files, their handled marks with who marked them, the sections' active
    # corrections, open reports with users, questions and topics, the documentation notices' topics
    constant_queries(lambda: instructor_client.get(reverse("instructor:issues"), {"status": "all"}), grow, own=6)


def test_the_audit_log_keeps_a_constant_number_of_queries(instructor_client, instructor, make, constant_queries):
    def grow():
        for _ in range(5):
            AuditLog.record(instructor, "edit", make.topic())
            AuditLog.record(instructor, "approve", make.question(), label="A question")
            AuditLog.record(instructor, "generate", None, object_type="question", label="generate_questions",
                            details={"created": 1, "started_at": "2026-01-05T09:00:00+00:00"})

    grow()
    # own: count, page of entries with their actors, the page's questions (their stems)
    constant_queries(lambda: instructor_client.get(reverse("instructor:audit")), grow, own=3)


def test_the_audit_log_names_a_question_by_its_stem_in_the_interface_language(client, instructor, make):
    question = make.question()
    question.stem = {"en": "Which policy keeps capacity?", "ja": "キャパシティを維持するポリシーはどれですか？"}
    question.languages = ["en", "ja"]
    question.save()
    ja_only = make.question()
    ja_only.stem, ja_only.languages = {"ja": "ダウンタイムが発生するポリシーはどれですか？"}, ["ja"]
    ja_only.save()
    for q in (question, ja_only):  # stored as the views store it: in English (else the stem's first language)
        AuditLog.record(instructor, "approve", q, label=q.stem_in("en"))
    AuditLog.record(instructor, "approve", None, object_type="question", label="A question deleted since")
    client.force_login(instructor)
    ja = client.get(reverse("instructor:audit"), headers={"accept-language": "ja"}).content.decode()
    assert '<span lang="ja">キャパシティを維持するポリシーはどれですか？</span>' in ja
    assert "Which policy keeps capacity?" not in ja
    assert "A question deleted since" in ja  # no question to read: the stored label
    en = client.get(reverse("instructor:audit"), headers={"accept-language": "en"}).content.decode()
    assert '<span lang="en">Which policy keeps capacity?</span>' in en
    assert '<span lang="ja">ダウンタイムが発生するポリシーはどれですか？</span>' in en  # marked as Japanese


def test_the_class_page_keeps_a_constant_number_of_queries(instructor_client, instructor, make, build,
                                                           constant_queries):
    classroom = build.classroom(instructor, build.learners(2))

    def grow():
        for learner in build.learners(4):
            classroom.memberships.create(learner=learner)
        build.assignment(classroom, build.quiz([make.question()], created_by=instructor))

    # own: class, memberships with learners, assignments with quizzes, quiz choices, the quizzes a hand-over
    # would give with the class
    constant_queries(lambda: instructor_client.get(classroom.get_absolute_url()), grow, own=5)


def test_the_note_file_page_keeps_a_constant_number_of_queries(instructor_client, make, constant_queries):
    note_file = make.note_file()
    make.section(note_file=note_file, topics=[make.topic()])

    def grow():
        for _ in range(4):
            make.question(section=make.section(note_file=note_file, topics=[make.topic()]))

    # own: file, sections with question counts, their topics
    constant_queries(lambda: instructor_client.get(reverse("instructor:note_detail", args=[note_file.pk])), grow,
                     own=3)


def test_the_attempt_review_keeps_a_constant_number_of_queries(instructor_client, instructor, learner, make, build,
                                                               constant_queries):
    small = [make.question()]
    big = [make.question() for _ in range(6)]
    quiz = build.quiz(small + big)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    first = build.attempt(learner, quiz, small, [["A"]])
    second = build.attempt(learner, quiz, big, [["A"]] * 6)
    urls = iter([first.uid, second.uid])
    current = {"uid": next(urls)}

    def grow():
        current["uid"] = next(urls)

    # own: assignment, attempt with its learner, its items, key corrections, the sections the explanations quote
    # (their languages and URLs: one query for all items)
    constant_queries(
        lambda: instructor_client.get(reverse("instructor:attempt_review", args=[assignment.pk, current["uid"]])),
        grow, own=5,
    )


def test_the_audit_log_filters_by_object_type(instructor_client, instructor, make, build):
    AuditLog.record(instructor, "create", build.classroom(instructor, name="Morning class"))
    question = make.question()
    AuditLog.record(instructor, "approve", question, label=question.stem["en"])
    html = instructor_client.get(reverse("instructor:audit"), {"type": "classroom"}).content.decode()
    assert "Morning class" in html and "A question about ELB" not in html


@pytest.mark.parametrize("language,action,kind,detail,labels", [
    ("en", "Imported", "Note file", "imported: yes", ("Action", "Object")),
    # the action as an action (ja インポート), the detail as the file's state (インポート済み)
    ("ja", "インポート", "ノートファイル", "インポート済み：はい", ("操作", "対象")),
    ("ko", "가져오기", "노트 파일", "가져옴: 예", ("작업", "대상")),
])
def test_the_audit_log_speaks_the_interface_language(instructor_client, instructor, language, action, kind,
                                                     detail, labels):
    AuditLog.record(instructor, "import", None, object_type="notefile", label="deploy.md",
                    details={"ok": True, "reason": ""})
    html = instructor_client.get(reverse("instructor:audit"), headers={"accept-language": language}).content.decode()
    row = html.split("<tbody>")[1].split("</tbody>")[0]
    # each cell labelled with its column's heading, for a phone (one card per row)
    assert f'<td data-label="{labels[0]}">{action}</td>' in row and detail in row
    assert f'<td data-label="{labels[1]}">{kind} deploy.md</td>' in row
    assert "notefile" not in row and "ok=" not in row


def test_the_audit_log_leaves_out_other_instructors_classes(client, instructor, build, make, django_user_model):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("other-teacher", password="x-pass-123456")
    other.groups.add(Group.objects.get_or_create(name="instructors")[0])
    theirs = build.classroom(instructor, name="Morning class")
    AuditLog.record(instructor, "extra_time", theirs, details={"learner": "alice", "to": 45})
    question = make.question()
    AuditLog.record(instructor, "approve", question, label=question.stem["en"])
    mine = build.classroom(other, name="Evening class")
    AuditLog.record(other, "create", mine)
    client.force_login(other)
    html = client.get(reverse("instructor:audit")).content.decode()
    assert "Evening class" in html and question.stem["en"] in html  # own classes and the shared bank
    assert "Morning class" not in html and "alice" not in html
    client.force_login(instructor)
    assert "Morning class" in client.get(reverse("instructor:audit")).content.decode()


def test_audit_details_read_as_labels_and_local_times(client, instructor, build):
    classroom = build.classroom(instructor, name="Morning class")
    AuditLog.record(instructor, "edit_assignment", classroom,
                    details={"quiz": 1, "review_opens": "after_due", "due_at": "2026-01-05T09:00:00+00:00"})
    client.force_login(instructor)
    html = client.get(reverse("instructor:audit")).content.decode()
    assert "review opens: After the due date" in html and "due: 2026-01-05 09:00" in html
    assert "after_due" not in html and "T09:00:00" not in html


def test_a_generation_runs_counts_and_a_quizs_rules_read_as_labels(client, instructor):
    AuditLog.record(instructor, "generate", None, object_type="question", label="generate_questions",
                    details={"created": 3, "updated": 0, "unchanged": 98, "locked": 0, "retired": 1})
    AuditLog.record(instructor, "create", None, object_type="quiz", label="Week 1",
                    details={"rules": {}, "question_count": 10})
    client.force_login(instructor)
    html = client.get(reverse("instructor:audit"), headers={"accept-language": "ja"}).content.decode()
    for english in ("created:", "unchanged:", "retired:", "rules: {}"):
        assert english not in html
    assert "ルール: —" in html or "rules" not in html


def test_a_generation_run_is_named_as_a_run_not_by_its_commands_name(client, instructor):
    AuditLog.record(instructor, "generate", None, object_type="question", label="generate_questions",
                    details={"created": 3})
    client.force_login(instructor)
    row = client.get(reverse("instructor:audit")).content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert '<td data-label="Object">Question generation run</td>' in row
    assert "generate_questions" not in row


def test_a_quizs_rules_read_as_the_quiz_form_names_them_not_as_python(client, instructor):
    AuditLog.record(instructor, "create", None, object_type="quiz", label="중간고사",
                    details={"rules": {"topics": ["ebextensions", "x-ray"], "topic_counts": {"x-ray": 2},
                                       "domains": {"deployment": 3}}, "question_count": 6})
    client.force_login(instructor)
    html = client.get(reverse("instructor:audit"), headers={"accept-language": "ko"}).content.decode()
    assert "이 토픽에서만 출제: ebextensions, x-ray; 토픽별 문제 수: x-ray 2;" in html
    assert ": 배포 3" in html and "문제 수: 6" in html
    for leak in ("topics:", "topic_counts", "deployment", "[&#x27;", "{&#x27;"):
        assert leak not in html


def test_a_generation_run_from_the_instructor_screens_links_the_drafts_it_made(client, instructor):
    run = AuditLog.record(instructor, "generate", None, object_type="question", label="generate_questions",
                          details={"created": 3, "started_at": "2026-01-05T09:00:00+00:00"})
    # from ``manage.py generate_questions`` or before runs stored their start: nothing to link to
    AuditLog.record(instructor, "generate", None, object_type="question", label="generate_questions",
                    details={"created": 2})
    AuditLog.record(instructor, "approve", None, object_type="question",
                    details={"started_at": "2026-01-05T09:00:00+00:00"})
    client.force_login(instructor)
    html = client.get(reverse("instructor:audit")).content.decode()
    link = f'<a href="/instructor/questions/review/?run={run.pk}">Drafts new or changed since this run</a>'
    assert link in html
    assert html.count("?run=") == 1
    review = client.get(f"/instructor/questions/review/?run={run.pk}").content.decode()
    assert 'id="review-run"' in review


def test_audit_details_name_a_quiz_by_its_title_and_one_deleted_since_by_its_id(client, instructor, build, make):
    classroom = build.classroom(instructor, name="Evening class")
    quiz = build.quiz([make.question()], title="Week 3 check")
    AuditLog.record(instructor, "assign", classroom, details={"quiz": quiz.pk, "assignment": 7})
    AuditLog.record(instructor, "unassign", classroom, details={"quiz": 987654})
    client.force_login(instructor)
    html = client.get(reverse("instructor:audit")).content.decode()
    assert f"quiz: Week 3 check (#{quiz.pk})" in html and "quiz: #987654" in html


def test_the_quiz_list_keeps_a_constant_number_of_queries(instructor_client, instructor, make, build,
                                                          constant_queries):
    from quiz.models import Quiz

    def grow():
        question = make.question()
        drawn = Quiz.objects.create(slug=f"drawn-{make.next()}", title="Drawn", created_by=instructor)
        for quiz in (drawn, build.quiz([question], created_by=instructor), build.quiz([question])):
            build.assignment(build.classroom(instructor), quiz)

    # own: the quizzes with their counts, owners and assignments; the bank's sizes per topic (random draws)
    constant_queries(lambda: instructor_client.get(reverse("instructor:quizzes")), grow, own=2)
