"""Background jobs of the partner register: importing a file of partners."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from klimapartner.jobs.runner import JobFailed, job_function
from klimapartner.partners.models import Upload


@job_function("partners.import", label=gettext_lazy("Importing partners"))
def import_partners(job, *, upload_id):
    """Import a CSV or XLSX file of partners, all or nothing; every bad row is kept for the page to list."""
    from klimapartner.partners.transfer import import_file

    upload = Upload.objects.filter(pk=upload_id).first()
    if upload is None:
        raise JobFailed(_("The uploaded file is gone; upload it again."))
    job.progress(0, 1, _("Reading the file"))
    result = import_file(upload.filename, bytes(upload.data), progress=lambda done, total: job.progress(
        done, total, _("Row %(row)s of %(rows)s") % {"row": done, "rows": total}))
    if not result.ok:
        upload.data = b""
        upload.findings = [{"sheet": e.sheet, "row": e.row, "column": e.column, "message": e.message}
                           for e in result.errors]
        upload.save(update_fields=["data", "findings"])
        raise JobFailed(ngettext("The file has %(count)s error. Nothing was imported.",
                                 "The file has %(count)s errors. Nothing was imported.", len(result.errors))
                        % {"count": len(result.errors)})
    upload.delete()
    return {"message": _("The import is done. New partners: %(created)d. Updated partners: %(updated)d.") % {
        "created": result.created, "updated": result.updated}, "url": reverse("staff:dashboard"),
        "link": _("See the register")}
