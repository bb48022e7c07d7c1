package kprobesim.cli.x86;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import kprobesim.cli.BadInputException;
import kprobesim.cpu.asm.AsmError;
import kprobesim.cpu.asm.AsmSymbol;
import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.AssemblerOptions;
import kprobesim.cpu.asm.AssemblyResult;
import kprobesim.cpu.asm.ObjectImage;

/** The CLI's use of the assembler: errors become one line, symbols print like {@code nm -n}. */
final class Assembly {
    private Assembly() {}

    /** Assembles {@code source} (named {@code file} in messages) with .text at {@code base}. */
    static ObjectImage assemble(String file, String source, long base) {
        AssemblyResult result = Assembler.assemble(source, file, AssemblerOptions.at(base));
        if (!result.ok()) {
            List<AsmError> errors = result.errors();
            AsmError first = errors.get(0);
            String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
            throw BadInputException.at(first.file(), first.line(), first.message() + more);
        }
        return result.image();
    }

    /**
     * The symbol table as {@code nm -n} prints it: "ADDRESS TYPE NAME", sorted by address then
     * name, TYPE being nm's letter (T text, D data, B bss, R rodata, A absolute; lower case when local).
     */
    static List<String> nmLines(ObjectImage image) {
        List<AsmSymbol> symbols = new ArrayList<>(image.symbols());
        symbols.sort(Comparator.comparing(AsmSymbol::value, Long::compareUnsigned).thenComparing(AsmSymbol::name));
        List<String> lines = new ArrayList<>(symbols.size());
        for (AsmSymbol s : symbols) {
            char type = nmType(s);
            if (s.binding() == AsmSymbol.Binding.LOCAL) {
                type = Character.toLowerCase(type);
            }
            lines.add(String.format(Locale.ROOT, "%016x %c %s", s.value(), type, s.name()));
        }
        return lines;
    }

    private static char nmType(AsmSymbol s) {
        if (s.isAbsolute()) {
            return 'A';
        }
        String sec = s.section();
        if (sec.equals(".text") || sec.startsWith(".text.") || sec.equals(".kprobes.text")) {
            return 'T';
        }
        if (sec.equals(".bss") || sec.startsWith(".bss.")) {
            return 'B';
        }
        if (sec.equals(".rodata") || sec.startsWith(".rodata.")) {
            return 'R';
        }
        return 'D';
    }
}
