package io.mtlboard.analysis;

import io.mtlboard.analysis.grouping.Network;
import io.mtlboard.support.ProblemException;
import io.mtlboard.support.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the input table of task grouping (METRICS.md §6, Standley et al., ICML 2020) from CSV:
 * a header {@code cost,<task>,<task>,…} and one line per trained network with its inference cost
 * and its loss on each task it solves (empty for the others). Lines starting with {@code #} are
 * comments. Every problem of the table is reported at once, by line and column.
 */
final class GroupingTable {

    /**
     * More tasks than this make the exact search too slow for a web request: measured on 2 cores,
     * a full table of 5 tasks takes about 0.25 s for the whole curve, one of 6 tasks 40 s. Standley
     * et al. work with 5 tasks.
     */
    static final int MAX_TASKS = 5;

    /** 2^5 − 1 subsets with a full-size and a smaller network each leave room to spare. */
    static final int MAX_NETWORKS = 64;

    /** Longer input is refused before it is read line by line. */
    static final int MAX_CHARS = 20_000;

    /** The parsed table: tasks in header order and networks in line order, or the problems found. */
    record Parsed(List<String> tasks, List<Network> networks, List<Violation> violations) {}

    private GroupingTable() {}

    static Parsed parse(String csv) {
        if (csv != null && csv.length() > MAX_CHARS) {
            // a body over the table's size limit, like any other body over a limit: 413
            throw new ProblemException(
                    ProblemException.Kind.PAYLOAD_TOO_LARGE,
                    "A pasted table may have at most " + MAX_CHARS + " characters",
                    List.of(
                            new Violation(
                                    "csv",
                                    "at most " + MAX_CHARS + " characters, got " + csv.length())));
        }
        List<Violation> violations = new ArrayList<>();
        List<String[]> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        String[] raw = csv == null ? new String[0] : csv.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                lines.add(line.split(",", -1));
                numbers.add(i + 1);
            }
        }
        if (lines.isEmpty()) {
            return failed(
                    List.of(
                            new Violation(
                                    "csv",
                                    "empty table; expected a header 'cost,<task>,<task>,…' and "
                                            + "one line per network")));
        }
        List<String> tasks = header(lines.get(0), numbers.get(0), violations);
        if (lines.size() - 1 > MAX_NETWORKS) {
            violations.add(
                    new Violation(
                            "csv",
                            "at most " + MAX_NETWORKS + " networks, got " + (lines.size() - 1)));
        }
        if (!violations.isEmpty()) {
            return failed(violations);
        }
        List<Network> networks = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            Network n = network(tasks, lines.get(i), numbers.get(i), violations);
            if (n != null) {
                Integer earlier = seen.putIfAbsent(n.toString(), numbers.get(i));
                if (earlier != null) {
                    violations.add(
                            new Violation(
                                    "line " + numbers.get(i),
                                    "the network "
                                            + n.tasks()
                                            + " of cost "
                                            + n.cost()
                                            + " is already given on line "
                                            + earlier));
                }
                networks.add(n);
            }
        }
        if (violations.isEmpty()) {
            checkPairs(tasks, networks, violations);
        }
        return violations.isEmpty() ? new Parsed(tasks, networks, List.of()) : failed(violations);
    }

    private static List<String> header(String[] cells, int line, List<Violation> violations) {
        List<String> tasks = new ArrayList<>();
        if (!cells[0].strip().equals("cost")) {
            violations.add(
                    new Violation(
                            "line " + line,
                            "the header must start with 'cost', then one column per task"));
            return tasks;
        }
        Set<String> names = new HashSet<>();
        for (int c = 1; c < cells.length; c++) {
            String name = cells[c].strip();
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
                violations.add(
                        new Violation(
                                "line " + line + ", column " + (c + 1),
                                "'"
                                        + name
                                        + "' is not a task name (a letter, then letters, digits, '_' or '-')"));
            } else if (!names.add(name)) {
                violations.add(
                        new Violation(
                                "line " + line + ", column " + (c + 1),
                                "task '" + name + "' repeated"));
            }
            tasks.add(name);
        }
        if (tasks.size() < 2 || tasks.size() > MAX_TASKS) {
            violations.add(
                    new Violation(
                            "line " + line,
                            "task grouping needs 2 to "
                                    + MAX_TASKS
                                    + " tasks, got "
                                    + tasks.size()));
        }
        return tasks;
    }

    private static Network network(
            List<String> tasks, String[] cells, int line, List<Violation> violations) {
        String where = "line " + line;
        if (cells.length != tasks.size() + 1) {
            violations.add(
                    new Violation(
                            where,
                            "expected " + (tasks.size() + 1) + " columns, got " + cells.length));
            return null;
        }
        int before = violations.size();
        Double cost = number(cells[0], where + ", column cost", violations);
        if (cost != null && !(cost > 0)) {
            violations.add(
                    new Violation(
                            where + ", column cost",
                            "the cost must be positive, got " + cells[0].strip()));
        }
        Map<String, Double> losses = new TreeMap<>();
        for (int t = 0; t < tasks.size(); t++) {
            if (!cells[t + 1].isBlank()) {
                Double loss = number(cells[t + 1], where + ", column " + tasks.get(t), violations);
                if (loss != null) {
                    losses.put(tasks.get(t), loss);
                }
            }
        }
        if (losses.isEmpty() && violations.size() == before) {
            violations.add(
                    new Violation(
                            where,
                            "a network solves at least one task: give its loss on each task it solves"));
        }
        return violations.size() == before ? new Network(losses, cost) : null;
    }

    private static Double number(String cell, String field, List<Violation> violations) {
        try {
            double value = Double.parseDouble(cell.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation(field, "'" + cell.strip() + "' is not a finite number"));
        return null;
    }

    /** The higher-order approximation predicts from exactly one network per pair of tasks. */
    private static void checkPairs(
            List<String> tasks, List<Network> networks, List<Violation> violations) {
        Map<Set<String>, Integer> pairs = new LinkedHashMap<>();
        for (Network n : networks) {
            if (n.tasks().size() == 2) {
                pairs.merge(n.tasks(), 1, Integer::sum);
            }
        }
        for (int i = 0; i < tasks.size(); i++) {
            for (int j = i + 1; j < tasks.size(); j++) {
                Set<String> pair = new TreeSet<>(List.of(tasks.get(i), tasks.get(j)));
                int count = pairs.getOrDefault(pair, 0);
                if (count != 1) {
                    violations.add(
                            new Violation(
                                    "csv",
                                    (count == 0 ? "no network" : count + " networks")
                                            + " for the pair "
                                            + pair
                                            + "; the higher-order approximation needs exactly one per pair"));
                }
            }
        }
        for (String task : tasks) {
            if (networks.stream().noneMatch(n -> n.tasks().contains(task))) {
                violations.add(new Violation("csv", "no network solves task '" + task + "'"));
            }
        }
    }

    private static Parsed failed(List<Violation> violations) {
        return new Parsed(List.of(), List.of(), List.copyOf(violations));
    }
}
