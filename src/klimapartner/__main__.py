"""The one command line: `klimapartner COMMAND`.

The pure cores' commands (match, textmatch, bench matching, account, tour, bench tours) run without
Django; everything else is a Django management command.
"""

import os
import sys

PURE_COMMANDS = {"match", "textmatch"}


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else ""
    if command in PURE_COMMANDS or argv[1:3] == ["bench", "matching"]:
        from klimapartner.matching.cli import main as matching_main

        return matching_main(argv[1:])
    if command == "tour" or argv[1:3] == ["bench", "tours"]:
        from klimapartner.routing.cli import main as routing_main

        return routing_main(argv[1:])
    if command == "account":
        from klimapartner.accounting.cli import main as accounting_main

        return accounting_main(argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimapartner.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["klimapartner", *argv[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
