package io.mtlboard.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.imports.WithBundledReferenceRuns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FashionScenes holds reference rows of two versions of its protocol: the legacy short schedule
 * (v1) and the current one (v2). Once v2 has five rows it comes first on the leaderboard and the
 * analysis pages open on it, though v1 may still have more rows.
 */
@QuarkusTest
class CurrentProtocolFirstTest extends WithBundledReferenceRuns {

    private static final String V1 = "encoder-decoder@fs-encoder-decoder-v1";
    private static final String V2 = "encoder-decoder@fs-encoder-decoder-v2";

    private static JsonPath get(String path) {
        return given().when().get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldOpenOnTheLatestVersionOfTheReferenceProtocol() {
        JsonPath fd = get("/api/analysis/feature-disentanglement?benchmark=fashionscenes");
        List<String> settings = fd.getList("settings.id", String.class);
        assertThat(fd.getInt("settings.find { it.id == '" + V2 + "' }.rows"))
                .isGreaterThanOrEqualTo(5);
        assertThat(fd.getString("setting.id")).isEqualTo(V2);
        if (settings.contains(V1)) {
            assertThat(settings.indexOf(V2)).isLessThan(settings.indexOf(V1));
        }
        List<String> board =
                get("/api/leaderboards/fashionscenes?size=500")
                        .getList("settings.id", String.class);
        assertThat(board).contains(V2);
        if (board.contains(V1)) {
            assertThat(board.indexOf(V2)).isLessThan(board.indexOf(V1));
        }
    }
}
