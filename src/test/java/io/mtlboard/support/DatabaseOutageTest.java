package io.mtlboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseOutageTest {

    @Test
    void shouldRecognizeAConnectionThePoolCouldNotAcquire() {
        assertThat(
                        DatabaseOutage.isOutage(
                                new JDBCConnectionException(
                                        "Unable to acquire JDBC Connection",
                                        new SQLException(
                                                "Connection to 127.0.0.1:5432 refused", "08001"))))
                .isTrue();
    }

    /** What PostgreSQL sends to open connections while it restarts, wrapped as Hibernate wraps it. */
    @ParameterizedTest
    @ValueSource(strings = {"57P01", "57P02", "57P03", "08006", "08003"})
    void shouldRecognizeAServerShuttingDownDeepInTheCauseChain(String sqlState) {
        SQLException fatal =
                new SQLException(
                        "FATAL: terminating connection due to administrator command", sqlState);
        Exception wrapped =
                new RuntimeException(
                        new PersistenceException(
                                new GenericJDBCException("JDBC exception executing SQL", fatal)));
        assertThat(DatabaseOutage.isOutage(wrapped)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "42P01", "40001", "22001"})
    void shouldNotTakeAFailingStatementForAnOutage(String sqlState) {
        assertThat(
                        DatabaseOutage.isOutage(
                                new GenericJDBCException(
                                        "bad statement",
                                        new SQLException(
                                                "duplicate key, missing table, serialization or too long",
                                                sqlState))))
                .isFalse();
    }

    @Test
    void shouldNotTakeOtherFailuresOrSqlExceptionsWithoutStateForAnOutage() {
        assertThat(DatabaseOutage.isOutage(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new SQLException("no state"))).isFalse();
    }
}
