package kprobesim.cli.x86;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kprobesim.cpu.disasm.Disassembler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kprobesim x86 disasm}: raw bytes to an objdump -d style listing. */
@Command(name = "disasm",
        mixinStandardHelpOptions = true,
        description = "Disassemble raw x86-64 machine code, objdump -d style (AT&T syntax).")
public final class DisasmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.bin", description = "Raw machine code.")
    Path code;

    @Option(names = "--base", paramLabel = "ADDR", converter = Converters.Address.class, defaultValue = "0",
            description = "Address of the first byte (default: ${DEFAULT-VALUE}).")
    long base;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Disassembler.listing(InputFiles.readBytes(code), base).forEach(out::println);
        return 0;
    }
}
