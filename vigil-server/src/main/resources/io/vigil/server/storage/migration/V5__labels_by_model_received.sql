-- The orphaned-label count of the performance answer reads one model's labels received before the wait's end.
-- With only labels_by_id the planner scanned every label of the model (50 ms at 200,000 labels, on every query).
CREATE INDEX labels_by_model_received ON labels (model, received) WHERE kind = 'l';
