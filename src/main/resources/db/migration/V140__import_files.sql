-- Content digests of the files start-up imported (registries, literature CSVs, reference bundles),
-- so that the next start skips an import whose files did not change.
create table import_file (
    import_key varchar(500) primary key,
    sha256 varchar(64) not null,
    imported_at timestamp with time zone not null
);
