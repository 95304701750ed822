"""Site-visit tours: order visits to partners' sites into a timed route (pure, no Django)."""
