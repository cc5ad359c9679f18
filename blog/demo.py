"""Demo content of the blog: the network's posts in English and Spanish, a
guest author, categories in three languages, a featured image with a CC BY
credit, and the round 3 discussion topic. Invented people and places."""

import datetime
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from website.demo import grant, translate_page

from . import demo_comments
from .models import (
    Author,
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    Category,
    DiscussionTopicPage,
    TagName,
)

ORDER = 30  # after the program, whose round 3 the discussion topic belongs to

CATEGORIES = {
    "mentoring": {
        "en": "Mentoring",
        "es": "Mentoría",
        "fr": "Mentorat",
        "ar": "الإرشاد",
    },
    "webinars": {
        "en": "Webinars",
        "es": "Webinarios",
        "fr": "Webinaires",
        "ar": "الندوات الإلكترونية",
    },
    "news": {"en": "News", "es": "Noticias", "fr": "Actualités", "ar": "أخبار"},
}
# The demo's tags in the other languages (TagName): the Spanish posts show
# Spanish tags.
TAG_NAMES = {
    "new year": {"es": "año nuevo", "fr": "nouvel an", "ar": "العام الجديد"},
    "plans": {"es": "planes", "fr": "projets", "ar": "خطط"},
    "speed mentoring": {
        "es": "mentoría rápida",
        "fr": "mentorat express",
        "ar": "الإرشاد السريع",
    },
    "Hong Kong": {"es": "Hong Kong", "fr": "Hong Kong", "ar": "هونغ كونغ"},
    "webinars": {"es": "webinarios", "fr": "webinaires", "ar": "ندوات إلكترونية"},
    "elections": {"es": "elecciones", "fr": "élections", "ar": "انتخابات"},
    "round 3": {"es": "ronda 3", "fr": "tour 3", "ar": "الجولة 3"},
    "peer mentoring": {
        "es": "mentoría entre pares",
        "fr": "mentorat entre pairs",
        "ar": "الإرشاد بين الأقران",
    },
}
CATEGORY_SLUGS = {
    "mentoring": {"es": "mentoria", "fr": "mentorat", "ar": "irshad"},
    "webinars": {"es": "webinarios", "fr": "webinaires", "ar": "nadawat"},
    "news": {"es": "noticias", "fr": "actualites", "ar": "akhbar"},
}

AUTHORS = [
    {
        "slug": "maria-ortega",
        "name": "María Ortega",
        "organisation": "Librarians Network",
        "role": {"en": "editor", "es": "editora", "fr": "rédactrice", "ar": "محرّرة"},
        "bio": {
            "en": "Public librarian and the network's blog editor.",
            "es": "Bibliotecaria pública y editora del blog de la red.",
            "fr": "Bibliothécaire de lecture publique et rédactrice du blog.",
            "ar": "أمينة مكتبة عامة ومحرّرة مدونة الشبكة.",
        },
        "is_guest": False,
        "link": "",
    },
    {
        "slug": "wing-yan-lau",
        "name": "Wing Yan Lau",
        "organisation": "Harbour City Library Network",
        "role": {
            "en": "coordinator",
            "es": "coordinadora",
            "fr": "coordinatrice",
            "ar": "منسّقة",
        },
        "bio": {
            "en": "Coordinates a network of school and public libraries.",
            "es": "Coordina una red de bibliotecas escolares y públicas.",
            "fr": "Coordonne un réseau de bibliothèques scolaires et publiques.",
            "ar": "تنسّق شبكة من المكتبات المدرسية والعامة.",
        },
        "is_guest": True,
        "link": "https://harbourcity-libraries.example.org/",
    },
]

BLANK_BOOK_BODY = {
    "en": [
        "A new year opens like a book with empty pages. What will the network "
        "write in it?",
        "This year we will run a third round of peer mentoring, vote on our "
        "webinar topics, and, we hope, meet many of you in person.",
    ],
    "es": [
        "Un año nuevo se abre como un libro de páginas vacías. ¿Qué escribirá "
        "la red en él?",
        "Este año haremos una tercera ronda de mentoría entre pares, votaremos "
        "los temas de nuestros webinarios y, ojalá, nos veremos en persona.",
    ],
    "ar": [
        "يبدأ العام الجديد ككتاب صفحاته بيضاء. فماذا ستكتب الشبكة فيه؟",
        "سننظّم هذا العام جولة ثالثة من الإرشاد بين الأقران، ونصوّت على مواضيع "
        "ندواتنا الإلكترونية، ونأمل أن نلتقي بكثير منكم وجهًا لوجه.",
    ],
}


