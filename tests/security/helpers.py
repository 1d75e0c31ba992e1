"""What the security tests read back: the whole database as text."""

import json

from flask import Flask
from sqlalchemy import select

from collector.extensions import db


def database_dump(app: Flask) -> str:
    """Every value of every row of every table, as text: to search for a secret, or to
    see that a refused request changed nothing."""
    with app.app_context():
        lines = []
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)).mappings():
                lines.append(f"{table.name}: {json.dumps(dict(row), default=str)}")
        return "\n".join(lines)
