package kprobesim.cpu.asm;

import java.util.List;

/** What {@link Assembler#assemble} returns: an image, or the errors that prevented one. */
public sealed interface AssemblyResult {

    /** The source assembled without errors. */
    record Success(ObjectImage image) implements AssemblyResult {}

    /** The source has at least one error; {@code errors} are in source order. */
    record Failure(List<AsmError> errors) implements AssemblyResult {
        public Failure {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a failure needs at least one error");
            }
        }
    }

    default boolean ok() {
        return this instanceof Success;
    }

    /** The image; throws if this is a failure (callers check {@link #ok()} first). */
    default ObjectImage image() {
        if (this instanceof Success s) {
            return s.image();
        }
        throw new IllegalStateException("assembly failed: " + errors());
    }

    /** The errors; empty for a success. */
    default List<AsmError> errors() {
        return this instanceof Failure f ? f.errors() : List.of();
    }
}
