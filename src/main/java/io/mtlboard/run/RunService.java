package io.mtlboard.run;

import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.evaluation.ClaimCheck;
import io.mtlboard.evaluation.EvaluationDiagnostics;
import io.mtlboard.support.NotFoundProblem;
import io.mtlboard.support.PathIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs: reading them for the API and pages, registering submissions, and recording the outcome
 * of evaluations (the only way other features change runs).
 */
@ApplicationScoped
@Transactional
public class RunService {

    private final LeaderboardVersion version;

    public RunService(LeaderboardVersion version) {
        this.version = version;
    }

    /**
     * The run with the given id.
     *
     * @throws NotFoundProblem when the id is not a number or names no visible run
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RunView find(String id) {
        Run run = visible(id);
        RunView view = RunView.from(run, Evaluation.latestCompleted(run.id).orElse(null));
        return supersededBy(run).map(view::withSupersededBy).orElse(view);
    }

    /** The later listed run of the same submitter, benchmark, backbone, method, optimizer, level and seed. */
    private static Optional<Long> supersededBy(Run run) {
        if (run.ownerTokenId == null || run.seed == null) {
            return Optional.empty();
        }
        return Run.<Run>find(
                        "ownerTokenId = ?1 and benchmark.id = ?2 and backbone.id = ?3 and method.id = ?4 "
                                + "and optimizer = ?5 and gradientLevel = ?6 and seed = ?7 and id > ?8 and hidden = false "
                                + "and status in ?9 order by id desc",
                        run.ownerTokenId,
                        run.benchmark.id,
                        run.backbone.id,
                        run.method.id,
                        run.optimizer,
                        run.gradientLevel,
                        run.seed,
                        run.id,
                        RunStatus.LISTED)
                .firstResultOptional()
                .map(r -> r.id);
    }

    /**
     * The visible runs of a method whose evaluation disagreed with their claims: hidden from the
     * rankings, listed on the method page with both numbers.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RunView> discrepant(String methodId) {
        return Run.<Run>list(
                        "method.id = ?1 and status = ?2 and hidden = false order by id",
                        methodId,
                        RunStatus.DISCREPANT)
                .stream()
                .map(r -> RunView.from(r, Evaluation.latestCompleted(r.id).orElse(null)))
                .toList();
    }

    /** The latest verified submissions (newest verdict first), at most {@code limit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RunView> recentVerified(int limit) {
        return Run.<Run>find(
                        "source = ?1 and status = ?2 and hidden = false order by updatedAt desc, id desc",
                        RunSource.SUBMITTED,
                        RunStatus.VERIFIED)
                .page(0, limit)
                .list()
                .stream()
                .map(r -> RunView.from(r, Evaluation.latestCompleted(r.id).orElse(null)))
                .toList();
    }

    /** The run entity behind an id from a URL, hidden runs excluded. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Run visible(String id) {
        long runId = PathIds.parse(id, "run");
        return Run.byId(runId)
                .filter(r -> !r.hidden)
                .orElseThrow(() -> new NotFoundProblem("No run " + runId));
    }

    /** The logs of the run's evaluation attempts, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Evaluation> evaluations(long runId) {
        return Evaluation.list("run.id = ?1 order by attempt desc", runId);
    }

    /** Registers a submission: QUEUED when it has a model artifact, CLAIMED otherwise. */
    public Run register(NewRun n) {
        Run run = new Run();
        run.benchmark = n.benchmark();
        run.backbone = n.backbone();
        run.method = n.method();
        run.optimizer = n.optimizer();
        run.gradientLevel = n.gradientLevel();
        run.seed = n.seed();
        run.source = RunSource.SUBMITTED;
        run.protocol = Protocols.MTLBOARD;
        run.status = n.artifactSha256() == null ? RunStatus.CLAIMED : RunStatus.QUEUED;
        run.submitter = n.submitter();
        run.citation = "submitted by " + n.submitter();
        run.ownerTokenId = n.ownerTokenId();
        run.idempotencyKey = n.idempotencyKey();
        run.manifest = n.manifest();
        run.manifestSha256 = n.manifestSha256();
        run.description = n.description();
        run.hyperParameters = n.hyperParameters();
        run.codeUrl = n.codeUrl();
        run.paperUrl = n.paperUrl();
        run.artifactSha256 = n.artifactSha256();
        run.artifactBytes = n.artifactBytes();
        run.createdAt = OffsetDateTime.now();
        run.updatedAt = run.createdAt;
        replaceClaims(run, n.claims(), false);
        run.persist();
        version.written(run, true);
        return run;
    }

