/**
 * printk and the dmesg ring buffer.
 *
 * <p>Entry point: {@link kprobesim.kernel.printk.KernelLog#printk(String)}; read with
 * {@link kprobesim.kernel.printk.KernelLog#dmesg()} or incrementally with
 * {@link kprobesim.kernel.printk.KernelLog#since(long)}. Lines look like Linux's:
 * {@code [    5.123456] text}, with virtual time from an injected
 * {@link kprobesim.kernel.printk.KernelClock}.
 *
 * <p>Threading model: {@code KernelLog} is thread-safe (one monitor, held only to assign a
 * sequence number and store, or to copy records out); records are immutable.
 * Invariants: sequence numbers are dense and increasing; the buffer holds the newest
 * {@code min(capacity, nextSeq)} records; {@code dropped = nextSeq - held}.
 */
package kprobesim.kernel.printk;
