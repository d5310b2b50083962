package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.RowSource;
import io.mtlboard.run.RunSettings;
import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.NotFoundProblem;
import io.mtlboard.support.Violation;
import io.mtlboard.support.query.QueryChecks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds leaderboards: validates the query, takes the benchmark's aggregated rows from {@link
 * LiveBoards} (kept up to date run by run), then filters, ranks, sorts and pages them, and builds
 * the compare, method, settings and Pareto views on the same rows.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LeaderboardService {

    static final String RANK_RULE =
            "Ranks compare rows of one setting (backbone × protocol) and restart in every "
                    + "setting; rows are ranked by mean Δm over seeds, and a row shares the rank of the first row of its rank "
                    + "group when their mean ± std intervals overlap (a difference within seed noise; for a published mean, "
                    + "the std its publication printed for this Δm — or for the other convention where every task has as "
                    + "many metrics, so that both are the same average; for a row of one seed, the setting's seed std pooled over its rows of "
                    + "two or more seeds, when that rests on at least 5 degrees of freedom). Single-task rows are "
                    + "the baseline (Δm = 0), claimed rows are listed apart, and rows whose baseline comes from another "
                    + "publication are not ranked unless cross-protocol rows are asked to be ranked (the "
                    + "\"Cross-protocol rows\" filter; crossProtocol=include in the API).";

    private final MtlboardConfig config;
    private final LeaderboardVersion version;
    private final BoardRepository repository;
    private final LiveBoards boards;

    public LeaderboardService(
            MtlboardConfig config,
            LeaderboardVersion version,
            BoardRepository repository,
            LiveBoards boards) {
        this.config = config;
        this.version = version;
        this.repository = repository;
        this.boards = boards;
    }

    /** The ids a query may name, read once per data version. */
    private record Registry(long version, List<String> backboneIds, List<String> methodIds) {}

    private volatile Registry registry;

    private Registry registry() {
        long v = version.overall();
        Registry r = registry;
        if (r == null || r.version() != v) {
            r =
                    new Registry(
                            v,
                            Backbone.allById().stream().map(b -> b.id).toList(),
                            Method.allByName().stream().map(m -> m.id).sorted().toList());
            registry = r;
        }
        return r;
    }

    /**
     * Validates raw request parameters into a query; null or empty parameters take defaults.
     *
     * @throws NotFoundProblem when the benchmark does not exist
     * @throws InvalidInputProblem listing every invalid parameter with the allowed values
     */
    public LeaderboardQuery query(String benchmarkId, LeaderboardParams p) {
        Board board = board(benchmarkId);
        QueryChecks checks = new QueryChecks();
        Registry registry = registry();
        List<String> backbone = checks.many("backbone", p.backbone, registry.backboneIds());
        List<String> optimizer = checks.many("optimizer", p.optimizer, RunSettings.OPTIMIZERS);
        List<String> gradientLevel =
                checks.many("gradientLevel", p.gradientLevel, RunSettings.GRADIENT_LEVELS);
        List<String> source = checks.many("source", p.source, RowSource.ids());
        List<String> method = checks.many("method", p.method, registry.methodIds());
        List<String> setting = checks.many("setting", p.setting, board.settingIds());
        String cross =
                checks.one(
                        "crossProtocol",
                        p.crossProtocol,
                        LeaderboardQuery.CROSS_PROTOCOL,
                        "exclude");
        List<String> sorts = new ArrayList<>(LeaderboardQuery.FIXED_SORTS);
        board.columns().forEach(c -> sorts.add(c.key()));
        String sortKey = checks.one("sort", p.sort, sorts, "rank");
        String order = checks.one("order", p.order, List.of("asc", "desc"), null);
        List<String> conventions =
                Arrays.stream(DeltaM.Convention.values()).map(DeltaM.Convention::id).toList();
        String conventionId =
                checks.one(
                        "convention", p.convention, conventions, DeltaM.Convention.PER_TASK.id());
        int max = config.leaderboard().maxPageSize();
        Integer pageNumber = checks.integer("page", p.page, 1, Integer.MAX_VALUE, null);
        Integer pageSize = checks.integer("size", p.size, 1, max, null);
        String search = p.q == null ? "" : p.q.strip().replaceAll("\\s+", " ");
        if (search.length() > LeaderboardQuery.MAX_SEARCH) {
            checks.add(
                    "q",
                    "a search of "
                            + search.length()
                            + " characters is too long; at most "
                            + LeaderboardQuery.MAX_SEARCH);
        }
        checks.done("the leaderboard of " + benchmarkId);
        boolean byDefault = defaultDescending(board, sortKey);
        boolean descending = blank(order) ? byDefault : order.equals("desc");
        return new LeaderboardQuery(
                clean(backbone),
                clean(optimizer),
                clean(gradientLevel),
                clean(source).stream().map(s -> RowSource.parse(s).orElseThrow()).toList(),
                clean(method),
                clean(setting),
                cross.equals("include"),
                sortKey,
                descending,
                byDefault,
                Arrays.stream(DeltaM.Convention.values())
                        .filter(c -> c.id().equals(conventionId))
                        .findFirst()
                        .orElseThrow(),
                pageNumber == null ? 1 : pageNumber,
                pageSize == null ? config.leaderboard().defaultPageSize() : pageSize,
                search);
    }

    /** One page of the leaderboard for a validated query. */
    public LeaderboardView leaderboard(String benchmarkId, LeaderboardQuery q) {
        Board board = board(benchmarkId);
        return withExtras(LeaderboardPager.page(board, q, RANK_RULE));
    }

    /**
     * The rows of a validated query without their links and efficiency, which need the runs read
     * again (two queries per 500 runs): for analyses, which use neither.
     */
    public LeaderboardView rowsOnly(String benchmarkId, LeaderboardQuery q) {
        return LeaderboardPager.page(board(benchmarkId), q, RANK_RULE);
    }

    /** Largest number of rows the compare view takes. */
    public static final int MAX_COMPARED = 4;

    /**
     * Two to four rows of a benchmark's leaderboard side by side, named by their keys ({@link
     * LeaderboardView#rowKey}); values may also be comma-separated.
     *
     * @throws NotFoundProblem when the benchmark does not exist
     * @throws InvalidInputProblem for fewer than two or more than four rows, or unknown keys
     */
    public CompareView compare(String benchmarkId, List<String> rowKeys) {
        Board board = board(benchmarkId);
        List<String> keys = clean(rowKeys);
        LeaderboardView all =
                LeaderboardPager.page(
                        board, LeaderboardQuery.all(DeltaM.Convention.PER_TASK), RANK_RULE);
        Map<String, LeaderboardView.LeaderboardRowView> byKey = new HashMap<>();
        all.rows().forEach(r -> byKey.putIfAbsent(r.key(), r));
        List<Violation> violations = new ArrayList<>();
        if (keys.size() < 2 || keys.size() > MAX_COMPARED) {
            violations.add(
                    new Violation(
                            "rows",
                            "choose 2 to "
                                    + MAX_COMPARED
                                    + " rows to compare; "
                                    + keys.size()
                                    + " given"));
        }
        for (String k : keys) {
            if (!byKey.containsKey(k)) {
                violations.add(
                        new Violation(
                                "rows",
                                "'"
                                        + k
                                        + "' is not a row of the "
                                        + board.benchmark().name
                                        + " leaderboard; a row key is setting~method~optimizer~gradientLevel~source,"
                                        + " as the leaderboard API lists it (key)"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputProblem(
                    violations.size()
                            + " invalid parameter(s) for comparing rows of "
                            + benchmarkId,
                    violations);
        }
        List<LeaderboardView.LeaderboardRowView> chosen = keys.stream().map(byKey::get).toList();
        chosen = withExtras(benchmarkId, chosen);
        Map<List<Long>, LeaderboardView.LeaderboardRowView> byRuns = new HashMap<>();
        all.rows().forEach(r -> byRuns.putIfAbsent(r.runIds(), r));
        Map<Long, BoardRepository.RunExtra> extras =
                boards.extras(
                        benchmarkId,
                        chosen.stream().flatMap(r -> r.runIds().stream()).distinct().toList());
        List<CompareView.CompareRow> rows = new ArrayList<>();
        for (LeaderboardView.LeaderboardRowView r : chosen) {
            LeaderboardView.LeaderboardRowView base =
                    r.deltaM() == null || r.deltaM().baseline() == null
                            ? null
                            : byRuns.get(r.deltaM().baseline().runIds());
            Long curve = null;
            Integer seed = null;
            for (Long id : r.runIds()) {
                BoardRepository.RunExtra x = extras.get(id);
                if (x != null && Integer.valueOf(0).equals(x.seed())) {
                    curve = id;
                    seed = 0;
                    break;
                }
            }
            if (curve == null && !r.runIds().isEmpty()) {
                curve = r.runIds().get(0);
                BoardRepository.RunExtra x = extras.get(curve);
                seed = x == null ? null : x.seed();
            }
            rows.add(
                    new CompareView.CompareRow(
                            r.key(),
                            r,
                            base == null
                                    ? null
                                    : CompareCalculator.perTask(board.columns(), r, base),
                            curve,
                            seed,
                            curve != null
                                    && CompareCalculator.hasTrainingLog(
                                            repository.manifest(curve))));
        }
        return CompareCalculator.view(all.benchmark(), board.columns(), rows);
    }

    /** The view with every row's links and efficiency. */
    private LeaderboardView withExtras(LeaderboardView v) {
        return new LeaderboardView(
                v.benchmark(),
                v.convention(),
                v.rankRule(),
                v.metrics(),
                v.filters(),
                v.sort(),
                v.order(),
                v.defaultOrder(),
                v.total(),
                v.page(),
                v.size(),
                v.pages(),
                v.settings(),
                withExtras(v.benchmark().id(), v.rows()));
    }

    /**
     * Rows with their links (the first run's own paper and code, else the method's paper and its
     * authors' code from the method registry) and, for
     * verified and reference rows, the mean efficiency over their runs that measured it.
     */
    private List<LeaderboardView.LeaderboardRowView> withExtras(
            String benchmarkId, List<LeaderboardView.LeaderboardRowView> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, BoardRepository.RunExtra> extras =
                boards.extras(
                        benchmarkId,
                        rows.stream().flatMap(r -> r.runIds().stream()).distinct().toList());
        Map<String, String> papers = new HashMap<>();
        Map<String, String> codes = new HashMap<>();
        Method.allByName()
                .forEach(
                        m -> {
                            if (m.paperUrl != null) {
                                papers.put(m.id, m.paperUrl);
                            }
                            if (m.codeUrl != null) {
                                codes.put(m.id, m.codeUrl);
                            }
                        });
        List<LeaderboardView.LeaderboardRowView> out = new ArrayList<>(rows.size());
        for (LeaderboardView.LeaderboardRowView r : rows) {
            List<BoardRepository.RunExtra> runs =
                    r.runIds().stream().map(extras::get).filter(x -> x != null).toList();
            String paper =
                    runs.stream()
                            .map(BoardRepository.RunExtra::paperUrl)
                            .filter(u -> u != null)
                            .findFirst()
                            .orElse(papers.get(r.method().id()));
            String ownCode =
                    runs.stream()
                            .map(BoardRepository.RunExtra::codeUrl)
                            .filter(u -> u != null)
                            .findFirst()
                            .orElse(null);
            String code = ownCode != null ? ownCode : codes.get(r.method().id());
            String codeSource =
                    ownCode != null
                            ? LeaderboardView.Links.RUN
                            : code == null ? null : LeaderboardView.Links.METHOD;
            LeaderboardView.Efficiency efficiency = null;
            if (r.source().equals(RowSource.VERIFIED.id())
                    || r.source().equals(RowSource.REFERENCE.id())) {
                efficiency = CompareCalculator.efficiency(runs);
            }
            out.add(
                    r.with(
                            paper == null && code == null
                                    ? null
                                    : new LeaderboardView.Links(paper, code, codeSource),
                            efficiency));
        }
        return out;
    }

    /** Every row, across all benchmarks, of one method (per-task convention, unpaged). */
    public List<LeaderboardView> forMethod(String methodId) {
        Method.byId(methodId)
                .orElseThrow(() -> new NotFoundProblem("No method '" + methodId + "'"));
        List<LeaderboardView> views = new ArrayList<>();
        for (Benchmark b : Benchmark.allByName()) {
            LeaderboardQuery q = LeaderboardQuery.all(DeltaM.Convention.PER_TASK);
            LeaderboardView all = LeaderboardPager.page(board(b.id), q, RANK_RULE);
            LeaderboardView mine = LeaderboardPager.restrict(all, methodId);
            if (!mine.rows().isEmpty()) {
                views.add(mine);
            }
        }
        return views;
    }

    /**
     * Every listed run's metric values as the leaderboard uses them (claims, overridden by the
     * latest completed evaluation), by run id: for per-seed analyses such as the seed bootstrap.
     */
    public Map<Long, Map<String, Double>> runValues(String benchmarkId) {
        return boards.values(benchmarkId);
    }

    /** The settings of a benchmark's whole board, largest first, with their protocols and baselines. */
    public List<LeaderboardView.SettingView> settings(String benchmarkId) {
        LeaderboardQuery q = LeaderboardQuery.all(DeltaM.Convention.PER_TASK);
        return LeaderboardPager.page(board(benchmarkId), q, RANK_RULE).settings();
    }

    /**
     * Two metrics of one setting against each other with the non-dominated rows marked; the
     * setting defaults to the largest, the axes to the first metrics of the first two tasks.
     *
     * @throws InvalidInputProblem for an unknown setting or metric, listing the allowed values
     */
    public ParetoView pareto(String benchmarkId, String setting, String x, String y) {
        Board board = board(benchmarkId);
        LeaderboardView all =
                LeaderboardPager.page(
                        board, LeaderboardQuery.all(DeltaM.Convention.PER_TASK), RANK_RULE);
        List<String> settingIds =
                all.settings().stream().map(LeaderboardView.SettingView::id).toList();
        List<String> keys =
                board.columns().stream().map(LeaderboardView.MetricColumn::key).toList();
        List<String> tasks =
                board.columns().stream()
                        .map(LeaderboardView.MetricColumn::task)
                        .distinct()
                        .toList();
        String defaultX = keys.isEmpty() ? null : keys.get(0);
        String defaultY =
                board.columns().stream()
                        .filter(c -> tasks.size() < 2 || c.task().equals(tasks.get(1)))
                        .map(LeaderboardView.MetricColumn::key)
                        .filter(k -> !k.equals(defaultX))
                        .findFirst()
                        .orElse(defaultX);
        String settingId =
                blank(setting) ? (settingIds.isEmpty() ? null : settingIds.get(0)) : setting;
        String xKey = blank(x) ? defaultX : x;
        String yKey = blank(y) ? defaultY : y;
        List<Violation> violations = new ArrayList<>();
        if (settingId != null) {
            checkOne("setting", settingId, settingIds, violations);
        }
        checkOne("x", xKey, keys, violations);
        checkOne("y", yKey, keys, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputProblem(
                    violations.size()
                            + " invalid parameter(s) for the Pareto view of "
                            + benchmarkId,
                    violations);
        }
        return ParetoCalculator.view(all, settingId, column(board, xKey), column(board, yKey));
    }

    private static LeaderboardView.MetricColumn column(Board board, String key) {
        return board.columns().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }

    /** Number of rows per benchmark id. */
    public Map<String, Integer> rowCounts() {
        return Benchmark.allByName().stream()
                .collect(Collectors.toMap(b -> b.id, b -> board(b.id).rows().size()));
    }

    private Board board(String benchmarkId) {
        return boards.board(benchmarkId);
    }

    private static boolean defaultDescending(Board board, String sort) {
        return switch (sort) {
            case "rank", "method" -> false;
            case "deltaM", "seeds" -> true;
            default ->
                    board.columns().stream()
                            .filter(c -> c.key().equals(sort))
                            .findFirst()
                            .map(LeaderboardView.MetricColumn::higherIsBetter)
                            .orElse(true);
        };
    }

    private static void checkAll(
            String field, List<String> values, List<String> allowed, List<Violation> out) {
        for (String v : clean(values)) {
            if (!allowed.contains(v)) {
                out.add(
                        new Violation(
                                field,
                                "'"
                                        + v
                                        + "' is not allowed; allowed values: "
                                        + String.join(", ", allowed)));
            }
        }
    }

    private static void checkOne(
            String field, String value, List<String> allowed, List<Violation> out) {
        if (!allowed.contains(value)) {
            out.add(
                    new Violation(
                            field,
                            "'"
                                    + value
                                    + "' is not allowed; allowed values: "
                                    + String.join(", ", allowed)));
        }
    }

    private static Integer integer(
            String field, String value, int min, int max, List<Violation> out) {
        if (blank(value)) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        out.add(
                new Violation(
                        field,
                        "'" + value + "' must be an integer between " + min + " and " + max));
        return null;
    }

    private static List<String> clean(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
