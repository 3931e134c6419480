"""The badge's QR code: an inline SVG (no Pillow needed) encoding the staff check-in URL.

The code in that URL is a signed registration number, never the private link's token: a badge
is worn in public and its QR code can be read from a photo, while the token lets its holder
change or delete the registration. The code only opens a staff page, and stays valid when the
private link is replaced (a new link after a promotion or a second registration).
"""

import qrcode
import qrcode.image.svg
from django.core import signing

BADGE_SALT = "events.badge"


def badge_code(registration):
    return signing.dumps(registration.pk, salt=BADGE_SALT)


def registration_pk_from_badge(code):
    """The registration number a badge code carries, or None (forged, damaged or too long)."""
    if not code or len(code) > 100:
        return None
    try:
        pk = signing.loads(code, salt=BADGE_SALT)
    except signing.BadSignature:
        return None
    return pk if isinstance(pk, int) else None


def qr_svg(data):
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    # Drop the XML declaration so that the SVG can sit inline in the HTML page.
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2:]
    return svg
