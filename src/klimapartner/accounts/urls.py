from django.urls import path

from klimapartner.accounts import views

app_name = "accounts"
urlpatterns = [
    path("log-ind/", views.login_view, name="login"),
    path("log-ind/<str:uid>/<str:token>/", views.link_view, name="link"),
    path("log-ud/", views.logout_view, name="logout"),
    path("", views.home, name="home"),
]
