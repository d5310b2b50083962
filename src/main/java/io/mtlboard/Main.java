package io.mtlboard;

import io.mtlboard.evaluation.EvaluateCommand;
import io.mtlboard.submission.TokenCommand;
import io.mtlboard.training.ReferenceCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the one MTLBoard jar: without a command (or with {@code serve}) it starts the
 * portal; {@code evaluate}, {@code reference} and {@code token} are command-line tools that run
 * without the portal.
 */
@QuarkusMain
@Command(
        name = "mtlboard",
        mixinStandardHelpOptions = true,
        version = "MTLBoard 0.1.0",
        description =
                "MTLBoard: leaderboard portal and evaluation tools for multi-task learning methods.",
        subcommands = {
            EvaluateCommand.class,
            ReferenceCommand.class,
            TokenCommand.class,
            Main.Serve.class
        })
public final class Main implements Runnable {

    private static final Set<String> TOOLS =
            Set.of("evaluate", "reference", "token", "help", "-h", "--help", "-V", "--version");

    public static void main(String... args) {
        if (args.length > 0 && TOOLS.contains(args[0])) {
            System.exit(new CommandLine(new Main()).execute(args));
        }
        String[] rest =
                args.length > 0 && args[0].equals("serve")
                        ? Arrays.copyOfRange(args, 1, args.length)
                        : args;
        Quarkus.run(rest);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Starts the portal (the default when no command is given). */
    @Command(name = "serve", description = "Start the portal (default).")
    static final class Serve implements Runnable {
        @Override
        public void run() {
            Quarkus.run();
        }
    }
}
