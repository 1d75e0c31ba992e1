"""Static files addressed by their content, so a new release replaces them cleanly.

`/static/js/sync.js?v=<hash>`: browsers and the service worker may cache such a URL
forever, because a change to the file gives it a new URL.
"""

import hashlib
from pathlib import Path

from flask import Flask, current_app, url_for


def asset_hashes(app: Flask) -> dict[str, str]:
    """Content hash of every file under static/, computed once per process."""
    hashes = app.extensions.get("collector.asset_hashes")
    if hashes is None:
        root = Path(app.static_folder or "")
        hashes = {
            path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }
        app.extensions["collector.asset_hashes"] = hashes
    return hashes


def asset_url(filename: str) -> str:
    return url_for("static", filename=filename, v=asset_hashes(current_app).get(filename, "0"))


def release_version(app: Flask) -> str:
    """One hash for all static files: the service worker's cache name changes with it."""
    digest = hashlib.sha256(app.config.get("RELEASE_NAME", "").encode())
    for name, file_hash in asset_hashes(app).items():
        digest.update(f"{name}:{file_hash}\n".encode())
    return digest.hexdigest()[:12]
