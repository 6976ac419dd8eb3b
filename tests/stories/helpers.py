"""Small helpers for driving the share-a-story flow as a family member would."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def fields_for_memorial(**overrides):
    data = {
        "person_name": "Sam Example",
        "date_of_birth": "2001-04-02",
        "date_of_death": "2022-08-30",
        "photo_alt": "",
        "borough": "",
        "body": "Sam loved music.\n\nHe wanted to be a nurse.",
        "content_note": "describes a knife attack",
        "comment_policy": "open",
        "action": "draft",
    }
    data.update(overrides)
    return data


def fields_for_testimony(**overrides):
    data = {
        "title": "After the trial",
        "borough": "",
        "body": "Nobody called us afterwards.",
        "content_note": "",
        "comment_policy": "open",
        "action": "draft",
    }
    data.update(overrides)
    return data


def jpeg_upload(name="photo.jpg", size=(64, 48), exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 90, 60)).save(buffer, format="JPEG", exif=exif or b"")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
