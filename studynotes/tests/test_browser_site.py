"""The learner-facing site in headless Chromium: language, browsing, search as you type, demo logins.

Real data: the five seed note files through ``import_notes`` and the demo accounts through
``seed_demo``. Screenshots of home and topic pages at desktop and phone widths go to
``screenshots/`` (git-ignored).
"""

import re

import pytest
from django.core.management import call_command
from django.db.models import Q
from playwright.sync_api import expect

from conftest import SCREENSHOTS, SEED_NOTES, settled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}


@pytest.fixture
def seeded(live_server):
    call_command("import_notes", str(SEED_NOTES), verbosity=0)
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    return live_server


@pytest.fixture
def csp_errors(page):
    """Console errors about the Content-Security-Policy (inline scripts or styles would show up here)."""
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    return errors


def shoot(page, name, full_page=False):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def test_learner_switches_language_browses_to_a_topic_and_sees_ja_and_ko_notes(page, seeded, csp_errors):
    from studynotes.models import Topic

    topic = Topic.objects.get(slug="blue-green-deployment")
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"

    # The switcher submits on change (static/js/app.js) and the choice is remembered.
    page.select_option("select[name=language]", "ja")
    expect(page.locator("html")).to_have_attribute("lang", "ja")  # not wait_for_function: polling evals, CSP refuses
    page.goto(seeded.url + "/search/")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.goto(seeded.url + "/")
    shoot(page, "home-desktop", full_page=True)

    page.click(f"a[href='{topic.get_absolute_url()}']")
    page.wait_for_url(re.compile(re.escape(topic.get_absolute_url()) + "$"))
    ja = page.locator("#col-ja .note-section")
    ko = page.locator("#col-ko .note-section")
    assert ja.count() >= 1 and ko.count() >= 1
    assert ja.first.is_visible() and ko.first.is_visible()
    ja_box, ko_box = page.locator("#col-ja").bounding_box(), page.locator("#col-ko").bounding_box()
    assert ko_box["x"] > ja_box["x"] + 200  # side by side on a wide screen
    shoot(page, "topic-desktop", full_page=True)

    # On a phone the two languages become tabs.
    page.set_viewport_size(PHONE)
    assert page.locator(".lang-tabs").is_visible()
    assert ja.first.is_visible() and not ko.first.is_visible()
    shoot(page, "topic-phone")
    page.click(".lang-tabs [data-tab=ko]")
    assert ko.first.is_visible() and not ja.first.is_visible()
    # The tabs pattern: arrows move the selection and the focus; one Tab stop for the tab list.
    page.keyboard.press("ArrowLeft")
    assert ja.first.is_visible() and not ko.first.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('data-tab')") == "ja"
    assert page.locator(".lang-tabs [data-tab=ko]").get_attribute("tabindex") == "-1"
    page.keyboard.press("End")
    assert ko.first.is_visible()
    # In the Korean interface the Korean notes come first.
    page.select_option("select[name=language]", "ko")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    page.goto(seeded.url + topic.get_absolute_url())
    assert ko.first.is_visible() and not ja.first.is_visible()
    page.goto(seeded.url + "/")
    shoot(page, "home-phone")
    no_overflow = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert no_overflow, "the home page scrolls sideways at 360 px"

    # The theme toggle is remembered across pages.
    page.click("[data-theme-toggle]")
    theme = page.locator("html").get_attribute("data-theme")
    assert theme in {"light", "dark"}
    page.goto(seeded.url + topic.get_absolute_url())
    assert page.locator("html").get_attribute("data-theme") == theme
    assert csp_errors == []



def test_on_a_phone_each_note_column_keeps_its_heading_for_screen_readers(page, seeded):
    """Under 768 px the tabs name the note language and the column's h2 is not shown; it stays in the page for
    screen readers, whose list of headings would otherwise go from the topic's h1 to the sections' h3."""
    from studynotes.models import Topic

    topic = Topic.objects.get(slug="blue-green-deployment")
    page.set_viewport_size(PHONE)
    page.goto(seeded.url + topic.get_absolute_url())
    expect(page.locator(".lang-tabs")).to_be_visible()
    heading = page.get_by_role("heading", level=2, name="Japanese notes")
    expect(heading).to_have_count(1)
    assert heading.bounding_box()["width"] <= 1  # out of sight: the tab says it

SEARCHES = ["ドレイン", "카나리아", "Immutable", "429"]


