package io.mtlboard.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The version of MTLBoard's code a result was produced with: the git commit the build was made
 * from, the commit's time, and whether tracked files differed from that commit when it was built
 * ({@code dirty}; untracked files are not counted). The build writes it to {@code
 * io/mtlboard/git.properties}; a build outside a git checkout has none.
 *
 * <p>Reference bundles record it under {@code training.code}: two runs of the same protocol and
 * seed give the same numbers only under the same code, so a reader can tell which code trained a
 * row, and whether that code is in the history at all.
 */
public record CodeVersion(String commit, String commitTime, boolean dirty) {

    /** The classpath resource the build writes. */
    static final String RESOURCE = "/io/mtlboard/git.properties";

    private static final Optional<CodeVersion> CURRENT = load();

    /** The code version of this build, or empty when it was built outside a git checkout. */
    public static Optional<CodeVersion> current() {
        return CURRENT;
    }

    private static Optional<CodeVersion> load() {
        try (InputStream in = CodeVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return of(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version in {@code git.properties}' keys, or empty without a commit id. */
    static Optional<CodeVersion> of(Properties p) {
        String commit = p.getProperty("git.commit.id", "").trim();
        if (!commit.matches("[0-9a-f]{40}")) {
            return Optional.empty();
        }
        return Optional.of(
                new CodeVersion(
                        commit,
                        p.getProperty("git.commit.time", "").trim(),
                        Boolean.parseBoolean(p.getProperty("git.dirty", "false").trim())));
    }

    /** The version a bundle recorded ({@code {commit, commitTime, dirty}}), or empty. */
    public static Optional<CodeVersion> of(JsonNode node) {
        String commit = node.path("commit").asText("");
        if (!commit.matches("[0-9a-f]{40}")) {
            return Optional.empty();
        }
        return Optional.of(
                new CodeVersion(
                        commit,
                        node.path("commitTime").asText(""),
                        node.path("dirty").asBoolean(false)));
    }

    /** As a bundle records it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commit", commit);
        m.put("commitTime", commitTime);
        m.put("dirty", dirty);
        return m;
    }

    /** The commit's first 12 hex digits. */
    public String shortCommit() {
        return commit.substring(0, 12);
    }

    /**
     * In words, e.g. "commit 019dcf3fe011 (2026-12-07T02:55:31Z)" and, when tracked files had
     * changed, ", with uncommitted changes to tracked files".
     */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "commit %s%s%s",
                shortCommit(),
                commitTime.isEmpty() ? "" : " (" + commitTime + ")",
                dirty ? ", with uncommitted changes to tracked files" : "");
    }
}
