"""Photos are checked by content and stored without their metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from stories.photos import check_photo, save_story_photo


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPSInfo: somewhere in London
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("home.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_stored_photo_has_no_exif_or_gps(tree, family):
    upload = jpeg_with_gps()
    assert Image.open(io.BytesIO(upload.read())).getexif()  # the upload really carries EXIF
    upload.seek(0)
    photo = save_story_photo(upload, alt_text="A teal square", title="Test", user=family)
    with photo.file.open("rb") as stored:
        image = Image.open(stored)
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
    assert photo.description == "A teal square"
    assert photo.uploaded_by_user == family


def test_a_text_file_named_jpg_is_refused_kindly():
    with pytest.raises(ValidationError, match="couldn’t read this file as a photo"):
        check_photo(SimpleUploadedFile("photo.jpg", b"just some words", content_type="image/jpeg"))


def test_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    with pytest.raises(ValidationError, match="SVG"):
        check_photo(SimpleUploadedFile("photo.png", svg, content_type="image/png"))


def test_too_many_pixels_is_refused(settings):
    settings.STORY_PHOTO_MAX_PIXELS = 100
    buffer = io.BytesIO()
    Image.new("L", (20, 20)).save(buffer, format="PNG")
    with pytest.raises(ValidationError, match="too many pixels"):
        check_photo(SimpleUploadedFile("big.png", buffer.getvalue()))


def test_too_many_bytes_is_refused(settings):
    settings.STORY_PHOTO_MAX_BYTES = 10
    buffer = io.BytesIO()
    Image.new("L", (20, 20)).save(buffer, format="PNG")
    with pytest.raises(ValidationError, match="too large"):
        check_photo(SimpleUploadedFile("big.png", buffer.getvalue()))
