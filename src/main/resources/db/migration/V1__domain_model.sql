-- MTLBoard domain model (DESIGN.md): registries, runs, evaluations.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

create table benchmark (
    id              varchar(64)  primary key,
    name            varchar(200) not null,
    version         varchar(32)  not null,
    description     varchar,
    dataset_licence varchar,
    citation        varchar,
    homepage        varchar(500),
    input_spec      varchar,
    data_bundled    boolean      not null default false,
    manifest_sha256 varchar(64)  not null
);

create table benchmark_task (
    id           bigint       primary key,
    benchmark_id varchar(64)  not null references benchmark (id) on delete cascade,
    position     integer      not null,
    name         varchar(64)  not null,
    title        varchar(200) not null,
    kind         varchar(32)  not null,
    loss         varchar(64),
    constraint uq_task_name unique (benchmark_id, name)
);

create table benchmark_metric (
    id               bigint       primary key,
    task_id          bigint       not null references benchmark_task (id) on delete cascade,
    position         integer      not null,
    name             varchar(64)  not null,
    title            varchar(200) not null,
    higher_is_better boolean      not null,
    unit             varchar(32),
    abs_tolerance    double precision not null,
    rel_tolerance    double precision not null,
    constraint uq_metric_name unique (task_id, name)
);

create table backbone (
    id          varchar(64)  primary key,
    name        varchar(200) not null,
    family      varchar(64)  not null,
    parameters  bigint,
    lightweight boolean      not null,
    description varchar
);

create table method (
    id                 varchar(64)  primary key,
    name               varchar(200) not null,
    category           varchar(32)  not null,
    feature_level      boolean      not null,
    feature_level_name varchar(200),
    venue              varchar(200),
    published_year     integer,
    paper_url          varchar(500),
    summary            varchar
);

create table run (
    id                  bigint       primary key,
    benchmark_id        varchar(64)  not null references benchmark (id),
    backbone_id         varchar(64)  not null references backbone (id),
    method_id           varchar(64)  not null references method (id),
    optimizer           varchar(32)  not null,
    gradient_level      varchar(16)  not null,
    seed                integer,
    reported_seeds      integer,
    source              varchar(16)  not null,
    status              varchar(16)  not null,
    submitter           varchar(200),
    description         varchar,
    citation            varchar,
    source_url          varchar(500),
    hyper_parameters    varchar,
    published_delta_m_task     double precision,
    published_delta_m_task_std double precision,
    published_delta_m_flat     double precision,
    import_key          varchar(300),
    import_hash         varchar(64),
    hidden              boolean      not null default false,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    constraint uq_run_import_key unique (import_key)
);
create index ix_run_benchmark on run (benchmark_id);
create index ix_run_method on run (method_id);

create table run_claim (
    id        bigint primary key,
    run_id    bigint not null references run (id) on delete cascade,
    metric_id bigint not null references benchmark_metric (id),
    claimed   double precision not null,
    constraint uq_claim unique (run_id, metric_id)
);
create index ix_claim_run on run_claim (run_id);

create table evaluation (
    id                bigint      primary key,
    run_id            bigint      not null references run (id) on delete cascade,
    attempt           integer     not null,
    evaluator_version varchar(32) not null,
    worker_id         varchar(200),
    device            varchar(64),
    status            varchar(16) not null,
    verdict           varchar(16),
    reason            varchar,
    parameter_count   bigint,
    latency_ms        double precision,
    throughput        double precision,
    log_excerpt       varchar,
    started_at        timestamp with time zone,
    finished_at       timestamp with time zone,
    constraint uq_evaluation_attempt unique (run_id, attempt)
);
create index ix_evaluation_run on evaluation (run_id);

create table evaluation_measurement (
    id            bigint primary key,
    evaluation_id bigint not null references evaluation (id) on delete cascade,
    metric_id     bigint not null references benchmark_metric (id),
    measured      double precision not null,
    agrees        boolean,
    constraint uq_measurement unique (evaluation_id, metric_id)
);

create sequence benchmark_task_seq start with 1 increment by 50;
create sequence benchmark_metric_seq start with 1 increment by 50;
create sequence run_seq start with 1 increment by 50;
create sequence run_claim_seq start with 1 increment by 50;
create sequence evaluation_seq start with 1 increment by 50;
create sequence evaluation_measurement_seq start with 1 increment by 50;