def test_search_as_you_type_clicks_through_to_the_matching_section(page, seeded, csp_errors):
    from studynotes.models import Section

    page.set_viewport_size(DESKTOP)
    for query in SEARCHES:
        matching = set(
            Section.objects.active()
            .filter(Q(text__icontains=query) | Q(heading_path__icontains=query))
            .values_list("pk", flat=True)
        )
        assert matching, f"the seed notes should mention {query}"
        page.goto(seeded.url + "/")

        page.keyboard.press("/")  # the shortcut focuses the search box (static/js/app.js)
        page.keyboard.type(query, delay=30)
        first = page.locator("#search-live .result-link").first
        first.wait_for(timeout=5000)
        assert page.url == seeded.url + "/"  # results came in place, no page load
        assert query.lower() in page.locator("#search-live mark").first.inner_text().lower()
        # a screen reader hears the count line, not the whole list (the results are no live region)
        # (a repeated count is said again with a no-break space after it: results of two keys under load)
        expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ matching sections?\u00a0?$"))
        assert page.locator("#search-live").get_attribute("aria-live") is None
        first.click()

        page.wait_for_url(re.compile(r"/files/\d+/#s\d+$"))
        anchor = page.url.rsplit("#", 1)[1]
        assert int(anchor[1:]) in matching, query
        assert page.locator(f"#{anchor}").is_visible()
    assert csp_errors == []


def focused(page):
    """The focused element's href, or "box" for the header's search box."""
    return page.evaluate("document.activeElement.matches('[data-search-input]') ? 'box'"
                         " : document.activeElement.getAttribute('href')")


