"""Supervision items (督办) and the ranking of lead units (比学赶超): the pure rules.

`propose` decides which targets need an item and how an item's state may change, `ranking`
ranks lead units by their measures, `files` checks an attachment's type by its bytes. Nothing
here reads a database; `plancockpit.services.followup.supervision` and `plancockpit.services.progress.ranking`
feed these functions and store what they decide.
"""
