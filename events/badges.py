"""The badge's QR code: an inline SVG (no Pillow needed) encoding the staff check-in URL."""

import qrcode
import qrcode.image.svg


def qr_svg(data):
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    # Drop the XML declaration so that the SVG can sit inline in the HTML page.
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2:]
    return svg
