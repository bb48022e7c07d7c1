package kprobesim.cli.machine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kprobesim machine}: the multi-CPU machine (CPU actors, IDT, interrupts, IPIs). */
@Command(name = "machine",
        mixinStandardHelpOptions = true,
        description = "Run programs on a simulated multi-CPU x86-64 machine.",
        subcommands = {MachineRunCommand.class})
public final class MachineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: run");
    }
}
