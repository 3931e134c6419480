"""Atlas demo content: reference geography first, every other app links to it."""

from .reference import load_reference


def load(stdout):
    count = load_reference()
    stdout.write(f"Atlas : {count} pays, régions et départements de référence.")
