"""Messages shared by every form."""

FI = {
    "form.saved": "Tallennettu.",
    "form.fix_errors": "Korjaa merkityt kentät. Mitään ei tallennettu.",
    "error.choose_from_list": "Valitse jokin luettelon vaihtoehdoista.",
}

EN = {
    "form.saved": "Saved.",
    "form.fix_errors": "Fix the marked fields. Nothing was saved.",
    "error.choose_from_list": "Choose one of the options in the list.",
}
