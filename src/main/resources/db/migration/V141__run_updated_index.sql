-- Leaderboards re-read only the runs updated since their last read.
create index ix_run_benchmark_updated on run (benchmark_id, updated_at);
