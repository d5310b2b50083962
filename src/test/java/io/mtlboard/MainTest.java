package io.mtlboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command-line tools tell a refused request in one line, with a usage error's exit code. */
class MainTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine(args[0]);
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** A command's exit status and what it printed to standard output. */
    private record Printed(int code, String out) {}

    private Printed runPrinting(String... args) {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buffer, true));
        try {
            return new Printed(run(args), buffer.toString());
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void shouldRefuseAnOptionCombinationInOneLine() {
        int code = run("reference", "--benchmark", "multifashion", "--lr-sweep", "--dry-run");
        assertThat(code).isEqualTo(Main.REFUSED);
        assertThat(err.toString())
                .isEqualTo(
                        "mtlboard reference: --lr-sweep and --force need --protocol"
                                + System.lineSeparator())
                .doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseARateOutsideTheSweepsGrid() {
        int code =
                run(
                        "reference",
                        "--benchmark",
                        "fashionscenes",
                        "--protocol",
                        "fs-encoder-decoder-v2",
                        "--lr-sweep",
                        "--lr",
                        "adam=0.002",
                        "--optimizers",
                        "adam",
                        "--dry-run");
        assertThat(code).isEqualTo(Main.REFUSED);
        assertThat(err.toString())
                .startsWith("mtlboard reference: --lr adam=0.002 is not in the lr grid")
                .contains("[3.0E-4, 0.001, 0.003]");
    }

    @Test
    void shouldPlanOneRateOfTheSweepWhenLrNamesIt() throws Exception {
        // a checkpoint of the EW run (another run's is ignored): the plan says where it resumes
        String hash =
                io.mtlboard.training.ReferenceProtocol.read(
                                java.nio.file.Path.of("benchmarks-data"),
                                "fashionscenes",
                                "fs-encoder-decoder-v2")
                        .hash();
        java.nio.file.Path sweep =
                java.nio.file.Path.of("target/main-test-out/fashionscenes/lr-sweep");
        for (String run : java.util.List.of("ew", "stl")) {
            String name = "encoder-decoder_" + run + "_param_adam_seed0_lr0.001";
            java.nio.file.Path dir = sweep.resolve(".checkpoints").resolve(name);
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(
                    dir.resolve("state.json"),
                    "{\"identity\":\""
                            + name
                            + " "
                            + (run.equals("ew") ? hash : "another-protocol")
                            + " lr 0.001\",\"epoch\":7}");
        }
        Printed printed =
                runPrinting(
                        "reference",
                        "--benchmark",
                        "fashionscenes",
                        "--protocol",
                        "fs-encoder-decoder-v2",
                        "--lr-sweep",
                        "--methods",
                        "ew,stl",
                        "--lr",
                        "adam=0.001",
                        "--optimizers",
                        "adam",
                        "--out",
                        "target/main-test-out",
                        "--dry-run");
        assertThat(printed.code()).isZero();
        assertThat(printed.out())
                .contains("2 runs on fashionscenes")
                .contains("encoder-decoder_stl_param_adam_seed0_lr0.001.json")
                .contains("encoder-decoder_ew_param_adam_seed0_lr0.001.json")
                .contains("to train, resumes after epoch 7")
                .doesNotContain("lr0.003");
        assertThat(printed.out().lines().filter(l -> l.contains("resumes after")).count())
                .isEqualTo(1);
    }

    @Test
    void shouldStartNoRunWhileAPauseIsRequested() throws Exception {
        java.nio.file.Path outDir = java.nio.file.Path.of("target/main-test-pause");
        java.nio.file.Files.createDirectories(outDir);
        java.nio.file.Files.writeString(outDir.resolve(".pause"), "");
        Printed printed =
                runPrinting(
                        "reference",
                        "--benchmark",
                        "fashionscenes",
                        "--protocol",
                        "fs-encoder-decoder-v2",
                        "--lr-sweep",
                        "--methods",
                        "ew",
                        "--lr",
                        "adam=0.001",
                        "--optimizers",
                        "adam",
                        "--out",
                        outDir.toString());
        // EX_TEMPFAIL: the sweep scripts stop on it instead of going on to their next part
        assertThat(printed.code()).as(err.toString()).isEqualTo(75);
        assertThat(printed.out())
                .contains("a pause is requested (target/main-test-pause/.pause exists)");
        assertThat(outDir.resolve("fashionscenes")).doesNotExist();
    }

    @Test
    void shouldRefuseRunsWhoseRateComesFromAnIncompleteSweep() throws Exception {
        // one run of FashionScenes' sweep (EW at 1e-3) of the three rates its grid has
        java.nio.file.Path sweep =
                java.nio.file.Path.of("target/main-test-partial/fashionscenes/lr-sweep");
        java.nio.file.Files.createDirectories(sweep);
        String ew = "encoder-decoder_ew_param_adam_seed0_lr0.001.json";
        java.nio.file.Files.copy(
                java.nio.file.Path.of("benchmarks-data/reference/fashionscenes/lr-sweep", ew),
                sweep.resolve(ew),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String[] args = {
            "reference",
            "--benchmark",
            "fashionscenes",
            "--protocol",
            "fs-encoder-decoder-v2",
            "--methods",
            "ew,pcgrad",
            "--levels",
            "param",
            "--optimizers",
            "adam",
            "--seeds",
            "0",
            "--out",
            "target/main-test-partial"
        };
        int code = run(args);
        assertThat(code).isEqualTo(Main.REFUSED);
        // PCGrad takes EW's rate: only EW's missing rates are named
        assertThat(err.toString())
                .startsWith(
                        "mtlboard reference: the lr sweep of protocol fs-encoder-decoder-v2 that"
                                + " chooses these runs' rates is not complete (missing adam ew at"
                                + " 0.0003, adam ew at 0.003): train it first")
                .doesNotContain("stl")
                .doesNotContain("\tat ");
        // the plan can still be looked at, its rates marked provisional
        String[] dry = java.util.Arrays.copyOf(args, args.length + 1);
        dry[args.length] = "--dry-run";
        Printed printed = runPrinting(dry);
        assertThat(printed.code()).isZero();
        assertThat(printed.out()).contains("the rates below are provisional");
        // a rate given with --lr needs no sweep
        String[] given = java.util.Arrays.copyOf(dry, dry.length + 2);
        given[dry.length] = "--lr";
        given[dry.length + 1] = "adam=0.001";
        Printed overridden = runPrinting(given);
        assertThat(overridden.code()).isZero();
        assertThat(overridden.out()).doesNotContain("provisional");
    }

    /** A copy of mf-lenet5-v2's Adam EW sweep (its four rates) under {@code out}. */
    private static java.nio.file.Path ewSweep(String out) throws java.io.IOException {
        java.nio.file.Path sweep = java.nio.file.Path.of(out, "multifashion/lr-sweep");
        java.nio.file.Files.createDirectories(sweep);
        for (String rate : java.util.List.of("0.0001", "0.0003", "0.001", "0.003")) {
            String f = "lenet5_ew_param_adam_seed0_lr" + rate + ".json";
            java.nio.file.Files.copy(
                    java.nio.file.Path.of("benchmarks-data/reference/multifashion/lr-sweep", f),
                    sweep.resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return sweep;
    }

    private static String[] ewRuns(String out, String seeds, String... more) {
        String[] args = {
            "reference",
            "--benchmark",
            "multifashion",
            "--protocol",
            "mf-lenet5-v2",
            "--methods",
            "ew",
            "--levels",
            "param",
            "--optimizers",
            "adam",
            "--seeds",
            seeds,
            "--out",
            out
        };
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void shouldReuseTheSweepsRunAtTheChosenRateAsTheProtocolsRunAtItsSeed() throws Exception {
        String out = "target/main-test-reuse";
        java.nio.file.Path sweep = ewSweep(out);
        java.nio.file.Path target =
                java.nio.file.Path.of(out, "multifashion/lenet5_ew_param_adam_seed0.json");
        java.nio.file.Files.deleteIfExists(target);
        // the sweep chose 3e-3; its run at seed 0 is the protocol's run at seed 0, not at seed 1
        Printed plan = runPrinting(ewRuns(out, "0,1", "--no-diagnostics", "--dry-run"));
        assertThat(plan.code()).isZero();
        assertThat(plan.out())
                .containsPattern(
                        "lenet5_ew_param_adam_seed0.json +lr 0.003 +reuses"
                                + " lr-sweep/lenet5_ew_param_adam_seed0_lr0.003.json")
                .containsPattern("lenet5_ew_param_adam_seed1.json +lr 0.003 +to train");

        Printed done = runPrinting(ewRuns(out, "0", "--no-diagnostics"));

        assertThat(done.code()).as(err.toString()).isZero();
        assertThat(done.out())
                .contains("reused: the lr sweep's run lenet5_ew_param_adam_seed0_lr0.003.json")
                .contains("1 runs (0 skipped, 1 reused from the lr sweep, 0 failed)");
        com.fasterxml.jackson.databind.ObjectMapper json =
                new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode written =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(target.toFile());
        assertThat(written.path("training").path("reusedFrom").asText())
                .isEqualTo("lr-sweep/lenet5_ew_param_adam_seed0_lr0.003.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) written.path("training"))
                .remove("reusedFrom");
        assertThat(written)
                .isEqualTo(
                        json.readTree(
                                sweep.resolve("lenet5_ew_param_adam_seed0_lr0.003.json").toFile()));
        // now done: a second pass neither trains nor copies it again
        Printed again = runPrinting(ewRuns(out, "0", "--no-diagnostics", "--dry-run"));
        assertThat(again.out()).containsPattern("lenet5_ew_param_adam_seed0.json +lr 0.003 +done");
    }

    @Test
    void shouldNotReuseASweepRunWithoutTheDiagnosticsEveryReferenceModelNeeds() throws Exception {
        // the shipped sweep bundles were trained without diagnostics: with diagnostics on (the
        // default) the protocol's run is trained, so that it has its robustness sweep and test FD
        String out = "target/main-test-noreuse";
        ewSweep(out);
        Printed plan = runPrinting(ewRuns(out, "0", "--dry-run"));
        assertThat(plan.code()).isZero();
        assertThat(plan.out())
                .containsPattern("lenet5_ew_param_adam_seed0.json +lr 0.003 +to train")
                .doesNotContain("reuses");
    }
}
