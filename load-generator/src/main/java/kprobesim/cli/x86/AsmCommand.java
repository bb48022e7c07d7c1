package kprobesim.cli.x86;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kprobesim.cpu.asm.LineEntry;
import kprobesim.cpu.asm.ObjectImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kprobesim x86 asm}: GNU as AT&T source to raw .text bytes (as + objcopy -O binary -j .text). */
@Command(name = "asm",
        mixinStandardHelpOptions = true,
        description = {
            "Assemble GNU as (AT&T) source and write its .text bytes, exactly what",
            "'as --64' then 'objcopy -O binary -j .text' give. Other sections are laid out",
            "(their addresses are in --symbols) but not written."
        })
public final class AsmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.S", description = "Assembler source.")
    Path source;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.bin", description = "Where to write the .text bytes.")
    Path output;

    @Option(names = "--base", paramLabel = "ADDR", converter = Converters.Address.class, defaultValue = "0",
            description = "Address of the first .text byte (default: ${DEFAULT-VALUE}); absolute references use it.")
    long base;

    @Option(names = "--symbols", description = "Print the symbol table to stdout like 'nm -n': ADDRESS TYPE NAME.")
    boolean symbols;

    @Option(names = "--lines", description = "Print the address-to-source table to stdout: ADDRESS LENGTH FILE:LINE.")
    boolean lines;

    @Override
    public Integer call() {
        ObjectImage image = Assembly.assemble(source.toString(), InputFiles.readText(source), base);
        InputFiles.writeBytes(output, image.text());
        PrintWriter out = spec.commandLine().getOut();
        if (symbols) {
            image.nmListing().forEach(out::println);
        }
        if (lines) {
            for (LineEntry e : image.lines()) {
                out.printf("%016x %d %s%n", e.address(), e.length(), e.location());
            }
        }
        return 0;
    }
}
