"""Likes in place: with JavaScript, the like form is sent in the background
(`X-Fragment: 1`) and the answer is the updated likes block (count, members,
button) to put in place of the old one, never cached; without JavaScript
the form posts and the page reloads, as before."""

import pytest

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import PostLike
from website.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(translations):
    index = BlogIndexPageFactory(parent=translations["en"])
    return BlogPageFactory(parent=index, title="Webinars 2018")


def like(client, post, action, **headers):
    return client.post(f"/comments/like/{post.pk}/", {"action": action}, **headers)


def test_a_like_sent_in_the_background_answers_with_the_new_likes_block(client, post):
    PostLike.objects.create(page=post, user=UserFactory())
    member = UserFactory(profile__display_name="Ama Owusu")
    client.force_login(member)

    response = like(client, post, "like", HTTP_X_FRAGMENT="1")

    assert response.status_code == 200
    assert response["X-Fragment"] == "1"
    assert "no-cache" in response["Cache-Control"]
    html = response.text
    assert "2 people like this" in html
    assert ">AO</span>" in html
    assert 'name="action" value="unlike"' in html
    assert 'aria-pressed="true"' in html
    assert "<html" not in html  # the block alone
    assert PostLike.objects.filter(page=post, user=member).exists()


def test_an_unlike_sent_in_the_background_answers_with_the_like_button(client, post):
    member = UserFactory()
    PostLike.objects.create(page=post, user=member)
    client.force_login(member)

    html = like(client, post, "unlike", HTTP_X_FRAGMENT="1").text

    assert "like this" not in html.replace("Like this post", "")
    assert 'name="action" value="like"' in html
    assert not PostLike.objects.exists()


def test_without_javascript_a_like_still_goes_back_to_the_post(client, post):
    client.force_login(UserFactory())

    response = like(client, post, "like")

    assert response.status_code == 302
    assert response["Location"] == f"{post.url}#likes"


def test_the_post_page_loads_the_likes_script(client, post):
    assert "/static/blog/js/likes.js" in client.get(post.url).text
