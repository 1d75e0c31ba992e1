"""The example files in deploy/ agree with the app: settings it knows, limits it has."""

import re
import runpy

from collector.config import Config
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def test_the_instance_config_example_sets_only_settings_the_app_has():
    # A misspelt name (PROXY_FIX_XFOR) would be read by nobody, and nobody would notice.
    settings = {
        name: value
        for name, value in runpy.run_path(str(DEPLOY / "instance-config.py")).items()
        if name.isupper()
    }
    assert set(settings) <= set(vars(Config))
    assert settings["PROXY_FIX_X_FOR"] == settings["PROXY_FIX_X_PROTO"] == 1  # one nginx


def test_nginx_takes_as_large_a_request_as_the_app_and_no_larger():
    site = (DEPLOY / "nginx-collector.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", site)[1])
    assert megabytes * 1024 * 1024 == Config.MAX_CONTENT_LENGTH


def test_nginx_sends_the_headers_the_app_trusts_behind_one_proxy():
    site = (DEPLOY / "nginx-collector.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    assert "proxy_set_header Host $host;" in site
