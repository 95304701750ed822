"""A migration operation Django lacks: giving an existing model a new parent (multi-table inheritance).

Used when partnership days became activities: the event table's id column became the pointer to
its activities row (same values), and then the model's bases change in the migration state only.
"""

from django.db import migrations


class AlterModelBases(migrations.operations.base.Operation):
    """Change a model's bases in the migration state; the tables are changed by the operations around it."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, name, bases):
        self.name = name
        self.bases = tuple(bases)

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"name": self.name, "bases": self.bases}

    def state_forwards(self, app_label, state):
        # Going backwards Django replays the earlier operations, so this needs no reverse.
        state.models[app_label, self.name.lower()].bases = self.bases
        state.reload_model(app_label, self.name.lower(), delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Change the bases of {self.name} to {', '.join(map(str, self.bases))}"

    @property
    def migration_name_fragment(self):
        return f"alter_{self.name.lower()}_bases"
