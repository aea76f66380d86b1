"""Form building blocks: one line per field, its error right under it.

A form is plain widgets in a VerticalScroll; `FormField` pairs a label with
an input or select and owns the error line, so a screen only maps service
errors (field name -> message) onto fields.
"""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Select, Static

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.tui.widgets.desk_input import DeskInput


class CompactSelect(Select):
    """A one-row Select for dense forms."""

    DEFAULT_CSS = """
    CompactSelect { height: 1; width: 1fr; }
    CompactSelect > SelectCurrent { border: none; height: 1; padding: 0 1; background: $primary 12%; }
    CompactSelect:focus > SelectCurrent { border: none; background: $primary 35%; }
    CompactSelect > SelectOverlay { width: 1fr; }
    """


def code_select(code_list: str, values: Iterable[str], *, field_id: str, allow_blank: bool = True,
                value: str | None = None) -> CompactSelect:
    """A select over code values, showing their catalog names."""
    options = [(t(f"code.{code_list}.{v}"), v) for v in values]
    kwargs = {"value": value} if value is not None else {}
    return CompactSelect(options, id=field_id, allow_blank=allow_blank,
                         prompt=t("form.choose"), **kwargs)


class FormField(Vertical):
    """Label and input on one line, the field's error on the next (hidden when fine)."""

    DEFAULT_CSS = """
    FormField { height: auto; }
    FormField > Horizontal { height: 1; }
    FormField .form-label { width: 26; color: $text-muted; }
    FormField .form-error { color: $error; padding-left: 26; display: none; width: 1fr; height: auto; }
    FormField .form-error.-shown { display: block; }
    FormField DeskInput { width: 1fr; }
    """

    def __init__(self, field: str, widget: Widget, *, label: str | None = None,
                 required: bool = False) -> None:
        super().__init__(id=f"field-{field}")
        self.field = field
        self.widget = widget
        text = label if label is not None else t(f"field.{field}")
        self.label_text = f"{text} *" if required else text

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label_text, classes="form-label")
            yield self.widget
        yield Label("", classes="form-error")

    def show_error(self, message: str | None) -> None:
        """Show `message` under the field, or clear it."""
        error = self.query_one(".form-error", Label)
        error.update(message or "")
        error.set_class(bool(message), "-shown")

    @property
    def value(self) -> str:
        """The raw value the user entered ('' for a blank select)."""
        if isinstance(self.widget, Select):
            return "" if self.widget.is_blank() else str(self.widget.value)
        picked = getattr(self.widget, "picked_id", False)
        if picked is not False:
            return picked or ""
        if isinstance(self.widget, DeskInput):
            return self.widget.value
        raise TypeError(type(self.widget))


def text_field(field: str, *, value: str = "", required: bool = False,
               placeholder: str = "", label: str | None = None) -> FormField:
    """A FormField with a one-row text input whose id is the field name."""
    return FormField(field, DeskInput(value=value, id=field, placeholder=placeholder),
                     label=label, required=required)


class SectionTitle(Static):
    """A heading between groups of fields."""

    DEFAULT_CSS = """
    SectionTitle { text-style: bold; color: $accent; margin-top: 1; }
    """


def form_values(root: Widget) -> dict[str, str]:
    """Every FormField under `root` as {field: raw value}."""
    return {f.field: f.value for f in root.query(FormField)}


def show_errors(root: Widget, errors: dict[str, str]) -> FormField | None:
    """Put each message under its field; returns the first field with an error."""
    first = None
    for f in root.query(FormField):
        message = errors.get(f.field)
        f.show_error(message)
        if message and first is None:
            first = f
    return first
