package io.mtlboard.benchmark;

import io.mtlboard.support.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Reads the registries: benchmarks (with their results summary), methods and backbones. The lists
 * are read once per data version ({@link BenchmarkStatistics#version()}), not per request.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BenchmarkService {

    private final BenchmarkStatistics statistics;
    private volatile Lists lists;

    public BenchmarkService(BenchmarkStatistics statistics) {
        this.statistics = statistics;
    }

    /** The registry lists at one data version. */
    private record Lists(
            long version,
            List<BenchmarkView> benchmarks,
            List<MethodView> methods,
            List<BackboneView> backbones) {}

    private Lists lists() {
        long v = statistics.version();
        Lists current = lists;
        if (current == null || current.version() != v) {
            current =
                    new Lists(
                            v,
                            Benchmark.allByName().stream()
                                    .map(b -> BenchmarkView.from(b, statistics, false))
                                    .toList(),
                            Method.allByName().stream().map(MethodView::from).toList(),
                            Backbone.allById().stream().map(BackboneView::from).toList());
            lists = current;
        }
        return current;
    }

    public List<BenchmarkView> benchmarks() {
        return lists().benchmarks();
    }

    /** @throws NotFoundProblem when there is no such benchmark */
    public BenchmarkView benchmark(String id) {
        return Benchmark.byId(id)
                .map(b -> BenchmarkView.from(b, statistics, true))
                .orElseThrow(() -> unknownBenchmark(id));
    }

    /** The problem for a benchmark id that is not in the registry, naming the known ones. */
    public static NotFoundProblem unknownBenchmark(String id) {
        return new NotFoundProblem(
                "No benchmark '"
                        + id
                        + "'; known benchmarks: "
                        + Benchmark.allByName().stream().map(b -> b.id).toList());
    }

    public List<MethodView> methods() {
        return lists().methods();
    }

    /** @throws NotFoundProblem when there is no such method */
    public MethodView method(String id) {
        return Method.byId(id)
                .map(MethodView::from)
                .orElseThrow(
                        () ->
                                new NotFoundProblem(
                                        "No method '"
                                                + id
                                                + "'; known methods: "
                                                + Method.allByName().stream()
                                                        .map(m -> m.id)
                                                        .sorted()
                                                        .toList()));
    }

    public List<BackboneView> backbones() {
        return lists().backbones();
    }
}