    /**
     * Registers a run that arrives already evaluated (a reference run), or updates it when the
     * imported content changed: the run with its claims, and its evaluation as the next attempt
     * (evaluations stay append-only). Its status follows the evaluation's verdict.
     *
     * @return whether anything was written (false when the same content was imported before)
     */
    public boolean importEvaluated(ImportedRun n) {
        Optional<Run> existing = Run.byImportKey(n.importKey());
        if (existing.isPresent() && n.importHash().equals(existing.get().importHash)) {
            return false;
        }
        Run run = existing.orElseGet(Run::new);
        OffsetDateTime now = OffsetDateTime.now();
        run.benchmark = n.benchmark();
        run.backbone = n.backbone();
        run.method = n.method();
        run.optimizer = n.optimizer();
        run.gradientLevel = n.gradientLevel();
        run.seed = n.seed();
        run.source = n.source();
        run.protocol = n.protocol() != null ? n.protocol() : Protocols.MTLBOARD;
        run.status = RunStatus.RUNNING;
        run.citation = n.citation();
        run.manifest = n.manifest();
        run.manifestSha256 = n.manifestSha256();
        run.description = n.description();
        run.hyperParameters = n.hyperParameters();
        run.importKey = n.importKey();
        run.importHash = n.importHash();
        run.updatedAt = now;
        if (run.createdAt == null) {
            run.createdAt = now;
        }
        replaceClaims(run, n.claims(), existing.isPresent());
        if (existing.isEmpty()) {
            run.persist();
        }
        int attempt =
                existing.isEmpty()
                        ? 1
                        : evaluations(run.id).stream().mapToInt(e -> e.attempt).max().orElse(0) + 1;
        boolean recorded = recordEvaluation(run.id, attempt, n.evaluation());
        if (recorded && n.diagnostics() != null) {
            recordDiagnostics(run.id, attempt, n.diagnostics());
        }
        return recorded;
    }

    private static void replaceClaims(
            Run run, Map<BenchmarkMetric, Double> claims, boolean persisted) {
        run.claims.clear();
        if (persisted) {
            // flush the orphan removal before re-inserting claims with the same (run, metric) key
            Run.flush();
        }
        for (Map.Entry<BenchmarkMetric, Double> e : claims.entrySet()) {
            RunClaim claim = new RunClaim();
            claim.run = run;
            claim.metric = e.getKey();
            claim.claimed = e.getValue();
            run.claims.add(claim);
        }
    }

    /**
     * What the evaluation of a run needs to know: its claims and the benchmark's tolerances.
     *
     * @param runId the run
     * @param benchmark the benchmark's id
     * @param artifactSha256 the model file's digest
     * @param claims claimed value per metric key
     * @param tolerances tolerance per metric key of the benchmark
     */
    public record EvaluationInput(
            long runId,
            String benchmark,
            String artifactSha256,
            Map<String, Double> claims,
            Map<String, ClaimCheck.Tolerance> tolerances) {}

    /**
     * Starts the evaluation of a run: marks it as being evaluated and returns what the evaluation
     * needs; empty (and nothing changed) when the run is gone, withdrawn or has no model.
     */
    public Optional<EvaluationInput> startEvaluation(long runId) {
        Run run = Run.findById(runId);
        if (run == null || run.status == RunStatus.WITHDRAWN || run.artifactSha256 == null) {
            return Optional.empty();
        }
        markRunning(run.id);
        Map<String, Double> claims = new LinkedHashMap<>();
        run.claims.forEach(c -> claims.put(c.metric.key(), c.claimed));
        Map<String, ClaimCheck.Tolerance> tolerances = new LinkedHashMap<>();
        for (BenchmarkMetric m : run.benchmark.metrics()) {
            tolerances.put(m.key(), new ClaimCheck.Tolerance(m.absTolerance, m.relTolerance));
        }
        return Optional.of(
                new EvaluationInput(
                        run.id, run.benchmark.id, run.artifactSha256, claims, tolerances));
    }

