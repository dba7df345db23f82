"""tierengine: TVPA minimum-standards assessment, evidence -> tier with a justification chain.

The pipeline runs one way: load -> validate -> compile -> evaluate -> explain -> render.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
