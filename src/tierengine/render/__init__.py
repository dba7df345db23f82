"""Views of results: each renderer takes result objects and returns text.

Kept apart from the result data (result.py) the way OpenFisca keeps trace views
apart from the trace: adding a format never touches the engine.
"""
