"""Families edit words: what they typed comes back the same in the edit box after save and preview.

`story_html` stores paragraphs as HTML; `story_text` gives the words back for the edit box.
"""

import os
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.sanitise import story_html, story_text, text_with_paragraphs
from tests.security.test_sanitiser_properties import markupish

SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "400")), deadline=None, database=None)

# Plain text: words, punctuation (& < > " ' included), spaces, tabs, line breaks and blank lines,
# accents, other scripts and emoji. Not plain text: a "<" that starts a tag, an "&" that starts a
# character reference (a family who types "&copy;" means markup), or invisible control characters.
_MARKUP = re.compile(r"<[a-zA-Z!/?]|&[#a-zA-Z0-9]")
PIECES = [
    "Sam",
    "loved",
    "the sea",
    "Zoë",
    "ابراهیم",
    "🕯️",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\n \n",
    ".",
    ",",
    "—",
    "fish & chips",
    "&",
    "<",
    ">",
    "a < b",
    "5 > 3",
    '"',
    "'",
    "’",
    ";",
    "#",
    "https://example.org/a?b=1&c=2",
    "www.example.org",
    "example.org",
    "hello@example.org",
    "(1999–2022)",
    "\u00a0",
]
plain = (
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(st.characters(categories=["L", "N", "P", "Zs"]), max_size=5)))
    .map("".join)
    .filter(lambda text: not _MARKUP.search(text.replace("\r", "")))
)

CASES = [
    ("He loved the sea.", "He loved the sea."),
    ("He loved the sea.\n\nShe loved the hills.", "He loved the sea.\n\nShe loved the hills."),
    ("Line one\nline two", "Line one\nline two"),
    ("Browsers send CR LF\r\nlike this\r\n\r\nand this", "Browsers send CR LF\nlike this\n\nand this"),
    ("Three blank lines\n\n\n\nare one", "Three blank lines\n\nare one"),
    ("  Leading and trailing spaces  \n\n  go  ", "Leading and trailing spaces\n\ngo"),
    ("fish & chips, a < b, 5 > 3", "fish & chips, a < b, 5 > 3"),
    ("See https://example.org/a?b=1&c=2 or www.example.org.", "See https://example.org/a?b=1&c=2 or www.example.org."),
    ("“Quotes” and ‘apostrophes’ it's", "“Quotes” and ‘apostrophes’ it's"),
    ("", ""),
]


def test_the_edit_box_shows_words_not_html():
    stored = story_html("He loved the sea.\n\nHe wanted to be a nurse.\nOr a teacher.")
    assert stored == "<p>He loved the sea.</p><p>He wanted to be a nurse.<br>Or a teacher.</p>"
    assert story_text(stored) == "He loved the sea.\n\nHe wanted to be a nurse.\nOr a teacher."


def test_a_table_of_typed_texts_comes_back_as_typed():
    for typed, shown in CASES:
        assert story_text(story_html(typed)) == shown, typed
        assert story_html(story_text(story_html(typed))) == story_html(typed), typed


@SETTINGS
@given(plain)
@example("a\u2028b\n\nc")
@example("x\n\u00a0\ny")
def test_plain_text_round_trips_exactly(typed):
    """text → stored HTML → text is the identity (paragraphs one blank line apart, as typed)."""
    assert story_text(story_html(typed)) == text_with_paragraphs(typed)


@SETTINGS
@given(markupish)
@example("<em>kept</em> and <script>gone</script>")
@example("<ul><li>a</li></ul>\n\nb")
@example("&lt;em&gt; &copy; &amp;c")
def test_saving_the_edit_box_untouched_changes_nothing(typed):
    """Whatever was stored, the edit box's text saves back to exactly the same HTML."""
    stored = story_html(typed)
    assert story_html(story_text(stored)) == stored
