"""Matching people with jobs, the matches' status history and employments gained."""

from __future__ import annotations

from pydantic import model_validator

from duunikulma_tui.domain.errors import FieldError
from duunikulma_tui.domain.models.base import DomainModel, check_order, raise_if_any
from duunikulma_tui.domain.models.fields import (
    Date, EmploymentKind, Id, MatchStatus, Note, OptDate, OptId, OptMatchStatus,
)


class MatchProposal(DomainModel):
    """A jobseeker proposed for a job opening (table `match_proposal`)."""

    job_id: Id
    client_id: Id
    staff_id: OptId = None
    proposed_on: Date
    status: MatchStatus = "proposed"
    # Computed by the matching service; the schema sets no range, so none is invented here.
    score: int | None = None
    note: Note = None


class MatchStatusChange(DomainModel):
    """One status move of a match proposal (table `match_status_change`)."""

    match_id: Id
    from_status: OptMatchStatus = None
    to_status: MatchStatus
    changed_on: Date


class EmploymentOutcome(DomainModel):
    """An employment a client got, through a match or otherwise (table `employment_outcome`)."""

    client_id: Id
    employer_id: OptId = None
    job_id: OptId = None
    match_id: OptId = None
    kind: EmploymentKind
    permanent: bool = False
    new_job: bool = False
    start_date: Date
    end_date: OptDate = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> EmploymentOutcome:
        errors: list[FieldError] = []
        check_order(errors, self.start_date, self.end_date)
        raise_if_any(errors)
        return self