def build(seed, stdout):
    # The demo's comment moderator reads, moderates and deletes comments,
    # and keeps the hold and block lists (Settings → Comment moderation).
    grant(
        "moderator",
        "blog",
        [
            "view_blogcomment",
            "change_blogcomment",
            "delete_blogcomment",
            "change_commentmoderationsettings",
        ],
    )
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    categories = ensure_categories(locales)
    authors = ensure_authors(locales)
    home = Page.objects.get(depth=2, locale=locales["en"]).specific
    blog = ensure_blog_index(home, locales)
    image = ensure_image()

    blank_book = ensure_post(
        blog,
        BlogPage,
        slug="2018-a-blank-book",
        title="2018: a blank book",
        date=datetime.date(2018, 1, 2),
        excerpt="A new year opens like a book with empty pages.",
        paragraphs=BLANK_BOOK_BODY["en"],
        authors=[authors["maria-ortega"]],
        categories=[categories["news"]],
        tags=["new year", "plans"],
        featured_image=image,
        featured_image_alt="An open notebook with blank pages on a wooden desk",
        featured_image_caption="A new year, a new notebook.",
        credit_title="Blank pages",
        credit_title_url="https://images.example.org/blank-pages",
        credit_creator="Lin Wai",
        credit_creator_url="https://images.example.org/people/lin-wai",
        credit_licence="CC BY 2.0",
        credit_licence_url="https://creativecommons.org/licenses/by/2.0/",
    )
    translate_post(
        blank_book,
        locales["es"],
        title="2018: un libro en blanco",
        slug="2018-un-libro-en-blanco",
        excerpt="Un año nuevo se abre como un libro de páginas vacías.",
        paragraphs=BLANK_BOOK_BODY["es"],
        featured_image_alt="Un cuaderno abierto con páginas en blanco",
        featured_image_caption="Un año nuevo, un cuaderno nuevo.",
        credit_title="Páginas en blanco",
    )
    translate_post(
        blank_book,
        locales["ar"],
        title="2018: كتاب أبيض",
        slug="2018-kitab-abyad",
        excerpt="يبدأ العام الجديد ككتاب صفحاته بيضاء.",
        paragraphs=BLANK_BOOK_BODY["ar"],
        featured_image_alt="دفتر مفتوح بصفحات بيضاء على مكتب خشبي",
        featured_image_caption="عام جديد، دفتر جديد.",
        credit_title="صفحات بيضاء",
    )
    ensure_post(
        blog,
        BlogPage,
        slug="speed-mentoring-evening",
        title="Guest post: a speed mentoring evening launches our program",
        date=datetime.date(2017, 11, 20),
        excerpt="Twenty mentors, sixty new librarians and a bell every eight "
        "minutes: how one evening started a mentoring program.",
        paragraphs=[
            "We set up twenty tables in the reading room. Mentors stayed at "
            "their tables; every eight minutes a bell rang and the mentees "
            "moved on.",
            "By the end of the evening every mentee had met eight mentors, and "
            "forty of them asked to join the mentoring program.",
        ],
        authors=[authors["wing-yan-lau"]],
        categories=[categories["mentoring"]],
        tags=["speed mentoring", "Hong Kong"],
    )
    ensure_post(
        blog,
        BlogPage,
        slug="webinars-2018-and-the-winners-are",
        title="Webinars 2018: and the winners are…",
        date=datetime.date(2018, 2, 15),
        excerpt="After a closed vote, members chose four webinar topics for this year.",
        paragraphs=[
            "Thank you to everyone who proposed topics and voted. After a "
            "closed election, the four selected topics are: open access for "
            "beginners, library services for refugees, data literacy, and "
            "marketing on a shoestring.",
        ],
        authors=[authors["maria-ortega"]],
        categories=[categories["webinars"]],
        tags=["webinars", "elections"],
    )
    round_three = find_round(3)
    topic = ensure_post(
        blog,
        DiscussionTopicPage,
        slug="discussion-topic-getting-to-know-you",
        title="Discussion topic: Getting to know you",
        date=datetime.date(2018, 3, 5),
        excerpt="Round 3 has begun: partners have been matched across "
        "countries. Here is your first conversation.",
        paragraphs=[
            "The third round of our peer-mentoring program has begun. Partners "
            "were matched across countries and their details sent by email in "
            "two batches.",
            "Every fortnight we will post a topic to talk about. Start with these.",
        ],
        authors=[authors["maria-ortega"]],
        categories=[categories["mentoring"]],
        tags=["round 3", "peer mentoring"],
        round=round_three,
        topic_number=1,
        prompts=[
            (
                "Where do you work, and what does a normal day look like?",
                "<p>Describe your library and your role. Share a photo of "
                "your workplace if you can.</p>",
            ),
            (
                "What would you like to get out of this partnership?",
                "<p>Agree on one or two goals, and on how often you will talk.</p>",
            ),
        ],
    )
    topic_es = translate_post(
        topic,
        locales["es"],
        title="Tema de conversación: Conociéndonos",
        slug="tema-de-conversacion-conociendonos",
        excerpt="Empieza la ronda 3: las parejas se han formado entre países. "
        "Esta es vuestra primera conversación.",
        paragraphs=[
            "Ha comenzado la tercera ronda de nuestro programa de mentoría "
            "entre pares. Las parejas se formaron entre países y sus datos se "
            "enviaron por correo en dos tandas.",
        ],
        prompts=[
            (
                "¿Dónde trabajas y cómo es un día normal?",
                "<p>Describe tu biblioteca y tu función.</p>",
            ),
            (
                "¿Qué te gustaría conseguir con esta colaboración?",
                "<p>Acordad uno o dos objetivos y cada cuánto hablaréis.</p>",
            ),
        ],
    )
    demo_comments.build(topic, {"es": topic_es})
    ensure_tag_names(locales)
    stdout.write(
        "  blog: 4 posts in English, 2 in Spanish, 1 in Arabic, authors and "
        "categories, a discussion thread"
    )


