"""Split by what each part decides: `visibility` (who sees which comment), `responses_pages`
(where a comment is shown and the links to it), `shared_copies` (what readers share) and
`comments_section` (the section as one reader sees it). Kept only for branches written before
the split."""

from .comments_section import comments_context  # noqa: F401
from .responses_pages import RESPONSES_PARAM, RESPONSES_PER_PAGE, comment_url, with_responses_page  # noqa: F401
from .shared_copies import register_reader_page_fact  # noqa: F401
from .visibility import REMOVED_BY_WRITER, visible_comments  # noqa: F401
