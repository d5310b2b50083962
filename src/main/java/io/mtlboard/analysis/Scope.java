package io.mtlboard.analysis;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.leaderboard.LeaderboardQuery;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.run.RowSource;
import java.util.List;

/**
 * A validated {@link AnalysisFilter}: which rows of which benchmark an analysis looks at, and the
 * Δm convention. Empty lists allow everything.
 *
 * @param benchmark the benchmark; null only for an analysis that spans every benchmark (the
 *     optimizer analysis when none is asked for)
 * @param convention the Δm convention with its id and meaning
 */
public record Scope(
        Ref benchmark,
        List<String> backbones,
        List<String> optimizers,
        List<String> gradientLevels,
        List<String> sources,
        List<String> methods,
        LeaderboardView.ConventionView convention) {

    public Scope {
        backbones = List.copyOf(backbones);
        optimizers = List.copyOf(optimizers);
        gradientLevels = List.copyOf(gradientLevels);
        sources = List.copyOf(sources);
        methods = List.copyOf(methods);
    }

    /** Every row of a benchmark, Δm in the per-task convention. */
    static Scope all(Ref benchmark) {
        var perTask = DeltaM.Convention.PER_TASK;
        return new Scope(
                benchmark,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new LeaderboardView.ConventionView(perTask.id(), perTask.label(), "gain"));
    }

    DeltaM.Convention deltaMConvention() {
        return DeltaM.Convention.FLAT.id().equals(convention.id())
                ? DeltaM.Convention.FLAT
                : DeltaM.Convention.PER_TASK;
    }

    /** The same scope on another benchmark, or with other backbones or methods. */
    Scope with(Ref otherBenchmark, List<String> otherBackbones, List<String> otherMethods) {
        return new Scope(
                otherBenchmark,
                otherBackbones,
                optimizers,
                gradientLevels,
                sources,
                otherMethods,
                convention);
    }

    /** The whole leaderboard of the scope, unpaged. */
    LeaderboardQuery query() {
        return new LeaderboardQuery(
                backbones,
                optimizers,
                gradientLevels,
                sources.stream().map(s -> RowSource.parse(s).orElseThrow()).toList(),
                methods,
                List.of(),
                false,
                "rank",
                false,
                false,
                deltaMConvention(),
                1,
                Integer.MAX_VALUE);
    }
}