def live_links(page):
    return page.locator("#search-live a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_the_live_results_are_reached_with_the_arrow_keys_and_left_with_escape(page, seeded, csp_errors):
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/")
    box = page.locator("input[data-search-input]")
    # the box says how to reach the results
    expect(box).to_have_accessible_description(re.compile("down arrow"))
    page.keyboard.press("/")
    page.keyboard.type("deploy", delay=30)
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    expect(page.locator("#search-status")).to_have_text(re.compile(r"matching section"))  # the count is said
    links = live_links(page)
    assert len(links) >= 3

    # Down into the results and between their links, Up from the first back to the box
    page.keyboard.press("ArrowDown")
    assert focused(page) == links[0]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert focused(page) == links[2]
    page.keyboard.press("ArrowUp")
    assert focused(page) == links[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert focused(page) == "box"
    # Down on the last link stays there
    for _ in links:
        page.keyboard.press("ArrowDown")
    assert focused(page) == links[-1]

    # Escape closes them and gives the box the focus, with what was typed
    page.keyboard.press("Escape")
    assert focused(page) == "box"
    expect(page.locator("#search-live")).to_be_empty()
    expect(box).to_have_value("deploy")
    assert page.locator("#search-live").is_hidden()

    # A key that chooses among an input method's words moves nothing
    box.fill("デプロイ")
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    box.dispatch_event("keydown", {"key": "ArrowDown", "isComposing": True})
    assert focused(page) == "box"

    # Enter on a result opens it
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    target = focused(page)
    page.keyboard.press("Enter")
    page.wait_for_url(seeded.url + target)
    assert csp_errors == []


def test_live_results_without_a_section_say_the_topics_and_suggestions_that_are_there(page, seeded, csp_errors):
    """A screen reader heard the count line only: "Nothing matches “lamda”." above "Did you mean: AWS Lambda", and
    "No heading has “스팟”." under two matching topics, links that Down went to."""
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/")
    status = page.locator("#search-status")
    page.keyboard.press("/")
    page.keyboard.type("lamda", delay=30)
    expect(status).to_have_text("Nothing matches “lamda”. Did you mean: AWS Lambda")
    page.keyboard.press("ArrowDown")
    expect(page.locator(":focus")).to_have_accessible_name("AWS Lambda")

    page.keyboard.press("Escape")  # back to the box
    page.locator("input[data-search-input]").fill("")
    page.keyboard.type("스팟", delay=30)
    expect(status).to_have_text(re.compile(r"^Topics: ECS Spot Instance draining, Amazon EC2 No heading has “스팟”\. "
                                           r"Headings only: .* See all results$"))

    # with sections, the count alone, as before
    page.locator("input[data-search-input]").fill("ドレ")
    expect(status).to_have_text(re.compile(r"^1 matching section\u00a0?$"))
    assert csp_errors == []


def test_enter_in_the_search_box_still_opens_the_search_page(page, seeded, csp_errors):
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/")
    page.locator("input[data-search-input]").type("Immutable", delay=30)
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Immutable$"))
    # there too, Down goes from the box into the results, and Escape back
    page.locator("input[data-search-input]").focus()
    page.keyboard.press("ArrowDown")
    assert focused(page) == page.locator("#search-live a[href]").first.get_attribute("href")
    page.keyboard.press("Escape")
    assert focused(page) == "box"
    expect(page.locator("#search-live .result-link").first).to_be_visible()  # the page's results stay
    assert csp_errors == []


def test_typing_on_the_search_page_keeps_the_query_in_the_address_and_elsewhere_leaves_it(page, seeded):
    """The search page's results changed as you typed but the address stayed /search/: a reload or a shared
    link lost the query. The header's dropdown on other pages leaves the page's address alone."""
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/search/")
    page.locator("input[data-search-input]").type("Immutable", delay=30)
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    settled(page)
    expect(page).to_have_url(seeded.url + "/search/?q=Immutable")
    page.reload()
    expect(page.locator("input[data-search-input]")).to_have_value("Immutable")
    expect(page.locator("#search-live .result-link").first).to_be_visible()

    page.goto(seeded.url + "/")
    page.locator("input[data-search-input]").type("Immutable", delay=30)
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    settled(page)
    assert page.url == seeded.url + "/"


def test_clearing_the_box_on_the_search_page_leaves_the_plain_search_page_address(page, seeded, csp_errors):
    """The box emptied, the page shows the plain search page (/search/ and /search/?q= render alike), but the
    address kept "/search/?q=": the request's own."""
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/search/")
    box = page.locator("input[data-search-input]")
    box.type("rolling", delay=30)
    expect(page).to_have_url(seeded.url + "/search/?q=rolling")
    box.fill("")
    expect(page).to_have_url(seeded.url + "/search/")
    expect(page.locator("#search-live .result-link")).to_have_count(0)
    settled(page)
    assert csp_errors == []


def test_typing_on_the_search_page_gives_the_tab_the_title_a_page_load_would(page, seeded, csp_errors):
    """The address followed the query but the title stayed that of the page first loaded: a bookmark of
    /search/?q=rolling was named "Search". The header's results on other pages leave their title alone."""
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/search/?q=Immutable")
    expect(page).to_have_title("Search: Immutable · Kumo Study")
    box = page.locator("input[data-search-input]")
    box.fill("")
    box.type("rolling", delay=30)
    expect(page).to_have_url(seeded.url + "/search/?q=rolling")
    expect(page).to_have_title("Search: rolling · Kumo Study")
    settled(page)
    typed = page.title()
    page.reload()
    assert page.title() == typed
    box.fill("")
    expect(page).to_have_title("Search · Kumo Study")
    expect(page.locator("title")).to_have_count(1)  # htmx takes the reply's out, into the head's

    page.goto(seeded.url + "/")
    home = page.title()
    page.locator("input[data-search-input]").type("rolling", delay=30)
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    settled(page)
    assert page.title() == home
    assert csp_errors == []


def test_results_arriving_while_the_focus_is_in_the_older_ones_give_it_back_to_the_box(page, seeded):
    """Down pressed right after a key goes into the results shown; the query's own replace them 300 ms later.
    Before, the focus fell to the new list's first heading."""
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/")
    box = page.locator("input[data-search-input]")
    box.type("deplo", delay=30)
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    status = page.locator("#search-status")
    expect(status).to_have_text(re.compile(r"matching section"))
    said = status.text_content()
    with page.expect_response(re.compile(r"/search/\?q=deploy$")):
        page.keyboard.type("y")
        page.keyboard.press("ArrowDown")
        assert focused(page) == live_links(page)[0]
    page.wait_for_timeout(100)  # the swap and its settle
    assert focused(page) == "box"
    # the same count for them is said again (a live region is read when its text changes)
    assert status.text_content().strip() == said.strip() and status.text_content() != said


def test_on_a_phone_each_live_result_reached_with_the_keyboard_is_in_sight(page, seeded):
    page.set_viewport_size(PHONE)
    page.goto(seeded.url + "/")
    page.locator("input[data-search-input]").type("deploy", delay=30)
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    page.locator("input[data-search-input]").focus()
    hidden = []
    for href in live_links(page):
        page.keyboard.press("ArrowDown")
        assert focused(page) == href
        # in the window and on top: what is drawn at its middle is the link (not the header, nor off screen)
        on_top = page.evaluate("""() => {
            const link = document.activeElement, box = link.getClientRects()[0];  // a wrapped link's first line
            const x = box.left + Math.min(box.width, 20) / 2, y = box.top + box.height / 2;
            return x >= 0 && y >= 0 && x < innerWidth && y < innerHeight && link.contains(document.elementFromPoint(x, y));
        }""")
        if not on_top:
            hidden.append(href)
    assert hidden == []
    shoot(page, "search-live-keyboard-phone")


def test_the_live_results_hide_when_the_focus_or_a_click_leaves_the_search_and_come_back_with_the_box(
        page, seeded, csp_errors):
    """Tabbing on, or clicking the page, left them over it."""
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/")
    box, live = page.locator("input[data-search-input]"), page.locator("#search-live")
    box.type("deploy", delay=30)
    expect(live.locator(".result-link").first).to_be_visible(timeout=5000)
    links = live_links(page)
    shoot(page, "search-live-desktop")
    searches = []
    page.on("request", lambda request: searches.append(request.url) if "/search/" in request.url else None)

    # Tab goes from the box through the results (they follow it), then on out of the search form
    page.keyboard.press("Tab")
    assert focused(page) == links[0]
    for _ in range(len(links) + 3):
        if not page.evaluate("document.activeElement.closest('[role=search]') !== null"):
            break
        page.keyboard.press("Tab")
    expect(live).to_be_hidden()
    # the box focused again shows the same results, without asking again
    box.focus()
    expect(live.locator(".result-link").first).to_be_visible()
    assert live_links(page) == links and searches == []

    # a click on the page outside them hides them too; one in them (its mousedown first) opens the link
    below = live.bounding_box()
    page.mouse.click(below["x"] + 10, below["y"] + below["height"] + 40)
    expect(live).to_be_hidden()
    box.focus()
    live.locator("a[href]").nth(1).click()
    page.wait_for_url(seeded.url + links[1])
    assert csp_errors == []


def test_on_a_phone_the_live_results_lie_over_the_page_and_a_tap_beside_them_hides_them(browser, seeded):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(seeded.url + "/")
    live = page.locator("#search-live")
    page.locator("input[data-search-input]").type("deploy", delay=30)
    first = live.locator(".result-link").first
    expect(first).to_be_visible(timeout=5000)
    # under the search row, inside the screen's width, and on top of the page (nothing covers their first link)
    header, box = page.locator(".header-tools").bounding_box(), live.bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert first.evaluate("""link => {
        const line = link.getClientRects()[0];  // a wrapped link's first line
        return link.contains(document.elementFromPoint(line.left + 5, line.top + line.height / 2));
    }""")
    shoot(page, "search-live-phone")
    page.touchscreen.tap(195, box["y"] + box["height"] + 30)
    expect(live).to_be_hidden()
    context.close()


def test_a_live_result_link_is_described_by_its_excerpt(page, seeded):
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/")
    page.locator("input[data-search-input]").type("Immutable", delay=30)
    first = page.locator("#search-live .result-link").first
    expect(first).to_be_visible(timeout=5000)
    excerpt = page.locator("#search-live .result-excerpt").first.text_content()
    expect(first).to_have_accessible_description(re.sub(r"\s+", " ", excerpt).strip())


def test_words_still_being_composed_with_an_input_method_are_searched(page, seeded):
    """A Japanese or Korean input method: results come for the text being composed, 300 ms after the last key
    as for any typing, not after compositionend. Hiragana before conversion finds the katakana notes
    (search.variants), and a Korean input method keeps the last syllable in composition until the next one:
    waiting for compositionend would leave the results a syllable behind."""
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/")
    page.locator("input[data-search-input]").focus()
    cdp = page.context.new_cdp_session(page)
    searched = []
    page.on("request", lambda request: searched.append(request.url) if "/search/" in request.url else None)
    for composed in ["ど", "どれ", "どれい", "どれいん"]:  # keys typed quickly: one request, for the last
        cdp.send("Input.imeSetComposition", {"text": composed, "selectionStart": len(composed),
                                              "selectionEnd": len(composed)})
    expect(page.locator("#search-live mark").first).to_have_text("ドレイン", timeout=5000)
    assert len(searched) == 1
    cdp.send("Input.insertText", {"text": "どれいん"})  # committed as it is: no other request
    page.wait_for_timeout(500)
    assert len(searched) == 1
    cdp.detach()


def test_search_page_works_without_javascript(browser, seeded):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seeded.url + "/")
    page.fill("input[name=q]", "카나리아")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator(".result-link").count() >= 1
    context.close()


@pytest.mark.parametrize("username", ["learner", "instructor"])
def test_each_demo_account_logs_in_and_out(page, seeded, csp_errors, username):
    page.set_viewport_size(DESKTOP)
    page.goto(seeded.url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "kumo-demo")
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(seeded.url + ("/instructor/" if username == "instructor" else "/progress/"))

    menu = page.locator(".account-menu summary")
    assert menu.inner_text().strip() == username
    menu.click()
    page.click(".logout-form button")
    page.wait_for_selector(".account-menu a[href='/accounts/login/']")
    assert csp_errors == []


@pytest.mark.parametrize("language", ["en", "ja"])
def test_on_a_phone_the_header_is_two_short_rows_and_more_holds_the_other_links(browser, seeded, language):
    """Before: the sections wrapped to two rows under the brand, then the search row: 202 px of an 844 px phone
    (an instructor, English). Now one row of sections with Topics, Search and Instructor under "More"."""

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale=language)
    page = context.new_page()
    page.goto(seeded.url + "/accounts/login/")
    page.fill("input[name=username]", "instructor")
    page.fill("input[name=password]", "kumo-demo")
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(seeded.url + "/instructor/")
    page.goto(seeded.url + "/quiz/exams/")
    height = page.locator("header.site-header").bounding_box()["height"]
    assert height <= 160, height
    tops = page.locator(".main-nav > li").evaluate_all(
        "items => items.filter(li => li.getClientRects().length).map(li => li.getBoundingClientRect().top)")
    assert len(tops) == 5 and len(set(tops)) == 1, tops  # practice, exams, review, progress, more
    assert not page.locator(".main-nav > li.nav-secondary a[data-instructor-link]").is_visible()
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], width

    # the keyboard opens "More", reaches its links and closes it with Escape
    summary = page.locator(".nav-more summary")
    summary.focus()
    page.keyboard.press("Enter")
    more = page.locator(".nav-more details ul a")
    expect(more).to_have_count(3)  # topics, search, instructor
    # each link inside the menu's box, its words clear of the edge (before, the header row's "no padding on the
    # left, none after the last" reached the menu's items: words on the left edge, links out of the box)
    boxes = page.locator(".nav-more details ul").evaluate(
        "ul => { const box = ul.getBoundingClientRect(); return [...ul.querySelectorAll('a')].map(a => {"
        " const r = a.getBoundingClientRect(), pad = parseFloat(getComputedStyle(a).paddingLeft);"
        " return [r.left >= box.left - 1 && r.right <= box.right + 1, r.left + pad - box.left]; }); }")
    assert all(inside and text_gap >= 8 for inside, text_gap in boxes), boxes
    page.keyboard.press("Tab")
    expect(more.first).to_be_focused()
    page.keyboard.press("Escape")
    expect(summary).to_be_focused()
    expect(more.first).to_be_hidden()
    summary.click()
    page.locator(".nav-more a[href='/instructor/']").click()
    page.wait_for_url(seeded.url + "/instructor/")

    # a laptop shows every section in the row and no "More"
    page.set_viewport_size(DESKTOP)
    expect(page.locator(".nav-more")).to_be_hidden()
    expect(page.locator(".main-nav > li.nav-secondary a[data-instructor-link]")).to_be_visible()
    context.close()


