"""The evening debrief: open answers read together and tagged with themes."""
