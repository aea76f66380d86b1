"""Reading the code lists shipped as CSV files in domain/data/.

Each file opens with '#' lines naming its published source; the rest is a
CSV table with a header row. Shared by every code list, read lazily.
"""

from __future__ import annotations

import csv
from importlib import resources


def read_code_file(name: str) -> list[dict[str, str]]:
    """The rows of domain/data/`name` as dicts; [] when the file is not shipped."""
    source = resources.files("duunikulma_tui.domain").joinpath(f"data/{name}")
    if not source.is_file():
        return []
    lines = [ln for ln in source.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines))


class NamedInTwoLanguages:
    """Mixin for code-list entries with `name_fi` and `name_en`."""

    name_fi: str
    name_en: str

    def name(self, lang: str | None = None) -> str:
        """The name in the UI language (the other language if this one is missing)."""
        from duunikulma_tui.domain.i18n import current_language

        if (lang or current_language()) == "fi":
            return self.name_fi or self.name_en
        return self.name_en or self.name_fi
