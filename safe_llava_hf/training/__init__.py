"""Training: model assembly and freezing for the recipe (:mod:`.model`) and chat templates (:mod:`.chat_templates`)."""
