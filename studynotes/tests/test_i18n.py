"""The interface speaks ja, ko and en: complete catalogues, the switcher, Accept-Language."""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

LOCALE = Path(settings.BASE_DIR) / "locale"


def read_po(path):
    """Entries of a .po file as dicts: msgid, msgid_plural, msgctxt, msgstr (list), flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = {"flags": set(), "msgstr": []}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and key:
                value = ast.literal_eval(line)
                if key.startswith("msgstr"):
                    entry["msgstr"][-1] += value
                else:
                    entry[key] += value
            elif line.strip():
                key, rest = line.split(" ", 1)
                value = ast.literal_eval(rest)
                if key.startswith("msgstr"):
                    entry["msgstr"].append(value)
                else:
                    entry[key] = value
        if "msgid" in entry:
            entries.append(entry)
    return entries


@pytest.mark.parametrize("language", ["ja", "ko"])
def test_every_msgid_has_a_translation_and_none_is_fuzzy(language):
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")

    untranslated = [e["msgid"] for e in entries if e["msgid"] and not all(e["msgstr"])]
    fuzzy = [e["msgid"] or "(header)" for e in entries if "fuzzy" in e["flags"]]

    assert len(entries) > 100
    assert untranslated == [], f"{len(untranslated)} untranslated in {language}: {untranslated[:10]}"
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy[:10]}"


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_compiled_catalogue_matches_the_po_file(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog

    stale = []
    for entry in read_po(folder / "django.po"):
        if not entry["msgid"] or not entry["msgstr"][0] or "fuzzy" in entry["flags"]:
            continue
        msgid = entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
        key = (msgid, 0) if "msgid_plural" in entry else msgid
        if compiled.get(key) != entry["msgstr"][0]:
            stale.append(entry["msgid"])
    assert stale == [], f"run compilemessages: {stale[:5]}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "accept, lang, word",
    [("ja", "ja", "トピック"), ("ko-KR,ko;q=0.9", "ko", "토픽"), ("en-US", "en", "Topics")],
)
def test_accept_language_chooses_the_interface_language(client, accept, lang, word):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert f'<html lang="{lang}">' in html
    assert word in html


@pytest.mark.django_db
def test_the_switcher_choice_is_remembered_over_accept_language(client):
    response = client.post(
        "/i18n/setlang/", {"language": "ko", "next": "/search/"}, HTTP_ACCEPT_LANGUAGE="ja"
    )

    assert response.status_code == 302
    assert response["Location"] == "/search/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"
    assert '<html lang="ko">' in client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()


@pytest.mark.django_db
def test_the_switcher_offers_each_language_in_its_own_name(client):
    html = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in html
    for name in ("English", "日本語", "한국어"):
        assert name in html


@pytest.mark.django_db
def test_note_text_is_not_translated_but_labelled_with_its_language(client, make):
    topic = make.topic(slug="canary")
    make.section(language="ko", markdown="카나리아 배포는 일부 트래픽만 보낸다", topics=[topic])

    html = client.get("/topics/canary/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert "카나리아 배포는 일부 트래픽만 보낸다" in html
    assert '<div class="note-body" lang="ko">' in html
    assert "韓国語" in html  # "Korean", in the interface language


@pytest.mark.django_db
def test_404_page_speaks_the_users_language(client):
    response = client.get("/topics/nope/", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()


@pytest.mark.django_db
def test_403_page_speaks_the_users_language(rf=RequestFactory()):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    request = rf.get("/instructor/")
    request.user = AnonymousUser()
    with translation.override("ja"):
        response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "アクセスできません" in response.content.decode()


@pytest.mark.django_db
def test_500_page_speaks_the_users_language_without_a_request_context():
    request = RequestFactory().get("/")
    with translation.override("ko"):
        response = defaults.server_error(request)
    assert response.status_code == 500
    assert "문제가 발생했습니다" in response.content.decode()


@pytest.mark.parametrize("language", ["ja", "ko"])
def test_plural_entries_have_as_many_forms_as_the_language(language):
    """Japanese and Korean have one plural form (nplurals=1): a second msgstr[1] is an error to msgfmt -c."""
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    plural = [e for e in entries if "msgid_plural" in e]
    assert plural
    assert [e["msgid"] for e in plural if len(e["msgstr"]) != 1] == []
    assert [e["msgid"] for e in entries if "msgid_plural" not in e and len(e["msgstr"]) != 1] == []


@pytest.mark.django_db
def test_a_wrong_password_is_said_plainly_in_korean_and_japanese(client, learner):
    # Django's own Korean reads "올바른 사용자 이름와/과 비밀번호를 입력하십시오."
    for language, words in (("ko", "사용자 이름 또는 비밀번호가 올바르지 않습니다."),
                            ("ja", "ユーザー名またはパスワードが正しくありません。")):
        html = client.post("/accounts/login/", {"username": learner.username, "password": "wrong"},
                           HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert words in html and "와/과" not in html


@pytest.mark.django_db
def test_400_page_is_the_sites_own_in_the_users_language(client):
    # Django refuses to build a login redirect for a query string this long: a 400, not the bare English page
    response = client.get("/progress/?q=" + "x" * 20_000, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 400
    html = response.content.decode()
    assert "リクエストを読み取れませんでした" in html and '<ul class="main-nav">' in html
    request = RequestFactory().get("/")
    with translation.override("ko"):
        response = defaults.bad_request(request, Exception())
    assert response.status_code == 400 and "요청을 읽을 수 없습니다" in response.content.decode()
