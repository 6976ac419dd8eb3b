"""Every attack string through every gathering input: the proposal, the organiser's change and the
account afterwards, at the form one by one; then batches over HTTP read back on the public pages."""

import pytest
from django.test import Client
from django.urls import reverse

from gatherings.forms import AfterwardsForm, ChangeForm, ProposeForm
from gatherings.models import GatheringPage
from stories.models import MemorialPage
from tests.conftest import signed_in_client
from tests.security.corpora import batches, xss_payloads
from tests.security.markup import executable_markup
from tests.security.test_corpus_forms import run_form

from .helpers import propose_data

pytestmark = pytest.mark.django_db

TEXT_FIELDS = ("title", "description", "area", "organiser_name", "address")


@pytest.fixture(scope="module")
def payloads():
    return xss_payloads()


def test_the_proposal_keeps_words_and_drops_markup_for_every_payload(payloads, tree):
    fields = dict.fromkeys(TEXT_FIELDS, "plain")
    failures = run_form(
        ProposeForm,
        lambda typed: propose_data(**dict.fromkeys(TEXT_FIELDS, typed)),
        fields,
        payloads,
        memorials=MemorialPage.objects.none(),
    )
    assert not failures, "\n".join(failures[:30])


def test_the_change_and_the_account_afterwards_keep_words_for_every_payload(payloads, tree):
    failures = run_form(ChangeForm, lambda typed: propose_data(address=typed), {"address": "plain"}, payloads)
    failures += run_form(
        AfterwardsForm, lambda typed: {"account_afterwards": typed}, {"account_afterwards": "plain"}, payloads
    )
    assert not failures, "\n".join(failures[:30])


def test_payloads_proposed_over_http_are_inert_on_the_published_pages(payloads, family, settings):
    settings.COMMENT_RATE_LIMIT_PER_MINUTE = settings.COMMENT_RATE_LIMIT_PER_DAY = 1000  # one family, many batches
    client = signed_in_client(family)
    texts = [text for _, _, text in payloads]
    chunks = [" ¦ ".join(batch) for batch in batches(texts, 2900)]
    for i, batch in enumerate(chunks):
        response = client.post(
            reverse("gathering_propose", args=["southwark"]),
            propose_data(title=f"Batch {i}", description=batch, area=f"Hall {i} " + batch[:100]),
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    for gathering in GatheringPage.objects.filter(title__startswith="Batch "):
        gathering.save_revision().publish()
    pages = [(Client(), "/boroughs/southwark/"), (client, reverse("my_gatherings"))]
    pages += [(Client(), g.url) for g in GatheringPage.objects.live()]
    for reader, path in pages:
        problems = executable_markup(reader.get(path).content.decode(), allow_site_chrome=True)
        assert not problems, f"{path}: {problems[:5]}"
    assert len(pages) == len(chunks) + 2
