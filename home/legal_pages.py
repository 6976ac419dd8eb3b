"""Starter text for the four public pages every member should be able to read: the terms of
service, the community guidelines, the privacy notice and how moderation works.

The Online Safety Act 2023 asks a user-to-user service to say in its terms how it protects people
from illegal content and how to report and complain (ss.10, 20, 21), and UK GDPR asks us to say
what we keep and why. These pages are where that is said. Each begins with a visible note that it
is starter text for a lawyer to review (see docs/online-safety/README.md).

`ensure_legal_pages(home)` creates any that are missing as plain pages (`home.StandardPage`)
under the home page, published through a revision like any editor's change, so editors see
their history. It is idempotent and runs on every deploy (`manage.py setup_site`). It never
overwrites a page a person has changed: a page is only (re)written while every revision it has
was made by this function (none has a user) and what is live is still words this module or
`home.site_tree` wrote. Anything an editor saves, even a draft, leaves the page to them.
"""

from dataclasses import dataclass

from home.models import StandardPage
from home.site_tree import STANDARD_PAGES

REVIEW_NOTE = "Starter text: to be reviewed by a lawyer before launch."

_NOTE = (
    f"<p><b>{REVIEW_NOTE}</b> These words describe how London Listens works today. "
    "They are not yet legal advice, and they may change before the site opens.</p>"
)


@dataclass(frozen=True)
class LegalPage:
    slug: str
    title: str
    body: str


TERMS = LegalPage(
    "terms",
    "Terms of service",
    _NOTE + "<p>London Listens is a place for families in London who have lost someone to violent crime "
    "to be heard, and for their neighbours to listen and respond with care. These terms are the "
    "agreement between you and us when you use the site. Please read them with the "
    '<a href="/community-guidelines/">community guidelines</a>, the '
    '<a href="/privacy/">privacy notice</a> and '
    '<a href="/how-moderation-works/">how moderation works</a>.</p>'
    "<h2>Who can join</h2>"
    "<p>Anyone can read what is published. To respond, start a discussion, light a candle or follow a "
    "page, you need an account, and you must be 18 or over. Stories here describe violent deaths "
    "and court cases, often in detail, and we are not able to make them safe for children.</p>"
    "<p>If you are under 18 and you need to talk to someone, you can call Childline free on "
    '<a href="tel:08001111">0800 1111</a> or visit <a href="https://www.childline.org.uk">childline.org.uk</a>, '
    'or find The Mix at <a href="https://www.themix.org.uk">themix.org.uk</a>.</p>'
    "<p>Family members who want to share a memorial or a testimony ask for the family role from the "
    '"Share a story" page. A moderator reads each request and may get in touch before granting it.</p>'
    "<h2>Your account</h2>"
    "<ul>"
    "<li>Sign up with an e-mail address you can receive mail at; we ask you to confirm it.</li>"
    "<li>Choose a display name. A first name or a pseudonym is fine, but it must not pretend to be "
    "someone else. Moderators can always see which account wrote something.</li>"
    "<li>Keep your password to yourself. One account per person.</li>"
    "</ul>"
    "<h2>What you may post</h2>"
    "<p>Responses, discussions and stories must follow the "
    '<a href="/community-guidelines/">community guidelines</a>. In short: be kind, never point at '
    "anyone you believe was involved, never name a child involved in a case, and leave out graphic "
    "detail of how someone died.</p>"
    "<p>Nothing illegal may be posted here. That includes threats, harassment or stalking, hatred "
    "against people for who they are, encouraging violence, terrorism, self-harm or suicide, "
    "fraud and scams, selling drugs or weapons, sharing intimate images of anyone without their "
    "consent, and any sexual content involving children. It also includes anything that could put "
    "a court case at risk or break a court's reporting restrictions.</p>"
    "<h2>How we moderate</h2>"
    "<ul>"
    "<li>Every memorial, testimony and discussion is read by a moderator before it is published, "
    "and again each time it is changed.</li>"
    "<li>Every response is checked by our filters when it is sent. Some wait for a moderator "
    "first: responses from people who are new here, responses on pages where the family or a "
    "moderator has asked for every response to be read, and any that contain words on our screening "
    "list (threats, revenge, postcode taunts), a phone number, or an e-mail or street address.</li>"
    "<li>Anyone signed in can report a response. When three different members report one, it is "
    "hidden until a moderator decides. A family can ask for any response on their story to be "
    "hidden at once while a moderator looks.</li>"
    "<li>We remove illegal content as soon as we know about it, and we may tell the police when "
    "someone may be in danger or a crime may have been committed.</li>"
    "</ul>"
    '<p><a href="/how-moderation-works/">How moderation works</a> explains each step.</p>'
    "<h2>If you break these terms</h2>"
    "<p>A moderator may decline to publish something, remove it, or take a step on your account: a "
    "warning, reading each of your responses before it appears, pausing your account from posting "
    "for a time, or stopping it from posting altogether. We always e-mail you the reason. You can "
    "still sign in to download or delete your data.</p>"
    "<h2>If you think we got it wrong</h2>"
    "<p>Reply to the e-mail we sent you about the decision, and another moderator will look again. "
    "You can also write to us to complain about something you have seen on the site, or about how "
    "we handled a report. We reply to every message. A simpler way to appeal and complain on the "
    "site itself is being built.</p>"
    "<h2>Your words</h2>"
    "<p>What you write stays yours. By posting it you let us show it on London Listens, in its "
    "search, feeds and e-mails to people who follow the page, for as long as it is published. A "
    "family can keep their story out of search engines. You can take a story down from "
    '"My stories", and you can <a href="/me/delete/">delete your account</a> at any time: '
    "the privacy notice explains exactly what then happens to what you wrote.</p>"
    "<h2>Changes to these terms</h2>"
    "<p>If we change these terms in a way that matters, we will say so on the site and e-mail "
    "members before the change takes effect.</p>"
    "<p>These terms are governed by the law of England and Wales.</p>",
)

