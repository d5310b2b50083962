package io.mtlboard.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    /** The variable the portal reads its initial admin token from, and this command's default. */
    static final String ADMIN_TOKEN_VARIABLE = "MTLBOARD_SUBMISSION_ADMIN_TOKEN";

    /** The variable this command read before; still a fallback. */
    static final String OLD_ADMIN_TOKEN_VARIABLE = "MTLBOARD_ADMIN_TOKEN";

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
                description =
                        "the running portal to create the token in; default: ${DEFAULT-VALUE}")
        URI url;

        @Option(
                names = "--admin-token",
                description =
                        "an admin token; default: $"
                                + ADMIN_TOKEN_VARIABLE
                                + ", the variable the portal reads its initial admin token from"
                                + " (or the older $"
                                + OLD_ADMIN_TOKEN_VARIABLE
                                + ")")
        String adminToken;

        /** The environment; tests replace it. */
        Function<String, String> environment = System::getenv;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String admin = adminToken();
            if (admin == null) {
                err.println(
                        "no admin token: give --admin-token or set "
                                + ADMIN_TOKEN_VARIABLE
                                + " (the portal's initial admin token, mtlboard.submission.admin-token)");
                return 2;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("admin", this.admin);
            body.put("runsPerDay", runsPerDay);
            body.put("maxConcurrent", maxConcurrent);
            ObjectMapper json = new ObjectMapper();
            HttpRequest request =
                    HttpRequest.newBuilder(url.resolve("/api/tokens"))
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            json.writeValueAsString(body)))
                            .build();
            HttpResponse<String> response;
            try {
                response =
                        HttpClient.newHttpClient()
                                .send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                err.println(
                        "portal not reachable at "
                                + url
                                + ": start it (java -jar target/quarkus-app/quarkus-run.jar) or give --url");
                return 1;
            } catch (IOException e) {
                err.println("no answer from the portal at " + url + ": " + e);
                return 1;
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                err.println(
                        "the portal at "
                                + url
                                + " refused the admin token (HTTP "
                                + response.statusCode()
                                + "): it must be the portal's "
                                + ADMIN_TOKEN_VARIABLE
                                + " or another admin token");
                return 1;
            }
            if (response.statusCode() != 201) {
                err.println("HTTP " + response.statusCode() + ": " + response.body());
                return 1;
            }
            Map<?, ?> created = json.readValue(response.body(), Map.class);
            // only the secret on standard output, so that TOKEN=$(... token create ...) works
            err.println(
                    "token "
                            + created.get("id")
                            + " for "
                            + created.get("name")
                            + " (the secret is shown once):");
            out.println(created.get("secret"));
            return 0;
        }

        /** The admin token: the option, else the portal's variable, else the older CLI one. */
        String adminToken() {
            for (String candidate :
                    new String[] {
                        adminToken,
                        environment.apply(ADMIN_TOKEN_VARIABLE),
                        environment.apply(OLD_ADMIN_TOKEN_VARIABLE)
                    }) {
                if (candidate != null && !candidate.isBlank()) {
                    return candidate.trim();
                }
            }
            return null;
        }
    }
}
