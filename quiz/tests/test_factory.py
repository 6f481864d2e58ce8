def test_the_factory_builds_an_approved_question_with_one_key(make):
    question = make.question()
    assert question.correct_keys() == ["A"]
    assert question.sections.count() == 1
