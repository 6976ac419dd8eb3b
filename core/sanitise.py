"""The one place where text people write is made safe.

Everything a user submits passes through one of these functions before it is
stored, and templates render stored text through them again (they are
idempotent), so a row edited outside the forms still cannot carry markup.
"""

import re

import bleach
from bleach.linkifier import Linker

# Story text: paragraphs, line breaks, emphasis, lists and links. Nothing else.
STORY_TAGS = frozenset({"p", "br", "em", "strong", "i", "b", "ul", "ol", "li", "a"})


# A raw double quote never appears in a real address (browsers send %22). With one, bleach writes the
# href in single quotes and escapes its "&" and "<" once more on every pass, so the sanitiser would
# not give the same output twice: such a link loses its href (its text stays).
def _story_link_attribute(tag, name, value):
    return name == "rel" or (name == "href" and '"' not in value)


STORY_ATTRIBUTES = {"a": _story_link_attribute}
SAFE_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# What a browser would start a tag or comment with ("a < b" is just text).
_TAG_LIKE = re.compile(r"<[a-zA-Z!/?]")
_BLOCK_TAG = re.compile(r"<(p|ul|ol)[\s>]")
_BLANK_LINES = re.compile(r"\n\s*\n")
# Control characters (other than tab and newlines) are invisible and html5lib turns them into "?":
# drop them, so a name or a story never shows "?" the person did not type.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _drop_controls(text):
    """Invisible control characters go; the ones that separate words (form feed, ...) become a space."""
    return _CONTROL_CHARS.sub(lambda match: " " if match.group().isspace() else "", text)


def _force_rel(attrs, new=False):
    """Every link people write is marked as theirs, never endorsed by us."""
    attrs[(None, "rel")] = LINK_REL
    return attrs


_linker = Linker(callbacks=[_force_rel], skip_tags={"pre", "code"}, parse_email=False)


def _normalise_newlines(text):
    return _drop_controls(text.replace("\r\n", "\n").replace("\r", "\n"))


def plain_text(value):
    """Strip every tag from a short field (a title, a name): the text stays, markup goes."""
    if value is None:
        return ""
    text = _drop_controls(str(value))
    # bleach escapes &, < and >; templates escape plain fields again, so keep the
    # characters people typed rather than entities. Unescaping can reveal a new tag
    # ("<scr<b></b>ipt>"), so clean until nothing changes.
    for _ in range(10):
        cleaned = bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True)
        cleaned = cleaned.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        if cleaned == text:
            break
        text = cleaned
    # "<<b" would leave "<b" after one pass: repeat until no tag opener is left.
    while _TAG_LIKE.search(text):
        text = _TAG_LIKE.sub(lambda match: match.group(0)[1:], text)
    return " ".join(text.split())


def _paragraphs(html):
    """Blank lines start a paragraph and single newlines become line breaks."""
    blocks = [block.strip() for block in _BLANK_LINES.split(html) if block.strip()]
    return "".join(f"<p>{block.replace(chr(10), '<br>')}</p>" for block in blocks)


def story_html(value):
    """Sanitise story text (a tribute, a testimony) to the story allow-list.

    Disallowed tags are removed (their text stays); text typed without paragraph
    markup is split into paragraphs at blank lines; links get rel="nofollow ugc noopener".
    """
    if not value:
        return ""
    text = _normalise_newlines(str(value)).strip()
    cleaned = bleach.clean(
        text,
        tags=STORY_TAGS,
        attributes=STORY_ATTRIBUTES,
        protocols=SAFE_PROTOCOLS,
        strip=True,
        strip_comments=True,
    ).strip()  # removed markup can leave spaces at the ends: trim again, so a second pass changes nothing
    if not _BLOCK_TAG.search(cleaned):
        cleaned = _paragraphs(cleaned)
    return _linker.linkify(cleaned)


