"""The question edit page shows the question beside the note lines it cites and what is recorded against them."""

from quiz.models import GenerationIssue
from studynotes.models import NoteCorrection, NoteFile

MARKDOWN = "- 同期呼び出し: 結果が返る\n- 非同期呼び出し: 2 回までリトライ\n- ストリーム: シャードが止まる"


def _cited(make, quoted_line=9):
    """A question citing line ``quoted_line`` of a section whose body is lines 8-10 (heading on line 7)."""
    section = make.section(heading="呼び出しタイプ", markdown=MARKDOWN)
    section.line_start, section.line_end = 7, 10
    section.save()
    question = make.question(section=section, status="draft")
    question.sources = [{"section": section.pk, "file": section.note_file.name, "heading_path": section.heading_path,
                         "line_start": quoted_line, "line_end": quoted_line, "quote": "非同期呼び出し: 2 回までリトライ"}]
    question.save()
    return question, section


def _correct(section, n=1, active=True, line=None):
    return NoteCorrection.objects.create(
        section=section, key=f"c{section.pk}-{n}", claim="非同期呼び出し: 2 回までリトライ", active=active,
        line_start=line, line_end=line,
        correction={"en": f"Lambda retries an asynchronous event up to two times ({n}).", "ja": "最大 2 回"},
        reference_url=f"https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html#{n}",
        reference_title="Asynchronous invocation",
    )


def test_note_lines_number_the_body_as_the_sources_cite_it():
    from quiz.instructor.views import note_lines

    assert note_lines("a\nb\nc", 10, [(9, 9)]) == [(8, "a", False), (9, "b", True), (10, "c", False)]
    assert note_lines("a\nb", 5, [(4, 5)]) == [(4, "a", True), (5, "b", True)]


def test_quoted_spans_group_the_cited_lines_by_section_and_skip_broken_sources():
    from quiz.instructor.views import quoted_spans

    sources = [{"section": 3, "line_start": 4}, {"section": 3, "line_start": 7, "line_end": 8},
               {"section": 5, "line_start": "x"}, "junk"]
    assert quoted_spans(sources) == {3: [(4, 4), (7, 8)]}


def test_it_marks_the_quoted_line_within_its_section(instructor_client, make):
    question, section = _cited(make)
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    assert ('<li value="9" class="quoted"><mark lang="ja">- 非同期呼び出し: 2 回までリトライ</mark>'
            '<span class="visually-hidden"> (quoted line)</span></li>') in html
    assert '<li value="8"><span lang="ja">- 同期呼び出し: 結果が返る</span></li>' in html
    assert html.count("<mark") == 1


def test_it_names_the_section_its_file_and_lines_and_links_to_it_in_the_note(instructor_client, make):
    question, section = _cited(make)
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    assert f'<h3 lang="ja">{section.heading_path}</h3>' in html
    assert f"{section.note_file.name} · lines 7-10" in html
    assert f'<a href="{section.get_absolute_url()}">Open this section in its note</a>' in html
    assert section.get_absolute_url().endswith(f"/#s{section.pk}")


def test_it_puts_the_sources_and_the_form_in_two_labelled_regions(instructor_client, make):
    question, _ = _cited(make)
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    sources = html.index('<section class="question-sources" aria-labelledby="sources-heading"')
    edit = html.index('<section class="question-edit" aria-labelledby="question-heading">')
    assert sources < edit < html.index('class="question-form"')  # a phone shows the sources first
    assert '<h2 id="sources-heading">Source sections</h2>' in html
    assert '<h2 id="question-heading">Question</h2>' in html


def test_it_shows_the_active_corrections_of_the_sections_as_learners_see_them(instructor_client, make):
    question, section = _cited(make)
    _correct(section)
    _correct(section, 2, active=False)
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    assert "Correction: the AWS documentation says otherwise" in html
    assert "Lambda retries an asynchronous event up to two times (1)." in html
    assert ('<a href="https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html#1" '
            'rel="noopener noreferrer external" lang="en">Asynchronous invocation</a>') in html
    assert "(2)." not in html  # no longer active
    ja = instructor_client.get(f"/instructor/questions/{question.pk}/", headers={"accept-language": "ja"})
    assert '<p class="correction-text">最大 2 回</p>' in ja.content.decode()
    assert '<small>出典：<a href="https://docs.aws.amazon.com/' in ja.content.decode()  # no space after ：


def test_it_marks_the_corrected_line_and_warns_that_the_question_quotes_it(instructor_client, make):
    question, section = _cited(make)
    correction = _correct(section, line=9)
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    assert (f'<li value="9" class="quoted corrected"><a class="corrected-label" id="corrected-{correction.pk}" '
            f'href="#correction-{correction.pk}">Corrected below</a> <mark lang="ja">') in html
    assert f'<a class="correction-back" href="#corrected-{correction.pk}" lang="en">Back to the line</a>' in html
    assert ('lines 7-10 · <strong class="corrected-flag">Corrected by the AWS documentation: line 9</strong>'
            '</small></summary>') in html  # said where the section is named, also when it is folded
    assert ("The question quotes a line the AWS documentation corrects (line 9): check it against the correction "
            "before approving.") in html
    ja = instructor_client.get(f"/instructor/questions/{question.pk}/", headers={"accept-language": "ja"})
    assert '<a class="corrected-label" id="corrected-' in ja.content.decode()


