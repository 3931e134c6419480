from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import cache_control


def home(request):
    return render(request, "cuf_portal/home.html")


@login_required
def account(request):
    return render(request, "cuf_portal/account.html")


@cache_control(max_age=3600, public=True)
def legal(request, page):
    return render(request, f"cuf_portal/legal_{page}.html")

