package kprobesim.cli;

import kprobesim.cli.kernel.Addr2lineCommand;
import kprobesim.cli.kernel.BootCommand;
import kprobesim.cli.kernel.KallsymsCommand;
import kprobesim.cli.machine.MachineCommand;
import kprobesim.cli.x86.X86Command;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code kprobesim} command: only groups subcommands. */
@Command(name = "kprobesim",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Simulator of a multi-CPU x86-64 Linux-like kernel for studying kprobes.",
        subcommands = {X86Command.class, MachineCommand.class, KallsymsCommand.class, Addr2lineCommand.class,
                BootCommand.class})
public final class KprobesimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (try 'kprobesim --help')");
    }
}
