"""The one git adapter: nothing outside this package starts a git process."""
