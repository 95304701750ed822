from django.urls import path

from klimapartner.stories.views import manage, public, staff

app_name = "stories"
urlpatterns = [
    path("", public.story_list, name="list"),
    path("feed/", public.StoryFeed(), name="feed"),
    path("<int:pk>/", public.story_page, name="story"),
    path("koordinator/", staff.story_list, name="staff_list"),
    path("koordinator/<int:pk>/", staff.review, name="review"),
    path("partner/<slug:slug>/", manage.story_list, name="manage_list"),
    path("partner/<slug:slug>/ny/", manage.edit_story, name="manage_new"),
    path("partner/<slug:slug>/<int:pk>/", manage.edit_story, name="manage_edit"),
    path("partner/<slug:slug>/<int:pk>/indsend/", manage.submit, name="manage_submit"),
]
