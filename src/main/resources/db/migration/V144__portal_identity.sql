-- One random identity per database, written by the first process that needs it: files a portal keeps
-- beside the database (board snapshots) name the database they were taken from.
create table portal_identity (
    name varchar(40) primary key,
    identity varchar(64) not null
);
