"""Forms for people: pages rendered from a published version, usable offline and without JS."""
