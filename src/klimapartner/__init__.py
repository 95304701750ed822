"""Klimapartner: a municipality's climate partnership programme."""