COMMUNITY_GUIDELINES = LegalPage(
    "community-guidelines",
    "Community guidelines",
    _NOTE + "<p>Everyone who reads London Listens is here because of a death, or because they care about "
    "the people left behind. Families read every word written about the person they love. These "
    "guidelines are how we look after them, and each other.</p>"
    "<h2>Be kind</h2>"
    "<ul>"
    "<li>Write to the family as you would speak to them in person.</li>"
    "<li>Share a memory, a kindness, or what you would like to change in your borough.</li>"
    "<li>Disagree gently and about ideas, never about a person.</li>"
    "<li>Only supportive reactions are offered here: a candle, a kind word.</li>"
    "</ul>"
    "<h2>Do not speculate about who was responsible</h2>"
    "<ul>"
    "<li>Never name, describe or point at anyone you believe was involved, even with a nickname, "
    'a photo, a street, a school or "everyone knows who".</li>'
    "<li>Do not say or suggest that anyone is guilty or innocent. If someone has been arrested or "
    "charged, or a trial is under way, what is written online can put the case at risk, and the "
    "family may lose the justice they are waiting for.</li>"
    "<li>Do not discuss evidence, what witnesses said, or anything the court has not made public.</li>"
    "</ul>"
    "<h2>Protect children and people the law protects</h2>"
    "<ul>"
    "<li>Never name or identify a child or young person involved in a case, whether they are a "
    "victim, a witness or accused. Courts often forbid it, and it can follow them for life.</li>"
    "<li>Never name or identify anyone who may be the victim of a sexual offence. The law protects "
    "them for the whole of their life.</li>"
    "</ul>"
    "<h2>Leave out how someone died</h2>"
    "<p>Families decide how much of what happened to tell. Please do not add graphic detail of "
    "injuries or of how someone died, and do not share images of it. Families telling their own "
    "story may describe what happened; they add a content note so readers can choose.</p>"
    "<h2>No threats, no revenge, no call-outs</h2>"
    "<ul>"
    "<li>No threats, talk of revenge or retaliation, or taunts about postcodes, areas or groups.</li>"
    "<li>No hatred against anyone for their race, religion, sex, sexuality, disability or gender "
    "identity.</li>"
    "<li>Nothing that encourages anyone to hurt themselves. If you are struggling, the "
    '<a href="/support/">support directory</a> lists people who can help, day and night.</li>'
    "</ul>"
    "<h2>Keep personal details private</h2>"
    "<p>Do not post phone numbers, e-mail addresses, home addresses or postcodes, yours or anyone "
    "else's. Responses containing them wait for a moderator. If you want to offer help, say so, "
    "and the family can reach out through a service in the support directory.</p>"
    "<h2>No advertising or scams</h2>"
    "<p>Do not ask for money, sell anything or promote a fundraiser here unless a moderator has "
    "agreed it with the family first.</p>"
    "<h2>If you see something wrong</h2>"
    '<p>Use "Report to a moderator" under any response and tell us why. If someone is in danger now, call 999.</p>'
    '<p><a href="/how-moderation-works/">How moderation works</a> explains what happens next, and the '
    '<a href="/terms/">terms of service</a> explain what happens if these guidelines are not followed.</p>',
)

