package io.mtlboard.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's {@link Clock} in {@code @QuarkusTest}s: the system clock until a test moves it
 * forward with {@link #advance(Duration)}, so that a lease can expire without the test sleeping. A
 * test that advances it resets it afterwards.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {

    private final Clock system = Clock.systemDefaultZone();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock forward by the given amount (on top of the time that passes anyway). */
    public void advance(Duration amount) {
        offset.accumulateAndGet(amount, Duration::plus);
    }

    /** Back to the system clock. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return system.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(system.withZone(zone), offset.get());
    }
}
