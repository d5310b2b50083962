package io.mtlboard.analysis.grouping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tables of one task-grouping study (Standley et al., ICML 2020, §5): the losses networks are
 * chosen on (validation), the losses they are scored on (test), and optionally the losses after a
 * short early-stopped training for the early-stopping approximation (§5.3.1). Networks are matched
 * across tables by their task set and cost.
 *
 * @param selection the losses networks are chosen on
 * @param evaluation the losses chosen networks are scored on; the selection table itself when the
 *     study has only one
 * @param earlyStopping the early-stopped losses, or null
 */
public record GroupingStudy(
        GroupingProblem selection, GroupingProblem evaluation, GroupingProblem earlyStopping) {

    public GroupingStudy {
        for (GroupingProblem other : new GroupingProblem[] {evaluation, earlyStopping}) {
            if (other != null && !other.tasks().equals(selection.tasks())) {
                throw new IllegalArgumentException(
                        "all tables of a study must have the tasks " + selection.tasks());
            }
        }
    }

    /** A study of one table: networks are chosen and scored on the same losses. */
    public static GroupingStudy of(GroupingProblem table) {
        return new GroupingStudy(table, table, null);
    }

    /** The tasks, in display order. */
    public List<String> tasks() {
        return selection.tasks();
    }

    /** The networks chosen, scored on the evaluation table; empty when one of them is not in it. */
    public Optional<Grouping> evaluate(Grouping chosen) {
        List<Network> measured = new ArrayList<>();
        for (Network n : chosen.networks()) {
            Optional<Network> match =
                    evaluation.networks().stream()
                            .filter(
                                    m ->
                                            m.tasks().equals(n.tasks())
                                                    && Math.abs(m.cost() - n.cost())
                                                            <= BranchAndBound.EPS)
                            .findFirst();
            if (match.isEmpty()) {
                return Optional.empty();
            }
            measured.add(match.get());
        }
        return Optional.of(Grouping.of(tasks(), measured));
    }
}
