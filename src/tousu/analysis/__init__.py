"""The pure analysis core: plain dataclasses in, plain dataclasses out.

Nothing here imports the database, the web or the command line.
"""
