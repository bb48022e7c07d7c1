package kprobesim.cli.x86;

import java.util.List;
import kprobesim.cli.BadInputException;
import kprobesim.cpu.asm.AsmError;
import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.AssemblerOptions;
import kprobesim.cpu.asm.AssemblyResult;
import kprobesim.cpu.asm.ObjectImage;

/** The CLI's use of the assembler: its error values become one {@link BadInputException} line. */
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
}
