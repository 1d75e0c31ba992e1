"""The JSON API over intake: authentication (token or session) and the submission endpoints."""
