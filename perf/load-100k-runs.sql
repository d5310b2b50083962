-- Adds 100,000 SUBMITTED runs with nine claimed metrics each to the NYUv2 benchmark (H2 syntax):
-- 20 methods (STL included, so that Δm has a baseline) x 5 backbones x 2 optimizers x 2 gradient
-- levels x 250 seeds. Values are deterministic functions of the run number.
insert into run (id, benchmark_id, backbone_id, method_id, optimizer, gradient_level, seed, source, status,
                 hidden, created_at, updated_at)
select 10000000 + x, 'nyuv2',
       array_get(array['lenet5', 'resnet-narrow', 'mobilenet-like', 'resnet18', 'segnet-mtan'], mod(x, 5) + 1),
       array_get(array['stl', 'ew', 'uw', 'gradnorm', 'dwa', 'rlw', 'gls', 'mgda', 'pcgrad', 'graddrop', 'gradvac',
                       'cagrad', 'imtl-g', 'imtl-l', 'imtl', 'nash-mtl', 'aligned-mtl', 'db-mtl', 'famo', 'moco'],
                 mod(x / 5, 20) + 1),
       case mod(x / 100, 2) when 0 then 'adam' else 'sgd' end,
       case mod(x / 200, 2) when 0 then 'param' else 'feature' end,
       x / 400, 'SUBMITTED', 'CLAIMED', false, DATEADD(DAY, -1, CURRENT_TIMESTAMP), DATEADD(DAY, -1, CURRENT_TIMESTAMP)
from system_range(0, 99999);

insert into run_claim (id, run_id, metric_id, claimed)
select 20000000 + r.x * 16 + m.position + t.position * 5, 10000000 + r.x, m.id,
       case when m.higher_is_better then 40 + mod(r.x * 37 + m.id * 11, 100) / 10.0
            else 0.2 + mod(r.x * 53 + m.id * 7, 100) / 1000.0 end
from system_range(0, 99999) r
cross join benchmark_metric m
join benchmark_task t on t.id = m.task_id
where t.benchmark_id = 'nyuv2';
