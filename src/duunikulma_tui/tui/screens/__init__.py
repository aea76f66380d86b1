"""Screens of the Duunikulma UI."""
