"""Reviews' pages, under each language: /<language>/reviews/..."""

from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("write/<int:agency_id>/", views.write, name="write"),
    path("code/", views.code, name="code"),
    path("mine/", views.mine, name="mine"),
    path("mine/erase/<int:review_id>/", views.erase, name="erase"),
    path("mine/forget/", views.forget, name="forget"),
    path("mine/appeal/<int:review_id>/", views.appeal, name="appeal"),
    path("appeal/<str:kind>/<int:pk>/", views.agency_appeal, name="agency_appeal"),
    path("report/<str:kind>/<int:pk>/", views.report, name="report"),
    path("reply/<int:review_id>/", views.reply, name="reply"),
    path("account/login/", views.login, name="login"),
    path("account/logout/", views.logout, name="logout"),
]