PRIVACY = LegalPage(
    "privacy",
    "Privacy notice",
    _NOTE + "<p>This notice explains what London Listens keeps about you, why, who can see it and how to "
    "have it deleted. [To be completed: the name and address of the organisation responsible for "
    "your data, and how to contact us or our data protection lead.]</p>"
    "<h2>If you only read the site</h2>"
    "<p>You do not need an account to read stories, discussions and the support directory, or to "
    "search. We use no advertising or tracking cookies and no analytics. The site sets only the "
    "cookies it needs to work: to protect the forms you fill in, to keep you signed in, and to show a "
    "short message after you do something. "
    "Our web servers may keep standard technical logs, such as your internet address, for a short "
    "time to keep the site running and secure.</p>"
    "<h2>Your account</h2>"
    "<ul>"
    "<li>Your e-mail address (and any others you add), whether you have confirmed it, and your "
    "password, stored scrambled so that nobody can read it.</li>"
    "<li>Your display name, which is shown beside what you write. Your e-mail address is never shown.</li>"
    "<li>If you asked for the family role, when you asked and what you told the moderators.</li>"
    "<li>How you prefer stories with content notes to open, when you joined and when you last signed in.</li>"
    "<li>If you set up two-factor sign-in, which methods you use (moderators must).</li>"
    "</ul>"
    "<h2>What you write and do</h2>"
    "<ul>"
    "<li><b>Stories</b>: each version of a memorial or testimony you write (drafts too), its borough, "
    "content notes and settings; for a memorial, the dates and photo you add. Photos are re-saved so "
    "that hidden details, such as where the photo was taken, are removed.</li>"
    "<li><b>Discussions and responses</b>: what you wrote, where and when, with a copy of your e-mail "
    "address kept with each response (never shown). We do not keep your internet address with "
    "what you post.</li>"
    "<li><b>Follows, candles and reports</b>: the pages and boroughs you follow, the candles you "
    "light, and the reports you make, with the reason and any words you add.</li>"
    "<li><b>Quiet periods</b> you set on your own story.</li>"
    "</ul>"
    "<p>A story about someone who died, or your own account of a crime, may reveal sensitive things: "
    "health, faith, or details of a crime. We ask before it is published, a moderator reads it first, "
    "and you choose whether search engines may list it. [To be completed: the lawful basis for each "
    "kind of data and for this sensitive information.]</p>"
    "<h2>Moderation records</h2>"
    "<p>To keep the site safe, moderators keep records: why a response waited for review, what was "
    "decided and by whom, any reports about it, and any step taken on an account with its reason. "
    "Every moderator action is written to a history that administrators can read. When you "
    "download your data we note when, but not what it contained.</p>"
    "<p>For a short time we count how often an account posts or an address tries to sign in, so "
    "that nobody can flood the site or guess passwords.</p>"
    "<h2>Who can see it</h2>"
    "<ul>"
    "<li>Everyone: what is published, with your display name. Nothing waiting for review is shown.</li>"
    "<li>Moderators: what is waiting for review, reports, and which account wrote what.</li>"
    "<li>Services that run the site for us, such as hosting, storage and e-mail, only to do that. "
    "[To be completed: who they are and where the data is held.]</li>"
    "<li>The police or a court, only when the law requires it or someone may be in danger.</li>"
    "</ul>"
    "<p>We never sell your data or use it for advertising.</p>"
    "<h2>Your choices and rights</h2>"
    "<ul>"
    '<li><a href="/me/data/">Download your data</a>: one file with everything we hold about your '
    "account. It leaves out other people's details and moderators' working notes; ask us if you "
    "want more and a person will answer.</li>"
    '<li><a href="/me/notifications/">Change your e-mails</a>: every notification e-mail has a '
    "one-click unsubscribe link.</li>"
    '<li><a href="/me/delete/">Delete your account</a>. Your stories are deleted with every version '
    "and photo and the responses on them. Your responses are deleted, except that one others have "
    'replied to stays as "Removed at the writer\'s request", with no words and no name, so the '
    "replies still make sense. A discussion others answered stays for them without your opening "
    "words or name. Your follows, candles, reports and profile go with your account.</li>"
    "<li>You can also ask us to correct your data, or complain to the Information Commissioner's "
    'Office at <a href="https://ico.org.uk">ico.org.uk</a>.</li>'
    "</ul>"
    "<p>[To be completed: how long each kind of record is kept.]</p>",
)

