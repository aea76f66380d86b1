"""Text of the client card's tabs, built from the card data (pure formatting)."""

from __future__ import annotations

from duunikulma_tui.domain.codes import APPOINTMENT_STATUS
from duunikulma_tui.domain.i18n import format_date, t
from duunikulma_tui.domain.languages import language_name
from duunikulma_tui.services.client_card import ClientCard


def _line(label_key: str, value: object) -> str:
    shown = value if value not in (None, "", []) else "–"
    return f"[dim]{t(label_key):<24}[/dim] {shown}"


def summary_text(card: ClientCard) -> str:
    """Contact details, consents, the open period and the note."""
    period = card.open_period
    lines = [
        _line("field.phone", card.phone), _line("field.email", card.email),
        _line("field.street_address", " ".join(x for x in (card.street_address, card.postal_code,
                                                          card.post_office) if x)),
        _line("field.municipality", card.municipality),
        _line("field.gender", t(f"code.gender.{card.gender}")),
        _line("field.native_language", language_name(card.native_language)),
        _line("field.consent_processing_on", format_date(card.consent_processing_on)
              if card.consent_processing_on else t("card.no_consent")),
        _line("field.consent_share_employers_on", format_date(card.consent_share_employers_on)
              if card.consent_share_employers_on else t("card.no_consent")),
    ]
    if period:
        lines += [
            _line("field.start_date", format_date(period.start_date)),
            _line("field.labour_status", t(f"code.labour_status.{period.labour_status}")),
            _line("field.unemployed_since", format_date(period.unemployed_since)
                  if period.unemployed_since else None),
        ]
    lines += [_line("field.digital_skills", t(f"code.digital_skills.{card.digital_skills}")
                    if card.digital_skills else None),
              _line("field.note", card.note)]
    return "\n".join(lines)


def skills_text(card: ClientCard) -> str:
    """What the person offers and wants."""
    from duunikulma_tui.domain.occupations import occupation_name

    cards = ", ".join(t(f"code.card.{c}") + (f" ({format_date(e)})" if e else "")
                      for c, e in card.cards)
    languages = ", ".join(f"{lang} ({t(f'code.language_level.{lvl}')})"
                          for lang, lvl in card.languages)
    occupations = [f"  {code} {occupation_name(code)}" for code in card.occupations]
    return "\n".join([
        f"[dim]{t('field.occupations')}[/dim]",
        *(occupations or ["  –"]),
        _line("field.skills", ", ".join(card.skills)),
        _line("field.cards", cards),
        _line("field.driving_licences", card.driving_licences),
        _line("field.languages", languages),
        _line("field.working_time_wish", t(f"code.working_time.{card.working_time_wish}")
              if card.working_time_wish else None),
        _line("field.max_travel_km", card.max_travel_km),
    ])


def outcomes_text(card: ClientCard) -> str:
    """Agreement periods with their exits, and the client-change assessments."""
    lines: list[str] = []
    for p in card.periods:
        span = f"{format_date(p.start_date)} – {format_date(p.end_date) if p.end_date else ''}"
        outcome = t(f"code.exit_outcome.{p.exit_outcome}") if p.exit_outcome else t("card.ongoing")
        if p.employment_over_3_months:
            outcome += " · " + t("card.over_3_months")
        lines.append(f"[b]{span}[/b]  {outcome}")
    if card.assessments:
        lines.append("")
        dims = list(card.assessments[0].scores)
        header = " " * 24 + "  ".join(t(f"code.assessment_phase.{a.phase}")[:8].ljust(8)
                                      for a in card.assessments)
        lines.append(header)
        for dim in dims:
            scores = "  ".join(str(a.scores.get(dim) or "–").ljust(8) for a in card.assessments)
            lines.append(f"{t(f'code.assessment_dimension.{dim}'):<24}{scores}")
    return "\n".join(lines) or t("card.no_periods")


def timeline_rows(card: ClientCard) -> list[tuple[str, str, str, str]]:
    """Rows of the timeline table: date, what, status, detail."""
    rows = []
    for e in card.timeline:
        if e.kind == "appointment":
            what = t(f"code.service_type.{e.code}")
            status = (t(f"code.appointment_status.{e.status}")
                      if e.status in APPOINTMENT_STATUS else t(f"code.attendance.{e.status}"))
            detail = e.detail[:5].replace(":", ".")
        elif e.kind == "referral":
            what = t(f"code.referral_kind.{e.code}")
            status = t(f"code.referral_status.{e.status}")
            detail = e.detail
        elif e.kind == "match":
            what = t("card.event_match")
            status = t(f"code.match_status.{e.code}")
            detail = e.detail
        elif e.kind == "employment":
            what = t("card.event_employment")
            status = t(f"code.employment_kind.{e.code}")
            detail = ""
        elif e.kind == "period_start":
            what = t("card.event_period_start")
            status = t(f"code.labour_status.{e.code}")
            detail = ""
        else:
            what = t("card.event_exit")
            status = t(f"code.exit_outcome.{e.code}") if e.code else ""
            detail = ""
        rows.append((format_date(e.on), what, status, detail))
    return rows

