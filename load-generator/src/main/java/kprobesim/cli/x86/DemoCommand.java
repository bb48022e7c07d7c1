package kprobesim.cli.x86;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kprobesim.cpu.disasm.Disassembler;
import kprobesim.cpu.asm.ObjectImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kprobesim x86 demo}: assembles, disassembles and runs a program in one go, by default
 * config/demo/sum.S (bundled in the jar), with code at 0x400000 and a 64 KiB stack below 0x800000.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Assemble, disassemble and run a program: code at 0x400000, a stack region 0x7f0000..0x800000.",
            "Without FILE.S it runs the bundled config/demo/sum.S (sums 1..100 into %rax)."
        })
public final class DemoCommand implements Callable<Integer> {
    static final long BASE = 0x400000L;
    static final long STACK_REGION = 0x7f0000L;
    static final long STACK_REGION_SIZE = 0x10000L;
    private static final String BUNDLED = "/kprobesim/demo/sum.S";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.S", description = "Program to run (default: config/demo/sum.S).")
    Path source;

    @Override
    public Integer call() {
        String name = source == null ? "config/demo/sum.S" : source.toString();
        String text = source == null ? bundled() : InputFiles.readText(source);
        PrintWriter out = spec.commandLine().getOut();

        ObjectImage image = Assembly.assemble(name, text, BASE);
        byte[] code = image.text();
        out.printf("$ kprobesim x86 asm %s -o sum.bin --base 0x%x --symbols    (%d bytes of .text)%n",
                name, BASE, code.length);
        image.nmListing().forEach(out::println);

        out.printf("%n$ kprobesim x86 disasm sum.bin --base 0x%x%n", BASE);
        Disassembler.listing(code, BASE).forEach(out::println);

        out.printf("%n$ kprobesim x86 exec --code sum.bin --base 0x%x --mem 0x%x:0x%x%n", BASE, STACK_REGION, STACK_REGION_SIZE);
        ExecRequest request = new ExecRequest(code, BASE, new long[16], ExecRequest.DEFAULT_RFLAGS,
                List.of(new ExecRequest.MemRegion(STACK_REGION, new byte[0], STACK_REGION_SIZE)), List.of(),
                ExecRequest.DEFAULT_MAX_INSTRUCTIONS);
        out.println(Summary.of(Machine.run(request)));
        return 0;
    }

    private static String bundled() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + BUNDLED);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUNDLED, e);
        }
    }
}
