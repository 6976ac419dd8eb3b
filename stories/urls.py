from django.urls import path

from . import candles, views

urlpatterns = [
    path("share/", views.share_story, name="share_story"),
    path("share/memorial/", views.create_story, {"kind": "memorial"}, name="share_memorial"),
    path("share/testimony/", views.create_story, {"kind": "testimony"}, name="share_testimony"),
    path("share/ask/", views.request_family_role, name="request_family_role"),
    path("me/stories/", views.my_stories, name="my_stories"),
    path("me/stories/<int:pk>/edit/", views.edit_story, name="edit_story"),
    path("me/stories/<int:pk>/preview/", views.preview_story, name="preview_story"),
    path("me/stories/<int:pk>/submit/", views.submit_story, name="submit_story"),
    path("me/stories/<int:pk>/withdraw/", views.withdraw_story, name="withdraw_story"),
    path("memorials/<int:pk>/candle/light/", candles.change_candle, {"action": "light"}, name="light_candle"),
    path("memorials/<int:pk>/candle/put-out/", candles.change_candle, {"action": "put_out"}, name="put_out_candle"),
]
