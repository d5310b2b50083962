package io.mtlboard.benchmark;

import io.mtlboard.support.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reads the registries: benchmarks (with their results summary), methods and backbones. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BenchmarkService {

    private final BenchmarkStatistics statistics;

    public BenchmarkService(BenchmarkStatistics statistics) {
        this.statistics = statistics;
    }

    public List<BenchmarkView> benchmarks() {
        return Benchmark.allByName().stream().map(b -> BenchmarkView.from(b, statistics, false)).toList();
    }

    /** @throws NotFoundProblem when there is no such benchmark */
    public BenchmarkView benchmark(String id) {
        return Benchmark.byId(id).map(b -> BenchmarkView.from(b, statistics, true))
                .orElseThrow(() -> new NotFoundProblem("No benchmark '" + id + "'; known benchmarks: "
                        + Benchmark.allByName().stream().map(b -> b.id).toList()));
    }

    public List<MethodView> methods() {
        return Method.allByName().stream().map(MethodView::from).toList();
    }

    /** @throws NotFoundProblem when there is no such method */
    public MethodView method(String id) {
        return Method.byId(id).map(MethodView::from).orElseThrow(() -> new NotFoundProblem("No method '" + id
                + "'; known methods: " + Method.allByName().stream().map(m -> m.id).sorted().toList()));
    }

    public List<BackboneView> backbones() {
        return Backbone.allById().stream().map(BackboneView::from).toList();
    }
}
