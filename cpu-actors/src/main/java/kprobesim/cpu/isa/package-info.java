/**
 * The x86-64 instruction model shared by the decoder, disassembler, interpreter and assembler.
 *
 * <p>Everything here is immutable and free of machine state. {@link kprobesim.cpu.isa.Op} is
 * the one list of operations: it names each operation once, with the flags it writes and the
 * flags the Intel SDM leaves undefined. {@link kprobesim.cpu.isa.Instruction} is a decoded
 * instruction in Intel operand order (destination first); the disassembler reverses it for
 * AT&amp;T text. {@link kprobesim.cpu.isa.OpcodeTable} is the one list of encodings: every
 * supported opcode row with its operand forms; the decoder builds its dispatch arrays from it
 * and the assembler looks encodings up in it by operation.
 */
package kprobesim.cpu.isa;
