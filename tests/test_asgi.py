"""The ASGI application: HTTP through Django (static files by whitenoise), WebSockets behind origin and auth checks."""

import pytest
from channels.testing import HttpCommunicator, WebsocketCommunicator

from lms.asgi import application


@pytest.mark.asyncio
async def test_static_files_are_served_by_the_asgi_app():
    communicator = HttpCommunicator(application, "GET", "/static/css/site.css")
    await communicator.send_input({"type": "http.request"})
    start = await communicator.receive_output(5)
    assert start["status"] == 200
    headers = {name.lower(): value for name, value in start["headers"]}
    assert headers[b"content-type"].startswith(b"text/css")
    assert headers[b"x-content-type-options"] == b"nosniff"
    await communicator.wait()


@pytest.mark.asyncio
@pytest.mark.parametrize("headers", [[], [(b"origin", b"https://evil.example")]])
async def test_websocket_from_a_foreign_or_missing_origin_is_refused(headers):
    communicator = WebsocketCommunicator(application, "/ws/anything/", headers=headers)
    connected, _ = await communicator.connect()
    assert connected is False
    await communicator.disconnect()
