import pytest
import wagtail_factories

from blog.factories import AuthorFactory, BlogIndexPageFactory, CategoryFactory
from tests.blog.conftest import translate_snippet

pytestmark = pytest.mark.django_db

# Queries to serve a page of the blog index, whatever the number of posts
# on it: site and page routing, the posts, their images and renditions,
# authors, categories, their translations, and the page's own shell.
BLOG_INDEX_QUERIES = 26


@pytest.fixture(scope="module")
def blogs(homes, make_post, site_locales):
    """{number of posts: a blog index with that many posts}, each post with
    its own author, category (translated) and featured image."""
    made = {}
    for count in (1, 10):
        index = BlogIndexPageFactory(parent=homes["en"], slug=f"blog-{count}")
        for _ in range(count):
            category = CategoryFactory()
            translate_snippet(category, site_locales["es"])
            make_post(
                parent=index,
                authors=[AuthorFactory()],
                categories=[category],
                featured_image=wagtail_factories.ImageFactory(),
                featured_image_alt="A reading room",
            )
        made[count] = index
    return made


@pytest.mark.parametrize("count", [1, 10])
def test_blog_index_renders_in_the_same_number_of_queries_for_1_and_10_posts(
    client, django_assert_max_num_queries, blogs, count
):
    url = blogs[count].url
    client.get(url)  # the first visit makes the image renditions
    with django_assert_max_num_queries(BLOG_INDEX_QUERIES):
        response = client.get(url)
    assert len(response.context["posts"]) == count
    assert response.text.count('alt="A reading room"') == count
