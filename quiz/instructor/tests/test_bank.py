"""Question bank: filters, review queue, approving, editing with versions, retiring, JSON import and export."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quiz.instructor.bank import export_bank
from quiz.instructor.models import AuditLog
from quiz.models import ProblemReport, Question, QuestionVersion
from studynotes.models import Section


def edit_data(question, **overrides):
    data = {"stem_en": question.stem["en"], "version": question.version}  # the version the form was built from
    for option in question.options:
        data[f"text_{option['key']}"] = option["text"]
        if option["correct"]:
            data[f"correct_{option['key']}"] = "on"
        data[f"expl_{option['key']}_en"] = option["explanation"].get("en", "")
    data.update(overrides)
    return data


def test_the_bank_filters_by_status_and_domain(instructor_client, make):
    draft = make.question(make.topic(domain="networking"), status="draft")
    approved = make.question(make.topic(domain="storage"), status="approved")
    html = instructor_client.get(reverse("instructor:bank"), {"status": "draft"}).content.decode()
    assert draft.stem["en"] in html and approved.stem["en"] not in html
    html = instructor_client.get(reverse("instructor:bank"), {"domain": "storage"}).content.decode()
    assert approved.stem["en"] in html and draft.stem["en"] not in html


def test_the_bank_filters_by_language_and_reported_questions(instructor_client, make, learner):
    english = make.question()
    japanese = make.question()
    Question.objects.filter(pk=japanese.pk).update(languages=["ja"], stem={"ja": "日本語の問題"})
    ProblemReport.objects.create(user=learner, question=english, text="wrong key")
    html = instructor_client.get(reverse("instructor:bank"), {"language": "ja"}).content.decode()
    assert "日本語の問題" in html and english.stem["en"] not in html
    html = instructor_client.get(reverse("instructor:bank"), {"flag": "reported"}).content.decode()
    assert english.stem["en"] in html and "日本語の問題" not in html


def test_the_bank_answers_htmx_with_the_results_fragment_only(instructor_client, make):
    make.question()
    response = instructor_client.get(reverse("instructor:bank"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="bank-results"' in html and "<html" not in html


def test_filtering_in_place_updates_the_export_link_to_the_new_filters(instructor_client, make):
    make.question()
    html = instructor_client.get(reverse("instructor:bank"), {"status": "approved"},
                                 HTTP_HX_REQUEST="true").content.decode()
    # the fragment replaces the results; an export link left outside it kept the filters of the page's first load
    export = re.search(r'href="([^"]*/questions/export/[^"]*)"', html)
    assert export and "status=approved" in export.group(1)


def test_the_bank_list_runs_a_constant_number_of_queries(instructor_client, make, constant_queries):
    topic = make.topic()
    for _ in range(3):
        make.question(topic)
    # own: count, page of questions with topics and report counts, topic choices
    constant_queries(lambda: instructor_client.get(reverse("instructor:bank")),
                     lambda: [make.question(topic) for _ in range(6)], own=3)


def test_the_review_queue_shows_drafts_beside_their_source_sections(instructor_client, make):
    section = make.section(markdown="ブルーグリーンデプロイ")
    draft = make.question(status="draft", section=section)
    approved = make.question(status="approved")
    html = instructor_client.get(reverse("instructor:review")).content.decode()
    assert draft.stem["en"] in html and "ブルーグリーンデプロイ" in html
    assert approved.stem["en"] not in html
    # a source that scrolls can be reached and scrolled by keyboard, and says which section it is
    body = html.split('class="note-body"')[1].split(">")[0]
    assert 'tabindex="0"' in body and 'role="region"' in body and section.heading_path in body


def test_the_review_queue_names_a_source_by_its_notes_title_as_learners_see_it(instructor_client, make):
    note_file = make.note_file(name="004_e9cc76d6e1cfad47.txt")
    note_file.title = "Lamdba"
    note_file.save(update_fields=["title"])
    under_title, after_it = make.section(note_file), make.section(note_file)
    Section.objects.filter(pk=under_title.pk).update(heading_path="Lamdba › リトライ")
    Section.objects.filter(pk=after_it.pk).update(heading_path="まとめ")  # a second top-level heading
    draft = make.question(status="draft", section=under_title)
    draft.sections.add(after_it)
    html = instructor_client.get(reverse("instructor:review")).content.decode()
    # the hashed file name led each source ("004_e9cc76d6e1cfad47.txt › Lamdba › リトライ"): now in a tooltip
    assert '<summary><span lang="ja" title="004_e9cc76d6e1cfad47.txt">Lamdba › リトライ</span> ' in html
    assert '<summary><span lang="ja" title="004_e9cc76d6e1cfad47.txt">Lamdba › まとめ</span> ' in html
    assert 'aria-label="Lamdba › リトライ"' in html and "txt ›" not in html


def test_the_review_queue_shows_why_each_option_is_right_or_wrong_in_the_interface_language(instructor_client, make):
    draft = make.question(status="draft")
    options = [{**o, "explanation": {**o["explanation"], "ja": f"{o['key']}：日本語の解説"}} for o in draft.options]
    options[1]["explanation"] = {"en": "Only in English."}
    Question.objects.filter(pk=draft.pk).update(options=options)
    html = instructor_client.get(reverse("instructor:review"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    # approving without reading the explanations put their mistakes in front of learners
    assert '<small class="explanation" lang="ja">A：日本語の解説</small>' in html
    assert '<small class="explanation" lang="en">Only in English.</small>' in html
    assert "Why A is right." not in html


def test_the_review_queue_links_the_aws_pages_an_explanation_cites_by_their_titles(instructor_client, make):
    draft = make.question(status="draft", section=make.section(language="ko", markdown="롤링 배포"))
    options = [{**o, "explanation": {"ja": (
        f"{o['key']}：当てはまりません（AWS ドキュメント：What is Amazon CloudFront? "
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Introduction.html）。"
        "参考：ノートの行：「롤링 배포」。")}} for o in draft.options]
    Question.objects.filter(pk=draft.pk).update(options=options)
    html = instructor_client.get(reverse("instructor:review"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    # as the learners' feedback shows it: the page's title, linked, not "title https://..." in plain text (a long
    # address broke across lines on a phone); the note's Korean line marked as Korean
    assert ('AWS ドキュメント：<a href="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/'
            'Introduction.html" rel="noopener" target="_blank" lang="en">'  # an English title in Japanese
            'What is Amazon CloudFront?</a>）') in html
    assert "CloudFront? https://" not in html
    assert '「<span lang="ko">롤링 배포</span>」' in html


def test_the_review_queue_runs_a_constant_number_of_queries(instructor_client, make, constant_queries):
    for _ in range(2):
        make.question(status="draft")
    # own: count, drafts, their sections with files
    constant_queries(lambda: instructor_client.get(reverse("instructor:review")),
                     lambda: [make.question(status="draft") for _ in range(4)], own=3)


def test_approving_one_question_approves_it_and_logs_who(instructor_client, instructor, make):
    draft = make.question(status="draft")
    response = instructor_client.post(reverse("instructor:approve"), {"id": draft.pk})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "approved"
    entry = AuditLog.objects.get()
    assert (entry.actor, entry.action, entry.object_type, entry.object_id) == (instructor, "approve", "question",
                                                                               str(draft.pk))


def test_approving_in_bulk_approves_every_ticked_draft_but_not_retired_ones(instructor_client, make):
    drafts = [make.question(status="draft") for _ in range(3)]
    retired = make.question(status="retired")
    instructor_client.post(reverse("instructor:approve"), {"ids": [q.pk for q in drafts[:2]] + [retired.pk]})
    assert list(Question.objects.filter(status="approved").order_by("pk")) == drafts[:2]
    retired.refresh_from_db()
    assert retired.status == "retired"


def test_approving_nothing_says_so(instructor_client, make):
    response = instructor_client.post(reverse("instructor:approve"), {}, follow=True)
    assert "Tick at least one question" in response.content.decode()


def test_editing_a_question_saves_a_version_locks_it_and_bumps_the_version(instructor_client, instructor, make):
    question = make.question(status="draft")
    before = {"stem": question.stem, "options": question.options}
    data = edit_data(question, stem_en="Which deployment keeps two environments?", text_B="Rolling update")
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]), data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.stem["en"] == "Which deployment keeps two environments?"
    assert question.options[1]["text"] == "Rolling update"
    assert question.locked and question.version == 2
    version = QuestionVersion.objects.get(question=question)
    assert version.version == 1 and version.edited_by == instructor
    assert version.data["stem"] == before["stem"] and version.data["options"] == before["options"]
    assert AuditLog.objects.get().action == "edit"


def test_an_edit_posted_with_windows_line_endings_is_stored_with_plain_newlines(instructor_client, make):
    question = make.question()
    url = reverse("instructor:question", args=[question.pk])
    data = edit_data(question, stem_en="Which deployment\r\nkeeps two environments?",
                     expl_A_en="Two stacks.\r\nOne switch.\rDone.", expl_B_en="Why B\r\nis wrong.")
    assert instructor_client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.stem["en"] == "Which deployment\nkeeps two environments?"
    assert [option["explanation"]["en"] for option in question.options[:2]] == [
        "Two stacks.\nOne switch.\nDone.", "Why B\nis wrong."]
    # the same text sent back by the browser (\r\n again) is no change
    again = {name: value.replace("\n", "\r\n") if isinstance(value, str) else value
             for name, value in edit_data(question).items()}
    assert "Nothing changed." in instructor_client.post(url, again, follow=True).content.decode()
    question.refresh_from_db()
    assert question.version == 2 and QuestionVersion.objects.count() == 1


def test_editing_can_move_the_key_and_the_explanations(instructor_client, make):
    question = make.question()
    data = edit_data(question, expl_A_en="A looked right, but it is not.", expl_B_en="Now B is right.")
    del data["correct_A"]
    data["correct_B"] = "on"
    assert instructor_client.post(reverse("instructor:question", args=[question.pk]), data).status_code == 302
    question.refresh_from_db()
    assert question.correct_keys() == ["B"]
    assert question.options[0]["explanation"]["en"] == "A looked right, but it is not."
    assert question.options[1]["explanation"]["en"] == "Now B is right."


def test_an_edit_with_the_wrong_number_of_keys_is_refused_and_writes_nothing(instructor_client, make):
    question = make.question()
    data = edit_data(question, correct_B="on")  # A and B both marked for a choose-1 question
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]), data)
    assert response.status_code == 200
    assert "Mark exactly 1 correct option." in response.content.decode()
    question.refresh_from_db()
    assert question.version == 1 and not question.locked
    assert not QuestionVersion.objects.exists() and not AuditLog.objects.exists()


def test_an_edit_with_two_identical_options_is_refused(instructor_client, make):
    question = make.question()
    data = edit_data(question, text_B=question.options[0]["text"])
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]), data)
    assert "Two options have the same text" in response.content.decode()
    assert not QuestionVersion.objects.exists()


def test_retiring_a_question_retires_it(instructor_client, make):
    question = make.question()
    instructor_client.post(reverse("instructor:question_retire", args=[question.pk]))
    question.refresh_from_db()
    assert question.status == "retired"
    assert AuditLog.objects.get().action == "retire"


def test_the_issues_page_lists_conflicts_and_open_reports(instructor_client, make, learner):
    from quiz.models import GenerationIssue

    issue = GenerationIssue.objects.create(
        key="k1", kind="conflict", family="ELB", member="ALB", attribute="layer",
        details={"values": {"7": [{"file": "a.md", "heading_path": "ELB", "line": 3, "quote": "ALB is layer 7"}],
                            "4": [{"file": "b.md", "heading_path": "LB", "line": 9, "quote": "ALB works at layer 4"}]}},
    )
    issue.sections.add(make.section())
    question = make.question()
    ProblemReport.objects.create(user=learner, question=question, text="Option C is also right")
    html = instructor_client.get(reverse("instructor:issues")).content.decode()
    assert "ALB" in html and "Option C is also right" in html
    assert "ALB is layer 7" in html and "b.md" in html and "line 9" in html


def test_resolving_a_report_takes_it_off_the_list(instructor_client, make, learner):
    report = ProblemReport.objects.create(user=learner, question=make.question(), text="typo")
    instructor_client.post(reverse("instructor:report_resolve", args=[report.pk]))
    report.refresh_from_db()
    assert report.resolved and report.resolved_by is not None
    assert "typo" not in instructor_client.get(reverse("instructor:issues")).content.decode()


def test_exporting_then_importing_the_bank_round_trips(instructor_client, make):
    question = make.question()
    response = instructor_client.get(reverse("instructor:bank_export"))
    data = json.loads(response.content)
    assert data["format_version"] == 1
    assert [q["identity"] for q in data["questions"]] == [question.identity]
    data["questions"][0]["stem"] = {"en": "Changed by import"}
    data["questions"].append({**data["questions"][0], "identity": "brand-new", "id": None})
    upload = SimpleUploadedFile("bank.json", json.dumps(data).encode(), "application/json")
    response = instructor_client.post(reverse("instructor:bank_import"), {"file": upload}, follow=True)
    assert "1 created, 1 updated, 0 unchanged" in response.content.decode()
    question.refresh_from_db()
    assert question.stem == {"en": "Changed by import"} and question.version == 2
    assert QuestionVersion.objects.filter(question=question).count() == 1
    assert Question.objects.get(identity="brand-new").sections.count() == 1


def test_importing_a_bank_with_one_bad_entry_writes_nothing(instructor_client, make):
    question = make.question()
    data = export_bank([question])
    data["questions"][0]["stem"] = {"en": "Should not be saved"}
    data["questions"].append({**data["questions"][0], "identity": "bad", "topic": "no-such-topic"})
    upload = SimpleUploadedFile("bank.json", json.dumps(data).encode(), "application/json")
    response = instructor_client.post(reverse("instructor:bank_import"), {"file": upload})
    assert response.status_code == 200
    assert "unknown topic: no-such-topic" in response.content.decode()
    question.refresh_from_db()
    assert question.stem["en"] != "Should not be saved"
    assert Question.objects.count() == 1


def test_importing_a_file_that_is_not_json_says_so(instructor_client):
    upload = SimpleUploadedFile("bank.json", b"\xff\xfe not json", "application/json")
    response = instructor_client.post(reverse("instructor:bank_import"), {"file": upload})
    assert "not valid UTF-8 JSON" in response.content.decode()
    assert not Question.objects.exists()


def test_importing_json_nested_too_deep_to_read_says_so(instructor_client):
    upload = SimpleUploadedFile("bank.json", b"[" * 100_000, "application/json")
    response = instructor_client.post(reverse("instructor:bank_import"), {"file": upload})
    assert response.status_code == 200 and "not valid UTF-8 JSON" in response.content.decode()
    assert not Question.objects.exists()


def test_importing_a_number_too_long_to_read_says_the_file_is_not_json(instructor_client):
    upload = SimpleUploadedFile("bank.json", b"1" * 5000, "application/json")
    response = instructor_client.post(reverse("instructor:bank_import"), {"file": upload})
    assert response.status_code == 200 and "not valid UTF-8 JSON" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize("change", [
    lambda q: q.update(identity="new\x00id"),
    lambda q: q.update(topic=q["topic"] + "\x00"),
    lambda q: q.update(stem={"en": "Which one\x00?"}),
    lambda q: q["options"][0].update(explanation={"en\x00": "Why"}),
    lambda q: q.update(stem={"en": "Which one\ud800?"}),  # "\\ud800" in the file: no UTF-8 text holds it
    lambda q: q.update(identity="\udc00"),
], ids=["nul-identity", "nul-topic", "nul-stem", "nul-key", "surrogate-stem", "surrogate-identity"])
def test_importing_text_no_column_can_store_is_refused_and_writes_nothing(instructor_client, make, change):
    question = make.question()
    data = export_bank([question])
    change(data["questions"][0])
    upload = SimpleUploadedFile("bank.json", json.dumps(data).encode(), "application/json")
    response = instructor_client.post(reverse("instructor:bank_import"), {"file": upload})
    assert response.status_code == 200
    assert "Question 1 contains a character no text can hold" in response.content.decode()
    assert list(Question.objects.all()) == [question] and Question.objects.get().version == question.version
    assert not AuditLog.objects.exists()


def test_importing_a_question_whose_keys_do_not_match_choose_is_refused(instructor_client, make):
    data = export_bank([make.question()])
    data["questions"][0]["identity"] = "other"
    data["questions"][0]["choose"] = 2
    upload = SimpleUploadedFile("bank.json", json.dumps(data).encode(), "application/json")
    response = instructor_client.post(reverse("instructor:bank_import"), {"file": upload})
    assert "differs from" in response.content.decode()
    assert Question.objects.count() == 1


def test_the_export_questions_command_output_imports_back(instructor_client, make, tmp_path):
    from django.core.management import call_command

    question = make.question()
    path = tmp_path / "bank.json"
    call_command("export_questions", output=str(path))
    data = json.loads(path.read_text())
    data["questions"][0]["identity"] = "copied"
    upload = SimpleUploadedFile("bank.json", json.dumps(data).encode(), "application/json")
    instructor_client.post(reverse("instructor:bank_import"), {"file": upload})
    copy = Question.objects.get(identity="copied")
    assert copy.stem == question.stem and copy.options == question.options


def test_the_bank_filters_by_validator_checks(instructor_client, make):
    healthy = make.question()
    short = make.question(n_options=3)  # two wrong options only
    Question.objects.filter(pk=healthy.pk).update(stem={"en": "Healthy question"})
    html = instructor_client.get(reverse("instructor:bank"), {"flag": "too_few_distractors"}).content.decode()
    assert short.stem["en"] in html and "Healthy question" not in html
    html = instructor_client.get(reverse("instructor:bank"), {"flag": "missing_stem"}).content.decode()
    assert "No question matches" in html


def test_approving_never_redirects_off_the_site(instructor_client, make):
    draft = make.question(status="draft")
    response = instructor_client.post(reverse("instructor:approve"), {"id": draft.pk, "next": "//evil.example/"})
    assert response.url == reverse("instructor:review")


def test_a_contradiction_shows_the_note_value_the_documentation_and_a_safe_link(instructor_client):
    from quiz.models import GenerationIssue

    GenerationIssue.objects.create(
        key="k2", kind="contradiction", family="SQS", member="FIFO", attribute="throughput",
        details={"note_value": "unlimited", "reference_values": ["300"], "reference_url": "https://docs.aws.amazon.com/x",
                 "reference_title": "SQS FIFO quotas", "claims": [{"file": "c.md", "heading_path": "SQS", "line": 2,
                                                                    "quote": "FIFO is unlimited"}]},
    )
    GenerationIssue.objects.create(key="k3", kind="contradiction", family="X", member="Y", attribute="z",
                                   details={"reference_url": "javascript:alert(1)", "note_value": "a",
                                            "reference_values": ["b"]})
    html = instructor_client.get(reverse("instructor:issues")).content.decode()
    assert "The notes say “unlimited”; the documentation says “300”." in html
    assert 'href="https://docs.aws.amazon.com/x"' in html and "FIFO is unlimited" in html
    assert "javascript:" not in html


def test_approving_from_the_queue_with_htmx_swaps_the_card_for_a_note(instructor_client, make):
    draft = make.question(status="draft")
    response = instructor_client.post(reverse("instructor:approve"), {"id": draft.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 question approved." in html and "<html" not in html
    draft.refresh_from_db()
    assert draft.status == "approved"


def test_the_issues_page_names_concepts_and_values_in_the_interface_language(instructor_client, make):
    from quiz.models import GenerationIssue

    GenerationIssue.objects.create(
        key="k2", kind="contradiction", family="eb-deployment-policies", member="rolling-additional-batch",
        attribute="environment_swap",
        details={"note_value": "yes", "reference_values": ["no"], "claims": [], "reference_url": "https://docs.aws.amazon.com/x"},
    )
    GenerationIssue.objects.create(
        key="k3", kind="contradiction", family="", member="DRAINING", attribute="provider",
        details={"claims": [], "reason": "wording from another cloud provider", "reference_url": "https://docs.aws.amazon.com/y"},
    )
    ja = instructor_client.get(reverse("instructor:issues"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "デプロイポリシー › Rolling with additional batch › 環境の切り替え" in ja
    assert "ノートでは「2 つの環境を切り替える」、ドキュメントでは「同じ環境の中で更新する」です。" in ja
    assert "environment_swap" not in ja and "wording from another cloud provider" not in ja
    en = instructor_client.get(reverse("instructor:issues"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wording from another cloud provider" in en


def test_the_issues_page_names_a_contradicted_reference_number_by_its_label(instructor_client):
    from quiz.models import GenerationIssue

    GenerationIssue.objects.create(
        key="k4", kind="contradiction", family="aws-services", member="ecs-spot-draining",
        attribute="ecs-spot-notice",
        details={"claims": [], "reference_value": 2, "reference_url": "https://docs.aws.amazon.com/z"},
    )
    ja = instructor_client.get(reverse("instructor:issues"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "› スポットインスタンスの中断通知が届く時間（何分前）</strong>" in ja and "ecs-spot-notice" not in ja


def test_importing_a_source_whose_line_number_is_markup_is_refused(instructor_client, make):
    data = export_bank([make.question()])
    data["questions"][0]["identity"] = "other"
    data["questions"][0]["sources"][0]["line_start"] = "<img src=x onerror=alert(1)>"
    upload = SimpleUploadedFile("bank.json", json.dumps(data).encode(), "application/json")
    response = instructor_client.post(reverse("instructor:bank_import"), {"file": upload})
    assert "whole line numbers" in response.content.decode()
    assert Question.objects.count() == 1


def test_the_bank_names_topics_in_the_interface_language_and_offers_any_topic(instructor_client, make):
    topic = make.topic(name="Blue/Green deployment", names={"ja": "ブルー/グリーンデプロイ"})
    make.question(topic, status="draft")
    ja = instructor_client.get(reverse("instructor:bank"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert f'<option value="{topic.slug}">ブルー/グリーンデプロイ</option>' in ja
    assert '<td data-label="トピック">ブルー/グリーンデプロイ</td>' in ja and "Blue/Green deployment" not in ja
    assert '<option value="" selected>すべてのトピック</option>' in ja and "---------" not in ja
    # the status column does not break one character per line
    assert '<td class="nowrap" data-label="状態">下書き</td>' in ja


def test_approving_with_htmx_updates_the_count_of_drafts_waiting(instructor_client, make):
    first, _second, _third = (make.question(status="draft") for _ in range(3))
    page = instructor_client.get(reverse("instructor:review")).content.decode()
    assert '<p id="review-waiting">3 drafts wait for review.</p>' in page
    html = instructor_client.post(reverse("instructor:approve"), {"id": first.pk}, HTTP_HX_REQUEST="true",
                                  HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<p id="review-waiting" hx-swap-oob="true">2 drafts wait for review.</p>' in html


def test_approving_says_how_many_in_the_right_plural(instructor_client, make):
    drafts = [make.question(status="draft") for _ in range(2)]
    response = instructor_client.post(reverse("instructor:approve"), {"ids": [d.pk for d in drafts]},
                                      follow=True)
    assert "2 questions approved." in response.content.decode()
    one = make.question(status="draft")
    response = instructor_client.post(reverse("instructor:approve"), {"ids": [one.pk]}, follow=True)
    assert "1 question approved." in response.content.decode()
    another = make.question(status="draft")
    response = instructor_client.post(reverse("instructor:approve"), {"ids": [another.pk]}, follow=True,
                                      HTTP_ACCEPT_LANGUAGE="ko")
    assert "1문제를 승인했습니다." in response.content.decode()


def test_approving_one_question_from_the_queue_links_to_it(instructor_client, make):
    draft, other = make.question(status="draft"), make.question(status="draft")
    question_url = reverse("instructor:question", args=[draft.pk])
    link = f'1 question approved. <a href="{question_url}">Open the question</a>'
    queue = f'{reverse("instructor:review")}?order=newest'
    approve = reverse("instructor:approve")
    without_js = instructor_client.post(approve, {"id": draft.pk, "next": queue}, follow=True)
    assert without_js.redirect_chain[-1][0] == queue
    message = f'<article class="message message-success" role="status">{link}</article>'
    assert message in without_js.content.decode()
    with_htmx = instructor_client.post(approve, {"id": other.pk}, HTTP_HX_REQUEST="true").content.decode()
    other_url = reverse("instructor:question", args=[other.pk])
    assert f'1 question approved. <a href="{other_url}">Open the question</a>' in with_htmx


def test_approving_on_the_questions_own_page_or_several_at_once_links_to_none(instructor_client, make):
    draft = make.question(status="draft")
    question_url = reverse("instructor:question", args=[draft.pk])
    html = instructor_client.post(reverse("instructor:approve"), {"id": draft.pk, "next": question_url},
                                  follow=True).content.decode()
    assert '<article class="message message-success" role="status">1 question approved.</article>' in html
    drafts = [make.question(status="draft") for _ in range(2)]
    html = instructor_client.post(reverse("instructor:approve"), {"ids": [d.pk for d in drafts]},
                                  follow=True).content.decode()
    assert '<article class="message message-success" role="status">2 questions approved.</article>' in html
    html = instructor_client.post(reverse("instructor:approve"), {"id": draft.pk}, HTTP_HX_REQUEST="true")
    html = html.content.decode()  # approved already
    assert "0 questions approved." in html and "Open the question" not in html


def test_the_review_queue_and_question_page_name_topics_in_the_interface_language(instructor_client, make):
    topic = make.topic(name="Blue/Green deployment", names={"ko": "블루/그린 배포"})
    question = make.question(topic, status="draft")
    queue = instructor_client.get(reverse("instructor:review"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    page = instructor_client.get(reverse("instructor:question", args=[question.pk]),
                                 HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "블루/그린 배포" in queue and "블루/그린 배포" in page
    assert "Blue/Green deployment" not in queue + page


def test_every_draft_on_a_review_page_can_be_approved_at_once(instructor_client, make):
    from quiz.models import Question

    drafts = [make.question(status="draft") for _ in range(3)]
    html = instructor_client.get(reverse("instructor:review")).content.decode()
    assert "Approve all 3 drafts on this page" in html
    form = html.split('data-confirm="Approve all 3 drafts on this page?"')[1].split("</form>")[0]
    ids = [int(i) for i in re.findall(r'name="ids" value="(\d+)"', form)]
    assert sorted(ids) == sorted(q.pk for q in drafts)
    instructor_client.post(reverse("instructor:approve"), {"ids": ids})
    assert not Question.objects.filter(status=Question.Status.DRAFT).exists()


def test_a_stem_too_long_is_refused_by_the_server_not_cut_by_the_browser(instructor_client, make):
    question = make.question(status="draft")
    url = reverse("instructor:question", args=[question.pk])
    page = instructor_client.get(url).content.decode()
    assert "maxlength=\"4000\"" not in page and "maxlength=\"1000\"" not in page
    data = {"stem_en": "x" * 4001, "figure": ""}
    for option in question.options:
        data[f"text_{option['key']}"] = option["text"]
        data[f"correct_{option['key']}"] = "on" if option["correct"] else ""
        data[f"expl_{option['key']}_en"] = option["explanation"]["en"]
    response = instructor_client.post(url, data)
    assert response.status_code == 200
    assert "at most 4000 characters (it has 4001)" in response.content.decode()
    question.refresh_from_db()
    assert question.version == 1


def _options(n, **changes):
    """``n`` well-formed options (A right), with ``changes`` made to the first."""
    options = [{"key": chr(65 + i), "text": f"Option {i}", "correct": i == 0,
                "explanation": {"en": f"Why {i}"}} for i in range(n)]
    options[0] = {**options[0], **changes}
    return options


BAD_ENTRIES = [
    ({"topic": ["lambda"]}, "topic must be text"),
    ({"identity": ["a"]}, "identity must be text"),
    ({"identity": {"a": 1}}, "identity must be text"),
    ({"identity": "x" * 65}, "identity is longer than 64 characters"),
    ({"generator_version": 5}, "generator_version must be text"),
    ({"family": ["x"]}, "family must be text"),
    ({"status": 1}, "status must be text"),
    ({"languages": "en"}, "languages must be a list of the languages the stem is written in"),
    ({"languages": ["en", "ja"]}, "languages must be a list of the languages the stem is written in"),
    ({"stem": ["Which?"]}, "the stem must map languages to text"),
    ({"stem": {"en": 3}}, "the stem must map languages to text"),
    ({"stem": {"en": "  "}}, "the stem must map languages to text"),
    ({"clues": "x"}, "clues must be a list of objects with a text attribute and value"),
    ({"clues": [{"attribute": "a", "value": 1}]}, "clues must be a list of objects"),
    ({"options": {"A": "x"}}, "needs between two and 10 options"),
    ({"options": _options(1)}, "needs between two and 10 options"),
    ({"options": _options(11)}, "needs between two and 10 options"),
    ({"options": _options(4, key=["A"])}, "each option needs a text key"),
    ({"options": _options(4, key="")}, "each option needs a text key"),
    ({"options": _options(4, text=7)}, "each option needs a text key, a text"),
    ({"options": _options(4, correct="yes")}, "a true or false &#x27;correct&#x27;"),
    ({"options": _options(4, explanation="because")}, "explanations mapping languages to text"),
    ({"options": _options(4, explanation={"en": ["because"]})}, "explanations mapping languages to text"),
    ({"options": _options(4, key="B")}, "repeats an option key"),
    # options a learner cannot tell apart, or an option with nothing to read: no checkable key
    ({"options": _options(4, text="")}, "Question 2: option A has no text."),
    ({"options": _options(4, text=" \u3000 ")}, "Question 2: option A has no text."),
    ({"options": _options(4, text="\u200b")}, "Question 2: option A has no text."),
    ({"options": _options(4, text="Option 1")}, "options A, B have the same text, so learners could not tell"),
    ({"options": _options(4, text=" option  1 ")}, "options A, B have the same text"),
    ({"options": _options(4, text="Ｏｐｔｉｏｎ　１")}, "options A, B have the same text"),  # full-width
    ({"options": _options(4, text="Option\u200b 1")}, "options A, B have the same text"),  # zero-width space
    ({"options": _options(4, correct=False)}, "differs from the number to choose"),
    ({"choose": True}, "differs from the number to choose"),
    ({"choose": 4, "options": [dict(o, correct=True) for o in _options(4)]},
     "differs from the number to choose"),
    ({"sources": [{"file": "a", "heading_path": "b", "line_start": 1, "section": "x"}]},
     "whole line numbers"),
    # a section id no database column holds: the lookup of the file's sections failed (a 500)
    ({"sources": [{"file": "a", "heading_path": "b", "line_start": 1, "section": 10 ** 20}]},
     "whole line numbers"),
]


@pytest.mark.parametrize(("change", "message"), BAD_ENTRIES, ids=[repr(c)[:40] for c, _ in BAD_ENTRIES])
def test_an_entry_any_page_would_trip_over_is_refused_with_a_message_and_nothing_is_written(
        instructor_client, make, change, message):
    question = make.question()
    data = export_bank([question])
    data["questions"][0]["stem"] = {"en": "Should not be saved"}
    data["questions"].append({**data["questions"][0], "identity": "new", **change})
    upload = SimpleUploadedFile("bank.json", json.dumps(data).encode(), "application/json")
    response = instructor_client.post(reverse("instructor:bank_import"), {"file": upload})
    assert response.status_code == 200
    assert "Question 2" in response.content.decode() and message in response.content.decode()
    question.refresh_from_db()
    assert question.stem["en"] != "Should not be saved" and question.version == 1
    assert Question.objects.count() == 1
    assert not QuestionVersion.objects.exists() and not AuditLog.objects.exists()


def test_an_entry_with_ten_options_and_no_explanations_is_accepted(make):
    from quiz.instructor.bank import import_bank

    data = export_bank([make.question()])
    entry = {**data["questions"][0], "identity": "ten", "options": [
        {"key": chr(65 + i), "text": f"Option {i}", "correct": i == 0} for i in range(10)]}
    result = import_bank({"format_version": 1, "questions": [entry]})
    assert result.created == 1 and len(Question.objects.get(identity="ten").options) == 10


def test_a_key_changed_by_import_is_recorded_reaches_open_attempts_and_is_audited(make, learner, instructor):
    from quiz import attempts
    from quiz.instructor.bank import import_bank

    question = make.question()  # key A
    practice = attempts.start_practice(learner, [question], "en")
    data = export_bank([question])
    for option in data["questions"][0]["options"]:
        option["correct"] = option["key"] == "B"
    import_bank(data, actor=instructor)
    question.refresh_from_db()
    assert question.correct_keys() == ["B"] and question.version == 2
    assert question.key_corrected_version == 2
    item = practice.items.get()
    assert item.correct_keys == ["B"] and item.question_version == 2
    entry = AuditLog.objects.get(action="edit")
    assert (entry.actor, entry.object_id) == (instructor, str(question.pk))
    assert entry.details == {"version": 2, "key_changed": True, "open_items_updated": 1,
                             "reviews_due_now": 0}


def test_an_import_that_keeps_the_key_does_not_mark_it_corrected(make, instructor):
    from quiz.instructor.bank import import_bank

    question = make.question()
    data = export_bank([question])
    data["questions"][0]["stem"] = {"en": "Reworded"}
    import_bank(data, actor=instructor)
    question.refresh_from_db()
    assert question.version == 2 and question.key_corrected_version is None
    assert AuditLog.objects.get(action="edit").details["key_changed"] is False


def test_a_topic_changed_by_import_moves_the_learners_cards_logs_and_mastery(make, learner):
    from quiz.instructor.bank import import_bank
    from quiz.progress.mastery import topic_rows
    from quiz.progress.models import ReviewCard, ReviewLog

    old, new = make.topic(domain="deployment"), make.topic(domain="storage")
    question = make.question(old)
    make.question(new)
    _answer_in_practice(learner, question)
    data = export_bank([question])
    data["questions"][0]["topic"] = new.slug
    import_bank(data)
    card, log = ReviewCard.objects.get(), ReviewLog.objects.get()
    assert (card.topic, card.domain, log.topic, log.domain) == (new, "storage", new, "storage")
    rows = {row.slug: row for row in topic_rows(learner)}
    assert old.slug not in rows and (rows[new.slug].seen, rows[new.slug].total) == (1, 2)


def _answer_in_practice(user, question):
    """``user`` answers ``question`` right in a practice set: one review card and log."""
    from django.db import transaction
    from django.utils import timezone

    from quiz import attempts

    attempt = attempts.start_practice(user, [question], "en")
    item = attempt.items.get()
    with transaction.atomic():
        right = attempts.label_of(item, item.correct_keys[0])
        attempts.answer_practice(attempt, item, [right], now=timezone.now())


def test_an_import_with_other_option_keys_keeps_an_open_exams_choice_by_its_text(make, learner, learner_client,
                                                                                  instructor):
    from quiz import attempts
    from quiz.attempts import label_of
    from quiz.instructor.bank import import_bank
    from django.utils import timezone

    from quiz.models import Attempt, Mode, Quiz

    question = make.question()  # keys A-D, A right
    exam = Quiz.objects.create(slug="short", title="Short exam", mode=Mode.EXAM, question_count=1,
                               time_limit_minutes=30, only_approved=False)
    attempt, _ = attempts.start_exam(learner, exam, "en")
    item = attempt.items.get()
    label = label_of(item, "B")
    url = f"/quiz/attempts/{attempt.uid}/1/"
    learner_client.post(url, {"choice": label}, HTTP_HX_REQUEST="true")
    data = export_bank([question])  # the same options under other keys (another site's bank), A still right
    for option in data["questions"][0]["options"]:
        option["key"] = "K" + option["key"]
    import_bank(data, actor=instructor)

    item.refresh_from_db()
    assert item.chosen == ["KB"] and item.answered_at is not None  # the option chosen, by its text
    assert label_of(item, "KB") == label  # under the letter the learner saw
    # a save that keeps the choice as shown answers with the choice (it raised on a key the item lacked)
    response = learner_client.post(url, {"choice": label, "shown": label}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and f'name="shown" value="{label}"' in response.content.decode()
    attempts.submit(Attempt.objects.get(pk=attempt.pk), now=timezone.now())
    item.refresh_from_db()
    assert item.correct is False and item.chosen == ["KB"]


def test_a_key_corrected_after_an_exam_ran_out_of_time_leaves_it_graded_with_the_key_at_its_deadline(
        instructor_client, make, learner, other_learner):
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from quiz import attempts
    from quiz.models import Attempt, Quiz

    question = make.question()  # key A
    quiz = Quiz.objects.create(slug="timed", title="Timed", question_count=1, time_limit_minutes=20,
                               only_approved=False)
    quiz.questions.add(question)
    now = timezone.now()
    overdue, _ = attempts.start_exam(learner, quiz, "en", now=now - timedelta(hours=1))  # ran out 40 minutes ago
    running, _ = attempts.start_exam(other_learner, quiz, "en", now=now - timedelta(minutes=5))
    for attempt, minutes_ago in ((overdue, 55), (running, 4)):
        item = attempt.items.get()
        with transaction.atomic():
            attempts.save_exam_answer(attempt, item, [attempts.label_of(item, "B")],
                                      now=now - timedelta(minutes=minutes_ago))
    data = edit_data(question, expl_A_en="Not A after all.", expl_B_en="B, as the notes now say.")
    del data["correct_A"]
    data["correct_B"] = "on"
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]), data, follow=True)
    assert "1 open attempt item now uses it" in response.content.decode()
    assert running.items.get().correct_keys == ["B"]  # still in time: graded at submission with the new key
    assert overdue.items.get().correct_keys == ["A"]
    attempts.expire_overdue()
    overdue.refresh_from_db()
    assert overdue.state == Attempt.State.EXPIRED
    assert (overdue.raw_score, overdue.scaled_score) == (0, 100)  # B was wrong when its time ran out
    assert AuditLog.objects.get(action="edit").details["open_items_updated"] == 1


@pytest.mark.parametrize("text_b", ["ＯＰＴＩＯＮ　Ａ", "option\u200b a", "  OPTION   A  "])
def test_an_edit_with_options_a_learner_cannot_tell_apart_is_refused(instructor_client, make, text_b):
    """The bank's own reading of option texts: width, case, spaces and invisible characters folded."""
    question = make.question()
    question.options[0]["text"] = "Option A"
    Question.objects.filter(pk=question.pk).update(options=question.options)
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]),
                                      edit_data(question, text_B=text_b))
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", "duplicate_option")
    assert "Two options have the same text" in response.content.decode()
    question.refresh_from_db()
    assert question.version == 1 and not QuestionVersion.objects.exists() and not AuditLog.objects.exists()


