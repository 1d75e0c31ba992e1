"""The start page: public, in the browser's language, with the form titles in it."""


def test_start_page_lists_published_forms_in_the_browsers_language(client, published_forms):
    page = client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert '<html lang="ru" dir="ltr"' in page
    assert "Беседы на кухне" in page


def test_a_form_title_missing_in_the_interface_language_falls_back_to_the_forms_own(
    app, client, published_forms
):
    app.config["LANGUAGES"] = ["lv", "en", "ru", "de"]
    page = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="de"' in page
    assert "Virtuves sarunas" in page


def test_latvian_is_the_default_interface_language(app, client):
    app.config["BABEL_DEFAULT_LOCALE"] = "lv"
    page = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="lv"' in page


def test_the_default_configuration_speaks_latvian():
    from collector.config import Config

    assert Config.BABEL_DEFAULT_LOCALE == "lv"
    assert Config.LANGUAGES[0] == "lv"


def test_start_page_fits_a_phone(client):
    page = client.get("/").get_data(as_text=True)
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
