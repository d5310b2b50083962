package io.mtlboard.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The {@link Clock} that time-dependent decisions read, such as when a job's lease expires: the
 * system clock in the default time zone, the one {@code OffsetDateTime.now()} reads. Tests replace
 * the bean to move time forward instead of sleeping.
 */
@Singleton
public class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
