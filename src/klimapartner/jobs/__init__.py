"""Background jobs with progress: long work (scheduling, bulk email, big imports and reports) out of the request.

See README.md in this folder for the API.
"""
