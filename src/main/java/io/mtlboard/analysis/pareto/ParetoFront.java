package io.mtlboard.analysis.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * The non-dominated points of a two-objective comparison, the trade-off plot multi-task papers
 * draw between two tasks' metrics. A point dominates another when it is at least as good on both
 * axes and strictly better on one, "good" following each axis's direction. Equal points do not
 * dominate each other, so both stay on the front.
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /** One point: its values on the two axes. */
    public record Point(double x, double y) {
    }

    /**
     * Which points are non-dominated, in input order.
     *
     * @param xHigherIsBetter direction of the x axis
     * @param yHigherIsBetter direction of the y axis
     */
    public static List<Boolean> nonDominated(List<Point> points, boolean xHigherIsBetter, boolean yHigherIsBetter) {
        List<Boolean> front = new ArrayList<>(points.size());
        for (Point p : points) {
            boolean dominated = false;
            for (Point q : points) {
                if (dominates(q, p, xHigherIsBetter, yHigherIsBetter)) {
                    dominated = true;
                    break;
                }
            }
            front.add(!dominated);
        }
        return front;
    }

    /** Whether {@code a} dominates {@code b}. */
    public static boolean dominates(Point a, Point b, boolean xHigherIsBetter, boolean yHigherIsBetter) {
        int x = better(a.x(), b.x(), xHigherIsBetter);
        int y = better(a.y(), b.y(), yHigherIsBetter);
        return x >= 0 && y >= 0 && (x > 0 || y > 0);
    }

    /** 1 when {@code a} is better than {@code b}, 0 when equal, −1 when worse. */
    private static int better(double a, double b, boolean higherIsBetter) {
        int c = Double.compare(a, b);
        return higherIsBetter ? c : -c;
    }
}
