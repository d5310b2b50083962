package io.mtlboard.analysis.grouping;

import java.util.List;
import java.util.Map;

/**
 * A hand-made three-task grouping problem whose optimum at every budget was enumerated by hand.
 * Full-size networks cost 1, the three small single-task networks cost 0.5. Losses per task:
 * <pre>
 *   network      a     b     c
 *   {a}        .30
 *   {b}              .40
 *   {c}                    .50
 *   {a,b}      .25   .45
 *   {a,c}      .35         .42
 *   {b,c}            .38   .57
 *   {a,b,c}    .28   .41   .47
 *   {a} small  .33
 *   {b} small        .43
 *   {c} small              .52
 * </pre>
 */
final class ThreeTasks {

    static final Network A = net(1, "a", .30);
    static final Network B = net(1, "b", .40);
    static final Network C = net(1, "c", .50);
    static final Network AB = net(1, "a", .25, "b", .45);
    static final Network AC = net(1, "a", .35, "c", .42);
    static final Network BC = net(1, "b", .38, "c", .57);
    static final Network ABC = net(1, "a", .28, "b", .41, "c", .47);
    static final Network A_SMALL = net(.5, "a", .33);
    static final Network B_SMALL = net(.5, "b", .43);
    static final Network C_SMALL = net(.5, "c", .52);

    static final GroupingProblem PROBLEM =
            new GroupingProblem(
                    List.of("a", "b", "c"),
                    List.of(A, B, C, AB, AC, BC, ABC, A_SMALL, B_SMALL, C_SMALL));

    private ThreeTasks() {}

    static Network net(double cost, String t1, double l1) {
        return new Network(Map.of(t1, l1), cost);
    }

    static Network net(double cost, String t1, double l1, String t2, double l2) {
        return new Network(Map.of(t1, l1, t2, l2), cost);
    }

    static Network net(
            double cost, String t1, double l1, String t2, double l2, String t3, double l3) {
        return new Network(Map.of(t1, l1, t2, l2, t3, l3), cost);
    }
}
