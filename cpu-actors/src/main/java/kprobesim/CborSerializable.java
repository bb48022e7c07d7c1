package kprobesim;

/**
 * Marker for messages and events that may cross a JVM boundary (cluster sweeps, the
 * persistent probe registry). Bound to Jackson CBOR in {@code reference.conf}; Java
 * serialization stays off.
 */
public interface CborSerializable {}
