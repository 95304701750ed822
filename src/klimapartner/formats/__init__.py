"""How dates, times and numbers are written in each language, set once (settings.FORMAT_MODULE_PATH).

Templates write `{{ day|date }}`, `{{ starts|time }}`, `{{ when|date:"DATETIME_FORMAT" }}` or
`{{ x|floatformat:"1g" }}` and never a format of their own; Python code uses django.utils.formats.
Date, time and datetime inputs are always ISO (the first input format), which is what the browser's
date pickers read and write, in every language.
"""
