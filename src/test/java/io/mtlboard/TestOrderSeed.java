package io.mtlboard;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the seed of the random order of test classes and methods (pom.xml) before the tests run,
 * so that the order of a failed run can be repeated.
 */
public class TestOrderSeed implements TestExecutionListener {

    static final String SEED = "junit.jupiter.execution.order.random.seed";

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        plan.getConfigurationParameters()
                .get(SEED)
                .ifPresent(
                        seed ->
                                System.out.println(
                                        "Random test order, seed "
                                                + seed
                                                + " (-Dtest.order.seed="
                                                + seed
                                                + " repeats it)"));
    }
}
