"""URLconf of the benchmark's gunicorn: the portal's URLs and the floor view."""

import os

from django.http import HttpResponse
from django.urls import path

from cuf_portal.urls import urlpatterns as portal_urlpatterns


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


def worker_pid_middleware(get_response):
    pid = str(os.getpid())

    def middleware(request):
        response = get_response(request)
        response["X-Bench-Worker"] = pid
        return response

    return middleware


urlpatterns = [path("__bench__/ok/", floor), *portal_urlpatterns]
