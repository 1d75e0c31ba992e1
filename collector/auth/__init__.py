"""People and credentials: users, roles, API bearer tokens."""
