-- Submissions: API tokens, run ownership and artifacts, the evaluation job queue.

create table api_token (
    id             bigint       primary key,
    name           varchar(200) not null,
    token_hash     varchar(64)  not null,
    admin          boolean      not null default false,
    runs_per_day   integer      not null,
    max_concurrent integer      not null,
    created_at     timestamp with time zone not null,
    revoked_at     timestamp with time zone,
    constraint uq_token_hash unique (token_hash)
);
create sequence api_token_seq start with 1 increment by 50;

alter table run add column owner_token_id bigint references api_token (id);
alter table run add column artifact_sha256 varchar(64);
alter table run add column artifact_bytes bigint;
alter table run add column idempotency_key varchar(200);
alter table run add column manifest varchar;
alter table run add column manifest_sha256 varchar(64);
alter table run add column code_url varchar(500);
alter table run add column paper_url varchar(500);
alter table run add column flagged boolean not null default false;
alter table run add constraint uq_run_idempotency unique (owner_token_id, idempotency_key);
create index ix_run_owner on run (owner_token_id, created_at);

create table evaluation_job (
    id               bigint      primary key,
    run_id           bigint      not null references run (id) on delete cascade,
    state            varchar(16) not null,
    attempt          integer     not null default 0,
    infra_failures   integer     not null default 0,
    lease_owner      varchar(200),
    lease_expires_at timestamp with time zone,
    progress_done    bigint,
    progress_total   bigint,
    last_error       varchar,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint uq_job_run unique (run_id)
);
create index ix_job_state on evaluation_job (state, id);
create sequence evaluation_job_seq start with 1 increment by 50;
