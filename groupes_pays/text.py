"""Text normalised for accent- and case-insensitive search without PostgreSQL's unaccent."""

from atlas.search import strip_accents


def normalise(text):
    """'Sénégal  Œuvre' -> 'senegal oeuvre': lowercase, accents removed, spaces collapsed."""
    text = (text or "").replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    return " ".join(strip_accents(text).casefold().replace("’", "'").split())
