"""A choropleth of a figure per country (fiches of the Atlas, APD declared through e-APD…): the classes,
the legend and the rows of its table are computed here, so that the page shows the same figures as a
table without JavaScript and the browser only colours the vendored basemap (static/js/choropleth.js).
Other apps (fonds) build theirs with `choropleth()` and render atlas/includes/choropleth.html."""

from dataclasses import dataclass, field

# Sequential blues (ColorBrewer "Blues", 5 classes): lightest for the smallest values.
COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")


@dataclass
class Row:
    numeric: str  # ISO 3166-1 numeric code: the id of the country in the world-atlas basemap
    name: str
    value: float
    url: str = ""
    klass: int = 0
    shown: str = ""  # the value in French format


@dataclass
class Choropleth:
    slug: str  # unique on the page: ids of the map, the table and the data
    caption: str
    value_label: str
    money: bool
    rows: list = field(default_factory=list)
    legend: list = field(default_factory=list)  # [(class, "low à high")]

    @property
    def data_id(self):
        return f"{self.slug}-data"

    def shown(self, value):
        from cuf_portal.templatetags.portal import euros, number_fr

        return str(euros(value, 0) if self.money else number_fr(value))

    def data(self):
        """What choropleth.js needs, per basemap id: [class, label read on hover or focus, url]."""
        return {"colours": list(COLOURS),
                "countries": {row.numeric: [row.klass, f"{row.name} : {self.shown(row.value)} {self.unit(row.value)}"
                                            .strip(), row.url] for row in self.rows if row.numeric}}

    def unit(self, value):
        return "" if self.money else (self.value_label if value > 1 else self.value_label.rstrip("s"))


def _breaks(values, classes):
    """Upper bounds of up to `classes` classes of about the same number of countries (quantiles)."""
    ordered = sorted(values)
    bounds = []
    for index in range(1, classes + 1):
        bound = ordered[min(len(ordered) - 1, max(0, round(index * len(ordered) / classes) - 1))]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def choropleth(rows, *, slug, caption, value_label, money=False):
    """A Choropleth of (numeric, name, value, url) rows with a value > 0, largest first in the table."""
    kept = sorted((Row(numeric or "", name, value, url) for numeric, name, value, url in rows if value),
                  key=lambda row: (-row.value, row.name))
    result = Choropleth(slug=slug, caption=caption, value_label=value_label, money=money, rows=kept)
    if not kept:
        return result
    bounds = _breaks([row.value for row in kept], len(COLOURS))
    offset = len(COLOURS) - len(bounds)  # few classes: use the darker end of the scale
    for row in kept:
        row.klass = offset + next(i for i, bound in enumerate(bounds) if row.value <= bound)
        row.shown = result.shown(row.value)
    low = min(row.value for row in kept)
    for index, bound in enumerate(bounds):
        label = result.shown(low) if low == bound else f"{result.shown(low)} à {result.shown(bound)}"
        result.legend.append((offset + index, label))
        low = next((row.value for row in reversed(kept) if row.value > bound), bound)
    return result
