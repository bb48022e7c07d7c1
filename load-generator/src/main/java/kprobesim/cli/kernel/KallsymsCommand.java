package kprobesim.cli.kernel;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import kprobesim.kernel.symbols.KernelSymbol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kprobesim kallsyms}: the kernel's /proc/kallsyms. */
@Command(name = "kallsyms",
        mixinStandardHelpOptions = true,
        description = {"Print the kernel's symbols as /proc/kallsyms does: 'ffffffff81000000 T do_fork', by address.",
                "PATTERN is a glob over the whole name if it has * ? or [ (e.g. 'do_*'), else a substring.",
                "Exit 0 also when nothing matches (the output is then empty)."})
public final class KallsymsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KernelProfileOption kernel;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATTERN", description = "Which symbols to print (default: all).")
    String pattern;

    @Override
    public Integer call() {
        SymbolPattern p = pattern == null ? null : SymbolPattern.of(pattern);
        PrintWriter out = spec.commandLine().getOut();
        for (KernelSymbol s : kernel.image().symbols().symbols()) {
            if (p == null || p.matches(s.name())) {
                out.println(s.kallsymsLine());
            }
        }
        return 0;
    }
}
