"""An option made correct or wrong keeps an explanation written for its old status: the edit form asks first, a
bank import says so."""

import json
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import focused_field
from quiz.instructor.bank import export_bank, unchanged_explanations
from quiz.instructor.models import AuditLog
from quiz.models import Question, QuestionVersion

from .test_bank import edit_data

CHECKBOX = 'name="explanations_checked"'


def _move_key(question, to="B", **overrides):
    """The edit form's data with ``to`` the only correct option instead of A, explanations as they are."""
    data = edit_data(question, **overrides)
    del data["correct_A"]
    data[f"correct_{to}"] = "on"
    return data


def _post(client, question, data, **kwargs):
    return client.post(reverse("instructor:question", args=[question.pk]), data, **kwargs)


def _nothing_written(question):
    question.refresh_from_db()
    assert question.version == 1 and not question.locked and question.correct_keys() == ["A"]
    assert not QuestionVersion.objects.exists() and not AuditLog.objects.exists()


def test_moving_the_key_without_touching_the_explanations_is_refused_on_both_and_writes_nothing(
        instructor_client, make):
    question = make.question()
    response = _post(instructor_client, question, _move_key(question))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("expl_A_en", "explanation_unchanged") and form.has_error("expl_B_en", "explanation_unchanged")
    assert not form.has_error("expl_C_en")
    html = response.content.decode()
    # the first refused explanation takes the focus, marked invalid and described by its message
    message = focused_field(html, "expl_A_en")
    assert "Option A is now wrong, but its explanation is unchanged and may still say why it is right." in message
    assert "Option B is now correct, but its explanation is unchanged and may still say why it is wrong." in html
    assert CHECKBOX in html and "The explanations are still right as they are" in html
    _nothing_written(question)


