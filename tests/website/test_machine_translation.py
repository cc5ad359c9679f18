"""Machine translation in the translation editor: offline in development,
DeepL or Google chosen by the environment in production, never the dummy."""

import json

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.strings import StringValue

from tests.website.test_deploy_check import SAMPLE_ENVIRONMENT, manage
from website.settings.base import machine_translator


@pytest.mark.django_db
def test_development_translates_offline_with_the_dummy(locales):
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["CLASS"].endswith(
        "DummyTranslator"
    )
    translator = get_machine_translator()
    hello = StringValue.from_plaintext("Hello world")
    translated = translator.translate(locales["en"], locales["es"], [hello])
    assert translated[hello].render_text() == "world Hello"  # its "translation"


def test_deepl_is_chosen_with_its_key(monkeypatch):
    monkeypatch.setenv("DEEPL_AUTH_KEY", "sample-key:fx")
    config = machine_translator("deepl", production=True)
    assert config["OPTIONS"] == {"AUTH_KEY": "sample-key:fx"}
    translator = DeepLTranslator(config["OPTIONS"])
    assert translator.get_api_endpoint() == "https://api-free.deepl.com/v2/translate"
    assert translator.can_translate(
        Locale(language_code="en"), Locale(language_code="ar")
    )


def test_deepl_without_a_key_is_refused(monkeypatch):
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="DEEPL_AUTH_KEY"):
        machine_translator("deepl", production=True)


def test_google_needs_its_project_and_library(monkeypatch):
    monkeypatch.delenv("GOOGLE_CLOUD_PROJECT", raising=False)
    with pytest.raises(ImproperlyConfigured, match="GOOGLE_CLOUD_PROJECT"):
        machine_translator("google", production=True)
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "librarians")
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", "/etc/librarians/google.json")
    try:
        import google.cloud.translate  # noqa: F401
    except ImportError:
        with pytest.raises(ImproperlyConfigured, match="google-cloud-translate"):
            machine_translator("google", production=True)
    else:
        config = machine_translator("google", production=True)
        assert config["OPTIONS"] == {
            "PROJECT_ID": "librarians",
            "CREDENTIALS_PATH": "/etc/librarians/google.json",
        }


@pytest.mark.parametrize("choice", ["dummy", "babelfish"])
def test_production_refuses_the_dummy_and_unknown_services(choice):
    with pytest.raises(ImproperlyConfigured, match="deepl, google or none"):
        machine_translator(choice, production=True)


def test_production_has_no_machine_translation_unless_configured():
    show = (
        "from django.conf import settings; import json; "
        "print(json.dumps(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR))"
    )
    result = manage("shell", "-c", show, **SAMPLE_ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) is None
