"""RSS and Atom feeds of the news (members-only items only for members, drafts never)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from . import queries


class NewsFeed(Feed):
    title = "Cités Unies France — actualités des groupes"
    link = reverse_lazy("groupes_pays:news")
    description = "Les actualités des groupes-pays, groupes thématiques et dynamiques régionales de Cités Unies France."
    language = "fr"

    def get_object(self, request, *args, **kwargs):
        return queries.access_for(request)

    def items(self, access):
        return queries.published_news(access)[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead or Truncator(item.body).words(60)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.published_on, time(9, 0)))

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [group.name for group in item.groups.all()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
