"""Version 1 of the API, as fixed by ``docs/spec/API.md``."""