def ensure_categories(locales):
    categories = {}
    for key, names in CATEGORIES.items():
        source, _ = Category.objects.get_or_create(
            locale=locales["en"], slug=key, defaults={"name": names["en"]}
        )
        for code in ("es", "fr", "ar"):
            if not source.has_translation(locales[code]):
                translation = source.copy_for_translation(locales[code])
                translation.name = names[code]
                translation.slug = CATEGORY_SLUGS[key][code]
                translation.save()
        categories[key] = source
    return categories


def ensure_tag_names(locales):
    for tag_name, names in TAG_NAMES.items():
        source = TagName.objects.filter(
            tag__name=tag_name, locale=locales["en"]
        ).first()
        if source is None:
            continue
        for code, name in names.items():
            if not source.has_translation(locales[code]):
                translation = source.copy_for_translation(locales[code])
                translation.name = name
                translation.save()


def ensure_authors(locales):
    authors = {}
    for data in AUTHORS:
        source, _ = Author.objects.get_or_create(
            locale=locales["en"],
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "organisation": data["organisation"],
                "role": data["role"]["en"],
                "bio": data["bio"]["en"],
                "is_guest": data["is_guest"],
                "link": data["link"],
            },
        )
        for code in ("es", "fr", "ar"):
            if not source.has_translation(locales[code]):
                translation = source.copy_for_translation(locales[code])
                translation.role = data["role"][code]
                translation.bio = data["bio"][code]
                translation.save()
        authors[data["slug"]] = source
    return authors


def ensure_blog_index(home, locales):
    blog = BlogIndexPage.objects.filter(locale=locales["en"]).first()
    if blog is None:
        blog = home.add_child(
            instance=BlogIndexPage(
                title="Blog",
                slug="blog",
                show_in_menus=True,
                intro="News, guest posts and discussion topics from the network.",
            )
        )
        blog.save_revision().publish()
    for code, title, intro in [
        ("es", "Blog", "Noticias, artículos invitados y temas de conversación."),
        ("fr", "Blog", "Actualités, billets invités et sujets de discussion."),
        ("ar", "المدونة", "أخبار وتدوينات ضيوف ومواضيع نقاش من الشبكة."),
    ]:
        if not blog.has_translation(locales[code]):
            translation = blog.copy_for_translation(locales[code])
            translation.title, translation.intro = title, intro
            translation.save_revision().publish()
    return blog


def ensure_image():
    Image = get_image_model()
    image = Image.objects.filter(title="Blank pages").first()
    if image is not None:
        return image
    picture = PILImage.new("RGB", (1200, 800), (239, 233, 220))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 620, 1200, 800), fill=(139, 94, 60))  # the desk
    draw.polygon([(220, 640), (600, 560), (600, 160), (220, 240)], fill=(250, 250, 245))
    draw.polygon([(600, 560), (980, 640), (980, 240), (600, 160)], fill=(245, 245, 238))
    draw.line([(600, 160), (600, 560)], fill=(190, 180, 170), width=4)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return Image.objects.create(
        title="Blank pages", file=ImageFile(buffer, name="blank-pages.png")
    )


def find_round(number):
    from django.apps import apps

    RoundPage = apps.get_model("program", "RoundPage")
    return (
        RoundPage.objects.filter(number=number, locale=Locale.get_default())
        .order_by("pk")
        .first()
    )


def ensure_post(
    blog, model, *, slug, paragraphs, authors, categories, tags, prompts=(), **fields
):
    post = model.objects.filter(slug=slug, locale=blog.locale).first()
    if post is not None:
        return post
    post = model(
        slug=slug,
        body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
        **fields,
    )
    if prompts:
        post.prompts = [
            ("prompt", {"question": question, "guidance": guidance})
            for question, guidance in prompts
        ]
    blog.add_child(instance=post)
    for order, author in enumerate(authors):
        BlogPageAuthor.objects.create(page=post, author=author, sort_order=order)
    post.categories.set(categories)
    post.tags.set(tags)
    post.save_revision().publish()
    return post


def translate_post(
    post, locale, *, title, slug, excerpt, paragraphs, prompts=(), **fields
):
    if prompts:
        fields["prompts"] = [
            ("prompt", {"question": question, "guidance": guidance})
            for question, guidance in prompts
        ]
    return translate_page(
        post,
        locale,
        title=title,
        slug=slug,
        excerpt=excerpt,
        body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
        **fields,
    )
