"""Shared fixtures: the real page tree, one member per role, and a client signed in as each."""

import pytest
from django.test import Client

from home.site_tree import build_site_tree

from .factories import FamilyFactory, ModeratorFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a throwaway folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tree(db):
    """The forum's page tree (home, stories, 33 boroughs, plain pages), as `setup_site` builds it."""
    home, stories, boroughs = build_site_tree()
    return type("Tree", (), {"home": home, "stories": stories, "boroughs": boroughs})


@pytest.fixture
def resident(tree):
    return UserFactory(profile_and_email__display_name="Resident Rita")


@pytest.fixture
def other_resident(tree):
    return UserFactory(profile_and_email__display_name="Resident Ravi")


@pytest.fixture
def family(tree):
    return FamilyFactory(profile_and_email__display_name="Family Fola")


@pytest.fixture
def other_family(tree):
    return FamilyFactory(profile_and_email__display_name="Family Frank")


@pytest.fixture
def moderator(tree):
    return ModeratorFactory(profile_and_email__display_name="Moderator Mo")


def signed_in_client(user):
    """A client of its own per person, so two people in one test never share a session."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def family_client(family):
    return signed_in_client(family)


@pytest.fixture
def resident_client(resident):
    return signed_in_client(resident)


@pytest.fixture
def moderator_client(moderator):
    return signed_in_client(moderator)
