package io.mtlboard.analysis.grouping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The pairwise task relationships of Standley et al. (ICML 2020, §6, Tables 2 and 3): how much
 * training task t together with a partner task p changes t's loss, relative to t trained alone.
 * The baseline of a task is its cheapest single-task network (the ½-SNT network in the paper, whose
 * Table 2 is recomputed exactly from its test losses this way). Positive means the pair is better.
 *
 * @param tasks the tasks, in display order
 * @param change [partner p][measured task t] = 100 · (L_alone(t) − L_{t,p}(t)) / L_alone(t), in %;
 *     null on the diagonal and where a network is missing (Table 2)
 * @param partnerAverage per partner, the mean of its row (Table 2's "Average" column)
 * @param taskAverage per measured task, the mean of its column (Table 2's "Average" row)
 * @param overall the mean of all off-diagonal entries
 * @param affinity [a][b] = (change[a][b] + change[b][a]) / 2, symmetric (Table 3)
 * @param baselineCosts per task, the cost of the single-task network used as its baseline
 */
public record PairwiseAffinity(
        List<String> tasks,
        List<List<Double>> change,
        List<Double> partnerAverage,
        List<Double> taskAverage,
        Double overall,
        List<List<Double>> affinity,
        List<Double> baselineCosts) {

    /** The relationships recomputed from one table of losses (the paper uses the test losses). */
    public static PairwiseAffinity of(GroupingProblem table) {
        List<String> tasks = table.tasks();
        int n = tasks.size();
        List<Optional<Network>> alone = new ArrayList<>();
        for (String t : tasks) {
            alone.add(
                    table.networks().stream()
                            .filter(m -> m.tasks().equals(Set.of(t)))
                            .min(
                                    Comparator.comparingDouble(Network::cost)
                                            .thenComparingDouble(m -> m.loss(t))));
        }
        Double[][] change = new Double[n][n];
        for (int p = 0; p < n; p++) {
            for (int t = 0; t < n; t++) {
                if (p != t && alone.get(t).isPresent()) {
                    double base = alone.get(t).get().loss(tasks.get(t));
                    Set<String> pair = Set.of(tasks.get(p), tasks.get(t));
                    int measured = t;
                    change[p][t] =
                            table.networks().stream()
                                    .filter(m -> m.tasks().equals(pair))
                                    .findFirst()
                                    .map(m -> 100 * (base - m.loss(tasks.get(measured))) / base)
                                    .orElse(null);
                }
            }
        }
        List<List<Double>> rows = new ArrayList<>();
        List<List<Double>> symmetric = new ArrayList<>();
        List<Double> partnerAverage = new ArrayList<>();
        List<Double> taskAverage = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            List<Double> row = new ArrayList<>();
            List<Double> sym = new ArrayList<>();
            List<Double> column = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                row.add(change[a][b]);
                sym.add(
                        change[a][b] == null || change[b][a] == null
                                ? null
                                : (change[a][b] + change[b][a]) / 2);
                column.add(change[b][a]);
                if (change[a][b] != null) {
                    all.add(change[a][b]);
                }
            }
            rows.add(Collections.unmodifiableList(row));
            symmetric.add(Collections.unmodifiableList(sym));
            partnerAverage.add(mean(row));
            taskAverage.add(mean(column));
        }
        List<Double> costs = alone.stream().map(o -> o.map(Network::cost).orElse(null)).toList();
        return new PairwiseAffinity(
                tasks,
                rows,
                partnerAverage,
                taskAverage,
                mean(all),
                symmetric,
                Collections.unmodifiableList(new ArrayList<>(costs)));
    }

    /** The mean of the non-null values, or null when there are none. */
    private static Double mean(List<Double> values) {
        double sum = 0;
        int count = 0;
        for (Double v : values) {
            if (v != null) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }
}