def test_two_corrections_of_one_line_each_have_the_label_their_back_link_leads_to(instructor_client, make):
    """The line kept only the first one's label: the second's "Back to the line" led nowhere."""
    question, section = _cited(make)
    first, second = _correct(section, 1, line=9), _correct(section, 2, line=9)
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    for correction in (first, second):
        assert f'href="#corrected-{correction.pk}" lang="en">Back to the line</a>' in html
        assert f'<a class="corrected-label" id="corrected-{correction.pk}" href="#correction-{correction.pk}">' in html
    assert "Corrected by the AWS documentation: line 9</strong>" in html


def test_a_correction_of_a_line_not_quoted_marks_that_line_without_the_warning(instructor_client, make):
    question, section = _cited(make)
    _correct(section, line=10)
    _correct(section, 2)  # one from before its lines were kept: the section is flagged, no line is marked
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    assert '<li value="10" class="corrected"><a class="corrected-label"' in html
    assert '<li value="9" class="quoted"><mark' in html
    assert html.count('class="corrected-label"') == 1
    assert "Corrected by the AWS documentation: line 10</strong>" in html
    assert "The question quotes" not in html


def test_a_section_whose_corrections_know_no_line_is_still_flagged(instructor_client, make):
    question, section = _cited(make)
    _correct(section)
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    assert '<strong class="corrected-flag">Corrected by the AWS documentation</strong>' in html
    assert 'class="corrected-label"' not in html


def test_it_shows_a_conflict_between_notes_recorded_on_a_section(instructor_client, make):
    question, section = _cited(make)
    other = make.section(note_file=make.note_file(name="004_e9cc76d6e1cfad47.txt"), heading="Lambda")
    NoteFile.objects.filter(pk=other.note_file_id).update(title="Lambda 復習")
    issue = GenerationIssue.objects.create(
        key="conflict-1", kind="conflict", family="lambda-invocation", member="async", attribute="retries",
        details={"values": {"2": [{"file": "a.md", "heading_path": "Lambda › リトライ", "line": 4}],
                            "3": [{"file": "004_e9cc76d6e1cfad47.txt", "heading_path": other.heading_path, "line": 9,
                                   "section": other.pk}]}})
    issue.sections.add(section)
    GenerationIssue.objects.create(key="old", kind="conflict", member="gone", active=False).sections.add(section)
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    assert '<aside class="correction" role="note" aria-label="Conflict between notes">' in html
    assert '<strong>2</strong>: <span title="a.md">a.md › Lambda › リトライ (line 4)</span>' in html
    # the other note's section, not among the question's, is named by its title as learners see it
    assert (f'<strong>3</strong>: <span title="004_e9cc76d6e1cfad47.txt">Lambda 復習 › {other.heading_path} (line 9)'
            f'</span>') in html
    assert "gone" not in html


def test_it_lists_the_clues_of_the_stem(instructor_client, make):
    question, _ = _cited(make)
    question.clues = [{"attribute": "downtime", "value": "none"}, {"attribute": "definition", "value": "3d86814b"}]
    question.save()
    html = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    assert '<dl class="clues"><dt>downtime</dt><dd>none</dd></dl>' in html  # the definition's hash is not shown
    ja = instructor_client.get(f"/instructor/questions/{question.pk}/", headers={"accept-language": "ja"})
    assert "<dt>ダウンタイム</dt>" in ja.content.decode()


def test_a_numeric_question_names_its_clue_by_the_reference_numbers_label_not_its_id(instructor_client, make):
    question, _ = _cited(make)
    question.clues = [{"attribute": "ecs-spot-notice", "value": "2"}]
    question.save()
    url = f"/instructor/questions/{question.pk}/"
    html = instructor_client.get(url).content.decode()
    assert "<dt>Spot Instance interruption notice: minutes ahead</dt><dd>2</dd>" in html
    assert "ecs-spot-notice" not in html
    ja = instructor_client.get(url, headers={"accept-language": "ja"}).content.decode()
    assert "<dt>スポットインスタンスの中断通知が届く時間（何分前）</dt>" in ja
    ko = instructor_client.get(url, headers={"accept-language": "ko"}).content.decode()
    assert "<dt>스팟 인스턴스 중단 알림 시점(몇 분 전)</dt>" in ko


def test_an_attribute_neither_the_lexicon_nor_the_reference_knows_keeps_its_id():
    from quiz.instructor.views import clue_rows

    assert clue_rows([{"attribute": "gone-number", "value": "7"}], "ja") == [("gone-number", "7")]


def test_the_edit_page_reads_its_sources_in_a_fixed_number_of_queries(instructor_client, make,
                                                                     django_assert_num_queries):
    question, section = _cited(make)
    url = f"/instructor/questions/{question.pk}/"
    # session with its user, the question with its topic, its sections with their files, their active conflicts,
    # their active corrections, the form's picture choices, learner reports, earlier versions
    with django_assert_num_queries(8):
        assert instructor_client.get(url).status_code == 200
    for n in range(3):
        more = make.section(note_file=section.note_file, markdown="a\nb")
        question.sections.add(more)
        _correct(more, n, line=3)
        GenerationIssue.objects.create(key=f"k{more.pk}", kind="conflict", member="m").sections.add(more)
    with django_assert_num_queries(8):
        assert instructor_client.get(url).content.decode().count('class="source-section"') == 4
