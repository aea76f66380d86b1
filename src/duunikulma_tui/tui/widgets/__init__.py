"""Reusable widgets of the Duunikulma UI."""
