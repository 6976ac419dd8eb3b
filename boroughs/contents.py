"""What other apps keep in a borough, for the borough pages to show.

`stories` sits above `boroughs` (a story belongs to a borough), so the borough pages do not
import stories: `StoriesConfig.ready()` tells them how to find a borough's stories. Likewise
`notifications` tells them whether a reader follows the borough (`reader_facts`).
"""

_stories = {}

# {name: build(user) -> a boolean expression on a Borough row}, annotated for a signed-in reader.
reader_facts = {}


def register_reader_fact(name, build):
    reader_facts[name] = build


def register_stories(*, published, cards):
    """`published()`: the stories anyone may read (a queryset with `borough_id`);
    `cards(stories)`: the specific pages of a page of them, for the story cards."""
    _stories.update(published=published, cards=cards)


def published_stories():
    return _stories["published"]()


def story_cards(stories):
    return _stories["cards"](stories)
