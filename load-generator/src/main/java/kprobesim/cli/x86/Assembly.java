package kprobesim.cli.x86;

import java.util.List;
import kprobesim.cli.BadInputException;
import kprobesim.cpu.asm.AsmError;
import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.AssemblerOptions;
import kprobesim.cpu.asm.AssemblyResult;
import kprobesim.cpu.asm.ObjectImage;

/**
 * The CLI's use of the assembler: its error values become one {@link BadInputException} line,
 * the same for {@code x86 asm}, {@code machine run} and {@code boot}'s user programs.
 */
public final class Assembly {
    private Assembly() {}

    /** Assembles {@code source} (named {@code file} in messages) with .text at {@code base}. */
    public static ObjectImage assemble(String file, String source, long base) {
        AssemblyResult result = Assembler.assemble(source, file, AssemblerOptions.at(base));
        if (!result.ok()) {
            throw firstError(result.errors());
        }
        return result.image();
    }

    /** The first of the assembler's {@code errors} at its file:line, with how many more there are. */
    public static BadInputException firstError(List<AsmError> errors) {
        AsmError first = errors.get(0);
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return BadInputException.at(first.file(), first.line(), first.message() + more);
    }
}
