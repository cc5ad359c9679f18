from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from blog.factories import (
    AuthorFactory,
    BlogIndexPageFactory,
    BlogPageFactory,
    DiscussionTopicPageFactory,
)
from blog.models import BlogIndexPage, BlogPage, DiscussionTopicPage
from program.factories import ProgramPageFactory, RoundPageFactory
from website.models import HomePage

# The post's "Settings" tab: whether readers may comment.
COMMENTS_SETTINGS = {"comments_policy": "open", "comments_close_after_days": 30}


def translate(page, locale, **fields):
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


class BlogPageTypeTests(WagtailPageTestCase):
    """Each blog page type renders, is served in English and Spanish, sits
    where it may, and can be created in the admin."""

    @classmethod
    def setUpTestData(cls):
        spanish = Locale.objects.get_or_create(language_code="es")[0]
        cls.home = Page.objects.get(depth=2).specific
        translate(cls.home, spanish, title="Red de Bibliotecarios")
        cls.author = AuthorFactory(name="María Ortega", slug="maria-ortega")
        program = ProgramPageFactory(parent=cls.home)
        cls.round = RoundPageFactory(parent=program, number=3)

        cls.blog = BlogIndexPageFactory(parent=cls.home)
        cls.post = BlogPageFactory(
            parent=cls.blog,
            title="2018: a blank book",
            slug="2018-a-blank-book",
            authors=[cls.author],
        )
        cls.topic = DiscussionTopicPageFactory(
            parent=cls.blog,
            title="Discussion topic: Getting to know you",
            slug="getting-to-know-you",
            round=cls.round,
            authors=[cls.author],
        )
        cls.blog_es = translate(cls.blog, spanish)
        cls.post_es = translate(
            cls.post, spanish, title="2018: un libro en blanco", slug="2018-un-libro"
        )
        cls.topic_es = translate(
            cls.topic, spanish, title="Tema: Conociéndonos", slug="conociendonos"
        )

    def test_blog_index_is_renderable(self):
        self.assertPageIsRenderable(self.blog)

    def test_blog_page_is_renderable(self):
        self.assertPageIsRenderable(self.post)

    def test_discussion_topic_page_is_renderable(self):
        self.assertPageIsRenderable(self.topic)

    def test_blog_index_is_served_in_english_and_spanish(self):
        self.assertContains(self.client.get("/en/blog/"), "2018: a blank book")
        self.assertContains(self.client.get("/es/blog/"), "2018: un libro en blanco")

    def test_blog_page_is_served_in_english_and_spanish(self):
        english = self.client.get("/en/blog/2018-a-blank-book/")
        spanish = self.client.get("/es/blog/2018-un-libro/")
        self.assertContains(english, "<h1>2018: a blank book</h1>", html=True)
        self.assertContains(spanish, "<h1>2018: un libro en blanco</h1>", html=True)
        self.assertContains(spanish, '<html lang="es"')

    def test_discussion_topic_page_is_served_in_english_and_spanish(self):
        english = self.client.get("/en/blog/getting-to-know-you/")
        spanish = self.client.get("/es/blog/conociendonos/")
        self.assertContains(english, "Discussion topic: Getting to know you")
        self.assertContains(spanish, "Tema: Conociéndonos")

    def test_blog_index_lives_under_the_home_page_and_holds_posts(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPage, DiscussionTopicPage})

    def test_posts_live_under_a_blog_index_and_have_no_subpages(self):
        for model in (BlogPage, DiscussionTopicPage):
            self.assertAllowedParentPageTypes(model, {BlogIndexPage})
            self.assertAllowedSubpageTypes(model, set())

    def test_editor_can_create_a_blog_index(self):
        self.login()
        self.assertCanCreate(
            self.home,
            BlogIndexPage,
            nested_form_data(
                {"title": "News", "slug": "news", "intro": "What is new."}
            ),
        )
        self.assertPageIsRenderable(BlogIndexPage.objects.get(slug="news"))

    def test_editor_can_create_a_post_with_an_author_and_a_paragraph(self):
        self.login()
        self.assertCanCreate(
            self.blog,
            BlogPage,
            nested_form_data(
                {
                    "title": "Webinars 2018: and the winners are…",
                    "slug": "webinars-2018",
                    "date": "2018-02-15",
                    "excerpt": "Members chose four webinar topics.",
                    "post_authors": inline_formset([{"author": self.author.pk}]),
                    "body": streamfield(
                        [("paragraph", rich_text("Thank you for voting."))]
                    ),
                    "related_posts": inline_formset([]),
                    **COMMENTS_SETTINGS,
                }
            ),
        )
        post = BlogPage.objects.get(slug="webinars-2018")
        self.assertEqual(
            [link.author for link in post.post_authors.all()], [self.author]
        )
        response = self.client.get("/en/blog/webinars-2018/")
        self.assertContains(response, "Thank you for voting.")
        self.assertContains(response, "María Ortega")

    def test_editor_can_create_a_discussion_topic_with_a_prompt(self):
        self.login()
        self.assertCanCreate(
            self.blog,
            DiscussionTopicPage,
            nested_form_data(
                {
                    "title": "Discussion topic: Goals",
                    "slug": "goals",
                    "date": "2018-03-19",
                    "excerpt": "What do you want from this partnership?",
                    "post_authors": inline_formset([{"author": self.author.pk}]),
                    "body": streamfield([]),
                    "related_posts": inline_formset([]),
                    **COMMENTS_SETTINGS,
                    "round": self.round.pk,
                    "topic_number": 2,
                    "prompts": streamfield(
                        [
                            (
                                "prompt",
                                {
                                    "question": "What would you like to learn?",
                                    "guidance": rich_text("Agree on one goal."),
                                },
                            )
                        ]
                    ),
                }
            ),
        )
        topic = DiscussionTopicPage.objects.get(slug="goals")
        self.assertEqual(topic.round.specific, self.round)
        response = self.client.get("/en/blog/goals/")
        self.assertContains(response, "What would you like to learn?")
        self.assertContains(response, "Agree on one goal.")
