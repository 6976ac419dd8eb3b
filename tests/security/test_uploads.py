"""Crafted files through the real share form: judged by content, capped, and stored without metadata.

Every refusal must say kindly what to do, save nothing, and keep everything else the family typed.
"""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from boroughs.models import Borough
from stories.models import MemorialPage

TYPED = {
    "person_name": "Samuel “Sam” O’Connor-Adébáyọ̀",
    "body": "Sam loved music.\n\nHe wanted to be a nurse, and he would have been a good one.",
    "content_note": "describes a knife attack",
    "photo_alt": "Sam smiling at a family wedding, in a blue suit",
}


def image_bytes(fmt="JPEG", size=(64, 48), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 90, 60)).save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 30.0, 26.0)  # latitude of a family's home
    gps[3], gps[4] = "W", (0.0, 7.0, 39.0)
    return exif


def png_claiming(width, height):
    """A tiny, valid-looking PNG whose header claims `width` x `height` pixels (a decompression bomb)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


@pytest.fixture
def share(family_client, tree):
    borough = Borough.objects.get(slug="croydon")

    def post(name, content, content_type="image/jpeg"):
        upload = SimpleUploadedFile(name, content, content_type=content_type)
        data = {**TYPED, "borough": borough.pk, "comment_policy": "open", "action": "draft", "photo": upload}
        return family_client.post(reverse("share_memorial"), data)

    return post


def stored_photo():
    page = MemorialPage.objects.get()
    photo = page.get_latest_revision_as_object().photo
    with photo.file.open("rb") as handle:
        return photo, handle.read()


def assert_refused_kindly(response, message):
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Your photo was not saved because of the problems below. Please choose it again" in page
    assert not MemorialPage.objects.exists()
    assert not get_image_model().objects.exists()
    # Nothing else the family typed is lost: every field comes back as they wrote it.
    form = response.context["form"]
    for name, value in TYPED.items():
        assert form[name].value() == value


def test_a_png_named_jpg_is_judged_by_its_content(share):
    response = share("sam.jpg", image_bytes("PNG"))
    assert response.status_code == 302
    photo, data = stored_photo()
    assert Image.open(io.BytesIO(data)).format == "PNG"
    assert photo.file.name.endswith(".png")
    assert photo.description == TYPED["photo_alt"]


def test_gps_and_camera_details_are_removed_before_storing(share):
    original = image_bytes("JPEG", exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the crafted file does carry GPS
    assert share("IMG_0042.jpg", original).status_code == 302
    _, data = stored_photo()
    stored = Image.open(io.BytesIO(data))
    assert not stored.getexif()
    assert b"Exif" not in data and b"PhoneMaker" not in data
    assert stored.size == (64, 48)


def test_an_svg_named_png_is_refused(share):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    response = share("sam.png", svg, "image/png")
    assert_refused_kindly(response, "Drawings in SVG format can’t be used.")


def test_an_svg_with_an_xml_prolog_is_refused(share):
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'
    assert_refused_kindly(share("sam.jpg", svg), "Please choose a JPEG, PNG or WebP photo.")


@pytest.mark.parametrize(
    "size",
    [(6_000, 5_000), (50_000, 50_000)],
    ids=["over our 24 megapixel cap", "over Pillow's own bomb limit"],
)
def test_a_decompression_bomb_is_refused_without_being_decoded(share, size):
    """Regression (second case): Pillow's bomb error was reported as "couldn't read this file"."""
    bomb = png_claiming(*size)  # tens of millions of pixels in about 100 bytes
    assert len(bomb) < 200
    assert_refused_kindly(share("sam.png", bomb, "image/png"), "too many pixels")


def test_a_file_over_the_byte_cap_is_refused(share, settings):
    settings.STORY_PHOTO_MAX_BYTES = 1024 * 1024
    big = image_bytes("PNG", size=(16, 16)) + b"\0" * (1024 * 1024)
    assert_refused_kindly(share("sam.png", big, "image/png"), "This photo is too large to upload")


def test_html_hidden_in_a_jpeg_never_reaches_the_disk(share):
    polyglot = image_bytes("JPEG", comment=b"<script>alert(1)</script>") + b"<html><script>alert(2)</script></html>"
    assert b"<script>" in polyglot
    assert share("sam.jpg", polyglot).status_code == 302
    _, data = stored_photo()
    assert b"<script" not in data and b"<html" not in data


@pytest.mark.parametrize(
    "content",
    [b"<html><body><script>alert(1)</script></body></html>", b"GIF89a<script>alert(1)</script>"],
    ids=["html named jpg", "gif-html polyglot"],
)
def test_html_and_other_formats_dressed_as_photos_are_refused(share, content):
    assert_refused_kindly(share("sam.jpg", content), "Please choose a JPEG, PNG or WebP photo.")


def test_a_truncated_photo_is_refused(share):
    whole = image_bytes("JPEG", size=(256, 256))
    response = share("sam.jpg", whole[: len(whole) // 2])
    assert_refused_kindly(response, "We couldn’t read this file as a photo.")
