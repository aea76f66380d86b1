"""Choosing who works at this machine: pick a name, or add yourself."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from duunikulma_tui.domain.errors import FormErrors
from duunikulma_tui.domain.i18n import t
from duunikulma_tui.services import staff
from duunikulma_tui.tui.bindings import MODAL_BINDINGS, TranslatedBindings
from duunikulma_tui.tui.widgets.desk_input import DeskInput


class OperatorScreen(TranslatedBindings, ModalScreen[str | None]):
    """Returns the chosen staff member's id; Escape keeps the current operator."""

    BINDINGS = [Binding("escape", "cancel", "key.back", id="operator-cancel")] + MODAL_BINDINGS

    def __init__(self, members: list[staff.StaffMember], can_cancel: bool) -> None:
        super().__init__()
        self.members = members
        self.can_cancel = can_cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="operator-box"):
            yield Static(f"[b]{t('operator.title')}[/b]", id="operator-title")
            yield Static(t("operator.intro"))
            if self.members:
                yield OptionList(*[Option(f"{m.full_name}  ({t(f'code.staff_role.{m.role}')})",
                                          id=m.id) for m in self.members], id="operator-list")
            else:
                yield Static(t("operator.empty"))
            yield Static(f"[b]{t('operator.new')}[/b]", id="operator-new")
            yield Label(t("field.first_name"))
            yield DeskInput(id="first_name")
            yield Label("", id="first_name-error", classes="error")
            yield Label(t("field.last_name"))
            yield DeskInput(id="last_name")
            yield Label("", id="last_name-error", classes="error")
            yield Button(t("operator.add"), id="operator-add", variant="primary")
        yield Footer(compact=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_input_submitted(self, event: DeskInput.Submitted) -> None:
        if event.input.id == "first_name":
            self.query_one("#last_name", DeskInput).focus()
        else:
            self._add()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "operator-add":
            self._add()

    def _add(self) -> None:
        first = self.query_one("#first_name", DeskInput).value
        last = self.query_one("#last_name", DeskInput).value
        for name in ("first_name", "last_name"):
            self.query_one(f"#{name}-error", Label).update("")
        try:
            member = staff.add_staff(self.app.desk, first, last)
        except FormErrors as errors:
            for name, message in errors.by_field().items():
                self.query_one(f"#{name}-error", Label).update(message)
            return
        self.dismiss(member.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On first start there is nobody to go back to: hide Esc from the footer.
        if action == "cancel" and not self.can_cancel:
            return False
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)
