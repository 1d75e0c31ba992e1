"""Security by default: headers on every response, cookies that scripts and other sites
cannot use, and templates with nothing inline for the Content-Security-Policy to allow."""

import re
from pathlib import Path

import pytest

import collector

TEMPLATES = sorted(Path(collector.__file__).parent.rglob("templates/**/*.html"))


@pytest.mark.parametrize("path", ["/login", "/", "/api/v1/health", "/sw.js"])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_the_content_security_policy_allows_no_inline_script_or_style(client):
    policy = client.get("/login").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe" not in policy
    assert directives["object-src"] == "'none'"


def test_session_cookie_is_secure_httponly_and_same_site(auth, make_user):
    make_user("anna")
    response = auth.login("anna")
    cookie = next(
        value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")
    )
    flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"secure", "httponly", "samesite"} <= flags
    assert "SameSite=Lax" in cookie


def test_templates_exist_to_be_scanned():
    assert len(TEMPLATES) >= 10


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_templates_have_no_inline_script_style_or_handlers(template):
    text = template.read_text()
    inline_scripts = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", text)
        if "src=" not in tag and "application/json" not in tag
    ]
    assert inline_scripts == [], "inline <script>: move it into a module in static/js"
    assert not re.search(r"\sstyle=", text), "style attribute: use a class in base.css"
    assert not re.search(r"<style\b", text), "<style> block: use base.css"
    assert not re.search(r"\son[a-z]+=", text), "event handler attribute: bind it in JS"
