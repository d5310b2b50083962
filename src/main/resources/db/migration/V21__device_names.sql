-- Evaluations name their device as reference evaluations always did: 'cpu' or 'gpu0'. The worker
-- used to record DJL's names 'cpu()' and 'gpu(0)'; same devices, one spelling.
update evaluation set device = 'cpu' where device = 'cpu()';
update evaluation set device = 'gpu0' where device = 'gpu(0)';
