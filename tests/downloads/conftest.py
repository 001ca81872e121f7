import pytest


@pytest.fixture
def small_limits(settings):
    """Lists of more than 3 rows go to the background, whatever the format."""
    settings.DOWNLOAD_INLINE_ROWS = {"csv": 3, "xlsx": 3}


def body(response) -> bytes:
    """A download's bytes, streamed or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content
