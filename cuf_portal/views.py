from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from .demo_content import demo_counts


def home(request):
    return render(request, "cuf_portal/home.html")


@login_required
def account(request):
    return render(request, "cuf_portal/account.html")


@cache_control(max_age=3600, public=True)
def legal(request, page):
    return render(request, f"cuf_portal/legal_{page}.html")



def demo_content(request):
    """What of the portal is invented for the demonstration, and what comes from CUF's documents."""
    return render(request, "cuf_portal/demo_content.html", {"counts": demo_counts()})
