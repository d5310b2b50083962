-- Settings: a leaderboard ranks rows of one benchmark x backbone x protocol. The protocol is the
-- pipeline that produced a run's numbers; MTLBoard's own for reference, verified and claimed runs,
-- the publication's for literature runs (set again by the importer when it rewrites a row).
alter table run add column protocol varchar(64);
-- Literature rows whose single-task baseline comes from another protocol (publication), and the
-- optimizer of the single-task row a publication computed its delta-m against.
alter table run add column baseline_protocol varchar(64);
alter table run add column baseline_optimizer varchar(32);
alter table run add column published_delta_m_flat_std double precision;
-- Why a printed delta-m differs from the recomputation, where the publication itself is inconsistent.
alter table run add column published_delta_m_note varchar(2000);
update run set protocol = 'mtlboard' where source <> 'LITERATURE';
