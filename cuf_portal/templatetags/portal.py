from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from cuf_portal import panels as panel_registry

register = template.Library()

NNBSP = "\u202f"


@register.simple_tag(takes_context=True)
def panels(context, slot, **kwargs):
    """Render the panels other apps registered for `slot` (see cuf_portal.panels)."""
    request = context.get("request")
    return format_html_join("\n", "{}", ((mark_safe(h),) for h in panel_registry.render(slot, request, **kwargs)))


def _group(digits):
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return NNBSP.join(out)


@register.filter
def euros(value, decimals=2):
    """12345.67 -> '12 345,67 €' (French format, narrow no-break spaces)."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    decimals = int(decimals)
    quantized = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if quantized < 0 else ""
    text = f"{abs(quantized):.{decimals}f}"
    whole, _, frac = text.partition(".")
    body = _group(whole) + ("," + frac if frac else "")
    return f"{sign}{body}\u00a0€"


@register.filter
def number_fr(value):
    """12345 -> '12 345'."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    return ("-" if number < 0 else "") + _group(str(abs(number)))


@register.inclusion_tag("includes/bar_chart.html")
def bar_chart(rows, caption, money=False, label_header="", value_header=""):
    """A horizontal bar chart drawn in HTML/CSS with its data table: readable without JS.

    `rows` is an iterable of (label, value) or of (label, value, url).
    """
    items = []
    for row in rows:
        label, value, url = (tuple(row) + (None,))[:3]
        items.append({"label": label, "value": value or 0, "url": url})
    peak = max((float(i["value"]) for i in items), default=0) or 1
    for item in items:
        item["percent"] = round(100 * float(item["value"]) / peak, 1)
    return {"items": items, "caption": caption, "money": money,
            "label_header": label_header, "value_header": value_header or ("Montant" if money else "Nombre")}


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page_obj, param="page", label=None):
    """Page links that keep every other parameter of the query string (filters, sort). `label` names the
    navigation when a page has several paginated lists."""
    request = context["request"]
    query = request.GET.copy()
    query.pop(param, None)
    base = query.urlencode()
    prefix = f"?{base}&{param}=" if base else f"?{param}="
    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    return {"page_obj": page_obj, "prefix": prefix, "numbers": numbers, "ellipsis": paginator.ELLIPSIS,
            "label": label}


@register.simple_tag
def content_lang(obj, field):
    """' lang="fr"' when `obj.field` shows French in place of a missing translation, else ''.

    For the fields staff translate (django-modeltranslation): <h1{% content_lang edition "title" %}>…
    tells screen readers and browsers which language the text is in.
    """
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    default = settings.LANGUAGE_CODE
    if language == default or not getattr(obj, field, ""):
        return ""
    if getattr(obj, f"{field}_{language}", None):
        return ""
    return mark_safe(f' lang="{default}"')