def test_ticking_that_the_explanations_still_fit_saves_the_key_change_as_it_is(instructor_client, make):
    question = make.question()
    before = [option["explanation"] for option in question.options]
    response = _post(instructor_client, question, _move_key(question, explanations_checked="on"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.correct_keys() == ["B"] and question.version == 2
    assert [option["explanation"] for option in question.options] == before
    # the edit's audit entry records the override, with the keys, as a bank import lists its questions
    details = AuditLog.objects.get(action="edit").details
    assert details["key_changed"] is True and details["explanations_unchanged"] == ["A", "B"]
    html = instructor_client.get(reverse("instructor:audit")).content.decode()
    assert "explanations unchanged: A, B" in html


def test_a_multiline_explanation_sent_back_with_windows_line_endings_is_still_unchanged(instructor_client, make):
    question = make.question()
    options = [{**o, "explanation": {"en": f"Why {o['key']}:\nthe first reason."}} for o in question.options]
    Question.objects.filter(pk=question.pk).update(options=options)
    question.refresh_from_db()
    data = _move_key(question, expl_A_en="Why A:\r\nthe first reason.", expl_B_en="Why B:\r\nthe first reason.")
    form = _post(instructor_client, question, data).context["form"]
    assert form.has_error("expl_A_en", "explanation_unchanged") and form.has_error("expl_B_en", "explanation_unchanged")
    _nothing_written(question)


def test_an_explanation_rewritten_lets_its_option_through_and_only_the_other_is_refused(instructor_client, make):
    question = make.question()
    response = _post(instructor_client, question, _move_key(question, expl_B_en="B keeps both environments."))
    form = response.context["form"]
    assert form.has_error("expl_A_en", "explanation_unchanged") and not form.has_error("expl_B_en")
    assert form.explanations_to_check == ["A"]
    _nothing_written(question)
    # spaces added around the old text are not a rewrite
    old_a = question.options[0]["explanation"]["en"]
    response = _post(instructor_client, question, _move_key(question, expl_A_en=f"  {old_a} \n",
                                                           expl_B_en="B keeps both environments."))
    assert response.context["form"].has_error("expl_A_en", "explanation_unchanged")
    response = _post(instructor_client, question, _move_key(question, expl_A_en="A has downtime.",
                                                           expl_B_en="B keeps both environments."))
    assert response.status_code == 302
    assert "explanations_unchanged" not in AuditLog.objects.get(action="edit").details  # nothing overridden


def test_an_option_rewritten_in_one_of_its_languages_passes_and_one_unchanged_in_all_is_refused_in_each(
        instructor_client, make):
    question = make.question()
    options = [{**o, "explanation": {"en": o["explanation"]["en"], "ja": f"{o['key']}の理由"}}
               for o in question.options]
    Question.objects.filter(pk=question.pk).update(languages=["en", "ja"], stem={"en": "Which?", "ja": "どれ？"},
                                                   options=options)
    question.refresh_from_db()
    data = _move_key(question, stem_ja="どれ？", expl_A_ja="Aの理由", expl_B_ja="Bが正しい理由",
                     **{f"expl_{o['key']}_ja": f"{o['key']}の理由" for o in options[2:]})  # as the form shows them
    response = _post(instructor_client, question, data)
    form = response.context["form"]
    # B changed in Japanese: passes; A is unchanged in both languages: refused on both of its fields
    assert form.has_error("expl_A_en", "explanation_unchanged") and form.has_error("expl_A_ja", "explanation_unchanged")
    assert not form.has_error("expl_B_en") and not form.has_error("expl_B_ja")
    _nothing_written(question)


def test_a_key_moved_between_options_without_explanations_is_saved(instructor_client, make):
    question = make.question()
    options = [{**o, "explanation": {}} for o in question.options]
    Question.objects.filter(pk=question.pk).update(options=options)
    question.refresh_from_db()
    assert _post(instructor_client, question, _move_key(question)).status_code == 302
    question.refresh_from_db()
    assert question.correct_keys() == ["B"]


def test_the_checkbox_is_offered_only_once_a_save_is_refused_for_it(instructor_client, make):
    question = make.question()
    assert CHECKBOX not in instructor_client.get(reverse("instructor:question", args=[question.pk])).content.decode()
    # refused for another reason with the box ticked: it stays shown, ticked
    html = _post(instructor_client, question, _move_key(question, stem_en="", explanations_checked="on")
                 ).content.decode()
    assert "required" in focused_field(html, "stem_en")
    assert CHECKBOX in html and "checked" in html.split(CHECKBOX, 1)[1].split(">", 1)[0]


def test_a_stale_form_is_refused_as_stale_not_for_its_explanations(instructor_client, make):
    question = make.question()
    mine = _move_key(question)  # built from version 1
    assert _post(instructor_client, question, edit_data(question, stem_en="Their wording")).status_code == 302
    response = _post(instructor_client, question, mine)
    form = response.context["form"]
    assert form.has_error("__all__", "stale_version")
    assert not any(form.has_error(f"expl_{key}_en") for key in "ABCD")
    question.refresh_from_db()
    assert question.version == 2 and question.correct_keys() == ["A"]


def test_unchanged_explanations_matches_options_by_key_and_skips_the_unchanged_and_the_unexplained():
    old = [{"key": "A", "correct": True, "explanation": {"en": "Why A", "ja": "A"}},
           {"key": "B", "correct": False, "explanation": {"en": "Why B"}},
           {"key": "C", "correct": False, "explanation": {}},
           {"key": "D", "correct": False, "explanation": {"en": "Why D"}}]
    new = [{"key": "D", "correct": False, "explanation": {"en": "Why D"}},  # same status: not listed
           {"key": "C", "correct": True, "explanation": {}},  # nothing explained: nothing wrong to read
           {"key": "B", "correct": True, "explanation": {"en": " Why B "}},  # moved, same text: listed
           {"key": "A", "correct": False, "explanation": {"en": "Why A", "ja": "Aではない"}},  # rewritten in ja
           {"key": "E", "correct": True, "explanation": {"en": "New"}}]  # a new option: no old status
    assert unchanged_explanations(old, new) == ["B"]
    new[3]["explanation"] = {"en": "Why A", "ja": "A", "ko": "A 아님"}  # an explanation added in Korean
    assert unchanged_explanations(old, new) == ["B"]
    new[3]["explanation"] = {"en": "Why A", "ja": "A"}
    assert unchanged_explanations(old, new) == ["B", "A"]


def _import(client, data):
    upload = SimpleUploadedFile("bank.json", json.dumps(data).encode(), "application/json")
    return client.post(reverse("instructor:bank_import"), {"file": upload}, follow=True)


def test_an_import_that_moves_a_key_with_the_old_explanations_is_written_and_warns_with_a_link(
        instructor_client, make):
    moved, rewritten, untouched = make.question(), make.question(), make.question()
    data = export_bank([moved, rewritten, untouched])
    for entry in data["questions"][:2]:
        for option in entry["options"]:
            option["correct"] = option["key"] == "B"
    for option in data["questions"][1]["options"][:2]:
        option["explanation"] = {"en": f"Rewritten for the new key: {option['key']}"}
    html = _import(instructor_client, data).content.decode()
    assert "0 created, 2 updated, 1 unchanged" in html
    assert ("1 updated question changed whether an option is correct without changing that option&#x27;s "
            "explanation. Check that the explanation still fits:") in html
    link = f'<a href="{reverse("instructor:question", args=[moved.pk])}">{moved.identity}</a>'
    warning = re.search(r"<article[^>]*>[^<]*still fits:.*?</article>", html).group(0)
    assert link in warning and rewritten.identity not in warning
    moved.refresh_from_db()
    assert moved.correct_keys() == ["B"] and moved.version == 2
    entry = AuditLog.objects.get(action="import_bank")
    assert entry.details == {"created": 0, "updated": 2, "explanations_unchanged": [moved.identity]}
    html = instructor_client.get(reverse("instructor:audit")).content.decode()
    assert f"explanations unchanged: {moved.identity}" in html and "[&#x27;" not in html


def test_an_import_that_moves_keys_with_new_explanations_does_not_warn(instructor_client, make):
    question = make.question()
    data = export_bank([question])
    for option in data["questions"][0]["options"]:
        option["correct"] = option["key"] == "C"
        option["explanation"] = {"en": f"Rewritten: {option['key']}"}
    html = _import(instructor_client, data).content.decode()
    assert "0 created, 1 updated, 0 unchanged" in html and "still fit" not in html
    assert "explanations_unchanged" not in AuditLog.objects.get(action="import_bank").details
