"""Photos families upload with a memorial.

Checked by their content (not their name), capped in bytes and pixels so a
decompression bomb is refused, and re-encoded so EXIF metadata (camera, GPS
position of the family's home) never reaches the server's disk.
"""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Collection

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _refuse(message):
    raise ValidationError(message, code="invalid_photo")


def check_photo(upload):
    """Open an upload safely and return a Pillow image, or raise a kind ValidationError."""
    if upload.size > settings.STORY_PHOTO_MAX_BYTES:
        megabytes = settings.STORY_PHOTO_MAX_BYTES // (1024 * 1024)
        _refuse(f"This photo is too large to upload. Please choose one smaller than {megabytes} MB.")
    upload.seek(0)
    head = upload.read(512).lstrip().lower()
    upload.seek(0)
    if head.startswith(b"<") or b"<svg" in head:
        _refuse("Please choose a JPEG, PNG or WebP photo. Drawings in SVG format can’t be used.")
    try:
        with warnings.catch_warnings():
            # Pillow warns (rather than refuses) just past its own limit: treat it as a refusal.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(upload)
            if image.format not in ALLOWED_FORMATS:
                _refuse("Please choose a JPEG, PNG or WebP photo.")
            width, height = image.size
            if width * height > settings.STORY_PHOTO_MAX_PIXELS:
                _refuse("This photo has too many pixels for us to handle. Please choose a smaller copy.")
            image.load()
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        # Pillow's own bomb guard fires on opening, before our pixel cap: say the same thing.
        _refuse("This photo has too many pixels for us to handle. Please choose a smaller copy.")
    except (UnidentifiedImageError, OSError):
        _refuse("We couldn’t read this file as a photo. Please choose a JPEG, PNG or WebP photo.")
    except (SyntaxError, ValueError):
        _refuse("We couldn’t read this file as a photo. Please choose a JPEG, PNG or WebP photo.")
    return image


def strip_metadata(image):
    """Re-encode the pixels only: EXIF, GPS, comments and ICC extras are left behind.

    The EXIF orientation is applied first, so the photo still stands the right way up.
    """
    fmt = image.format
    image = ImageOps.exif_transpose(image)
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    clean = PILImage.new(image.mode, image.size)
    clean.paste(image)
    buffer = io.BytesIO()
    save_options = {"quality": 88} if fmt in ("JPEG", "WEBP") else {}
    clean.save(buffer, format=fmt, **save_options)
    buffer.seek(0)
    return buffer, ALLOWED_FORMATS[fmt]


def family_photos_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Family photos").first()
    return existing or root.add_child(name="Family photos")


def save_story_photo(upload, *, alt_text, title, user):
    """Store a checked, metadata-free copy of `upload` as a Wagtail image."""
    image = check_photo(upload)
    buffer, extension = strip_metadata(image)
    Image = get_image_model()
    photo = Image(
        title=title[:255],
        description=alt_text,
        collection=family_photos_collection(),
        uploaded_by_user=user,
    )
    photo.file = ImageFile(buffer, name=f"story-photo.{extension}")
    photo.save()
    return photo