def test_an_edit_with_an_option_of_invisible_text_only_is_refused(instructor_client, make):
    question = make.question()
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]),
                                      edit_data(question, text_C="\u200b\u200b"))
    assert response.status_code == 200
    assert response.context["form"].has_error("text_C", "empty_option")
    assert "This option has no visible text." in response.content.decode()
    question.refresh_from_db()
    assert question.version == 1 and not QuestionVersion.objects.exists() and not AuditLog.objects.exists()


def test_the_duplicate_options_check_reads_option_texts_as_the_import_does(make):
    from quiz.instructor.bank import validator_flags

    question = make.question()
    assert "duplicate_options" not in validator_flags(question)
    question.options[1]["text"] = "ｏｐｔｉｏｎ ａ" + question.options[0]["text"][len("Option A"):]
    assert "duplicate_options" in validator_flags(question)


def test_a_save_over_a_version_saved_since_the_form_was_opened_is_refused_and_shows_the_current_one(
        instructor_client, instructor, make):
    question = make.question()
    mine = edit_data(question, stem_en="My wording")  # built from version 1
    theirs = edit_data(question, stem_en="Their wording", text_B="Their option B")
    assert instructor_client.post(reverse("instructor:question", args=[question.pk]), theirs).status_code == 302
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]), mine)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("__all__", "stale_version")
    html = response.content.decode()
    assert "Someone else saved this question since you opened it: it is now version 2" in html
    # the form shows the current version (what the other instructor saved), and is built from it
    assert "Their wording" in html and "Their option B" in html and "My wording" not in html
    assert 'name="version" value="2"' in html
    question.refresh_from_db()
    assert question.stem["en"] == "Their wording" and question.version == 2
    assert QuestionVersion.objects.count() == 1 and AuditLog.objects.filter(action="edit").count() == 1
    # saved again from the form as shown, the edit goes through
    again = edit_data(question, stem_en="My wording")
    assert instructor_client.post(reverse("instructor:question", args=[question.pk]), again).status_code == 302
    question.refresh_from_db()
    assert question.stem["en"] == "My wording" and question.version == 3