HOW_MODERATION_WORKS = LegalPage(
    "how-moderation-works",
    "How moderation works",
    _NOTE + "<p>London Listens is moderated by people, helped by simple filters. Here is what happens to "
    "everything written here, from the moment it is sent.</p>"
    "<h2>Stories and discussions</h2>"
    "<ol>"
    "<li>A family member writes a memorial or testimony, or a member starts a discussion in a "
    "borough. It is not public while it is a draft.</li>"
    "<li>When they send it, it waits for a moderator. Nothing is published by the person who wrote it.</li>"
    "<li>A moderator reads it and either publishes it or asks for changes, with a reason. The writer "
    'gets a kind e-mail either way, and can see where it is on "My stories" or "My discussions".</li>'
    "<li>If a published story or discussion is changed, the published version stays as it was "
    "until a moderator has read the change.</li>"
    "<li>A family can take their story down at any time.</li>"
    "</ol>"
    "<h2>Responses</h2>"
    "<p>When you send a response, it is either published, kept for a moderator, or not accepted.</p>"
    "<h3>Not accepted</h3>"
    "<p>We keep your words in the form and tell you why, if the page is not published, the family "
    "has closed responses or asked for a quiet time (for example around an anniversary or a trial), "
    "your account is paused or stopped from posting, or you have posted many times in a short while.</p>"
    "<h3>Kept for a moderator</h3>"
    "<p>Only you can see it until a moderator has read it, usually within a day. This happens when:</p>"
    "<ul>"
    "<li>you are new here and have only a few approved responses so far;</li>"
    "<li>the family, or a moderator, has asked for every response on the page to be read first, "
    "or a moderator has asked to read each of yours;</li>"
    "<li>a court case about the page is active, when a moderator reads every response with a "
    "checklist so that nothing put online can harm the case;</li>"
    "<li>it contains words on our screening list (threats, revenge, postcode taunts), a phone "
    "number, an e-mail or street address, or, from someone new, a link.</li>"
    "</ul>"
    "<h3>Published</h3>"
    "<p>Otherwise it appears straight away, and people following the page may get an e-mail about it.</p>"
    "<h2>What moderators decide</h2>"
    "<ul>"
    "<li><b>Publish</b> a response that was kept for review.</li>"
    "<li><b>Decline</b> it, and e-mail the writer the reason, kindly.</li>"
    "<li><b>Hold it for care</b> when it worries them: it is never published, and the writer gets a "
    "private e-mail with people they can talk to, instead of a refusal.</li>"
    "<li><b>Hide</b> a published response while they look into it.</li>"
    "</ul>"
    "<h2>Reports and families</h2>"
    "<ul>"
    "<li>Signed-in members can report any response, choosing a reason and adding words if they "
    "wish. Moderators see every report; the person reported never learns who made it.</li>"
    "<li>When three different members report the same response, it is hidden at once until a "
    "moderator decides, and moderators are told.</li>"
    "<li>The family whose story it is chooses who may respond (everyone, every response read "
    "first, or nobody) and can hide any response on their story straight away while a moderator looks.</li>"
    "</ul>"
    "<h2>Steps on an account</h2>"
    "<p>If someone does not follow the guidelines, a moderator can send a warning, read each of their "
    "responses before it appears, pause their account from posting for a time, or stop it from "
    "posting. The member is always e-mailed the reason, and told again when a step is lifted.</p>"
    "<h2>Asking us to look again</h2>"
    "<p>If a decision about you or something you wrote seems wrong, reply to the e-mail we sent you "
    "and another moderator will look again. Every moderator's action is recorded, so we can always "
    "see what was decided and why.</p>"
    "<h2>What we are still building</h2>"
    "<ul>"
    "<li>A way to report stories and discussions, not only responses, including without signing in.</li>"
    "<li>An appeal and complaint form on the site, with a reply you can follow.</li>"
    "<li>Regular figures on what we moderated and how quickly.</li>"
    "</ul>"
    "<p>Until then, you can write to us about anything you see. If someone is in danger now, call 999.</p>",
)

