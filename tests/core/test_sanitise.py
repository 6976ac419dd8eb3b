"""The allow-lists people's words are held to. (Attack corpora and property tests live in tests/security.)"""

import pytest

from core.sanitise import comment_html, plain_text, story_html, text_only


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Tom & Jerry", "Tom & Jerry"),
        ("a < b and c > d", "a < b and c > d"),
        ("<b>Bold</b> name", "Bold name"),
        ("  lots   of\nspace ", "lots of space"),
        ("<img src=x onerror=alert(1)>Ama", "Ama"),
    ],
)
def test_plain_text_keeps_words_and_drops_markup(typed, stored):
    assert plain_text(typed) == stored


def test_story_html_turns_typed_paragraphs_into_markup():
    assert story_html("One\ntwo\n\nThree") == "<p>One<br>two</p><p>Three</p>"


def test_story_html_keeps_the_allow_list_and_removes_the_rest():
    typed = '<p onclick="x()">Hi <em>there</em> <u>u</u></p><ul><li>one</li></ul><script>alert(1)</script><h1>Big</h1>'
    html = story_html(typed)
    assert html.startswith("<p>Hi <em>there</em> u</p><ul><li>one</li></ul>")
    assert "<script" not in html and "<h1" not in html and "onclick" not in html and "<u>" not in html
    assert "Big" in html  # the words stay; only the markup goes


def test_story_links_are_marked_as_user_content_and_unsafe_schemes_dropped():
    html = story_html('<a href="https://example.org" target="_blank">site</a> <a href="javascript:alert(1)">x</a>')
    assert '<a href="https://example.org" rel="nofollow ugc noopener">site</a>' in html
    assert "javascript" not in html and "target" not in html


def test_story_html_links_bare_urls():
    assert story_html("See www.example.org") == (
        '<p>See <a href="http://www.example.org" rel="nofollow ugc noopener">www.example.org</a></p>'
    )


def test_comment_html_is_plain_text_with_links_and_line_breaks():
    assert comment_html("<b>Thinking</b> of you\nhttps://example.org") == (
        'Thinking of you<br><a href="https://example.org" rel="nofollow ugc noopener">https://example.org</a>'
    )


def test_comment_html_escapes_what_it_keeps():
    assert comment_html("1 < 2 & <3") == "1 &lt; 2 &amp; &lt;3"


def test_text_only_keeps_a_space_where_paragraphs_break():
    assert text_only("<p>It rained.</p><p>We remember.</p><ul><li>One</li><li>Two &amp; three</li></ul>") == (
        "It rained. We remember. One Two & three"
    )