def test_a_version_saved_between_reading_the_question_and_locking_it_is_not_overwritten(
        instructor_client, make, monkeypatch):
    """The race: both saves read version 1 before either takes the row lock. The check is made on the locked
    row, so the second one is refused rather than silently replacing the first."""
    from django.db.models import F

    from quiz.instructor.forms import QuestionEditForm

    question = make.question()
    chosen_figure = QuestionEditForm.chosen_figure

    def other_save_lands_first(form):  # runs after the form validated, before the view locks the row
        Question.objects.filter(pk=question.pk).update(stem={"en": "Their wording"}, version=F("version") + 1)
        return chosen_figure(form)

    monkeypatch.setattr(QuestionEditForm, "chosen_figure", other_save_lands_first)
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]),
                                      edit_data(question, stem_en="My wording"))
    assert response.status_code == 200 and response.context["form"].has_error("__all__", "stale_version")
    question.refresh_from_db()
    assert question.stem["en"] == "Their wording" and question.version == 2
    assert not QuestionVersion.objects.exists() and not AuditLog.objects.exists()


@pytest.mark.parametrize("version", [None, "abc", "1e3", ""])
def test_a_post_without_the_version_counts_as_built_from_an_older_one(instructor_client, make, version):
    # a value that is not a whole number (a page edited by hand) too: before, the form came back with the
    # hidden field's "Enter a whole number." shown nowhere
    question = make.question()
    data = edit_data(question, stem_en="My wording")
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]), data)
    assert response.status_code == 200 and response.context["form"].has_error("__all__", "stale_version")
    question.refresh_from_db()
    assert question.version == 1 and not QuestionVersion.objects.exists()


