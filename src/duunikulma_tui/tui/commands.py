"""Command palette entries (ctrl+p), all in the UI language."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.tui.areas import AREAS


class AreaCommands(Provider):
    """'Go to: Clients' and friends."""

    def _commands(self):
        app = self.app
        for area, key in AREAS:
            yield (t("command.go_to", area=t(f"area.{area}")),
                   partial(app.show_area, area),
                   t("command.go_to_help", area=t(f"area.{area}"), key=key.upper()))

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
