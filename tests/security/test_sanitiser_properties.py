"""Property-based tests of core/sanitise.py: whatever people type, the output is inert and stable."""

import os

import html5lib
from django.utils.html import escape
from html5lib.serializer import HTMLSerializer
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.sanitise import comment_html, plain_text, story_html

from .markup import executable_markup, invented_text, lost_text, text_outside_tags, text_without_any_markup
from .test_corpus_forms import TAG_LIKE

# Pieces attackers combine: tag openers, event handlers, script URLs, entities, comments, quotes.
FRAGMENTS = [
    "<",
    ">",
    "</",
    "/>",
    "<!--",
    "-->",
    "<!",
    "<?",
    "<script>",
    "</script>",
    "<scr",
    "ipt>",
    "<svg/onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "<a href=",
    "<a href='javascript:alert(1)'>",
    "</a>",
    "<p>",
    "</p>",
    "<b>",
    "<em>",
    "<ul><li>",
    "<style>",
    "<iframe src=",
    "<math>",
    "<object data=",
    "javascript:",
    "java\tscript:",
    "data:text/html,",
    "vbscript:",
    " onmouseover=",
    " style=",
    "&lt;",
    "&gt;",
    "&amp;",
    "&#60;",
    "&#x3C;",
    "&#106;",
    "&",
    "#",
    ";",
    '"',
    "'",
    "`",
    "=",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\x00",
    "\x0b",
    "\x1b",
    "\u2028",
    "\u200b",
    "\ufeff",
    "http://example.org/a?b=1&c=2",
    "www.example.org",
    "mailto:a@example.org",
    "Sam",
    "Zoë",
    "ابراهیم",
    "🕯️",
]
markupish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=25).map("".join)
SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "400")), deadline=None, database=None)


def reparsed(fragment):
    """The fragment as a browser's DOM holds it, written back out as HTML."""
    tree = html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)
    walker = html5lib.getTreeWalker("etree")
    return HTMLSerializer(quote_attr_values="always", omit_optional_tags=False, escape_lt_in_attrs=True).render(
        walker(tree)
    )


@SETTINGS
@given(markupish)
@example("<scr<b></b>ipt>alert(1)</scr</b>ipt>")
@example("&lt;script&gt;alert(1)&lt;/script&gt;")
@example("<<iframe src=<")
def test_plain_text_is_idempotent_inert_and_keeps_the_words(typed):
    once = plain_text(typed)
    assert plain_text(once) == once
    assert not TAG_LIKE.search(once)
    assert not executable_markup(escape(once), allow_site_chrome=False)
    assert not lost_text(text_without_any_markup(typed), once)
    assert not invented_text(typed, once)


@SETTINGS
@given(markupish)
@example('<a href="java\tscript:alert(1)">x</a>')
@example("<p>a</p>\n\nb<script>c</script>")
@example("<script> <p>")
def test_story_html_is_idempotent_inert_and_stable_when_reparsed(typed):
    once = story_html(typed)
    assert story_html(once) == once
    assert not executable_markup(once, allow_site_chrome=False)
    # A browser's reading of the output, cleaned again, reads the same: no parser differential.
    assert reparsed(story_html(reparsed(once))) == reparsed(once)
    assert not executable_markup(reparsed(once), allow_site_chrome=False)
    assert not lost_text(text_outside_tags(typed), text_outside_tags(once))


@SETTINGS
@given(markupish)
def test_comment_html_is_inert_and_stable_when_reparsed(typed):
    once = comment_html(typed)
    assert not executable_markup(once, allow_site_chrome=False)
    assert not executable_markup(reparsed(once), allow_site_chrome=False)
    assert text_outside_tags(reparsed(once)) == text_outside_tags(once)
    assert not lost_text(text_outside_tags(typed), text_outside_tags(once))


def test_control_characters_are_dropped_not_shown_as_question_marks():
    """Regression: html5lib turned invisible control characters into "?" in names and stories."""
    assert plain_text("The quic\x08\x08k brown fo\x07x") == "The quick brown fox"
    assert plain_text("Roses are \x1b[0;31mred") == "Roses are [0;31mred"
    assert plain_text("one\x0ctwo\x85three") == "one two three"
    assert story_html("The quic\x08\x08k\x7f brown") == "<p>The quick brown</p>"
    assert "?" not in comment_html("bell\x07 and escape\x1b")


def test_doubled_tag_openers_leave_no_tag_in_plain_text():
    """Regression: one pass over "<<iframe" removed one "<" and left "<iframe" (and a second call changed it)."""
    assert plain_text("<<iframe src=<") == "iframe src=<"
    assert plain_text("<<<b>x") == "x"
    assert plain_text(plain_text("a <<script>b")) == plain_text("a <<script>b")


def test_a_link_with_a_double_quote_in_its_address_keeps_its_text_and_loses_its_href():
    """Regression: such an href grew one more level of escaping on every pass (not idempotent)."""
    once = story_html('<a href=0"<svg/onload=alert(1)>Sam</a>')
    assert once == '<p><a rel="nofollow ugc noopener">Sam</a></p>'
    assert story_html(once) == once
    assert story_html('<a href="https://example.org/?a=1&b=2">ok</a>') == (
        '<p><a href="https://example.org/?a=1&amp;b=2" rel="nofollow ugc noopener">ok</a></p>'
    )


def test_story_html_trims_space_left_by_removed_markup():
    """Regression: "<script> <p>" gave " <p></p>", and a second pass removed the space."""
    assert story_html("<script> <p>") == story_html(story_html("<script> <p>"))
