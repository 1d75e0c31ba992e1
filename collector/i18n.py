"""Which language the interface speaks for this request."""

from flask import current_app, has_request_context, request


def select_locale() -> str:
    """The language asked for in the URL (?lang=), else the browser's preferred one among
    ours; the default outside a request (CLI)."""
    default: str = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():
        return default
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    return request.accept_languages.best_match(languages) or default


# Languages written right to left; direction is known from the language, never guessed.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi"})


def text_direction(language: str) -> str:
    return "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr"


def template_globals() -> dict[str, object]:
    from flask_babel import get_locale

    from collector.auth.session import current_user

    language = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    return {
        "current_locale": language,
        "user": current_user() if has_request_context() else None,
    }


def in_language(
    texts: dict[str, str] | None, language: str | None = None, fallback: str | None = None
) -> str:
    """A form's text in `language` (the interface's by default), else in `fallback` (the
    form's default language), else in any language it has.

    The order of keys is not kept by PostgreSQL's JSONB, so the fallback must be named.
    """
    if not texts:
        return ""
    if language is None:
        from flask_babel import get_locale

        language = str(get_locale())
    return texts.get(language) or texts.get(fallback or "") or next(iter(texts.values()))
