"""Duunikulma: the front-desk terminal app of a Finnish employment service point."""

__version__ = "0.1.0"
