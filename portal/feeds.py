"""The Atom feed of what the portal published: summaries approved, progress reports issued,
papers published (the same changes as the start page's list)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import queries


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Digital strategy of the county: what changed")
    subtitle = _("Published summaries of goals and initiatives, progress reports and papers.")

    def link(self):
        return reverse("home")

    def items(self):
        return queries.feed_entries()

    def item_title(self, item):
        return f"{item.kind}: {item.title}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.key

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.at

    def item_updateddate(self, item):
        return item.at