def comment_html(value):
    """Comments are plain text: all markup stripped, URLs linked, line breaks kept."""
    if not value:
        return ""
    text = _normalise_newlines(str(value)).strip()
    escaped = bleach.clean(text, tags=set(), strip=True, strip_comments=True)
    linked = _linker.linkify(escaped)
    return linked.replace("\n", "<br>")


_BLOCK_END = re.compile(r"(</p>|</li>|<br\s*/?>)", re.IGNORECASE)


def text_only(html):
    """Stored story HTML as plain words for an excerpt: paragraph breaks become spaces, not nothing."""
    text = bleach.clean(_BLOCK_END.sub(" ", str(html or "")), tags=set(), strip=True)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def text_with_paragraphs(text):
    """Typed story text as `story_html` reads it: paragraphs (stripped) one blank line apart."""
    text = _normalise_newlines(str(text or "")).strip()
    return "\n\n".join(block.strip() for block in _BLANK_LINES.split(text) if block.strip())


# Stored story HTML written in paragraphs (what `_paragraphs` makes): <p>…</p><p>…</p>, none nested.
_PARAGRAPHS = re.compile(r"(?:<p>(?:(?!</?p[\s>]).)*</p>)+", re.DOTALL)
_PARAGRAPH = re.compile(r"<p>((?:(?!</?p[\s>]).)*)</p>", re.DOTALL)
_TOKENS = re.compile(r"(<a\s[^>]*>[^<]*</a>|<[^>]*>)")
_BR = re.compile(r"<br\s*/?>")
# In a text token, an escape that must stay one: "&lt;" before a letter would start a tag, and
# "&amp;" before a letter, digit or "#" could start a character reference.
_KEEP_LT = re.compile(r"&lt;(?=[a-zA-Z!/?])")
_KEEP_AMP = re.compile(r"&amp;(?=[#a-zA-Z0-9])")


def _text_token(token, careful):
    """A run of escaped text as typed. `careful` keeps the escapes `story_html` could not make again."""
    if careful:
        token = _KEEP_LT.sub("\0lt\0", _KEEP_AMP.sub("\0amp\0", token))
    token = token.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return token.replace("\0lt\0", "&lt;").replace("\0amp\0", "&amp;")


def _paragraph_as_typed(inner, careful):
    pieces = []
    for token in _TOKENS.split(inner):
        if not token:
            continue
        if _BR.fullmatch(token):
            pieces.append("\n")
        elif token.startswith("<a"):
            words = token[token.index(">") + 1 : -len("</a>")]
            pieces.append(_text_token(words, careful) if _linker.linkify(words) == token else token)
        elif token.startswith("<"):
            pieces.append(token)  # formatting the story allows (emphasis, a link with its own words)
        else:
            pieces.append(_text_token(token, careful))
    return "".join(pieces)


def _paragraph_text(inner):
    """One stored paragraph as the words typed: line breaks as newlines, links made from
    addresses back to the address, escapes undone (where `story_html` would make them again)."""
    for careful in (False, True):
        text = _paragraph_as_typed(inner, careful)
        if story_html(text) == f"<p>{inner}</p>":
            return text
    return inner


def story_text(html):
    """Stored story HTML as the words a family edits: paragraphs one blank line apart, line breaks kept.

    The inverse of `story_html` for what people type: `story_text(story_html(typed))` is the typed
    text (as `text_with_paragraphs` reads it), and `story_html(story_text(html)) == html` for any
    stored HTML, so saving an untouched edit box changes nothing. Formatting the allow-list keeps
    (emphasis, lists, a link with its own words) stays as its markup; a story written in its own
    block markup is shown as it was written.
    """
    html = str(html or "")
    if not html:
        return ""
    if _PARAGRAPHS.fullmatch(html):
        text = "\n\n".join(_paragraph_text(inner) for inner in _PARAGRAPH.findall(html))
        if story_html(text) == html:
            return text
    return html
