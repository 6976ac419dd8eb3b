"""Build the page tree the forum needs: home, stories, boroughs (33 pages) and plain pages.

Idempotent: run it on every deploy (`manage.py setup_site`) and from the demo loader.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.sites.models import Site as DjangoSite
from wagtail.models import GroupPagePermission, Page, Site

from boroughs.models import Borough, BoroughIndexPage, BoroughPage
from home.models import HomePage, StandardPage
from stories.models import StoryIndexPage

WELCOME = (
    "<p>London Listens is a place for families who have lost someone to violent crime "
    "to be heard, long after the news has moved on. Read their stories, respond with care, "
    "and talk with your neighbours about what would help.</p>"
)

STANDARD_PAGES = {
    "about": ("About London Listens", "<p>Why this forum exists and who looks after it.</p>"),
    "community-guidelines": (
        "Community guidelines",
        "<p>Be kind. Never name or point at anyone you believe was involved. "
        "No threats, no talk of revenge, no addresses or phone numbers. "
        "Every story, thread and comment is read by our filters and, where needed, by a moderator.</p>",
    ),
    "privacy": ("Privacy", "<p>What we keep about you, why, and how to have it deleted.</p>"),
}


# Model permissions the Moderators group needs beyond Wagtail's defaults (which already
# let it approve pages through the "Moderators approval" workflow).
MODERATOR_PERMISSIONS = [
    ("accounts", "view_profile"),
    ("accounts", "change_profile"),
    # Comment moderation: the queue and moderation controls on pages check can_moderate;
    # the moderation models' permissions let moderators edit the screening list, thresholds
    # and sanctions, and read their entries in the audit log.
    ("django_comments", "can_moderate"),
    ("moderation", "view_commentreview"),
    ("moderation", "change_commentreview"),
    ("moderation", "view_screeningphrase"),
    ("moderation", "add_screeningphrase"),
    ("moderation", "change_screeningphrase"),
    ("moderation", "delete_screeningphrase"),
    ("moderation", "change_moderationsettings"),
    ("moderation", "view_sanction"),
    ("moderation", "change_sanction"),
]

# Moderators keep the support directory (`support.SupportService` snippets) up to date.
MODERATOR_PERMISSIONS += [("support", f"{action}_supportservice") for action in ("add", "change", "delete", "view")]
MODERATOR_PERMISSIONS += [("support", f"{action}_bleedkit") for action in ("add", "change", "delete", "view")]


def ensure_moderator_permissions():
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, codename in MODERATOR_PERMISSIONS:
        moderators.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return moderators


# What moderators may do to pages. A family's story: approve it or ask for changes through the
# workflow (Wagtail lets a task's group into the editor while the story waits for it) and unpublish
# it; "publish" is what approving needs. Editing a family's words, deleting, moving, copying or
# locking their memorial is for administrators (or the family's own request), so on the stories
# section moderators hold "publish" only. Everywhere else (discussions, borough and plain pages)
# they keep Wagtail's defaults. Wagtail grants those on the root, so they move to each section.
MODERATOR_STORY_PAGE_PERMISSIONS = {"publish_page"}
MODERATOR_SECTION_PAGE_PERMISSIONS = {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}


def limit_moderator_page_permissions(home, stories):
    moderators = Group.objects.get(name="Moderators")
    wanted = {(stories.pk, codename) for codename in MODERATOR_STORY_PAGE_PERMISSIONS}
    for section in Page.objects.child_of(home).exclude(pk=stories.pk):
        wanted |= {(section.pk, codename) for codename in MODERATOR_SECTION_PAGE_PERMISSIONS}
    # Nothing on the root, the home page (it holds the stories) or inside the stories section but these.
    for grant in GroupPagePermission.objects.filter(group=moderators).select_related("permission", "page"):
        if (grant.page_id, grant.permission.codename) not in wanted and (
            grant.page.depth <= home.depth or grant.page.path.startswith(stories.path)
        ):
            grant.delete()
    permissions = {p.codename: p for p in Permission.objects.filter(content_type__app_label="wagtailcore")}
    for page_id, codename in sorted(wanted):
        GroupPagePermission.objects.get_or_create(group=moderators, page_id=page_id, permission=permissions[codename])


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    return parent.add_child(instance=model(slug=slug, **fields))


def build_site_tree():
    """Create any missing part of the tree and point the default Site at the home page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="London Listens", slug="london-listens", intro=WELCOME))

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="London Listens")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "London Listens"
        site.save()
    # Wagtail's starter page ("Welcome to your new Wagtail site!") is not part of the forum.
    Page.objects.child_of(root).exclude(pk=home.pk).filter(depth=2, content_type__model="page").delete()

    # django.contrib.sites: allauth and django-comments-xtd build links in e-mails from it.
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": "London Listens"}
    )

    ensure_moderator_permissions()
    stories = _child(home, StoryIndexPage, "stories", title="Stories")
    boroughs = _child(home, BoroughIndexPage, "boroughs", title="Boroughs")
    existing = set(BoroughPage.objects.values_list("borough_id", flat=True))
    for borough in Borough.objects.exclude(pk__in=existing):
        boroughs.add_child(instance=BoroughPage(title=borough.name, slug=borough.slug, borough=borough))
    for slug, (title, body) in STANDARD_PAGES.items():
        _child(home, StandardPage, slug, title=title, body=body)
    limit_moderator_page_permissions(home, stories)
    return home, stories, boroughs
