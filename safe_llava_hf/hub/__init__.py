"""Hub datasets: builders that write parquet + card folders (:mod:`.datasets`) and their cards (:mod:`.cards`)."""
