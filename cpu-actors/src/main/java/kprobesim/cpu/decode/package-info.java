/**
 * The x86-64 decoder: machine-code bytes to {@link kprobesim.cpu.isa.Instruction}s.
 *
 * <p>Threading model: pure and stateless. {@link kprobesim.cpu.decode.Decoder#decode} reads
 * only its arguments, keeps its working state in a per-call object and returns an immutable
 * instruction, so any number of threads (CPU actors) may decode concurrently. The dispatch
 * arrays are built once from {@link kprobesim.cpu.isa.OpcodeTable} during class
 * initialisation and are never written again.
 *
 * <p>Invariants: a returned instruction has 1 &lt;= length &lt;= 15; bytes outside our subset
 * (or a lock prefix where the CPU would raise #UD) decode to {@link kprobesim.cpu.isa.Op#BAD};
 * {@code null} means only "the bytes ran out", never "invalid". Decoding allocates one
 * instruction and a small builder per call; it runs on decode-cache misses, not on the hot
 * path.
 */
package kprobesim.cpu.decode;
