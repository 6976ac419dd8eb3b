"""Every attack string through every new input: the answer form (one payload at a time, then over
HTTP in batches, read back on the discussion), an organisation's name, and the ask box."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from organisations import actions
from organisations.forms import AnswerForm
from organisations.models import Answer, Ask, Organisation, Status
from tests.conftest import signed_in_client
from tests.security import corpora
from tests.security.markup import executable_markup
from tests.security.test_corpus_comments import check_comment
from tests.security.test_corpus_forms import check_plain, check_refused
from tests.security.test_corpus_pages import field_batches, joined

from .helpers import ask, organisation, staff_of


@pytest.fixture(scope="module")
def xss_payloads():
    return corpora.xss_payloads()


@pytest.fixture
def council(tree):
    return organisation(trusted=True)


def test_answer_form_keeps_words_and_drops_markup_for_every_payload(xss_payloads, council):
    failures = []
    for source, index, typed in xss_payloads:
        data = {"organisation": council.pk, "status": Status.HEARD, "body": typed}
        form = AnswerForm(data=data, organisations=Organisation.objects.all())
        if "body" in form.errors:
            failures += [f"{source}[{index}]: {p}" for p in check_refused(form, "body", typed)]
            continue
        assert form.is_valid(), form.errors
        failures += [f"{source}[{index}]: {p}" for p in check_comment(typed, form.cleaned_data["body"])]
    assert not failures, "\n".join(failures[:30])


def test_answers_over_http_are_inert_on_the_discussion_and_the_organisation_page(xss_payloads, council, resident):
    officer = staff_of(council)
    the_ask = ask(owner=resident)
    client = signed_in_client(officer)
    texts = [text for _, _, text in xss_payloads]
    failures = []
    for batch in field_batches(texts, 3000):
        cache.clear()
        data = {"organisation": council.pk, "status": Status.LOOKING, "body": joined(batch)}
        response = client.post(reverse("answer_ask", args=[the_ask.pk]), data)
        assert response.status_code == 302, response.content[:300]
    assert Answer.objects.filter(state=Answer.PUBLISHED).count() == len(list(field_batches(texts, 3000)))
    for url in (the_ask.thread.url, council.get_absolute_url(), reverse("what_changed")):
        failures += [f"{url}: {p}" for p in executable_markup(client.get(url).content.decode())]
    assert not failures, "\n".join(failures[:30])


def test_organisation_names_keep_words_and_drop_markup_for_every_payload(xss_payloads, db):
    failures = []
    for n, (source, index, typed) in enumerate(xss_payloads):
        org = Organisation(name=typed[:120], slug=f"org-{n}", kind="charity")
        org.clean()
        failures += [f"{source}[{index}]: {p}" for p in check_plain(typed[:120], org.name)]
    assert not failures, "\n".join(failures[:30])


def test_the_ask_box_takes_only_its_own_value(xss_payloads, resident_client):
    """Whatever is sent as `is_ask`, it only marks the discussion; nothing of it is stored or shown."""
    url = reverse("start_thread", args=["lambeth"])
    for n, (_source, _index, typed) in enumerate(xss_payloads[:40]):
        cache.clear()
        response = resident_client.post(url, {"title": f"Ask {n}", "body": "Words.", "is_ask": typed})
        assert response.status_code == 302
    assert Ask.objects.count() == len([t for _, _, t in xss_payloads[:40] if t])
    html = resident_client.post(url, {"title": "", "body": "x", "is_ask": xss_payloads[0][2]}).content.decode()
    assert not executable_markup(html)
    assert actions  # the module under test


def test_who_could_act_takes_only_a_kind_the_select_offers(xss_payloads, resident_client):
    """Whatever is sent as `ask_kind`, the ask stores a kind from the list or none, and the refused
    form that echoes the choice back carries no markup."""
    url = reverse("start_thread", args=["lambeth"])
    for n, (_source, _index, typed) in enumerate(xss_payloads[:40]):
        cache.clear()
        data = {"title": f"Ask {n}", "body": "Words.", "is_ask": "on", "ask_kind": typed}
        assert resident_client.post(url, data).status_code == 302
    assert set(Ask.objects.values_list("kind", flat=True)) <= {""} | {kind for kind, _ in Organisation.KINDS}
    for _source, _index, typed in xss_payloads:
        html = resident_client.post(
            url, {"title": "", "body": "x", "is_ask": "on", "ask_kind": typed}
        ).content.decode()
        assert not executable_markup(html), typed


def test_asking_about_a_testimony_refuses_every_payload_kindly(xss_payloads, council, family):
    """Each payload as the organisation and as the consent: the organisation is refused with a kind
    message and nothing is shared; the page that comes back carries no markup."""
    from tests.factories import TestimonyPageFactory

    testimony = TestimonyPageFactory(owner=family)
    client = signed_in_client(family)
    url = reverse("ask_about_testimony", args=[testimony.pk])
    failures = []
    for source, index, typed in xss_payloads:
        if typed.strip().isdigit():
            continue  # a number may be a listed organisation's id: a choice, not an attack
        response = client.post(url, {"organisation": typed, "consent": typed})
        html = response.content.decode()
        if response.status_code != 400 or "Please choose" not in html:
            failures.append(f"{source}[{index}]: {response.status_code}")
        failures += [f"{source}[{index}]: {p}" for p in executable_markup(html)]
    assert not Ask.objects.exists()
    # Any non-empty consent value is a ticked box, as a browser sends "on": only a listed organisation is taken.
    assert (
        client.post(
            url, {"organisation": council.pk, "consent": next(t for _, _, t in xss_payloads if "<" in t)}
        ).status_code
        == 302
    )
    assert list(Ask.objects.get().invitations.values_list("organisation", flat=True)) == [council.pk]
    assert not failures, "\n".join(failures[:30])