def _exam_with_one_of(learner, learner_client, question, key):
    """An exam in progress on ``question`` whose learner saved (on the page) the choice of ``key`` only."""
    from quiz import attempts
    from quiz.models import Mode, Quiz

    exam = Quiz.objects.create(slug=f"one-{question.pk}", title="One question", mode=Mode.EXAM,
                               question_count=1, time_limit_minutes=30, only_approved=False)
    exam.questions.add(question)
    attempt, _ = attempts.start_exam(learner, exam, "en")
    item = attempt.items.get()
    url = f"/quiz/attempts/{attempt.uid}/1/"
    learner_client.post(url, {"choice": attempts.label_of(item, key)}, HTTP_HX_REQUEST="true")
    item.refresh_from_db()
    assert item.chosen == [key]
    return attempt, item, url


def test_an_import_that_makes_choose_two_choose_one_answers_an_open_exams_part_choice(
        make, learner, learner_client, instructor):
    from django.utils import timezone

    from quiz import attempts
    from quiz.instructor.bank import import_bank
    from quiz.models import Attempt

    question = make.question(choose=2)  # A and B right
    attempt, item, url = _exam_with_one_of(learner, learner_client, question, "A")
    assert item.answered_at is None  # one of two: not an answer yet
    assert "0 of 1 answered" in learner_client.get(url).content.decode()
    data = export_bank([question])
    data["questions"][0]["choose"] = 1
    for option in data["questions"][0]["options"]:
        option["correct"] = option["key"] == "A"
    before = timezone.now()
    import_bank(data, actor=instructor)

    item.refresh_from_db()
    assert item.choose == 1 and item.chosen == ["A"]
    assert item.answered_at is not None and before <= item.answered_at <= timezone.now()  # at the import
    html = learner_client.get(url).content.decode()
    assert "1 of 1 answered" in html and 'class="cell answered' in html
    review = learner_client.get(f"/quiz/attempts/{attempt.uid}/review/").content.decode()
    assert "unanswered and will score zero" not in review
    attempts.submit(Attempt.objects.get(pk=attempt.pk), now=timezone.now())
    item.refresh_from_db()
    assert item.correct is True  # graded as the whole answer the counter showed


