package io.mtlboard.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mtlboard token create}: the admin command that creates an API token through a running
 * portal's {@code POST /api/tokens}, authenticated with an admin token.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Manage API tokens of a running portal.",
        subcommands = TokenCommand.Create.class)
public final class TokenCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Creates a token and prints its secret once. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API token.")
    static final class Create implements Callable<Integer> {

        @Option(
                names = "--name",
                required = true,
                description = "who the token is for (shown as submitter)")
        String name;

        @Option(names = "--admin", description = "create an admin token")
        boolean admin;

        @Option(names = "--runs-per-day", description = "quota; default: the portal's")
        Integer runsPerDay;

        @Option(names = "--max-concurrent", description = "quota; default: the portal's")
        Integer maxConcurrent;

        @Option(
                names = "--url",
                defaultValue = "http://localhost:8080",
                description = "portal; default: ${DEFAULT-VALUE}")
        URI url;

        @Option(
                names = "--admin-token",
                required = true,
                defaultValue = "${env:MTLBOARD_ADMIN_TOKEN}",
                description = "an admin token (default: $MTLBOARD_ADMIN_TOKEN)")
        String adminToken;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("admin", admin);
            body.put("runsPerDay", runsPerDay);
            body.put("maxConcurrent", maxConcurrent);
            ObjectMapper json = new ObjectMapper();
            HttpRequest request =
                    HttpRequest.newBuilder(url.resolve("/api/tokens"))
                            .header("Authorization", "Bearer " + adminToken)
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            json.writeValueAsString(body)))
                            .build();
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                System.err.println("HTTP " + response.statusCode() + ": " + response.body());
                return 1;
            }
            Map<?, ?> created = json.readValue(response.body(), Map.class);
            System.out.println(
                    "token "
                            + created.get("id")
                            + " for "
                            + created.get("name")
                            + " (shown once):");
            System.out.println(created.get("secret"));
            return 0;
        }
    }
}
