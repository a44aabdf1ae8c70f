"""The spiders: ``pith`` and ``wiki``."""
