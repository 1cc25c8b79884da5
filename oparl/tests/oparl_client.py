"""Reading the API in tests as a client would: by the URLs it hands out."""

from urllib.parse import urlsplit


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def path_of(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def list_items(client, url):
    """Every item of an external list, following `next` to the end."""
    items = []
    while url:
        page = get(client, path_of(url))
        assert set(page) == {"data", "pagination", "links"}
        items.extend(page["data"])
        url = page["links"].get("next")
    return items
