"""A real XML-RPC client (the standard library's ServerProxy) calling our
endpoint on a live server, as a WordPress site or a blogging tool does."""

import xmlrpc.client

import pytest

from blog.factories import BlogIndexPageFactory, BlogPageFactory

from .conftest import known_site, page_linking_to


@pytest.mark.django_db(transaction=True)
def test_a_real_xmlrpc_client_pings_gets_48_and_cannot_multicall(
    live_server, home, other_site, client
):
    post = BlogPageFactory(parent=BlogIndexPageFactory(parent=home), title="Round 3")
    known_site(post, other_site)
    target = post.get_full_url()
    source = other_site.html("/kumasi", page_linking_to(target))
    proxy = xmlrpc.client.ServerProxy(f"{live_server.url}/xmlrpc/")

    assert "Thank you" in proxy.pingback.ping(source, target)
    with pytest.raises(xmlrpc.client.Fault) as second:
        proxy.pingback.ping(source, target)
    multicall = xmlrpc.client.MultiCall(proxy)
    multicall.pingback.ping(other_site.url("/other"), target)
    with pytest.raises(xmlrpc.client.Fault) as batched:
        multicall()

    assert second.value.faultCode == 48
    assert batched.value.faultCode == -32601
    assert "/other" not in other_site.paths_requested()
    assert "Libraries in Kumasi" in client.get(post.url).content.decode()