def test_an_import_that_makes_choose_one_choose_two_leaves_a_single_choice_unanswered(
        make, learner, learner_client, instructor):
    from django.utils import timezone

    from quiz import attempts
    from quiz.instructor.bank import import_bank
    from quiz.models import Attempt

    question = make.question()  # A right, choose 1
    attempt, item, url = _exam_with_one_of(learner, learner_client, question, "A")
    assert item.answered_at is not None
    data = export_bank([question])
    data["questions"][0]["choose"] = 2
    for option in data["questions"][0]["options"]:
        option["correct"] = option["key"] in ("A", "B")
    import_bank(data, actor=instructor)

    item.refresh_from_db()
    assert item.choose == 2 and item.chosen == ["A"] and item.answered_at is None
    html = learner_client.get(url).content.decode()
    assert "0 of 1 answered" in html and 'class="cell unanswered' in html
    attempts.submit(Attempt.objects.get(pk=attempt.pk), now=timezone.now())
    item.refresh_from_db()
    assert item.correct is False


def test_an_import_that_keeps_a_whole_answer_whole_keeps_its_time(make, learner, learner_client, instructor):
    from quiz.instructor.bank import import_bank

    question = make.question()
    _attempt, item, _url = _exam_with_one_of(learner, learner_client, question, "B")
    saved_at = item.answered_at
    data = export_bank([question])
    data["questions"][0]["stem"] = {"en": "Reworded"}
    import_bank(data, actor=instructor)
    item.refresh_from_db()
    assert item.stem == {"en": "Reworded"} and item.answered_at == saved_at


