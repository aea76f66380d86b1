"""What the desk does, as plain functions over a Desk. Never imports Textual."""
