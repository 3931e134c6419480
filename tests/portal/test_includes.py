"""Shared template pieces: bar charts, pagination that keeps the search, tables that stack as cards."""

import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory


def test_bar_chart_renders_a_table_with_french_money_and_proportional_bars():
    # The APD declared for Asia in 2008 and 2011 (seed 003, the State's brochure).
    rows = [("2008", Decimal("7804600")), ("2011", Decimal("4757119"))]
    html = Template("{% load portal %}{% bar_chart rows 'APD par année' money=True %}").render(Context({"rows": rows}))
    assert "<caption" not in html and "APD par année" in html
    assert "7\u202f804\u202f600\u00a0€" in html and "4\u202f757\u202f119\u00a0€" in html
    # Rule: the longest bar is the largest value; the others are in proportion (one decimal).
    largest = max(amount for _, amount in rows)
    widths = re.findall(r'style="width: ([\d.]+)%"', html)
    assert widths == [f"{float(amount / largest * 100):.1f}" for _, amount in rows]


def test_pagination_keeps_the_other_parameters():
    request = RequestFactory().get("/atlas/", {"q": "eau", "pays": "senegal", "page": "2"})
    page = Paginator(range(100), 10).page(2)
    html = Template("{% load portal %}{% pagination page_obj %}").render(
        Context({"request": request, "page_obj": page}))
    assert 'href="?q=eau&amp;pays=senegal&amp;page=3"' in html
    assert 'aria-current="page"' in html


def test_every_table_template_uses_the_stacking_component():
    """A new table cannot slip in unstacked: every <table> of the templates (the admin aside) is .table-stack."""
    root = Path(settings.BASE_DIR)
    found = []
    for template in root.glob("**/templates/**/*.html"):
        if ".venv" in template.parts or "admin" in template.relative_to(root).parts:
            continue
        for match in re.finditer(r"<table\b[^>]*>", template.read_text(encoding="utf-8")):
            if "table-stack" not in match.group(0):
                found.append(f"{template.relative_to(root)}: {match.group(0)}")
    assert found == []
