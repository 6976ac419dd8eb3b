from django.urls import path

from . import views

urlpatterns = [
    # Named as django_comments names it, so `{% comment_form_target %}` would point here too.
    path("post/", views.post_comment, name="comments-post-comment"),
    path("<int:pk>/report/", views.flag_comment, name="comment_flag"),
    path("<int:pk>/ask-to-hide/", views.ask_to_hide, name="comment_ask_to_hide"),
    path("<int:pk>/ask-to-hide/undo/", views.undo_ask_to_hide, name="comment_undo_ask_to_hide"),
    path("<int:pk>/hide/", views.moderator_hide, name="comment_moderator_hide"),
    path("policy/<int:pk>/", views.set_comment_policy, name="comment_policy"),
]