    /** A run being evaluated waits for the worker again (its attempt failed for reasons outside the model). */
    public void markWaitingAgain(long runId) {
        Run.<Run>findByIdOptional(runId)
                .filter(r -> r.status == RunStatus.RUNNING)
                .ifPresent(
                        r -> {
                            r.status = RunStatus.QUEUED;
                            r.updatedAt = OffsetDateTime.now();
                        });
    }

    /**
     * Inserts or updates the LITERATURE run of a table row with its claims.
     *
     * @return whether anything was written (false when the row is unchanged since its last import)
     */
    public boolean upsertLiterature(LiteratureRun row) {
        Optional<Run> existing = Run.byImportKey(row.importKey());
        if (existing.isPresent() && row.importHash().equals(existing.get().importHash)) {
            return false;
        }
        Run run = existing.orElseGet(Run::new);
        OffsetDateTime now = OffsetDateTime.now();
        run.benchmark = row.benchmark();
        run.backbone = row.backbone();
        run.method = row.method();
        run.optimizer = row.optimizer();
        run.gradientLevel = row.gradientLevel();
        run.reportedSeeds = row.reportedSeeds();
        run.source = RunSource.LITERATURE;
        run.status = RunStatus.CLAIMED;
        run.citation = row.citation();
        run.sourceUrl = row.sourceUrl();
        run.publishedDeltaMTask = row.published().deltaMPerTask();
        run.publishedDeltaMTaskStd = row.published().deltaMPerTaskStd();
        run.publishedDeltaMFlat = row.published().deltaMFlat();
        run.publishedDeltaMFlatStd = row.published().deltaMFlatStd();
        run.publishedDeltaMNote = row.published().note();
        run.protocol = row.protocol();
        run.baselineProtocol = row.baselineProtocol();
        run.baselineOptimizer = row.baselineOptimizer();
        run.hyperParameters = row.hyperParameters();
        run.importKey = row.importKey();
        run.importHash = row.importHash();
        run.updatedAt = now;
        if (run.createdAt == null) {
            run.createdAt = now;
        }
        Map<BenchmarkMetric, Double> claims = new LinkedHashMap<>();
        row.benchmark().metrics().forEach(m -> claims.put(m, row.claims().get(m.key())));
        replaceClaims(run, claims, existing.isPresent());
        if (existing.isEmpty()) {
            run.persist();
        }
        return true;
    }

    /** Marks a run as being evaluated. */
    public void markRunning(long runId) {
        Run.<Run>findByIdOptional(runId)
                .filter(r -> r.status == RunStatus.QUEUED || r.status == RunStatus.RUNNING)
                .ifPresent(
                        r -> {
                            r.status = RunStatus.RUNNING;
                            r.updatedAt = OffsetDateTime.now();
                        });
    }

    /**
     * Records an evaluation attempt and sets the run's status from its verdict. Idempotent per
     * attempt: a second record of the same attempt changes nothing. A withdrawn run keeps its status.
     *
     * @return whether the record was written
     */
    public boolean recordEvaluation(long runId, int attempt, EvaluationRecord r) {
        Optional<Run> found = Run.findByIdOptional(runId);
        if (found.isEmpty()
                || Evaluation.count("run.id = ?1 and attempt = ?2", runId, attempt) > 0) {
            return false;
        }
        Run run = found.get();
        Evaluation e = new Evaluation();
        e.run = run;
        e.attempt = attempt;
        e.evaluatorVersion = r.evaluatorVersion();
        e.workerId = r.workerId();
        e.device = r.device();
        e.status = "FAILED".equals(r.verdict()) ? "FAILED" : Evaluation.COMPLETED;
        e.verdict = r.verdict();
        e.reason = r.reason();
        e.parameterCount = r.parameterCount();
        e.latencyMs = r.latencyMs();
        e.throughput = r.throughput();
        e.logExcerpt = r.log();
        e.startedAt = r.startedAt();
        e.finishedAt = r.finishedAt();
        for (BenchmarkMetric m : run.benchmark.metrics()) {
            Double value = r.measured().get(m.key());
            if (value != null) {
                EvaluationMeasurement x = new EvaluationMeasurement();
                x.evaluation = e;
                x.metric = m;
                x.measured = value;
                x.agrees = r.agrees().get(m.key());
                e.measurements.add(x);
            }
        }
        e.persist();
        if (run.status != RunStatus.WITHDRAWN) {
            run.status = RunStatus.valueOf(r.verdict());
        }
        run.updatedAt = OffsetDateTime.now();
        version.written(run, false);
        return true;
    }

