"""The Textual front end. Asks services for data; never touches SQL."""
