"""`python -m duunikulma_tui` behaves exactly like the `duunikulma` command."""

from duunikulma_tui.cli import main

if __name__ == "__main__":
    main()
