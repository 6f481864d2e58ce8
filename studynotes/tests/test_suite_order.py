"""The suite's order keeps the test database droppable at the end of a run.

Playwright's sync API keeps an event loop running in the main thread from the first browser test on, and
Django keeps its connections per thread and, while an event loop runs, per context (asgiref's ``Local``):
a test in a rolled-back transaction (``db``) run after a browser test opens a second connection that
nothing closes, and dropping the test database at the end fails ("is being accessed by other users").
pytest-django runs those tests before the transactional ones, the browser tests among them; but pytest
also runs every test carrying the session-wide ``browser_name`` parameter together, so one plain test
that asks for a pytest-playwright fixture by chance (a parameter named ``page``) moved the browser tests
in among the rolled-back ones.
"""

from pytest_django.plugin import validate_django_db


def in_rolled_back_transaction(item):
    """What pytest-django orders first: a database test that is not transactional."""
    fixtures = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transaction, reset_sequences = validate_django_db(marker)[:2] if marker else (False, False)
    if transaction or reset_sequences or fixtures & {"transactional_db", "live_server"}:
        return False
    return marker is not None or "db" in fixtures


def test_no_test_in_a_rolled_back_transaction_runs_after_a_browser_test(request):
    items = request.session.items
    first = next((n for n, item in enumerate(items) if item.get_closest_marker("browser")), len(items))
    late = [item.nodeid for item in items[first:] if in_rolled_back_transaction(item)]
    assert late == [], f"run after {items[first].nodeid}: does a plain test ask for a Playwright fixture?"
