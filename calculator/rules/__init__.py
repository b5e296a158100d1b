"""The rules, one module per article, functions in statute order, named after the provision."""
