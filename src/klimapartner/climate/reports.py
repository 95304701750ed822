"""Status reports as PDF and XLSX."""


def partner_pdf(organisation):
    raise NotImplementedError


def partner_xlsx(organisation):
    raise NotImplementedError


def programme_pdf(year):
    raise NotImplementedError


def programme_xlsx(year):
    raise NotImplementedError
