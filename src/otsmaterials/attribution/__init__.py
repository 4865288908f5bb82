"""Attribution: who wrote and translated what, and TASL lines in the reader's language."""
