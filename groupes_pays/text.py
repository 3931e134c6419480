"""Text normalised for accent- and case-insensitive search without PostgreSQL's unaccent."""

import unicodedata


def normalise(text):
    """'Sénégal  Œuvre' -> 'senegal oeuvre': lowercase, accents removed, spaces collapsed."""
    text = (text or "").replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("’", "'").split())
