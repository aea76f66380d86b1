"""Key bindings whose descriptions are catalog keys, translated per instance.

BINDINGS are class attributes, built at import time, before the language is
known; so descriptions hold catalog keys and each screen swaps in the
translated text when it is created.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from duunikulma_tui.domain.i18n import t


def translate_bindings(node: DOMNode) -> None:
    """Replace `node`'s binding descriptions (catalog keys) with their text."""
    translated = [replace(binding, description=t(binding.description) if binding.description else "",
                          tooltip=t(binding.tooltip) if binding.tooltip else "")
                  for _key, binding in node._bindings]
    node._bindings = BindingsMap(translated)


class TranslatedBindings:
    """Mixin for screens and widgets: translate BINDINGS on creation."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)  # type: ignore[arg-type]


# Tab as a *priority* binding: checked before the key is forwarded to the
# focused widget, so letters typed right after Tab (fast typists, tmux
# send-keys) land in the next field instead of racing into the old one.
FOCUS_BINDINGS = [
    Binding("tab", "app.focus_next", show=False, priority=True, id="focus-next"),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True, id="focus-previous"),
]

# Modal screens cut off the app's bindings, so each modal repeats these.
MODAL_BINDINGS = FOCUS_BINDINGS + [
    Binding("ctrl+q", "app.quit", "key.quit", priority=True, id="modal-quit"),
]
