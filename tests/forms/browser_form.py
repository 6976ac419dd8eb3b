"""What a browser would send for a form, read from the HTML the way a browser builds it.

html5lib parses the page with the browsers' algorithm; the entry list follows the HTML
standard's "constructing the entry list" and each input type's value sanitisation, as
Chromium does it:

- inputs send the value as rendered (`value=""`), after the type's sanitisation: a date input
  whose value is not yyyy-mm-dd is sent empty, a number input with a value that is not a number
  is sent empty, text inputs lose line breaks, e-mail inputs lose surrounding spaces;
- checkboxes and radio buttons only when checked (a checkbox without a value sends "on");
- a select sends its selected options, or its first option when none is selected;
- a textarea sends its text (html5lib drops the newline just after `<textarea>`, as browsers do),
  with every line break as CR LF;
- disabled controls (or those in a disabled fieldset), nameless ones, file inputs with no file
  chosen, and every submit button but the one pressed send nothing.

`form_data_as_browser_sends(html, form_selector)` returns the entries as a dict of lists,
ready for `django.test.Client.post`.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import html5lib

_DATE = re.compile(r"\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?")
_NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")
_WHITESPACE = "\t\n\x0c\r "
_BUTTON_TYPES = {"submit", "image", "reset", "button"}


def _attr(element, name, default=None):
    return element.attrib.get(name, default)


def _text(element):
    return "".join(element.itertext())


def parse(html):
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


@dataclass
class Form:
    element: object
    action: str  # the path the form posts to (the page's own when the form names none)
    method: str
    entries: list = field(default_factory=list)  # (name, value) in tree order, submitter excluded
    buttons: list = field(default_factory=list)  # (name, value, text) of each submit button

    def data(self, submitter=None):
        """The entry list as a dict of lists, with the pressed button's own entry (if it has a name).

        `submitter` is a button's value or text; by default the form's first submit button, which
        is the one a browser uses when Enter is pressed in a field.
        """
        data = {}
        for name, value in self.entries:
            data.setdefault(name, []).append(value)
        button = self.button(submitter)
        if button and button[0]:
            data.setdefault(button[0], []).append(button[1])
        return data

    def button(self, submitter=None):
        if not self.buttons:
            return None
        if submitter is None:
            return self.buttons[0]
        for button in self.buttons:
            if submitter in (button[1], button[2]):
                return button
        raise AssertionError(f"no submit button {submitter!r} in the form; it has {self.buttons}")


def _disabled(element, parents):
    if _attr(element, "disabled") is not None:
        return True
    for ancestor in parents.get(element, []):
        if ancestor.tag == "fieldset" and _attr(ancestor, "disabled") is not None:
            legends = [child for child in ancestor if child.tag == "legend"]
            if not (legends and element in legends[0].iter()):
                return True
    return False


def _input_value(element):
    kind = (_attr(element, "type") or "text").lower()
    value = _attr(element, "value", "")
    if kind in {"text", "search", "tel", "password", "hidden"}:
        return kind, value.replace("\r", "").replace("\n", "") if kind != "hidden" else value
    if kind == "url":
        return kind, value.replace("\r", "").replace("\n", "").strip(_WHITESPACE)
    if kind == "email":
        if _attr(element, "multiple") is not None:
            return kind, ",".join(part.strip(_WHITESPACE) for part in value.split(","))
        return kind, value.replace("\r", "").replace("\n", "").strip(_WHITESPACE)
    if kind == "date":
        return kind, value if _DATE.fullmatch(value) else ""
    if kind == "time":
        return kind, value if _TIME.fullmatch(value) else ""
    if kind in {"number", "range"}:
        return kind, value if _NUMBER.fullmatch(value) else ""
    if kind in {"checkbox", "radio"}:
        return kind, _attr(element, "value", "on")
    return kind, value


def _option_value(option):
    value = _attr(option, "value")
    return value if value is not None else " ".join(_text(option).split())


def _select_values(select):
    options = list(select.iter("option"))
    chosen = [option for option in options if _attr(option, "selected") is not None]
    multiple = _attr(select, "multiple") is not None
    size = int(_attr(select, "size", "0") or 0)
    if not multiple:
        if chosen:
            chosen = chosen[-1:]  # the last `selected` option wins in a single select
        elif size <= 1:
            enabled = [option for option in options if _attr(option, "disabled") is None]
            chosen = enabled[:1]
    return [_option_value(option) for option in chosen if _attr(option, "disabled") is None]


def _controls(document, form):
    """The form's listed elements in tree order: its descendants and those naming it with form="id"."""
    form_id = _attr(form, "id")
    inside = set(form.iter())
    for element in document.iter():
        if element.tag not in {"input", "select", "textarea", "button"}:
            continue
        owner = _attr(element, "form")
        if (owner is not None and owner == form_id) or (owner is None and element in inside):
            yield element


