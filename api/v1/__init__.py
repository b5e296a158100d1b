"""Version 1 of the API, as fixed by ``../shared/spec/API.md``."""