def test_a_question_in_another_language_than_the_interface_carries_its_own_lang(instructor_client, make):
    """A Japanese-only question in the Korean interface: its stem, options, explanations and source headings
    say lang="ja" on the bank, the review queue and its page, so a screen reader reads them in Japanese."""
    section = make.section(heading="環境設定", language="ja")
    question = make.question(status="draft", section=section)
    options = [{**option, "explanation": {"ja": f"{option['key']} の説明"}} for option in question.options]
    Question.objects.filter(pk=question.pk).update(languages=["ja"], stem={"ja": "日本語の問題"},
                                                   options=options)
    bank = instructor_client.get(reverse("instructor:bank"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    queue = instructor_client.get(reverse("instructor:review"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    page = instructor_client.get(reverse("instructor:question", args=[question.pk]),
                                 HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert 'lang="ja">日本語の問題</a>' in bank
    assert '<p class="stem" lang="ja">日本語の問題</p>' in queue
    assert f'<span lang="ja">{options[0]["text"]}</span>' in queue
    assert f'<span lang="ja" title="{section.note_file.name}">{section.display_place}</span>' in queue
    assert f'<h3 lang="ja">{section.heading_path}</h3>' in page  # the page titles each source section
    for name in ("stem_ja", "expl_A_ja"):
        textarea = re.search(rf'<textarea name="{name}"[^>]*>', page).group(0)
        assert 'lang="ja"' in textarea, textarea


def test_the_review_queue_skips_no_heading_level(instructor_client, make):
    make.question(status="draft")
    html = instructor_client.get(reverse("instructor:review")).content.decode()
    main = html.split('<main')[1].split("</main>")[0]
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", main)]
    assert levels[0] == 1 and len(levels) > 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels


def test_the_issues_page_marks_note_places_and_quotes_with_their_language(instructor_client, make):
    from quiz.models import GenerationIssue

    where = {"file": "003.txt", "heading_path": "Deployment(배포) › 4. 카나리아(canary) 배포", "line": 48,
             "quote": "개발자가 새 버전을 조금씩"}
    issue = GenerationIssue.objects.create(
        key="k4", kind="contradiction", family="eb-deployment-policies", member="rolling-additional-batch",
        attribute="environment_swap",
        details={"note_value": "yes", "reference_values": ["no"], "claims": [where],
                 "reference_url": "https://docs.aws.amazon.com/x"},
    )
    section = make.section(language="ko", heading="배포")
    issue.sections.add(section)
    html = instructor_client.get(reverse("instructor:issues"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    # a place whose section is not known (no id) keeps the stored file name and headings
    assert '<span lang="ko" title="003.txt">003.txt › Deployment(배포) › 4. 카나리아(canary) 배포</span>' in html
    assert '「<span lang="ko">개발자가 새 버전을 조금씩</span>」' in html
    assert f'href="{section.get_absolute_url()}" lang="ko"' in html


def test_the_issues_page_names_note_places_by_title_as_learners_see_them(instructor_client, make):
    from quiz.models import GenerationIssue
    from studynotes.models import NoteFile

    note_file = make.note_file(name="003_6b61433879e3e902.txt")
    twin = make.note_file(name="004_e9cc76d6e1cfad47.txt")
    NoteFile.objects.filter(pk__in=[note_file.pk, twin.pk]).update(title="배포 전략 정리")
    section = make.section(note_file=note_file, language="ko", heading="배포 전략 정리 › 카나리아 배포")
    other = make.section(note_file=twin, language="ko", heading="배포 전략 정리 › 블루그린")
    place = section.heading_path  # it starts with the file's title
    issue = GenerationIssue.objects.create(
        key="k5", kind="conflict", family="deployment-strategies", member="canary", attribute="downtime",
        details={"values": {"yes": [{"file": note_file.name, "heading_path": section.heading_path, "line": 3,
                                     "section": section.pk, "quote": "다운타임 있음"}],
                            "no": [{"file": twin.name, "heading_path": other.heading_path, "line": 4,
                                    "section": other.pk, "quote": "다운타임 없음"}]}},
    )
    issue.sections.add(section, other)
    html = instructor_client.get(reverse("instructor:issues"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    # the file's opaque name is only a tooltip: the place reads as on the learner's pages
    assert f'<span lang="ko" title="{note_file.name}">{place}</span>' in html
    assert f'href="{section.get_absolute_url()}" lang="ko" title="{note_file.name}">{place}</a>' in html
    assert f'>{note_file.name} ›' not in html
    # two files with one title are told apart in the filter by their names
    assert f'>배포 전략 정리 ({note_file.name}) (1)</option>' in html
    assert f'>배포 전략 정리 ({twin.name}) (1)</option>' in html


def _tag(html, name):
    """The opening tag of the form control named ``name``."""
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html).group(0)


def test_the_edit_form_marks_every_text_field_with_the_language_it_holds(instructor_client, make):
    # a Japanese-only question edited in the Korean interface: options and explanations are Japanese
    japanese = make.question()
    Question.objects.filter(pk=japanese.pk).update(
        languages=["ja"], stem={"ja": "どれですか"},
        options=[{**o, "text": f"選択肢{o['key']}", "explanation": {"ja": "理由"}} for o in japanese.options])
    html = instructor_client.get(reverse("instructor:question", args=[japanese.pk]),
                                 HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert 'lang="ja"' in _tag(html, "stem_ja")
    for key in "ABCD":
        assert 'lang="ja"' in _tag(html, f"text_{key}") and 'lang="ja"' in _tag(html, f"expl_{key}_ja")
    # a question in three languages shares its option texts: marked as the interface language's stem is
    trilingual = make.question()
    Question.objects.filter(pk=trilingual.pk).update(languages=["ja", "ko", "en"],
                                                     stem={"ja": "どれ", "ko": "어느 것", "en": "Which?"})
    html = instructor_client.get(reverse("instructor:question", args=[trilingual.pk]),
                                 HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert 'lang="ko"' in _tag(html, "text_A")
    assert [re.search(r'lang="(\w+)"', _tag(html, f"expl_A_{lang}")).group(1) for lang in ["ja", "ko", "en"]] == [
        "ja", "ko", "en"]


def _review_order(html):
    return [int(pk) for pk in re.findall(r'<article class="review-item" id="q(\d+)"', html)]


def test_the_review_queue_lists_the_last_changed_drafts_first_when_asked(instructor_client, make):
    from datetime import timedelta

    from django.utils import timezone

    first, second, third = (make.question(make.topic(name=name), status="draft") for name in ("A", "B", "C"))
    now = timezone.now()
    for question, days in ((first, 1), (second, 3), (third, 2)):
        Question.objects.filter(pk=question.pk).update(updated_at=now - timedelta(days=days))
    html = instructor_client.get(reverse("instructor:review")).content.decode()
    assert _review_order(html) == [first.pk, second.pk, third.pk]  # by topic, as before
    assert '<a href="/instructor/questions/review/" aria-current="true">By topic</a>' in html
    html = instructor_client.get(reverse("instructor:review"), {"order": "newest"}).content.decode()
    assert _review_order(html) == [first.pk, third.pk, second.pk]
    assert '<a href="/instructor/questions/review/?order=newest" aria-current="true">Newest first</a>' in html


def test_the_review_queue_pager_keeps_the_order_and_the_run(instructor_client, make):
    entry = AuditLog.objects.create(action="generate", object_type="question",
                                    details={"created": 21, "started_at": "2000-01-01T00:00:00+00:00"})
    topic = make.topic()
    for _ in range(21):
        make.question(topic, status="draft")
    html = instructor_client.get(reverse("instructor:review"), {"order": "newest", "run": entry.pk})
    html = html.content.decode()
    assert f'href="?page=2&amp;order=newest&amp;run={entry.pk}"' in html
    assert f'href="/instructor/questions/review/?run={entry.pk}">By topic' in html


def test_the_review_queue_shows_all_drafts_for_a_run_that_is_no_recorded_generation(instructor_client, make):
    draft = make.question(status="draft")
    other = AuditLog.objects.create(action="approve", object_type="question",
                                    details={"started_at": "2999-01-01T00:00:00+00:00"})
    old = AuditLog.objects.create(action="generate", object_type="question", details={"created": 1})  # before
    for run in ("x", "²", "9" * 30, str(other.pk), str(old.pk), str(old.pk + 99)):
        html = instructor_client.get(reverse("instructor:review"), {"run": run}).content.decode()
        assert f'id="q{draft.pk}"' in html and 'id="review-run"' not in html, run


def _corrected_draft(make, line=2, quoted=2):
    """A draft quoting line ``quoted`` of a section (body lines 2-3) whose line ``line`` the documentation corrects."""
    from studynotes.models import NoteCorrection

    question = make.question(status="draft")
    section = question.sections.get()
    question.sources = [{"section": section.pk, "file": section.note_file.name,
                         "heading_path": section.heading_path, "line_start": quoted, "line_end": quoted}]
    question.save()
    section.markdown = "本文\n続き"
    section.save()
    correction = NoteCorrection.objects.create(
        section=section, key=f"k{section.pk}", claim="本文", line_start=line, line_end=line,
        correction={"en": "The documentation says otherwise.", "ja": "ドキュメントでは違います。"},
        reference_url="https://docs.aws.amazon.com/x.html", reference_title="X")
    return question, section, correction


def test_the_review_queue_shows_a_sources_corrections_and_links_the_corrected_line_as_learners_read_it(
        instructor_client, make):
    question, section, correction = _corrected_draft(make)
    html = instructor_client.get(reverse("instructor:review")).content.decode()
    assert "(lines 1-3) · <strong class=\"corrected-flag\">Corrected by the AWS documentation: line 2</strong>" in html
    assert ("The question quotes a line the AWS documentation corrects (line 2): check it against the correction "
            "before approving.") in html
    # the struck claim is introduced to a screen reader as on the learners' note pages (most do not say "deleted")
    assert '<blockquote lang="ja"><span class="sr-only" lang="en">Your note says: </span><del>本文</del></blockquote>' in html
    assert '<p class="correction-text">The documentation says otherwise.</p>' in html
    assert '<a href="https://docs.aws.amazon.com/x.html" rel="noopener noreferrer external" lang="en">X</a>' in html
    link = re.search(r'<p class="correction-line"><small><a href="([^"]+)">Line 2 in the note, as learners read it',
                     html).group(1).replace("&amp;", "&")
    assert link.startswith(f"/files/{section.note_file_id}/?hl={section.pk}%3A2&back=") and link.endswith("#cited")
    note = instructor_client.get(link).content.decode()  # the learners' page: the line marked, the correction
    assert f'<blockquote id="correction-{correction.pk}"' in note
    assert '<p class="back-to-question"><a href="/instructor/questions/review/">' in note
    assert "id=\"correction-" not in html  # two drafts may cite one section: no ids to repeat


def test_the_review_queue_warns_only_when_the_quoted_line_is_the_corrected_one(instructor_client, make):
    _corrected_draft(make, line=3, quoted=2)
    html = instructor_client.get(reverse("instructor:review")).content.decode()
    assert "Corrected by the AWS documentation: line 3</strong>" in html
    assert "The question quotes" not in html


def test_the_review_queue_of_a_run_keeps_a_constant_number_of_queries(instructor_client, make,
                                                                      constant_queries):
    entry = AuditLog.objects.create(action="generate", object_type="question",
                                    details={"started_at": "2000-01-01T00:00:00+00:00"})
    for _ in range(2):
        _corrected_draft(make)
    # own: the run's audit entry, count of all drafts, count of the run's, its drafts, their sections, files,
    # the sections' active corrections
    query = {"run": entry.pk, "order": "newest"}
    constant_queries(lambda: instructor_client.get(reverse("instructor:review"), query),
                     lambda: [_corrected_draft(make) for _ in range(4)], own=6)


def _upload(client, data, raw=None):
    upload = SimpleUploadedFile("bank.json", raw if raw is not None else json.dumps(data).encode(), "application/json")
    return client.post(reverse("instructor:bank_import"), {"file": upload}, follow=True)


def test_an_export_imported_unchanged_changes_nothing_and_keeps_approvals(instructor_client, make):
    approved, draft = make.question(status="approved"), make.question(status="draft")
    data = json.loads(instructor_client.get(reverse("instructor:bank_export")).content)
    html = _upload(instructor_client, data).content.decode()
    assert "0 created, 0 updated, 2 unchanged" in html
    assert [(q.status, q.version, q.locked) for q in (Question.objects.get(pk=approved.pk),
                                                      Question.objects.get(pk=draft.pk))] == [
        ("approved", 1, False), ("draft", 1, False)]
    assert not QuestionVersion.objects.exists()


def test_an_explanation_edited_in_the_file_makes_a_new_version_of_that_question_only(instructor_client, make,
                                                                                         learner):
    edited, other = make.question(), make.question()
    _answer_in_practice(learner, edited)
    data = export_bank([edited, other])
    data["questions"][0]["options"][1]["explanation"] = {"en": "A better reason why B is wrong."}
    assert "0 created, 1 updated, 1 unchanged" in _upload(instructor_client, data).content.decode()
    edited.refresh_from_db()
    assert edited.version == 2 and edited.options[1]["explanation"] == {"en": "A better reason why B is wrong."}
    assert edited.status == "draft"  # what learners read changed: approved again in the review queue
    assert [v.question_id for v in QuestionVersion.objects.all()] == [edited.pk]
    assert Question.objects.get(pk=other.pk).version == 1
    item = learner.attempts.get().items.get()  # the answer given on version 1 keeps its version and grade
    assert (item.question_version, item.correct) == (1, True)
    assert {o["key"]: o["explanation"] for o in item.options}["B"] == {"en": "Why B is wrong."}


def test_a_file_that_moves_the_key_of_an_approved_question_sends_it_back_for_review_and_says_so(
        instructor_client, make):
    question = make.question(status="approved")
    data = export_bank([question])
    for option in data["questions"][0]["options"]:
        option["correct"] = option["key"] == "B"
        option["explanation"] = {"en": f"Rewritten {option['key']}"}
    assert data["questions"][0]["status"] == "approved"
    html = _upload(instructor_client, data).content.decode()
    question.refresh_from_db()
    assert question.correct_keys() == ["B"] and question.status == "draft"
    assert not Question.objects.approved().exists()  # no exam of approved questions asks it unreviewed
    link = f'<a href="{reverse("instructor:question", args=[question.pk])}">{question.identity}</a>'
    assert "The answer key changed for 1 question. Check it beside its sources:" in html and link in html
    assert "1 question the file lists as approved waits in the review queue" in html


def test_an_import_approves_no_new_question(instructor_client, make):
    data = export_bank([make.question(status="approved")])
    data["questions"][0]["identity"] = "from-a-file"
    html = _upload(instructor_client, data).content.decode()
    assert "1 created, 0 updated, 0 unchanged" in html
    assert Question.objects.get(identity="from-a-file").status == "draft"
    assert "1 question the file lists as approved waits in the review queue" in html


def test_an_import_restores_no_retired_question(instructor_client, make):
    question = make.question(status="approved")
    data = export_bank([question])  # exported before it was retired
    instructor_client.post(reverse("instructor:question_retire", args=[question.pk]))
    html = _upload(instructor_client, data).content.decode()
    question.refresh_from_db()
    assert (question.status, question.retired_by) == ("retired", "instructor")
    assert "1 retired question stays retired" in html


def test_a_question_the_file_retires_can_be_restored_from_its_page(instructor_client, make):
    question = make.question(status="approved")
    data = export_bank([question])
    data["questions"][0]["status"] = "retired"
    _upload(instructor_client, data)
    question.refresh_from_db()
    assert (question.status, question.retired_by) == ("retired", "instructor")  # regeneration leaves it retired
    instructor_client.post(reverse("instructor:question_restore", args=[question.pk]))
    assert Question.objects.get(pk=question.pk).status == "draft"


def test_an_export_saved_with_a_byte_order_mark_imports(instructor_client, make):
    question = make.question()
    data = export_bank([question])
    data["questions"][0]["stem"] = {"en": "Saved by an editor"}
    _upload(instructor_client, None, raw=b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode())
    assert Question.objects.get(pk=question.pk).stem == {"en": "Saved by an editor"}


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(instructor_client, make, monkeypatch):
    from quiz.instructor import forms

    question = make.question()
    monkeypatch.setattr(forms, "BANK_MAX_BYTES", 100)
    data = export_bank([question])
    data["questions"][0]["stem"] = {"en": "Should not be saved"}
    response = _upload(instructor_client, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "bank.json is too large" in html and "the limit is 100 bytes" in html
    assert Question.objects.get(pk=question.pk).version == 1 and not AuditLog.objects.exists()


def test_the_issues_page_links_each_note_line_and_says_what_learners_read_and_the_documented_number(
        instructor_client, make):
    from quiz.models import GenerationIssue
    from studynotes.models import NoteCorrection

    section = make.section(language="ko", heading="API Gateway")
    claim = {"section": section.pk, "file": section.note_file.name, "heading_path": section.heading_path,
             "line_start": 18, "line_end": 18, "quote": "API Gateway 기본 스로틀링: 초당 오천 요청"}
    issue = GenerationIssue.objects.create(  # as builders.py records a contradicted number: line_start, no line
        key="n1", kind="contradiction", family="aws-services", member="api-gateway",
        attribute="apigateway-throttle-rate",
        details={"claims": [claim], "reference_value": 10000,
                 "reference_url": "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html"})
    issue.sections.add(section)
    NoteCorrection.objects.create(section=section, key="c1", claim=claim["quote"],
                                  correction={"ja": "デフォルトは毎秒 10,000 リクエストです。", "en": "10,000 per second."},
                                  reference_url="https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html")
    NoteCorrection.objects.create(section=section, key="c2", claim=claim["quote"], active=False,
                                  correction={"ja": "古い訂正"}, reference_url="https://docs.aws.amazon.com/x")
    html = instructor_client.get(reverse("instructor:issues"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    link = re.search(r'（<a href="([^"]+)">18 行目</a>）', html)
    assert link, "the note line is linked"
    url = link.group(1).replace("&amp;", "&")
    assert url.startswith(f"/files/{section.note_file_id}/?hl={section.pk}%3A18&back=") and url.endswith("#cited")
    assert "( 行目)" not in html and "デフォルトは毎秒 10,000 リクエストです。" in html and "古い訂正" not in html
    assert "10,000" in re.sub(r"<[^>]+>", "", html.split("デフォルトは毎秒")[0])  # the documented value, before
    # the cited line opens on the note with that line marked and a way back to the issues page
    page = instructor_client.get(url).content.decode()
    assert 'id="cited"' in page and "/instructor/issues/" in page


def test_the_issues_page_filters_by_kind_and_note_file_with_their_counts(instructor_client, make):
    from quiz.models import GenerationIssue

    a, b = make.note_file("a.md"), make.note_file("b.md")
    for n, (kind, note_file) in enumerate([("conflict", a), ("contradiction", a), ("contradiction", b)]):
        issue = GenerationIssue.objects.create(key=f"f{n}", kind=kind, family="", member=f"Member{n}",
                                               attribute="provider", details={})
        issue.sections.add(make.section(note_file=note_file))
    url = reverse("instructor:issues")
    html = instructor_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Member0" in html and "Member2" in html and "(3)</h2>" in html
    assert '<option value="conflict">Conflict between notes (1)</option>' in html
    assert f'<option value="{a.pk}">a.md (2)</option>' in html
    html = instructor_client.get(url, {"kind": "contradiction", "file": a.pk}).content.decode()
    assert "Member1" in html and "Member0" not in html and "Member2" not in html and "(1/3)</h2>" in html
    assert f'<option value="{a.pk}" selected>a.md (2)</option>' in html
    html = instructor_client.get(url, {"kind": "nonsense", "file": "x"}).content.decode()  # ignored, not an error
    assert "Member0" in html and "Member2" in html


def test_the_issues_page_ignores_a_file_filter_that_only_looks_like_a_number(instructor_client, make):
    from quiz.models import GenerationIssue

    issue = GenerationIssue.objects.create(key="g0", kind="conflict", family="", member="Member0",
                                           attribute="provider", details={})
    issue.sections.add(make.section())
    # "²" and Arabic-Indic digits pass str.isdigit(); int() refuses the first, and any number past 4,300 digits
    for value in ("²", "١", "9" * 5000):
        response = instructor_client.get(reverse("instructor:issues"), {"file": value})
        assert response.status_code == 200 and "Member0" in response.content.decode()


def test_approving_one_in_place_takes_it_off_the_approve_all_button(instructor_client, make):
    drafts = [make.question(status="draft") for _ in range(3)]
    page = instructor_client.get(reverse("instructor:review")).content.decode()
    assert "Approve all 3 drafts on this page" in page and 'hx-include="#review-page-ids"' in page
    on_page = " ".join(str(d.pk) for d in drafts)
    assert f'value="{on_page}"' in page
    posted = {"id": drafts[0].pk, "on_page": on_page, "next": "/instructor/questions/review/?page=1"}
    html = instructor_client.post(reverse("instructor:approve"), posted, HTTP_HX_REQUEST="true")
    html = html.content.decode()
    form = html[html.index('<form'):]
    assert 'id="approve-all" hx-swap-oob="true"' in form and "Approve all 2 drafts on this page" in form
    assert re.findall(r'name="ids" value="(\d+)"', form) == [str(drafts[1].pk), str(drafts[2].pk)]
    assert 'name="next" value="/instructor/questions/review/?page=1"' in form
    # one left: the button goes (hidden, kept for the next swap)
    html = instructor_client.post(reverse("instructor:approve"), {"id": drafts[1].pk, "on_page": on_page},
                                  HTTP_HX_REQUEST="true").content.decode()
    assert re.search(r'<form[^>]*id="approve-all" hx-swap-oob="true" hidden', html)
    assert re.findall(r'name="ids" value="(\d+)"', html) == [str(drafts[2].pk)]


def test_an_edit_that_erases_an_explanation_is_refused(instructor_client, make):
    question = make.question()
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]),
                                      edit_data(question, expl_A_en="  "))
    assert response.status_code == 200
    assert response.context["form"].has_error("expl_A_en", "empty_explanation")
    assert "Write an explanation: learners read it after answering." in response.content.decode()
    question.refresh_from_db()
    assert question.version == 1 and question.options[0]["explanation"]["en"]
    assert not QuestionVersion.objects.exists() and not AuditLog.objects.exists()


def test_an_option_that_never_had_an_explanation_may_stay_without(instructor_client, make):
    question = make.question()
    question.options[1]["explanation"] = {}
    Question.objects.filter(pk=question.pk).update(options=question.options)
    response = instructor_client.post(reverse("instructor:question", args=[question.pk]),
                                      edit_data(question, stem_en="A reworded stem?"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.version == 2 and question.options[1]["explanation"] == {}


def test_an_issue_naming_no_member_shows_its_concept_without_an_empty_step(instructor_client):
    from quiz.models import GenerationIssue

    GenerationIssue.objects.create(key="k6", kind="contradiction", family="lambda-invocation", member="",
                                   attribute="lambda-timeout-max", details={"note_value": 30, "reference_values": [15]})
    html = instructor_client.get(reverse("instructor:issues")).content.decode()
    concept = re.search(r'data-label="Concept"><strong>([^<]*)</strong>', html).group(1)
    assert " › " in concept and "›  ›" not in concept and not concept.endswith("› ")


def test_a_version_replaced_by_generation_says_so_and_one_an_instructor_replaced_names_them(instructor_client, make,
                                                                                           instructor):
    from quiz.models import QuestionVersion

    question = make.question()
    QuestionVersion.objects.create(question=question, version=1, data={}, edited_by=None)
    QuestionVersion.objects.create(question=question, version=2, data={}, edited_by=instructor)
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    assert re.search(r"Version 1, replaced [\d: -]+ by question generation", html)
    assert re.search(rf"Version 2, replaced [\d: -]+ by {instructor.get_username()}", html)
    assert "by —" not in html


def test_a_review_page_with_no_draft_shown_offers_no_approve_button(instructor_client, make):
    make.question(status="approved")
    html = instructor_client.get(reverse("instructor:review")).content.decode()
    assert "Approve the ticked drafts" not in html and 'id="bulk-approve"' not in html
    make.question(status="draft")
    assert "Approve the ticked drafts" in instructor_client.get(reverse("instructor:review")).content.decode()


def test_a_stem_rewritten_in_one_of_its_languages_asks_to_check_the_others(instructor_client, make):
    question = make.question(status="draft")
    Question.objects.filter(pk=question.pk).update(stem={"en": question.stem["en"], "ja": "どれですか？",
                                                         "ko": "무엇입니까?"}, languages=["en", "ja", "ko"])
    question.refresh_from_db()
    data = edit_data(question, stem_en="Which deployment keeps two environments?", stem_ja="どれですか？",
                     stem_ko="무엇입니까?")
    for option in question.options:
        data[f"expl_{option['key']}_ja"] = data[f"expl_{option['key']}_ko"] = ""
    page = instructor_client.post(reverse("instructor:question", args=[question.pk]), data, follow=True)
    text = page.content.decode()
    assert "You changed the stem in English only: check that the stem in Japanese, Korean still asks the same " \
           "question." in text, re.findall(r'class="message[^"]*"[^>]*>([^<]*)', text)
    # all of them rewritten: nothing to check
    question.refresh_from_db()
    data = edit_data(question, stem_en="Which one?", stem_ja="どれ？", stem_ko="어느 것?")
    for option in question.options:
        data[f"expl_{option['key']}_ja"] = data[f"expl_{option['key']}_ko"] = ""
    text = instructor_client.post(reverse("instructor:question", args=[question.pk]), data, follow=True).content.decode()
    assert "You changed the stem in" not in text and "Saved as version 3" in text
