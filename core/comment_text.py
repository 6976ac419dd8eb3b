"""Comment text as it is stored: plain text, one line per line typed.

Built on `core.sanitise.plain_text` (every tag removed), applied line by line so the
line breaks people typed survive; rendering goes through the `comment_html` filter.
"""

from core.sanitise import plain_text


def clean_comment_text(value):
    if not value:
        return ""
    lines = [plain_text(line) for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines).strip()
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
