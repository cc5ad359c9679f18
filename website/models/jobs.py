from django.db import models
from django.utils.translation import gettext_lazy as _


class JobProgress(models.Model):
    """How far a periodic job has got: the time up to which it has done its
    work, so that the next run starts there (and a run missed while the
    machine was down is caught up by the next one)."""

    job = models.CharField(_("job"), max_length=100, unique=True)
    done_until = models.DateTimeField(_("done until"))

    class Meta:
        verbose_name = _("periodic job progress")
        verbose_name_plural = _("periodic job progress")

    def __str__(self):
        return f"{self.job}: {self.done_until:%Y-%m-%d %H:%M:%S}"
