"""Duunikulma's benchmark runner: `python -m bench` prints one table of figures.

Kept import-free on purpose: probes started as subprocesses must not pay for
the runner's own imports. See docs/benchmarks.md.
"""
