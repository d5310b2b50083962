package io.mtlboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedMethodsTest {

    @Path("/api/things")
    static class Things {
        @GET
        public String list() {
            return "";
        }

        @POST
        public String add() {
            return "";
        }

        @GET
        @Path("{id}")
        public String one() {
            return "";
        }

        @DELETE
        @Path("/{id: [0-9]+}/")
        public void drop() {}
    }

    private static List<String> methods(String path) {
        return AllowedMethods.routes(Things.class, "/api/things").stream()
                .filter(r -> r.path().matcher(path).matches())
                .map(AllowedMethods.Route::method)
                .sorted()
                .toList();
    }

    @Test
    void shouldMatchTemplatesSegmentBySegmentAndHonourTheirRegex() {
        assertThat(methods("/api/things")).containsExactly("GET", "POST");
        assertThat(methods("/api/things/")).containsExactly("GET", "POST");
        assertThat(methods("/api/things/42")).containsExactly("DELETE", "GET");
        // the DELETE's id must be digits; a template parameter never spans a slash
        assertThat(methods("/api/things/abc")).containsExactly("GET");
        assertThat(methods("/api/things/4/2")).isEmpty();
        assertThat(methods("/api/thingsX")).isEmpty();
    }

    @Test
    void shouldQuoteTheLiteralPartsOfATemplate() {
        assertThat(AllowedMethods.pattern("/api/a.b/{x}").matcher("/api/aXb/1").matches())
                .isFalse();
        assertThat(AllowedMethods.pattern("/api/a.b/{x}").matcher("/api/a.b/1").matches()).isTrue();
    }
}
