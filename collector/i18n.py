"""Which language the interface speaks for this request."""

from urllib.parse import urlencode

from flask import Response, current_app, has_request_context, request

# The interface language a person chose (?lang=), remembered for their next pages.
LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60


def select_locale() -> str:
    """The language asked for in the URL (?lang=), else the one chosen before (cookie),
    else the browser's preferred one among ours; the default outside a request (CLI)."""
    default: str = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():
        return default
    languages = current_app.config["LANGUAGES"]
    for asked in (request.args.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if asked in languages:
            return asked
    return request.accept_languages.best_match(languages) or default


def remember_language(response: Response) -> Response:
    """After a page asked for with ?lang= (one of ours): remember it in a cookie.

    Not in kiosk mode (?kiosk=1): the phone is the interviewer's, and the language a
    respondent picks must not stay for the interviewer. The page's language depends on
    the cookie and Accept-Language, so caches must keep copies apart (Vary; pages only:
    static files are the same in every language).
    """
    if response.mimetype == "text/html":
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
    asked = request.args.get("lang")
    if (
        asked in current_app.config["LANGUAGES"]
        and request.args.get("kiosk") != "1"
        and request.cookies.get(LANGUAGE_COOKIE) != asked
    ):
        response.set_cookie(
            LANGUAGE_COOKIE,
            asked,
            max_age=LANGUAGE_COOKIE_AGE,
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
            httponly=True,
            samesite="Lax",
        )
    return response


# Languages written right to left; direction is known from the language, never guessed.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi"})


def text_direction(language: str) -> str:
    return "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr"


# Each language named in itself, so a person finds theirs whatever the page speaks.
LANGUAGE_NAMES = {"lv": "Latviešu", "en": "English", "ru": "Русский", "ar": "العربية"}


def url_in_language(language: str) -> str:
    """This page's address asking for `language` (?lang=), the other parameters kept."""
    args = request.args.copy()
    args["lang"] = language
    return f"{request.path}?{urlencode(list(args.items(multi=True)))}"


def template_globals() -> dict[str, object]:
    from flask_babel import get_locale

    from collector.auth.session import current_user

    language = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    return {
        "current_locale": language,
        "interface_languages": [
            (code, LANGUAGE_NAMES.get(code, code)) for code in current_app.config["LANGUAGES"]
        ],
        "url_in_language": url_in_language,
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
