"""What the parsing processes start from: the parsers imported and made ready, once.

Only :mod:`multiprocessing`'s fork server imports this module (``set_forkserver_preload``, see
:mod:`otsmaterials.index.parsing`): each parsing process forked from it finds the language model
loaded, the Markdown parser made and the summary's validators built, instead of making them for
its first page (about 40 ms of CPU each; the model's memory is shared with the fork server's).
"""

from __future__ import annotations

from otsmaterials.index.parsing import warm_up

warm_up()
