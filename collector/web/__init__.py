"""Pages for people: the start page now; forms, login and dashboards as they arrive."""
