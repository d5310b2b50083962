package io.mtlboard.support;

import java.sql.SQLException;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a failure caused by the database being unreachable (down, restarting, refusing connections)
 * from other failures, so that it is answered with 503 and a {@code Retry-After} rather than a 500:
 * nothing is wrong with the request, and the same request succeeds once the database is back.
 * Recognized by the SQLState of any {@link SQLException} in the cause chain: class {@code 08}
 * (connection exception, SQL standard) and PostgreSQL's {@code 57P01}–{@code 57P03} (the server
 * shut down, crashed or is not accepting connections yet), or by Hibernate's
 * {@link JDBCConnectionException}.
 */
final class DatabaseOutage {

    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseOutage() {}

    /** Whether {@code failure} or one of its causes says the database could not be reached. */
    static boolean isOutage(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08")
                            || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
