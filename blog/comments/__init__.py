"""Comments on posts: the form, the views, the moderation rules and the
emails, around django-comments-xtd and the blog's own `BlogComment` model.

    post → (member) moderation → published or held
         → (anonymous) confirmation email → confirm → moderation → …

The thread is rendered by `blog.templatetags.comment_tags` with the
templates in `blog/templates/blog/comments/`.
"""
