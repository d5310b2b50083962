package io.mtlboard;

import io.mtlboard.evaluation.EvaluateCommand;
import io.mtlboard.submission.TokenCommand;
import io.mtlboard.training.ReferenceCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
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
                "MTLBoard: leaderboard portal and evaluation tools for multi-task learning methods.")
public final class Main implements Runnable {

    /** The commands in the order help lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("evaluate", EvaluateCommand::new);
        COMMANDS.put("reference", ReferenceCommand::new);
        COMMANDS.put("token", TokenCommand::new);
        COMMANDS.put("serve", Serve::new);
    }

    private static final Set<String> HELP = Set.of("help", "-h", "--help", "-V", "--version");
    private static final Set<String> TOOLS = Set.of("evaluate", "reference", "token");

    public static void main(String... args) {
        if (args.length > 0 && (TOOLS.contains(args[0]) || HELP.contains(args[0]))) {
            if (args[0].equals("evaluate") && Arrays.stream(args).noneMatch(HELP::contains)) {
                EvaluateCommand.prepare();
            }
            System.exit(commandLine(args[0]).execute(args));
        }
        String[] rest =
                args.length > 0 && args[0].equals("serve")
                        ? Arrays.copyOfRange(args, 1, args.length)
                        : args;
        Quarkus.run(rest);
    }

    /**
     * The command line for arguments starting with {@code first}: with that tool alone, or with
     * every command for help and version. picocli inspects a command's class and options when it
     * is added; a tool need not pay for the others' (a quarter of a second on 2 cores).
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new Main());
        COMMANDS.forEach(
                (name, command) -> {
                    if (name.equals(first) || HELP.contains(first)) {
                        cli.addSubcommand(name, command.get());
                    }
                });
        cli.setExecutionExceptionHandler(Main::refused);
        return cli;
    }

    /** Exit code of a command that refused what it was asked (a wrong option value or combination). */
    static final int REFUSED = 2;

    /**
     * A tool's refusal — an option value or combination it cannot run, or a precondition such as
     * an lr sweep that has not been trained — is told in one line with the command's name, as
     * picocli tells a usage error; anything else is a fault, with its stack trace. {@code
     * evaluate} keeps its own exit statuses (2 means a rejected model there).
     */
    private static int refused(Exception e, CommandLine command, CommandLine.ParseResult parsed)
            throws Exception {
        if (!command.getCommandName().equals("evaluate")
                && (e instanceof IllegalArgumentException || e instanceof IllegalStateException)) {
            command.getErr()
                    .println("mtlboard " + command.getCommandName() + ": " + e.getMessage());
            return REFUSED;
        }
        throw e;
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
