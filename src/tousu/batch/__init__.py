"""Use cases that work on files rather than on the register: the batch analyser."""
