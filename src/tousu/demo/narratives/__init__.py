"""Rule tables of the demo narratives (ordinary, repeat, campaign and group-event complaints)."""
