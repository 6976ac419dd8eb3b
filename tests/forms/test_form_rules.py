"""What every form promises: no `maxlength` that cuts a paste, a refusal that says how much to cut
and keeps every character, a word when formatting is removed, safe defaults for a new story,
radio buttons that are a labelled group, and "(optional)" said once."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse

from boroughs.models import Borough, BoroughPage, ThreadPage
from core.forms import BrowserDateInput, LimitedCharField, too_long_message
from moderation.models import CommentFlagReport
from stories.models import CommentPolicy, MemorialPage, TestimonyPage
from tests.factories import MemorialPageFactory, ThreadPageFactory
from tests.moderation.helpers import make_comment

from .browser_form import form_data_as_browser_sends, forms_in, parse, select_form

pytestmark = pytest.mark.filterwarnings("ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def long_text(length, line="I have so much to say about him. "):
    """`length` characters in lines, as a browser sends a textarea (CR LF between lines)."""
    lines, total = [], 0
    while total < length:
        piece = line[: max(1, min(len(line), length - total - (2 if lines else 0)))]
        lines.append(piece)
        total += len(piece) + (1 if len(lines) > 1 else 0)
    text = "\n".join(lines)[:length]
    if text[-1].isspace():
        text = text[:-1] + "."  # a browser sends trailing spaces, but the form trims them
    assert len(text) == length
    return text


def textarea_text(html, name):
    (area,) = [e for e in parse(html).iter("textarea") if e.get("name") == name]
    return "".join(area.itertext())


def no_maxlength(html):
    return [f"{e.tag} {e.get('name')}" for e in parse(html).iter() if e.get("maxlength") is not None]


# --- length limits -------------------------------------------------------------------------------


def test_the_refusal_says_how_much_to_cut():
    assert too_long_message(3214, 3000, "responses") == (
        "This is 3,214 characters; responses can be up to 3,000. Please shorten it by 214 characters."
    )
    assert too_long_message(121, 120, "a title").endswith("Please shorten it by 1 character.")


def test_a_limited_field_renders_no_maxlength_and_counts_a_line_break_once():
    field = LimitedCharField(max_length=10, what="notes")
    assert "maxlength" not in field.widget_attrs(field.widget)
    assert field.clean("one\r\ntwo\r\n") == "one\ntwo"  # 7 characters, not 9
    with pytest.raises(Exception, match="This is 11 characters; notes can be up to 10"):
        field.clean("x" * 11)


def test_no_form_renders_a_maxlength_that_cuts_what_is_pasted(family_client, family, resident_client, tree):
    story = MemorialPageFactory(owner=family, title="Sam", comment_policy=CommentPolicy.OPEN)
    comment = make_comment(story, family)
    pages = [
        (resident_client, f"{story.url}?reply_to={comment.pk}"),  # the reply form under a response
        (family_client, reverse("share_memorial")),
        (family_client, reverse("share_testimony")),
        (family_client, reverse("edit_story", args=[story.pk])),
        (family_client, story.url),
        (resident_client, story.url),
        (resident_client, reverse("share_story")),
        (resident_client, reverse("start_thread", args=["lambeth"])),
    ]
    found = {path: no_maxlength(client.get(path).content.decode()) for client, path in pages}
    assert not any(found.values()), found
    assert f'id="reply-{comment.pk}-text"' in resident_client.get(pages[0][1]).content.decode()


def test_an_over_long_response_is_refused_with_how_much_to_cut_and_comes_back_whole(family, resident_client):
    story = MemorialPageFactory(owner=family, title="Sam", comment_policy=CommentPolicy.OPEN)
    data = form_data_as_browser_sends(
        resident_client.get(story.url).content.decode(), 'form[action="/comments/post/"]', page_path=story.url
    )
    typed = long_text(3214)
    data["comment"] = [typed.replace("\n", "\r\n")]
    response = resident_client.post("/comments/post/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This is 3,214 characters; responses can be up to 3,000. Please shorten it by 214 characters." in html
    assert textarea_text(html, "comment") == typed  # every character, line breaks included

    data["comment"] = [long_text(3000).replace("\n", "\r\n")]  # CR LF is one character, as the browser counts
    assert resident_client.post("/comments/post/", data).status_code == 302


def test_an_over_long_discussion_is_refused_with_how_much_to_cut_and_comes_back_whole(resident_client):
    path = reverse("start_thread", args=["lambeth"])
    data = form_data_as_browser_sends(
        resident_client.get(path).content.decode(), f"form[action={path}]", page_path=path
    )
    typed = long_text(5050)
    data.update(title=["Safer routes home"], body=[typed.replace("\n", "\r\n")])
    response = resident_client.post(path, data)
    html = response.content.decode()
    assert response.status_code == 200 and not ThreadPage.objects.exists()
    assert "This is 5,050 characters; discussions can be up to 5,000. Please shorten it by 50 characters." in html
    assert textarea_text(html, "body") == typed


def test_an_over_long_story_keeps_everything_typed(family_client, tree):
    typed = long_text(30_010)
    data = {
        "person_name": "Sam",
        "borough": Borough.objects.get(slug="lambeth").pk,
        "body": typed,
        "comment_policy": "premoderated",
        "action": "draft",
    }
    response = family_client.post(reverse("share_memorial"), data)
    html = response.content.decode()
    assert "This is 30,010 characters; a story can be up to 30,000. Please shorten it by 10 characters." in html
    assert textarea_text(html, "body") == typed and not MemorialPage.objects.exists()


# --- formatting removed ----------------------------------------------------------------------------


def messages_after(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_removed_formatting_is_mentioned_on_the_preview(family_client, tree):
    data = {
        "title": "After the <b>trial</b>",
        "borough": Borough.objects.get(slug="lambeth").pk,
        "body": "Nobody <script>alert(1)</script>called.\r\n\r\nNot once.",
        "comment_policy": "premoderated",
        "action": "preview",
    }
    response = family_client.post(reverse("share_testimony"), data, follow=True)
    html = response.content.decode()
    assert "We removed some formatting (HTML tags) from “title” and “your account”" in html
    assert TestimonyPage.objects.get().title == "After the trial"


def test_no_notice_when_nothing_was_removed(family_client, tree):
    data = {
        "title": "Fish & chips, a < b",
        "borough": Borough.objects.get(slug="lambeth").pk,
        "body": "He loved <em>the sea</em>.\r\n\r\nAnd https://example.org.",
        "comment_policy": "premoderated",
        "action": "preview",
    }
    response = family_client.post(reverse("share_testimony"), data, follow=True)
    assert "We removed some formatting" not in response.content.decode()


def test_removed_formatting_is_mentioned_after_a_discussion_and_a_response(resident_client, family):
    path = reverse("start_thread", args=["lambeth"])
    response = resident_client.post(
        path, {"title": "Safer <i>routes</i>", "body": "Which <b>streets</b>?"}, follow=True
    )
    assert any("from “title” and “opening post”" in text for text in messages_after(response))

    story = MemorialPageFactory(owner=family, title="Sam", comment_policy=CommentPolicy.OPEN)
    data = form_data_as_browser_sends(
        resident_client.get(story.url).content.decode(), 'form[action="/comments/post/"]', page_path=story.url
    )
    data["comment"] = ["Thinking of you <img src=x onerror=alert(1)>all."]
    response = resident_client.post("/comments/post/", data, follow=True)
    assert any("from “your response”" in text for text in messages_after(response))


# --- safe defaults ---------------------------------------------------------------------------------


def test_a_new_memorial_starts_premoderated_and_unlisted_and_says_why(family_client, tree):
    path = reverse("share_memorial")
    html = family_client.get(path).content.decode()
    form = select_form(html, f"form[action={path}]", page_path=path)
    data = form.data("Save as draft")
    assert data["comment_policy"] == ["premoderated"]
    assert "search_engines_allowed" not in data  # unticked: a browser sends nothing
    assert "a moderator reads every response before anyone else can see it" in html
    assert "not by searching for their name on Google" in html
    data.update(person_name=["Sam"], borough=[str(Borough.objects.get(slug="lambeth").pk)], body=["Words."])
    assert family_client.post(path, data).status_code == 302
    story = MemorialPage.objects.get().get_latest_revision_as_object()
    assert story.comment_policy == CommentPolicy.PREMODERATED
    assert story.search_engines_allowed is False


def test_the_family_can_choose_otherwise(family_client, tree):
    data = {
        "person_name": "Sam",
        "borough": Borough.objects.get(slug="lambeth").pk,
        "body": "Words.",
        "comment_policy": "open",
        "search_engines_allowed": "on",
        "action": "draft",
    }
    family_client.post(reverse("share_memorial"), data)
    story = MemorialPage.objects.get().get_latest_revision_as_object()
    assert (story.comment_policy, story.search_engines_allowed) == (CommentPolicy.OPEN, True)


# --- radios, checkboxes, labels -------------------------------------------------------------------


def choice_groups(html):
    """Each fieldset of radios/checkboxes: (legend text, [(input id, label text right after it)])."""
    groups = []
    for fieldset in parse(html).iter("fieldset"):
        legend = fieldset.find("legend")
        choices = []
        for holder in fieldset.iter("div"):
            children = list(holder)
            if len(children) == 2 and children[0].tag == "input" and children[1].tag == "label":
                assert children[1].get("for") == children[0].get("id")
                choices.append((children[0].get("type"), "".join(children[1].itertext()).strip()))
        inputs = [e for e in fieldset.iter("input") if e.get("type") in ("radio", "checkbox")]
        assert len(inputs) == len(choices), "an input without its own label beside it"
        groups.append((" ".join("".join(legend.itertext()).split()) if legend is not None else None, choices))
    return groups


def test_the_report_form_is_a_group_of_radios_each_beside_its_label(resident_client, family):
    story = MemorialPageFactory(owner=family, title="Sam")
    comment = make_comment(story, family)
    path = reverse("comment_flag", args=[comment.pk])
    html = resident_client.get(path).content.decode()
    ((legend, choices),) = [g for g in choice_groups(html) if g[0] and "wrong" in g[0]]
    assert legend == "What is wrong with this comment?"
    assert len(choices) == len(CommentFlagReport._meta.get_field("reason").choices)
    assert all(kind == "radio" for kind, _ in choices)

    response = resident_client.post(path, {"next": story.url})  # nothing chosen: the error is in the group
    (fieldset,) = [f for f in parse(response.content.decode()).iter("fieldset") if "field--error" in f.get("class")]
    assert "Please choose the reason that fits best." in "".join(fieldset.itertext())
    assert fieldset.get("aria-describedby") == "id_reason_error"
    summary_links = [
        a.get("href") for a in parse(response.content.decode()).iter("a") if "reason" in a.get("href", "")
    ]
    assert summary_links == ["#id_reason_0"]  # the error summary takes the reader to the first choice


def test_story_and_policy_radios_and_note_checkboxes_are_labelled_groups(family_client, family):
    story = MemorialPageFactory(owner=family, title="Sam")
    groups = dict(choice_groups(family_client.get(reverse("edit_story", args=[story.pk])).content.decode()))
    assert [kind for kind, _ in groups["Responses to this story"]] == ["radio"] * 3
    assert [kind for kind, _ in groups["Content notes (optional)"]] == ["checkbox"] * 4
    groups = dict(choice_groups(family_client.get(story.url).content.decode()))
    assert [kind for kind, _ in groups["Who may respond to your story"]] == ["radio"] * 3


def test_optional_is_said_once(resident_client):
    html = resident_client.get(reverse("share_story")).content.decode()
    (label,) = [e for e in parse(html).iter("label") if e.get("for") == "id_message"]
    assert " ".join("".join(label.itertext()).split()) == "Tell the moderators who you are remembering (optional)"


def test_thread_edit_form_groups_its_notes(resident, resident_client):
    lambeth = BoroughPage.objects.get(slug="lambeth")
    thread = ThreadPageFactory(
        title="Routes", slug="routes", body="Opening", owner=resident, borough=lambeth.borough, live=False
    )
    groups = dict(choice_groups(resident_client.get(reverse("edit_thread", args=[thread.pk])).content.decode()))
    assert [kind for kind, _ in groups["Content notes (optional)"]] == ["checkbox"] * 4


# --- the browser's form data set -------------------------------------------------------------------


def test_the_helper_builds_the_form_data_set_as_a_browser_does():
    html = """<form method="post" action="/x/">
        <input name="a" value="one"><input name="born" type="date" value="12/04/2001">
        <input name="died" type="date" value="2022-08-30"><input name="n" type="number" value="1,5">
        <input type="checkbox" name="ticked" checked><input type="checkbox" name="unticked" value="y">
        <input type="radio" name="r" value="1"><input type="radio" name="r" value="2" checked>
        <select name="s"><option value="">Choose</option><option value="7">Seven</option></select>
        <select name="t"><option>Plain  text</option><option selected value="9">Nine</option></select>
        <textarea name="body">
