"""What "no executable markup" and "nothing lost" mean, checked the way a browser parses HTML.

`executable_markup(html)` parses a page (or part of one) with html5lib, the WHATWG parsing
algorithm that browsers implement, and lists every element, attribute or URL that could run
code or pull in active content. `kept_text(typed, shown)` checks that everything a person
typed, apart from markup, is still there in what the page shows.
"""

import html
import re
import unicodedata
from functools import lru_cache

import html5lib
from html5lib._tokenizer import HTMLTokenizer
from html5lib.constants import tokenTypes

# Elements that run script, embed documents or restyle the page.
FORBIDDEN_ELEMENTS = frozenset(
    {
        "script",
        "svg",
        "math",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "style",
        "base",
        "portal",
        "template",
        "noscript",
        "xml",
        "import",
        "isindex",
    }
)
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "data",
        "background",
        "poster",
        "lowsrc",
        "dynsrc",
        "codebase",
        "cite",
        "longdesc",
        "manifest",
        "ping",
        "xlink:href",
        "to",
        "from",
        "values",
    }
)
SITE_LINK_RELS = frozenset({"stylesheet", "canonical", "icon", "apple-touch-icon", "manifest", "alternate"})
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
# In raw HTML a correctly escaped page never contains these: any occurrence is a real tag.
RAW_TAG = re.compile(r"<\s*/?\s*(script|svg|math|iframe|object|embed|style)\b", re.IGNORECASE)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f]+")


@lru_cache(maxsize=8)
def _parse(markup):
    """A page is often checked several ways: parse it once (html5lib is pure Python)."""
    return html5lib.parse(markup, namespaceHTMLElements=False)


def _local(name):
    return name.rsplit("}", 1)[-1].lower()


def _is_dangerous_url(value):
    # The parser has decoded entities already. Browsers ignore whitespace and control
    # characters inside a scheme ("java\tscript:").
    squeezed = _URL_NOISE.sub("", value).lower()
    return squeezed.startswith(DANGEROUS_SCHEMES)


def executable_markup(markup, *, allow_site_chrome=True):
    """Everything in `markup` that could run code. An empty list means the markup is inert.

    The site's own `<link rel="stylesheet|canonical|icon" href="...">` and plain `<meta>` tags are
    allowed when `allow_site_chrome` is true; nothing else that is not plain document markup.
    """
    problems = [f"raw tag {match.group(0)!r}" for match in RAW_TAG.finditer(markup)]
    document = _parse(markup)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        tag = _local(element.tag)
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"<{tag}> element")
        if tag == "link" and not (
            allow_site_chrome
            and element.get("rel") in SITE_LINK_RELS
            and not _is_dangerous_url(element.get("href", ""))
            and set(element.attrib) <= {"rel", "href", "type", "sizes", "title"}
        ):
            problems.append(f"<link {dict(element.attrib)}>")
        if tag == "meta" and (element.get("http-equiv") or not allow_site_chrome):
            problems.append(f"<meta {dict(element.attrib)}>")
        for raw_name, value in element.attrib.items():
            name = _local(raw_name) if not raw_name.endswith("}href") else "xlink:href"
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...> event handler")
            elif name == "style":
                problems.append(f"<{tag} style=...> inline style")
            elif name in URL_ATTRIBUTES and tag != "meta" and _is_dangerous_url(value):
                problems.append(f"<{tag} {name}={value!r}> script URL")
    return problems


def element_text(markup, element_id=None, css_class=None):
    """The text content of the first element with that id or class in a page, as a browser shows it."""
    document = _parse(markup)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if (element_id and element.get("id") == element_id) or (
            css_class and css_class in element.get("class", "").split()
        ):
            return "".join(element.itertext())
    raise AssertionError(f"no element with id={element_id!r} class={css_class!r} in the page")


def elements(markup, tag):
    document = _parse(markup)
    return [element for element in document.iter() if isinstance(element.tag, str) and _local(element.tag) == tag]


def text_outside_tags(markup):
    """The characters of `markup` that are not part of a tag, comment or doctype (entities decoded).

    Uses html5lib's tokenizer, which splits text from tags exactly as a browser's does.
    Invisible control characters are not text anyone can see: they are left out first.
    """
    markup = "".join(ch for ch in markup if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")
    data = {tokenTypes["Characters"], tokenTypes["SpaceCharacters"]}
    text = "".join(token["data"] for token in HTMLTokenizer(markup) if token["type"] in data)
    # An unfinished end tag at the very end ("...</") is shown by browsers but dropped by bleach:
    # it is markup someone did not finish typing, not words.
    return text.removesuffix("</")


def text_without_any_markup(markup):
    """As `text_outside_tags`, repeated until stable: markup typed as entities ("&lt;b&gt;") is markup too."""
    for _ in range(10):
        text = text_outside_tags(markup)
        if text == markup:
            break
        markup = text
    return markup


_IGNORED = set("<>&\"'")


def _significant(text):
    """What counts when comparing texts: no whitespace, no markup punctuation, no control characters."""
    text = html.unescape(html.unescape(text))
    return [ch for ch in text if not ch.isspace() and ch not in _IGNORED and unicodedata.category(ch) != "Cc"]


def _is_subsequence(needle, haystack):
    remaining = iter(haystack)
    return all(ch in remaining for ch in needle)


def lost_text(expected, shown):
    """'' when every significant character of `expected` appears, in order, in `shown`; else a description."""
    want, have = _significant(expected), _significant(shown)
    if _is_subsequence(want, have):
        return ""
    return f"expected the text {expected!r} to be shown, but the page shows {shown!r}"


def invented_text(typed, shown):
    """'' when `shown` adds nothing that was not typed (characters in order); else a description."""
    if _is_subsequence(_significant(shown), _significant(typed)):
        return ""
    return f"the page shows {shown!r}, which adds characters to what was typed ({typed!r})"
