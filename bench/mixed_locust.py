"""The members and moderators of bench/mixed.py, for locust (run only from bench/.venv: gevent
patches this process, never Django's). Reads the plan (sessions, pages) from MIXED_PLAN and writes
what the clients were answered to MIXED_OUT, for bench/mixed.py to check against the database.

Production cookies are Secure, so over plain HTTP each client sends its session and CSRF cookie
itself. Posting is limited to 5 a minute per member: each member posts at most once in 13 s, and
an answer 429 is recorded as refused (checked: nothing kept), not as an error.
"""

import html
import itertools
import json
import os
import random
import re
import secrets
import time

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["MIXED_PLAN"]).read())  # noqa: SIM115, PTH123
POSTS, APPROVALS = [], []
POSTED_AT = {}  # comment pk -> the page (with ?responses=N) its author was sent back to
MEMBER_INDEX, MODERATOR_INDEX = itertools.count(), itertools.count()
POST_EVERY = 13  # seconds: at most 5 a minute per member
FORM = re.compile(r'<form[^>]*action="/comments/post/"[^>]*>(.*?)</form>', re.S)
INPUT = re.compile(r"<input([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def inputs(form_html):
    fields = {}
    for tag in INPUT.findall(form_html):
        attrs = dict(ATTR.findall(tag))
        if "name" not in attrs or attrs.get("type") in ("checkbox", "submit"):
            continue  # an unchecked box sends nothing
        fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
    return fields


class Client(HttpUser):
    """Someone signed in, sending their own cookies."""

    abstract = True

    def cookies(self):
        jar = f"sessionid={self.session_key}"
        return {"Cookie": jar + (f"; csrftoken={self.csrf}" if self.csrf else "")}

    def get(self, path, name, expect=(200,)):
        with self.client.get(
            path, name=name, headers=self.cookies(), allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code in expect:
                response.success()
            else:  # a member or moderator sent elsewhere (terms, second factor) is an error here
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
        match = re.search(r"csrftoken=([^;]+)", response.headers.get("Set-Cookie", ""))
        if match:
            self.csrf = match.group(1)
        return response

    def post(self, path, data, name, expect=(302,)):
        with self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": self.csrf or ""},
            name=name,
            headers=self.cookies(),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code in expect:
                response.success()
            else:
                response.failure(f"{response.status_code}")
        return response

    def page(self, path, name):
        response = self.get(path, name)
        if response.status_code != 200:
            return None
        return response.text


class Member(Client):
    """A resident reading and taking part: their own session, as signing in made it."""

    wait_time = between(0.5, 2)

    def on_start(self):
        self.session_key = PLAN["members"][next(MEMBER_INDEX) % len(PLAN["members"])]
        self.csrf = None
        self.last_post = 0.0

    @task(6)
    def read_story(self):
        self.page(random.choice(PLAN["stories"]), "story")

    @task(4)
    def read_thread(self):
        self.page(random.choice(PLAN["threads"]), "thread")

    @task(3)
    def search(self):
        self.page(f"/search/?q={random.choice(['remember', 'family', 'music', 'hope', 'summer'])}", "search")

    @task(2)
    def light_candle(self):
        self.page("/stories/", "stories list")  # for the CSRF cookie as a reader has it
        self.post(f"/memorials/{random.choice(PLAN['memorials'])}/candle/light/", {}, "candle", expect=(302, 429))

    @task(1)
    def follow(self):
        path = random.choice(PLAN["threads"])
        text = self.page(path, "thread")
        match = text and re.search(r'<input type="hidden" name="page" value="(\d+)">', text)
        if match:
            self.post("/follow/", {"page": match.group(1), "next": path}, "follow")

    @task(3)
    def respond(self):
        if time.monotonic() - self.last_post < POST_EVERY:
            return
        path = random.choice(PLAN["stories"] + PLAN["threads"])
        reply_to = None
        if random.random() < 0.5:
            text = self.page(path, "story or thread")
            ids = re.findall(r'<li class="comment" id="c(\d+)"', text or "")
            if ids:
                reply_to = random.choice(ids)
        text = self.page(
            f"{path}?reply_to={reply_to}" if reply_to else path, "reply form" if reply_to else "story or thread"
        )
        form = FORM.search(text or "")
        if not form:
            return
        fields = inputs(form.group(1))
        token = f"mixed-token-{secrets.token_hex(8)}"
        fields["comment"] = f"Thinking of everyone here today. {token}"
        self.last_post = time.monotonic()
        response = self.post(
            "/comments/post/", fields, "post reply" if reply_to else "post response", expect=(302, 429)
        )
        match = re.search(r"#c(\d+)$", response.headers.get("Location", ""))
        record = {
            "token": token,
            "status": response.status_code,
            "page": path,
            "reply_to": int(fields.get("reply_to") or 0) or None,
            "pk": int(match.group(1)) if match else None,
            "location": response.headers.get("Location"),
            # Why a form came back instead (its first message), for the report.
            "message": None
            if match
            else " ".join(re.findall(r'class="message[^"]*"[^>]*>(.*?)<', response.text))[:200],
        }
        POSTS.append(record)
        if record["pk"]:
            POSTED_AT[record["pk"]] = record["location"].split("#")[0]

    @task(1)
    def report(self):
        path = random.choice(PLAN["stories"])
        text = self.page(path, "story")
        ids = re.findall(r'<li class="comment" id="c(\d+)"', text or "")
        if not ids:
            return
        pk = random.choice(ids)
        # A member's own response is not theirs to report: the site sends them back to the page (302).
        answer = self.get(f"/comments/{pk}/report/", "report form", expect=(200, 302))
        if answer.status_code != 200:
            return
        form = answer.text
        reason = re.search(r'name="reason" value="([^"]+)"', form)
        data = {
            "reason": reason.group(1) if reason else "other",
            "detail": "Bench: please look at this.",
            "next": path,
        }
        self.post(f"/comments/{pk}/report/", data, "report", expect=(302, 429))


class Moderator(Client):
    """A moderator approving what is held, oldest first; after each approval a visitor (no session)
    asks for the page afresh and must see the response."""

    fixed_count = 2
    wait_time = between(0.5, 1)

    def on_start(self):
        self.session_key = PLAN["moderators"][next(MODERATOR_INDEX) % len(PLAN["moderators"])]
        self.csrf = None

    @task
    def approve(self):
        queue = self.page("/admin/comment-moderation/?tab=held", "moderation queue")
        rows = re.findall(
            r'name="approve_one" value="(\d+)"[^>]*>Approve<span class="w-sr-only"> response (\d+)<', queue or ""
        )
        if not rows:
            return
        review, pk = random.choice(rows[:5])
        response = self.post(
            "/admin/comment-moderation/act/", {"approve_one": review, "tab": "held"}, "moderation approve"
        )
        if response.status_code != 302:
            return
        pk = int(pk)
        page = POSTED_AT.get(pk)
        if page is None:
            link = re.search(rf'<a href="([^"#]+)#c{pk}"', queue)
            page = link and html.unescape(link.group(1))
        seen = False
        if page:
            reader = self.client.get(page, name="next reader (visitor)", allow_redirects=False)
            seen = f'id="c{pk}"' in reader.text
        APPROVALS.append({"pk": pk, "page": page, "seen": seen})


@events.quitting.add_listener
def save(environment, **kwargs):
    with open(os.environ["MIXED_OUT"], "w") as out:  # noqa: PTH123
        json.dump({"posts": POSTS, "approvals": APPROVALS}, out)
