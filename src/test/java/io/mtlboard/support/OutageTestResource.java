package io.mtlboard.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.sql.SQLException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Test-only endpoints that fail as a request fails while the database is down or broken, so that
 * the HTTP answer to an outage can be tested without stopping the database under the other tests.
 */
@Path("/api/test-support")
public class OutageTestResource {

    @GET
    @Path("/database-down")
    public String databaseDown() {
        throw new JDBCConnectionException(
                "Unable to acquire JDBC Connection",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
    }

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException("an internal detail that must not reach the client");
    }
}
