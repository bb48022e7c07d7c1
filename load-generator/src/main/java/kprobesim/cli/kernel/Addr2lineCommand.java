package kprobesim.cli.kernel;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import kprobesim.cli.BadInputException;
import kprobesim.cli.x86.InputFiles;
import kprobesim.cpu.asm.AsmError;
import kprobesim.cpu.asm.SourceFile;
import kprobesim.kernel.image.KernelImage;
import kprobesim.kernel.image.UserProgram;
import kprobesim.kernel.symbols.KernelSymbols;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kprobesim addr2line}: addresses to {@code file.S:line}, like binutils' addr2line. */
@Command(name = "addr2line",
        mixinStandardHelpOptions = true,
        description = {"Translate addresses into FILE.S:LINE, one line per address; '??:0' where no source line is known.",
                "Without -e: kernel addresses of the --profile kernel (e.g. ffffffff81000000).",
                "With -e FILE.S: a user program, assembled and mapped as 'boot' maps it (.text and _start at 0x400000).",
                "Addresses are hex, with or without 0x, as binutils takes them."})
public final class Addr2lineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KernelProfileOption kernel;

    @Option(names = {"-e", "--exe"}, paramLabel = "FILE.S", description = "A user program instead of the kernel.")
    Path program;

    @Option(names = {"-f", "--functions"}, description = "Also print the function name (the kallsyms symbol) before each location.")
    boolean functions;

    @Parameters(index = "0", arity = "1..*", paramLabel = "ADDR", description = "Hex addresses.")
    List<String> addresses;

    @Override
    public Integer call() {
        List<Long> addrs = new ArrayList<>();
        for (String a : addresses) {
            addrs.add(parseAddress(a));
        }
        if (program != null && kernel.given()) {
            throw new BadInputException("-e and --profile exclude each other: -e looks up a user program, --profile the kernel");
        }
        LongFunction<Optional<String>> location;
        LongFunction<Optional<String>> function;
        if (program != null) {
            UserProgram p = userProgram(program);
            location = p::addr2line;
            function = a -> p.image().symbolAt(a).map(s -> s.name());
        } else {
            KernelImage k = kernel.image();
            KernelSymbols ks = k.symbols();
            location = ks::addr2line;
            function = a -> ks.lookup(a).map(so -> so.symbol().name());
        }
        PrintWriter out = spec.commandLine().getOut();
        for (long a : addrs) {
            if (functions) {
                out.println(function.apply(a).orElse("??"));
            }
            out.println(location.apply(a).orElse(KernelSymbols.UNKNOWN_LOCATION));
        }
        return 0;
    }

    /** Hex with or without 0x, 1 to 16 digits; anything else is one error line. */
    static long parseAddress(String text) {
        String s = text.strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.isEmpty() || s.length() > 16 || !s.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) {
            throw new BadInputException("bad address '" + text + "': expected up to 16 hex digits, e.g. ffffffff81000000");
        }
        return Long.parseUnsignedLong(s, 16);
    }

    private static UserProgram userProgram(Path file) {
        String name = file.toString();
        UserProgram.Result r = UserProgram.assemble(new SourceFile(name, InputFiles.readText(file)));
        if (r instanceof UserProgram.Result.Failed f) {
            AsmError first = f.errors().get(0);
            String more = f.errors().size() > 1 ? " (and " + (f.errors().size() - 1) + " more)" : "";
            throw BadInputException.at(first.file(), first.line(), first.message() + more);
        }
        return ((UserProgram.Result.Ok) r).program();
    }
}
