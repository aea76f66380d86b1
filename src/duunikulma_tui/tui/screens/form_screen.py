"""Base for full-screen forms: ctrl+s saves, Escape asks before discarding."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from duunikulma_tui.domain.errors import FormErrors
from duunikulma_tui.domain.i18n import t
from duunikulma_tui.tui.bindings import FOCUS_BINDINGS, TranslatedBindings
from duunikulma_tui.tui.screens.confirm import ConfirmScreen
from duunikulma_tui.tui.widgets.form import form_values, show_errors


class FormScreen(TranslatedBindings, Screen):
    """Subclasses compose FormFields and implement `save(values)` -> result.

    `save` raises FormErrors for refused input; nothing is saved then and the
    messages appear under their fields. A successful save dismisses the
    screen with the result.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="form-save"),
        Binding("escape", "cancel", "key.cancel", id="form-cancel"),
    ] + FOCUS_BINDINGS

    def on_mount(self) -> None:
        self._pristine = form_values(self)

    @property
    def dirty(self) -> bool:
        """Has anything been typed or chosen since the form opened?"""
        return form_values(self) != self._pristine

    def save(self, values: dict[str, str]):  # pragma: no cover - abstract
        raise NotImplementedError

    def action_save(self) -> None:
        try:
            result = self.save(form_values(self))
        except FormErrors as errors:
            first = show_errors(self, errors.by_field())
            self.notify(t("form.fix_errors"), severity="error")
            if first is not None:
                first.widget.focus()
                first.scroll_visible()
            return
        if result is not None:
            show_errors(self, {})
            self.dismiss(result)

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(t("form.discard_title"), t("form.discard_body"),
                                           t("form.discard"), t("form.keep_editing")), answered)