LEGAL_PAGES = [TERMS, COMMUNITY_GUIDELINES, PRIVACY, HOW_MODERATION_WORKS]

# Earlier starter text this module once published, by slug: a page still showing one of them was
# never edited, so a newer version may replace it. Add the old body here when changing one above.
EARLIER_BODIES = {}


def _machine_written_bodies(slug):
    bodies = set(EARLIER_BODIES.get(slug, ()))
    if slug in STANDARD_PAGES:
        bodies.add(STANDARD_PAGES[slug][1])  # the placeholder `home.site_tree` creates
    return bodies


def _left_to_editors(page, wanted):
    """Whether a person has changed the page: any revision with a user (an editor's save, even an
    unpublished draft), a draft waiting, or live words that neither we nor `site_tree` wrote."""
    if page.revisions.filter(user__isnull=False).exists() or page.has_unpublished_changes:
        return True
    return page.body not in _machine_written_bodies(page.slug) | {wanted.body}


def ensure_legal_pages(home):
    """Create or bring up to date the four pages under `home`; returns {slug: what happened},
    each "created", "updated", "unchanged" or "kept" (a person has changed it)."""
    outcome = {}
    for wanted in LEGAL_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=wanted.slug).first()
        if page is None:
            page = home.add_child(instance=StandardPage(slug=wanted.slug, title=wanted.title, body=wanted.body))
            page.save_revision().publish()
            outcome[wanted.slug] = "created"
        elif _left_to_editors(page, wanted):
            outcome[wanted.slug] = "kept"
        elif page.live and page.title == wanted.title and page.body == wanted.body:
            outcome[wanted.slug] = "unchanged"
        else:
            page.title, page.body = wanted.title, wanted.body
            page.save_revision().publish()
            outcome[wanted.slug] = "updated"
    return outcome
