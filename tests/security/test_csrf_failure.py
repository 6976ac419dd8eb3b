"""A form refused by the CSRF check gets the site's own kind page, with a way back, not Django's."""

from django.test import Client

from tests.moderation.helpers import form_data


def _refused(user, page, **headers):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client.post("/comments/post/", form_data(page, text="My words"), **headers)


def test_a_refused_form_gets_the_sites_kind_page_with_a_link_back(resident, tree):
    response = _refused(resident, tree.stories, HTTP_REFERER="http://testserver/stories/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "CSRF verification failed" not in html and "Forbidden" not in html
    assert "<h1>We could not send that, sorry</h1>" in html
    assert "open for a long time" in html and "cookies" in html
    assert "We could not keep what you sent" in html
    assert '<a href="http://testserver/stories/">Go back to the page you were on</a>' in html
    assert 'class="skip-link"' in html  # the site's own layout: header, navigation, footer


def test_the_link_back_never_leads_off_the_site(resident, tree):
    html = _refused(resident, tree.stories, HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in html
    assert '<a href="/">Go to the home page</a>' in html


def test_a_visitor_without_cookies_gets_the_same_page(tree):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "We could not send that, sorry" in response.content.decode()