Line one
line two</textarea>
        <input name="off" value="x" disabled><fieldset disabled><input name="off2" value="y"></fieldset>
        <input type="file" name="photo"><button name="action" value="draft">Save as draft</button>
        <button name="action" value="submit">Send</button></form><input form="other" name="elsewhere" value="z">"""
    data = form_data_as_browser_sends(html, "form[action=/x/]", submitter="Send")
    assert data == {
        "a": ["one"],
        "born": [""],  # Chromium drops a date it cannot read
        "died": ["2022-08-30"],
        "n": [""],
        "ticked": ["on"],
        "r": ["2"],
        "s": [""],
        "t": ["9"],
        "body": ["Line one\r\nline two"],
        "action": ["submit"],
    }
    assert len(forms_in(html)) == 1
    assert forms_in(html)[0].data()["action"] == ["draft"]  # Enter presses the first button


def test_browser_date_input_renders_yyyy_mm_dd_whatever_the_locale(settings):
    settings.LANGUAGE_CODE = "en-gb"
    html = BrowserDateInput().render("born", datetime.date(2001, 4, 12))
    assert 'type="date"' in html and 'value="2001-04-12"' in html


# --- the story box holds words ---------------------------------------------------------------------

TYPED = "He loved the sea, fish & chips on the front.\n\nHe wanted to be a nurse.\nOr a teacher, he said."


def test_the_edit_box_gives_back_the_words_typed_after_save_preview_and_edit(family_client, tree):
    data = {
        "person_name": "Sam",
        "borough": Borough.objects.get(slug="lambeth").pk,
        "body": TYPED.replace("\n", "\r\n"),
        "comment_policy": "premoderated",
        "action": "preview",
    }
    response = family_client.post(reverse("share_memorial"), data)
    story = MemorialPage.objects.get()
    assert "<p>He loved the sea" in family_client.get(response["Location"]).content.decode()  # the preview
    path = reverse("edit_story", args=[story.pk])
    html = family_client.get(path).content.decode()
    assert textarea_text(html, "body") == TYPED  # words, never "<p>…"
    stored = story.get_latest_revision_as_object().body
    again = select_form(html, f"form[action={path}]", page_path=path).data("Save and preview")
    family_client.post(path, again)
    assert MemorialPage.objects.get().get_latest_revision_as_object().body == stored
    assert textarea_text(family_client.get(path).content.decode(), "body") == TYPED


def test_the_discussion_edit_box_gives_back_the_words_typed(resident, resident_client):
    path = reverse("start_thread", args=["lambeth"])
    resident_client.post(path, {"title": "Safer routes", "body": TYPED.replace("\n", "\r\n")})
    thread = ThreadPage.objects.get()
    html = resident_client.get(reverse("edit_thread", args=[thread.pk])).content.decode()
    assert textarea_text(html, "body") == TYPED