def test_on_a_phone_more_is_as_tall_a_target_as_the_links_beside_it(browser, seeded):
    """Before: "더보기" was a 23 px line of text beside 39 px links (WCAG 2.5.8 asks for 24 px at least)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ko", has_touch=True)
    page = context.new_page()
    page.goto(seeded.url + "/quiz/exams/")
    link = page.locator(".main-nav > li:not(.nav-secondary) > a").first.bounding_box()
    more = page.locator(".nav-more summary").bounding_box()
    assert more["height"] >= 24 and abs(more["height"] - link["height"]) <= 1, (more, link)
    assert abs(more["y"] - link["y"]) <= 1, (more, link)  # the same row, not pushed down
    assert page.locator("header.site-header").bounding_box()["height"] <= 150  # and the header no taller (144 px)
    context.close()


def test_on_a_phone_log_out_is_a_menu_row_as_tall_as_change_password(browser, live_server):
    """Before: "로그아웃" was a 24 px underlined word centred under a 36 px "비밀번호 변경" row."""
    from conftest import log_in, make_user

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ko", has_touch=True)
    page = context.new_page()
    log_in(page, live_server, make_user("phone-learner"))
    page.goto(live_server.url + "/quiz/exams/")
    page.locator(".account-menu summary").click()
    change = page.locator(".account-menu a[href='/accounts/password_change/']").bounding_box()
    log_out = page.locator(".logout-form button").bounding_box()
    assert log_out["height"] >= change["height"] - 1 and change["height"] >= 32, (log_out, change)
    assert abs(log_out["x"] - change["x"]) <= 1 and abs(log_out["width"] - change["width"]) <= 1, (log_out, change)
    context.close()


@pytest.mark.parametrize("path", ["/quiz/exams/", "/instructor/"])
def test_on_a_phone_the_closed_more_menu_takes_no_tap_meant_for_what_lies_under_it(browser, seeded, path):
    """Each header control receives a tap at its centre: the closed "More" menu's items are not laid over the
    theme toggle, the language switch or the links beside them (an instructor's header has the most)."""
    from conftest import log_in, make_user

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ja", has_touch=True)
    page = context.new_page()
    if path.startswith("/instructor/"):
        log_in(page, seeded, make_user("phone-teacher", instructor=True))
    page.goto(seeded.url + path)
    assert page.url.endswith(path)
    controls = page.locator("header.site-header a:visible, header.site-header button:visible, "
                            "header.site-header summary:visible, header.site-header select:visible")
    assert controls.count() >= 5
    for i in range(controls.count()):
        hit = controls.nth(i).evaluate("""e => { const r = e.getBoundingClientRect();
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return top === e || e.contains(top) || (top && top.closest('label') && top.closest('label').contains(e)); }""")
        assert hit, controls.nth(i).evaluate("e => e.outerHTML.slice(0, 120)")
    context.close()


def test_after_back_to_a_page_htmx_restored_the_live_results_show_and_the_arrow_keys_reach_them(page, seeded):
    """htmx's history restore (Back after a pushed link) puts a new header in the page: the results, hidden by the
    click that left, stayed hidden as you typed, and Down did nothing (listeners on the old box)."""
    from conftest import log_in, make_user

    page.set_viewport_size(DESKTOP)
    log_in(page, seeded, make_user("restored"))
    page.goto(seeded.url + "/progress/")
    page.locator("#data-h ~ p a", has_text="Review settings").click()  # hx-get, pushed
    page.wait_for_url(re.compile(r"/progress/settings/$"))
    page.go_back()
    page.wait_for_url(re.compile(r"/progress/$"))
    expect(page.locator("#data-h")).to_be_visible()
    box = page.locator("input[data-search-input]")
    box.type("deploy", delay=30)
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    page.keyboard.press("ArrowDown")
    assert focused(page) == live_links(page)[0]
    page.keyboard.press("Escape")
    assert focused(page) == "box"
    expect(page.locator("#search-live")).to_be_empty()


# The count's line fragments, and whether it starts on a later line than its paragraph (it wrapped whole).
COUNT_LINES = """() => {
  const count = document.querySelector('.page-title .count');
  const first = count.parentElement.getClientRects()[0];
  const rects = [...count.getClientRects()];
  const tops = new Set(rects.map(r => Math.round(r.top)));
  return [tops.size, rects[0].top > first.top + 2, count.textContent.trim()];
}"""


def test_on_a_japanese_phone_a_topics_section_count_never_breaks_inside(browser, live_server, make):
    # 「5 セクション」 broke as 「5 セクシ|ョン」 at the end of the topic header's line
    topics = [make.topic(name="Load Balancer " + "x" * k, names={"ja": "ロードバランサー"}) for k in range(36)]
    for _ in range(5):
        make.section(topics=topics)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ja")
    page = context.new_page()
    wrapped = []
    for topic in topics:
        page.goto(live_server.url + topic.get_absolute_url())
        lines, moved, text = page.evaluate(COUNT_LINES)
        assert text == "5 セクション" and lines == 1, (topic.name, lines)
        wrapped.append(moved)
    assert any(wrapped) and not all(wrapped)  # some names left no room for the count: it moved down whole
    context.close()
