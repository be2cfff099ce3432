"""Reading a catalogue file: libyaml's events (:mod:`.yamlread`), strict validation
(:mod:`.schema`, :mod:`.paperfields`), line numbers and messages (:mod:`.loader`), and the
cache of validated catalogues (:mod:`.cache`).

Only :mod:`.yamlread` imports PyYAML, and only when a file has to be parsed.
"""
