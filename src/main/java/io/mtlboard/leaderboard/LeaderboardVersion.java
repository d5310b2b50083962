package io.mtlboard.leaderboard;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter that changes whenever leaderboard data may have changed; caches key on it. Writes in
 * this process bump it at once; writes by other processes sharing the database (replicas,
 * workers) are noticed by a fingerprint of the run and evaluation tables polled every two
 * seconds.
 */
@ApplicationScoped
public class LeaderboardVersion {

    private final AtomicLong version = new AtomicLong();
    private volatile List<Object> fingerprint = List.of();

    /** The current version. */
    public long current() {
        return version.get();
    }

    /** Marks the data as changed. */
    public void bump() {
        version.incrementAndGet();
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void poll() {
        Object[] runs = Run.getEntityManager()
                .createQuery("select count(r), max(r.updatedAt) from Run r", Object[].class).getSingleResult();
        Object[] evaluations = Run.getEntityManager()
                .createQuery("select count(e), max(e.id) from Evaluation e", Object[].class).getSingleResult();
        List<Object> current = java.util.Arrays.asList(runs[0], runs[1], evaluations[0], evaluations[1]);
        if (!current.equals(fingerprint)) {
            fingerprint = current;
            bump();
        }
    }
}
