"""The progress models in the admin: list pages render for staff."""

import pytest
from django.contrib.auth import get_user_model


@pytest.mark.parametrize("model", ["reviewcard", "reviewlog", "learnersettings"])
def test_the_admin_lists_progress_rows(model, client, learner, make, answering):
    from quiz.progress.models import LearnerSettings

    answering.answer(learner, make.question(), correct=True)
    LearnerSettings.objects.create(user=learner, daily_review_cap=20)
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    response = client.get(f"/admin/progress/{model}/")
    assert response.status_code == 200
    assert "alice" in response.content.decode()
