from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from .feeds import BoroughFeed, StoriesFeed, ThreadsFeed, atom

urlpatterns = [
    path("stories/feed/", StoriesFeed(), name="stories_feed"),
    path("stories/feed/atom/", atom(StoriesFeed)(), name="stories_feed_atom"),
    path("boroughs/discussions/feed/", ThreadsFeed(), name="threads_feed"),
    path("boroughs/discussions/feed/atom/", atom(ThreadsFeed)(), name="threads_feed_atom"),
    path("boroughs/<slug:slug>/feed/", BoroughFeed(), name="borough_feed"),
    path("boroughs/<slug:slug>/feed/atom/", atom(BoroughFeed)(), name="borough_feed_atom"),
    path("sitemap.xml", sitemap, name="sitemap"),
]
