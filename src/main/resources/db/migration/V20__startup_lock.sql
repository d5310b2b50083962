-- One row that start-up loaders lock (SELECT ... FOR UPDATE) so that replicas starting at the same
-- time load the registries and imports one after the other instead of racing on unique keys.
create table startup_lock (
    id integer primary key
);
insert into startup_lock (id) values (1);
