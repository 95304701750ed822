import pytest


@pytest.fixture(autouse=True)
def fast_text_similarity(settings):
    """The engine's lexical text similarity: the same scores every run, without loading an embedding model."""
    settings.EVENTS_TEXT_METHOD = "lexical"
