"""Shared template pieces: bar charts and pagination that keeps the search."""

from decimal import Decimal

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory


def test_bar_chart_renders_a_table_with_french_money_and_proportional_bars():
    html = Template("{% load portal %}{% bar_chart rows 'APD par année' money=True %}").render(
        Context({"rows": [("2008", Decimal("7804600")), ("2011", Decimal("4757119"))]}))
    assert "<caption" not in html and "APD par année" in html
    assert "7\u202f804\u202f600\u00a0€" in html
    assert 'style="width: 100.0%"' in html and 'style="width: 61.0%"' in html


def test_pagination_keeps_the_other_parameters():
    request = RequestFactory().get("/atlas/", {"q": "eau", "pays": "senegal", "page": "2"})
    page = Paginator(range(100), 10).page(2)
    html = Template("{% load portal %}{% pagination page_obj %}").render(
        Context({"request": request, "page_obj": page}))
    assert 'href="?q=eau&amp;pays=senegal&amp;page=3"' in html
    assert 'aria-current="page"' in html
