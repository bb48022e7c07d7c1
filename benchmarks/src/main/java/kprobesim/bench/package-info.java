/**
 * Interpreter benchmarks (JMH) and the loop harness behind bench/compare-emulators.sh.
 *
 * <p>Every measurement runs one {@link kprobesim.bench.LoopMachine} on one thread, reused across
 * runs so that the decoded-instruction cache is warm; the loops come from
 * {@link kprobesim.bench.BenchLoop}, whose sources GNU as also assembles for the other emulators.
 */
package kprobesim.bench;
