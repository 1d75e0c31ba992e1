"""The `collector` console script: `flask --app collector` under a shorter name."""

from flask.cli import FlaskGroup

from collector import create_app


def main() -> None:
    FlaskGroup(create_app=create_app, name="collector").main(prog_name="collector")
