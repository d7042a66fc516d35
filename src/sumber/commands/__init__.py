"""CLI sub-commands, one module each (discovered by ``sumber.cli``)."""
