package kprobesim.cli.x86;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kprobesim x86}: the x86-64 core on its own (assemble, disassemble, execute). */
@Command(name = "x86",
        mixinStandardHelpOptions = true,
        description = "Assemble, disassemble and execute x86-64 machine code.",
        subcommands = {AsmCommand.class, DisasmCommand.class, ExecCommand.class, DemoCommand.class})
public final class X86Command implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: asm, disasm, exec or demo");
    }
}