    /**
     * Replaces the log of an evaluation attempt recorded earlier (its verdict was published before
     * the diagnostics ran); the verdict, the values and the run's status stay.
     *
     * @return whether the attempt was found
     */
    public boolean updateEvaluationLog(long runId, int attempt, String log) {
        Optional<Evaluation> found =
                Evaluation.find("run.id = ?1 and attempt = ?2", runId, attempt)
                        .firstResultOptional();
        found.ifPresent(e -> e.logExcerpt = log);
        return found.isPresent();
    }

    /**
     * The attempt of a run's completed evaluation with a verdict on the model (verified, discrepant
     * or rejected), if there is one: an evaluation that published its verdict and whose diagnostics
     * may have been cut short.
     */
    public Optional<Integer> completedVerdictAttempt(long runId) {
        return Evaluation.<Evaluation>find(
                        "run.id = ?1 and status = ?2 and verdict in ?3 order by attempt desc",
                        runId,
                        Evaluation.COMPLETED,
                        List.of("VERIFIED", "DISCREPANT", "REJECTED"))
                .firstResultOptional()
                .map(e -> e.attempt);
    }

    /**
     * Attaches diagnostics to a recorded evaluation attempt: FD on the test split and metrics on
     * corrupted test splits. Idempotent per attempt: diagnostics already recorded stay.
     *
     * @return whether anything was written
     * @throws IllegalArgumentException for a metric the benchmark lacks, a severity outside 1–5, an FD
     *     outside [0, 1] or a value that is not finite
     */
    public boolean recordDiagnostics(long runId, int attempt, EvaluationDiagnostics d) {
        Optional<Evaluation> found =
                Evaluation.find("run.id = ?1 and attempt = ?2", runId, attempt)
                        .firstResultOptional();
        if (found.isEmpty()) {
            return false;
        }
        Evaluation e = found.get();
        if (e.testFd != null || !e.corruptions.isEmpty()) {
            return false;
        }
        if (d.testFd() != null && !(d.testFd() >= 0 && d.testFd() <= 1)) {
            throw new IllegalArgumentException("FD must lie in [0, 1], got " + d.testFd());
        }
        e.testFd = d.testFd();
        e.testFdMeanEntropy = d.testFdMeanEntropy();
        for (EvaluationDiagnostics.Corrupted c : d.corrupted()) {
            BenchmarkMetric metric =
                    e.run.benchmark.metrics().stream()
                            .filter(m -> m.key().equals(c.metricKey()))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "no metric " + c.metricKey()));
            if (c.severity() < 1 || c.severity() > 5 || !Double.isFinite(c.measured())) {
                throw new IllegalArgumentException(
                        "severity must be 1 to 5 and values finite: " + c);
            }
            CorruptionMeasurement x = new CorruptionMeasurement();
            x.evaluation = e;
            x.corruption = c.corruption();
            x.severity = c.severity();
            x.metric = metric;
            x.measured = c.measured();
            e.corruptions.add(x);
        }
        e.run.updatedAt = OffsetDateTime.now();
        version.written(e.run, false);
        return true;
    }

    /** Withdraws a run: it leaves the leaderboard, its history stays. */
    public Run withdraw(Run run) {
        return setStatus(run, RunStatus.WITHDRAWN);
    }

    /** Marks a run whose evaluation failed as waiting for the worker again. */
    public Run requeue(Run run) {
        return setStatus(run, RunStatus.QUEUED);
    }

    private Run setStatus(Run run, RunStatus status) {
        Run managed = Run.findById(run.id);
        managed.status = status;
        managed.updatedAt = OffsetDateTime.now();
        version.written(managed, false);
        return managed;
    }

    /** Sets the admin marks of a run. */
    public Run moderate(long runId, Boolean hidden, Boolean flagged) {
        Run run =
                Run.<Run>findByIdOptional(runId)
                        .orElseThrow(() -> new NotFoundProblem("No run " + runId));
        if (hidden != null) {
            run.hidden = hidden;
        }
        if (flagged != null) {
            run.flagged = flagged;
        }
        run.updatedAt = OffsetDateTime.now();
        version.written(run, false);
        return run;
    }
}
