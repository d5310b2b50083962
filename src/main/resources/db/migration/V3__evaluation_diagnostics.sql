-- Diagnostics the evaluation worker measures besides the benchmark metrics (METRICS.md §4, §7):
-- feature disentanglement on the test split (for artifacts that separate encoder and decoder)
-- and the metrics on corrupted copies of the test split. Read by the analysis pages.

alter table evaluation add column test_fd double precision;
alter table evaluation add column test_fd_mean_entropy double precision;

create table corruption_measurement (
    id            bigint      primary key,
    evaluation_id bigint      not null references evaluation (id) on delete cascade,
    corruption    varchar(64) not null,
    severity      integer     not null,
    metric_id     bigint      not null references benchmark_metric (id),
    measured      double precision not null,
    constraint uq_corruption_measurement unique (evaluation_id, corruption, severity, metric_id),
    constraint ck_corruption_severity check (severity between 1 and 5)
);
create index ix_corruption_evaluation on corruption_measurement (evaluation_id);
create sequence corruption_measurement_seq start with 1 increment by 50;
