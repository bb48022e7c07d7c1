package kprobesim.cli;

import java.util.Locale;
import kprobesim.cpu.actor.ExecutionMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --mode MODE --seed S} options of every command that runs CPUs ({@code machine run},
 * {@code boot}), so both spell, default and reject a mode the same way.
 */
public final class ExecutionModeOption {
    /** The command this mixin is part of: a bad mode is a usage error of that command. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "deterministic (reproducible, one CPU at a time in a seeded order) or parallel (default: ${DEFAULT-VALUE}).")
    String mode = "deterministic";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the deterministic interleaving (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    /** The chosen mode, case-insensitive; anything else is a usage error naming the two modes. */
    public ExecutionMode mode() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "deterministic" -> ExecutionMode.DETERMINISTIC;
            case "parallel" -> ExecutionMode.PARALLEL;
            default -> throw new ParameterException(mixee.commandLine(),
                    "--mode must be deterministic or parallel, got '" + mode + "'");
        };
    }

    /** The seed of the deterministic interleaving (ignored in parallel mode). */
    public long seed() {
        return seed;
    }
}
