package kprobesim.cpu.exec;

import kprobesim.cpu.isa.Instruction;

/**
 * The decoder contract the core relies on (implemented by {@code kprobesim.cpu.decode.Decoder}).
 * Returns the decoded instruction ({@code Op.BAD} for invalid bytes) or null when {@code avail}
 * bytes end before the instruction does. Must be pure: it never touches machine state.
 */
@FunctionalInterface
public interface InstructionDecoder {
    Instruction decode(byte[] buf, int off, int avail, long rip);
}
