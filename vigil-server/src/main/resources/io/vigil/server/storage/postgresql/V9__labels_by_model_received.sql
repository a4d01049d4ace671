-- The orphaned-label count of the performance answer reads one model's labels received before the wait's end.
CREATE INDEX labels_by_model_received ON labels (model, received) WHERE kind = 'l';
