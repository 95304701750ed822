"""Background jobs of the CO2 accounts: reading uploaded files, and reminding partners now."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.utils.translation import gettext_lazy

from klimapartner.climate.findings import number
from klimapartner.jobs.runner import JobFailed, job_function
from klimapartner.partners.models import Upload


def _upload(upload_id) -> Upload:
    upload = Upload.objects.filter(pk=upload_id).first()
    if upload is None:
        raise JobFailed(_("The uploaded file is gone; upload it again."))
    return upload


@job_function("climate.read_klimakompasset", label=gettext_lazy("Reading the Klimakompasset report"))
def read_klimakompasset(job, *, report_id, upload_id):
    """Read an uploaded report into its KlimakompassetReport; the partner then sees it and confirms the import."""
    from klimapartner.climate.klimakompasset import read_report, review_url
    from klimapartner.climate.models import KlimakompassetReport

    report = KlimakompassetReport.objects.select_related("organisation").get(pk=report_id)
    upload = _upload(upload_id)
    job.progress(0, 1, _("Reading the file"))
    read_report(report, bytes(upload.data), progress=lambda done, total: job.progress(
        done, total, _("Row %(row)s of %(rows)s") % {"row": number(done, 0), "rows": number(total, 0)}))
    upload.delete()
    return {"message": _("The report is read."), "url": review_url(report), "link": _("See what will be imported"),
            "redirect": True}


@job_function("climate.import_factor_set", label=gettext_lazy("Reading the factor file"))
def import_factor_set(job, *, upload_id):
    """Check a factor file and store it as a set; every bad row is kept for the page to list."""
    from klimapartner.climate.accounts import import_factor_set as store
    from klimapartner.climate.findings import row_error

    upload = _upload(upload_id)
    job.progress(0, 1, _("Reading the file"))
    stored, errors = store(bytes(upload.data), upload.filename, user=upload.user)
    if stored is None:
        upload.data, upload.findings = b"", [{"sheet": "", "row": e.row or None, "column": e.column.strip("-"),
                                              "message": row_error(e)} for e in errors]
        upload.save(update_fields=["data", "findings"])
        raise JobFailed(ngettext("The file has %(count)s error. Nothing was imported.",
                                 "The file has %(count)s errors. Nothing was imported.", len(errors))
                        % {"count": len(errors)})
    upload.delete()
    return {"message": _("The factor set %(name)s is imported: %(count)s factors, %(provisional)s provisional.") % {
        "name": stored, "count": stored.factor_count, "provisional": stored.provisional_count},
        "url": reverse("climate:factor_set", kwargs={"pk": stored.pk}), "link": _("See the set")}


@job_function("climate.remind_now", label=gettext_lazy("Sending reminders"))
def remind_now(job, *, year):
    """Email every partner still missing the year's account now, whatever the reminder date."""
    from klimapartner.climate.reminders import send_reminders_for

    sent = send_reminders_for(year, progress=lambda done, total: job.progress(
        done, total, _("Email %(n)s of %(total)s") % {"n": done, "total": total}))
    return {"message": _("Reminders sent to %(count)s partners.") % {"count": len(sent)},
            "url": reverse("climate:missing") + f"?year={year}", "link": _("See the list")}
