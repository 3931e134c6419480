from decimal import Decimal, InvalidOperation

from django import template
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
    quantized = amount.quantize(Decimal(1).scaleb(-decimals)) if decimals else amount.quantize(Decimal(1))
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
