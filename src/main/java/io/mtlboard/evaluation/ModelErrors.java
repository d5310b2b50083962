package io.mtlboard.evaluation;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a model's failure says, as a submitter reads it: the whole text for the run's log, one line
 * for a reason or a note (for a TorchScript traceback, the error it ends with and where the model's
 * own source raised it).
 */
final class ModelErrors {

    private ModelErrors() {}

    /** Every message of an exception and its causes, for the run's log. */
    static String fullText(Throwable e) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (out.length() == 0 || !out.toString().contains(m))) {
                out.append(out.length() == 0 ? "" : "\ncaused by: ").append(m);
            }
        }
        return out.toString();
    }

    /**
     * One line of an exception's message for a reason or a note: the first line, or, for a
     * TorchScript interpreter failure (a traceback, possibly in a cause), the error it ends with and
     * where the model's own source raised it: {@code builtins.ValueError: … (model.py, line 43, in
     * forward: raise ValueError(…))}.
     */
    static String brief(Throwable e) {
        String full = fullText(e);
        List<String> lines = full.lines().toList();
        String first =
                lines.stream()
                        .map(String::trim)
                        .filter(l -> !l.isEmpty())
                        .findFirst()
                        .orElse(full.trim());
        String line = first;
        if (full.contains("The following operation failed in the TorchScript interpreter")) {
            line =
                    lines.stream()
                                    .map(String::trim)
                                    .filter(l -> ERROR_LINE.matcher(l).matches())
                                    .reduce((a, b) -> b)
                                    .orElse(first)
                            + origin(lines);
        }
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }

    private static final Pattern ERROR_LINE =
            Pattern.compile("^[A-Za-z_][A-Za-z0-9_.]*(Error|Exception): .*");
    private static final Pattern FILE_LINE =
            Pattern.compile("^\\s*File \"([^\"]*)\", line (\\d+), in (\\S+)");

    /**
     * Where the model's source raised the error: the last frame of the traceback's original code
     * (or of the serialized code when the original is absent) and the statement marked HERE.
     */
    private static String origin(List<String> lines) {
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Traceback of TorchScript, original code")) {
                from = i;
            }
        }
        String where = null;
        String statement = null;
        for (int i = from; i < lines.size(); i++) {
            Matcher m = FILE_LINE.matcher(lines.get(i));
            if (m.find()) {
                where =
                        Path.of(m.group(1)).getFileName()
                                + ", line "
                                + m.group(2)
                                + ", in "
                                + m.group(3);
                statement = null;
            } else if (lines.get(i).contains("<--- HERE") && i > 0 && statement == null) {
                statement = lines.get(i - 1).trim();
            }
        }
        if (where == null) {
            return "";
        }
        return " ("
                + where
                + (statement == null || statement.isEmpty() ? "" : ": " + statement)
                + ")";
    }
}
