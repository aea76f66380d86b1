"""Scripts the rows start as fresh subprocesses (run by path, not imported)."""