def read_form(document, form, page_path):
    parents = {}
    stack = [(document, [])]
    while stack:
        node, ancestors = stack.pop()
        parents[node] = ancestors
        stack.extend((child, [*ancestors, node]) for child in node)
    action = urlsplit(urljoin(page_path, _attr(form, "action") or page_path)).path
    result = Form(element=form, action=action, method=(_attr(form, "method") or "get").lower())
    for element in _controls(document, form):
        name = _attr(element, "name")
        if element.tag == "button" or (
            element.tag == "input" and (_attr(element, "type") or "").lower() in _BUTTON_TYPES
        ):
            kind = (_attr(element, "type") or ("submit" if element.tag == "button" else "text")).lower()
            if kind in {"submit", "image"} and not _disabled(element, parents):
                text = " ".join(_text(element).split()) if element.tag == "button" else _attr(element, "value", "")
                result.buttons.append((name, _attr(element, "value", ""), text))
            continue
        if not name or _disabled(element, parents):
            continue
        if element.tag == "textarea":
            text = _text(element).replace("\r\n", "\n").replace("\r", "\n")
            result.entries.append((name, text.replace("\n", "\r\n")))
        elif element.tag == "select":
            result.entries.extend((name, value) for value in _select_values(element))
        else:
            kind, value = _input_value(element)
            if kind in {"checkbox", "radio"} and _attr(element, "checked") is None:
                continue
            if kind == "file":
                continue  # no file chosen: Django reads the empty part as no file at all
            result.entries.append((name, value))
    return result


_SELECTOR = re.compile(
    r"form(?:#(?P<id>[\w-]+))?(?:\.(?P<cls>[\w-]+))?(?:\[(?P<attr>[\w-]+)=\"?(?P<val>[^\"\]]*)\"?\])?"
)


def forms_in(html, page_path="/", method="post"):
    """Every form on the page with that method (all forms if `method` is None)."""
    document = parse(html)
    found = [read_form(document, form, page_path) for form in document.iter("form")]
    return [form for form in found if method is None or form.method == method]


def select_form(html, form_selector="form", page_path="/"):
    """The one form matching a small CSS selector: `form`, `form#id`, `form.class`, `form[attr=value]`."""
    match = _SELECTOR.fullmatch(form_selector)
    if not match:
        raise ValueError(f"unsupported selector {form_selector!r}")
    document = parse(html)
    chosen = []
    for form in document.iter("form"):
        if match["id"] and _attr(form, "id") != match["id"]:
            continue
        if match["cls"] and match["cls"] not in (_attr(form, "class") or "").split():
            continue
        if match["attr"]:
            value = _attr(form, match["attr"])
            if match["attr"] == "action":  # the path it posts to: the page's own when it names none
                value = urlsplit(urljoin(page_path, value or page_path)).path
            if value != match["val"]:
                continue
        chosen.append(form)
    if len(chosen) != 1:
        raise AssertionError(f"{len(chosen)} forms match {form_selector!r}")
    return read_form(document, chosen[0], page_path)


def form_data_as_browser_sends(html, form_selector="form", submitter=None, page_path="/"):
    """The data a browser would post for the selected form, untouched, as a dict of lists."""
    return select_form(html, form_selector, page_path).data(submitter)
