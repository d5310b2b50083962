package io.mtlboard.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code mtlboard reference --step-cost}: instead of training, times one training step of every
 * requested method × level × optimizer of a protocol at seed 0, back to back over rounds, and
 * writes the table ({@link StepCost}) the levels page compares.
 */
final class ReferenceStepCost {

    /** Warm-up steps of each configuration before it is timed. */
    static final int WARMUP = 10;

    private ReferenceStepCost() {}

    static int run(ReferenceOptions o, ReferenceProtocol protocol) throws IOException {
        if (protocol == null || o.lrSweep || o.lossScales != null || o.freezeEncoder) {
            throw new IllegalArgumentException(
                    "--step-cost needs --protocol and no --lr-sweep, --loss-scales or --freeze-encoder");
        }
        if (o.stepCostRounds < 1 || o.stepCostSteps < 1) {
            throw new IllegalArgumentException(
                    "--step-cost-rounds and --step-cost-steps must be positive");
        }
        // the learning rate does not change what a step costs: any rate of the protocol's grid
        double rate =
                protocol.sweepGrid().values().stream()
                        .flatMap(List::stream)
                        .findFirst()
                        .orElse(1e-3);
        List<StepCost.Config> configs =
                o.plan(o.backbones(protocol), List.of(0L)).stream()
                        .map(spec -> new StepCost.Config(spec, protocol.settings(rate)))
                        .toList();
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("--step-cost: no configuration to time");
        }
        Path file = StepCost.file(o.out.resolve(o.benchmark), protocol.id());
        System.out.printf(
                Locale.ROOT,
                "timing %d configurations of %s under %s: %d warm-up steps, %d rounds of %d steps%n",
                configs.size(),
                o.benchmark,
                protocol.id(),
                WARMUP,
                o.stepCostRounds,
                o.stepCostSteps);
        if (o.dryRun) {
            configs.forEach(c -> System.out.println("  " + c.spec().name()));
            return 0;
        }
        int libtorchThreads = o.threads != null ? o.threads : 1;
        ReferenceOptions.loadLibtorch(libtorchThreads);
        ReferenceData data =
                ReferenceData.load(o.benchmark, configs.get(0).settings(), o.dataLocations());
        StepCost.Table table =
                StepCost.measure(
                        data,
                        protocol,
                        configs,
                        WARMUP,
                        o.stepCostSteps,
                        o.stepCostRounds,
                        libtorchThreads,
                        file,
                        System.err);
        for (StepCost.Entry e : table.entries()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %-8s %-5s cpu %7.2f ms/step (quartiles %.2f–%.2f)  wall %7.2f ms/step%n",
                    e.method(),
                    e.level(),
                    e.optimizer(),
                    e.cpuMs().median(),
                    e.cpuMs().q1(),
                    e.cpuMs().q3(),
                    e.wallMs().median());
        }
        System.out.println("written to " + file);
        return 0;
    }
}
