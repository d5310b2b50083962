package io.mtlboard.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The code version the build records and the bundles carry. */
class CodeVersionTest {

    private static final String COMMIT = "019dcf3fe011b86400a3de49682e4437fb676753";

    private static Properties properties(String commit, String time, String dirty) {
        Properties p = new Properties();
        p.setProperty("git.commit.id", commit);
        p.setProperty("git.commit.time", time);
        p.setProperty("git.dirty", dirty);
        return p;
    }

    @Test
    void shouldReadTheBuildsGitProperties() {
        CodeVersion v = CodeVersion.of(properties(COMMIT, "2026-12-07T02:55:31Z", "true")).get();
        assertThat(v.commit()).isEqualTo(COMMIT);
        assertThat(v.dirty()).isTrue();
        assertThat(v.shortCommit()).isEqualTo("019dcf3fe011");
        assertThat(v.describe())
                .isEqualTo(
                        "commit 019dcf3fe011 (2026-12-07T02:55:31Z), with uncommitted changes to"
                                + " tracked files");
        assertThat(CodeVersion.of(properties(COMMIT, "", "false")).get().describe())
                .isEqualTo("commit 019dcf3fe011");
    }

    @Test
    void shouldHaveNoVersionWithoutAFullCommitId() {
        assertThat(CodeVersion.of(new Properties())).isEmpty();
        assertThat(CodeVersion.of(properties("019dcf3", "", "false"))).isEmpty();
        assertThat(CodeVersion.of(properties("not a commit at all, but forty characters", "", "")))
                .isEmpty();
    }

    @Test
    void shouldRoundTripThroughABundlesJson() {
        CodeVersion v = new CodeVersion(COMMIT, "2026-12-07T02:55:31Z", false);
        ObjectMapper json = new ObjectMapper();
        assertThat(CodeVersion.of(json.valueToTree(v.toMap()))).contains(v);
        assertThat(CodeVersion.of(json.createObjectNode())).isEmpty();
        assertThat(CodeVersion.of(json.missingNode())).isEmpty();
    }

    /** Built in a git checkout, the build records the checkout's commit. */
    @Test
    void shouldBeTheCommitOfTheCheckoutTheBuildWasMadeIn() throws Exception {
        assumeTrue(Files.exists(Path.of(".git")), "built outside a git checkout");
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").start();
        String head =
                new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(git.waitFor() == 0, "git is not available");
        assertThat(CodeVersion.current()).map(CodeVersion::commit).contains(head);
    }

    @Test
    void shouldBePresentExactlyWhenTheBuildWroteGitProperties() throws IOException {
        assertThat(CodeVersion.class.getResource(CodeVersion.RESOURCE) != null)
                .isEqualTo(CodeVersion.current().isPresent());
    }
}
